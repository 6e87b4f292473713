// Addresses the wizard shows as text (the app never navigates away from itself).

/** The human page behind a Statuspage `summary.json` API address: https://status.x.com/api/v2/summary.json → https://status.x.com/ */
export function statusPageHome(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    const apiPath = /\/api\/v2\/[a-z_]+\.json$/i;
    if (!apiPath.test(url.pathname)) return url.href;
    url.pathname = url.pathname.replace(apiPath, '/');
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return apiUrl;
  }
}

/** The host name of the target the user opens, for instructions ("go to chatgpt.com"). */
export function siteHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}
