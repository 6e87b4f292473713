// Which URLs the app may load, navigate to or hand to the system browser. Pure (no electron), unit-tested.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../common/spec.js';
import { pageUrl } from './ipc-guard.js';

/** Whether `url` is the app page itself (hash and query aside). */
export function isAppPage(url: string, appUrl: string): boolean {
  const page = pageUrl(url);
  return page !== null && page === pageUrl(appUrl);
}

/**
 * Whether the renderer may load `url`: only files inside the renderer's own folder (its page, scripts, styles,
 * images), inline data: images and the page's own blob: URLs. No remote content of any kind.
 */
export function isAllowedRendererRequest(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // data: images, and blob: URLs the page made itself (the exported report it hands over as a download).
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  // Developer tools load their own front end when a developer opens them (never in a packaged build).
  if (parsed.protocol === 'devtools:') return true;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let file: string;
  try {
    file = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const relative = path.relative(path.resolve(rendererDir), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The https: origins the app may open in the system browser: the profile's support and status pages. */
export function externalOrigins(profile: Profile): string[] {
  const origins = new Set<string>();
  for (const url of [profile.supportUrl, profile.statusPage?.url]) {
    if (url === undefined) continue;
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') origins.add(parsed.origin);
  }
  return [...origins];
}

/**
 * The URL to hand to shell.openExternal, normalised, or null when it must not be opened: only https: URLs on one
 * of the allowed origins, without credentials.
 */
export function externalUrlToOpen(url: string, allowedOrigins: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
  return allowedOrigins.includes(parsed.origin) ? parsed.href : null;
}

/** Whether a download may proceed: only the exported report, which the page hands over as a blob: URL. */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith('blob:');
}

/**
 * Whether a permission may be granted: only desktop notifications (the end of a timer, a service that is back),
 * and only to the app's own page. Everything else (camera, location, clipboard reading…) is denied.
 */
export function isAllowedPermission(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return permission === 'notifications' && requestingUrl !== undefined && isAppPage(requestingUrl, appUrl);
}
