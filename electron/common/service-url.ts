// "Any URL" (SPEC.md "Built-in services"): what a typed address must be before it becomes a profile, and where
// its Statuspage-compatible status page would be. Pure and runs anywhere, so the IPC contract, the engine and the
// CLI refuse the same addresses with the same one-line message.

/** Longer than any real service address; a cap keeps profiles, titles and log lines small. */
export const SERVICE_URL_MAX_LENGTH = 2_048;

export type ServiceUrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/**
 * Validates a typed address: http: or https: only, no user name or password, a host name, no spaces or control
 * characters, at most SERVICE_URL_MAX_LENGTH characters. An address typed without a scheme ("claude.ai") is read
 * as https://. The message is one line meant for the person who typed it.
 */
export function checkServiceUrl(input: string): ServiceUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'the address is empty' };
  if (text.length > SERVICE_URL_MAX_LENGTH) return { ok: false, message: `the address is longer than ${SERVICE_URL_MAX_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(text)) return { ok: false, message: 'the address contains spaces or control characters' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'this is not a web address' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `only http: and https: addresses can be checked, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'the address must not contain a user name or password' };
  if (url.hostname === '') return { ok: false, message: 'the address has no host name' };
  return { ok: true, url };
}

/**
 * Public suffixes of more than one label under which sites register their names (example.co.uk). NOT the full
 * Public Suffix List: a small table of the common ones, so that `status.<registered domain>` is right for most
 * sites; for the rest the status page is simply not found and the profile has none.
 */
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'sch.uk', 'nhs.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'id.au',
  'co.nz', 'net.nz', 'org.nz', 'govt.nz', 'ac.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'ad.jp', 'ed.jp', 'gr.jp', 'lg.jp',
  'co.kr', 'or.kr', 'ne.kr', 'go.kr', 'ac.kr',
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn',
  'com.hk', 'net.hk', 'org.hk', 'gov.hk', 'edu.hk',
  'com.tw', 'net.tw', 'org.tw', 'gov.tw', 'edu.tw',
  'com.sg', 'net.sg', 'org.sg', 'gov.sg', 'edu.sg',
  'com.my', 'net.my', 'org.my', 'gov.my', 'edu.my',
  'co.in', 'net.in', 'org.in', 'gov.in', 'ac.in', 'firm.in', 'gen.in', 'ind.in',
  'co.id', 'or.id', 'ac.id', 'go.id', 'web.id',
  'co.th', 'in.th', 'or.th', 'ac.th', 'go.th',
  'com.br', 'net.br', 'org.br', 'gov.br', 'edu.br',
  'com.ar', 'net.ar', 'org.ar', 'gob.ar',
  'com.mx', 'net.mx', 'org.mx', 'gob.mx', 'edu.mx',
  'com.co', 'net.co', 'org.co', 'gov.co',
  'com.tr', 'net.tr', 'org.tr', 'gov.tr', 'edu.tr',
  'co.za', 'org.za', 'net.za', 'gov.za', 'ac.za',
  'co.il', 'org.il', 'net.il', 'ac.il', 'gov.il',
  'com.ua', 'net.ua', 'org.ua', 'gov.ua',
  'com.pl', 'net.pl', 'org.pl',
  'com.vn', 'net.vn', 'org.vn', 'gov.vn',
  'com.ph', 'net.ph', 'org.ph', 'gov.ph',
  'com.pk', 'net.pk', 'org.pk', 'gov.pk',
  'com.sa', 'net.sa', 'org.sa', 'gov.sa',
  'com.eg', 'net.eg', 'org.eg', 'gov.eg',
  'com.ng', 'net.ng', 'org.ng', 'gov.ng',
  'co.ke', 'or.ke', 'ac.ke', 'go.ke',
]);

const isIpLiteral = (host: string): boolean => host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

/**
 * The name a site registered: chat.example.com → example.com, www.example.co.uk → example.co.uk. Null for an IP
 * address, a single-label name (localhost) or a bare public suffix.
 */
export function registeredDomain(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '' || isIpLiteral(host)) return null;
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) return null;
  const lastTwo = labels.slice(-2).join('.');
  if (MULTI_LABEL_SUFFIXES.has(lastTwo)) return labels.length >= 3 ? labels.slice(-3).join('.') : null;
  return lastTwo;
}

/** Where an Atlassian-Statuspage-compatible summary of the site would be, or null when there is no such name. */
export function statusPageCandidate(hostname: string): string | null {
  const domain = registeredDomain(hostname);
  return domain === null ? null : `https://status.${domain}/api/v2/summary.json`;
}
