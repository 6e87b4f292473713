// Redaction of a report before it leaves the machine: support needs the facts of the failure, not who the user is,
// where they are, or what would let someone act as them. Applied to every string of the report, the profile, the
// facts and the session included; keys named like secrets are masked whole.
//   - the user's own words (user name, home folder, host name) and secret values found under secret-named keys;
//   - credentials in URLs (https://user:secret@host) and the values of query or fragment parameters that carry
//     tokens (?access_token=…, &X-Amz-Signature=…, #id_token=…), and bearer/basic tokens in text;
//   - MAC addresses and link-local IPv6 interface identifiers (often built from the MAC);
//   - IP addresses, private or public, to their network part (192.168.x.x, 104.18.x.x, 2a02:8108:…), so support
//     still tells a home router from a company network, or a Cloudflare address from a hijacked answer.
// What stays exact: the service's own host names (the profile's targets), loopback addresses, and the well-known
// public resolvers (and any the caller names), which identify nobody and which support needs to read.
import { DNS_PRESETS } from '../common/dns-schema.js';
import type { Report } from '../common/spec.js';

export interface RedactionContext {
  /** Words that identify the user or machine (user name, home folder, host name): replaced wherever they occur. */
  identifiers: { value: string; label: string }[];
  /** Words kept exactly as they are, wherever they occur (host names, resolver addresses). */
  keep?: string[];
}

const REDACTED = '[redacted]';

const MAC = /\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b/gi;
// An IPv4 address not inside a longer dotted number (a version like 1.2.3.4.5 is left alone).
const V4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/g;
// IPv6 addresses with a global (2000::/3) or unique-local (fc00::/7) prefix: keep the first two groups.
const V6 = /\b((?:[23][0-9a-f]{3}|f[cd][0-9a-f]{2}):[0-9a-f]{1,4}):[0-9a-f:]*[0-9a-f]\b/gi;
// Link-local IPv6 (fe80::…): the interface identifier is often built from the MAC address; keep only the prefix.
const LINK_LOCAL_V6 = /\bfe80:[0-9a-f:]*[0-9a-f]/gi;
// Credentials inside URLs: everything between "//" and the last "@" of the authority (user:p@ss@host too).
const URL_CREDENTIALS = /\/\/[^/?#\s"'<>]*@/g;
// A parameter of a query string, a fragment or a cookie-like list: its name decides whether its value is secret.
const PARAMETER = /([?&#;])([A-Za-z0-9_.\-[\]]{1,100})=([^&#;\s"'<>]*)/g;
const AUTH_SCHEME_TOKEN = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const SECRET_KEYS = /^(ssid|bssid|password|passwd|username|user|token|cookie|set-cookie|authorization|proxy-authorization|proxyauth|api[-_]?key|x-api-key|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token|id[-_]?token)$/i;

/** Parameter names whose values are credentials: tokens, keys, signatures, passwords, session ids, OAuth codes. */
const SECRET_PARAMETER_PARTS = new Set(['token', 'auth', 'authorization', 'key', 'apikey', 'secret', 'password', 'passwd', 'pwd', 'pass', 'sig', 'signature', 'credential', 'credentials', 'session', 'sessionid', 'sid', 'code', 'jwt', 'bearer', 'ticket', 'otp', 'hash', 'nonce']);
export function isSecretParameter(name: string): boolean {
  const lower = name.toLowerCase().replace(/\[\]$/, '');
  if (/token|secret|passw|signature|api_?key|credential/.test(lower)) return true;
  return lower.split(/[-_.]/).some((part) => SECRET_PARAMETER_PARTS.has(part));
}

/** Public resolvers everyone knows: their addresses are not anyone's. */
const WELL_KNOWN_RESOLVERS = [...Object.values(DNS_PRESETS).flatMap((preset) => [...preset.servers]), '208.67.222.222', '208.67.220.220'];

/** Private, shared and special IPv4 ranges are as telling as public ones once cut to their network part. */
function redactV4(match: string, a: string, b: string, c: string, d: string, keep: ReadonlySet<string>): string {
  const octets = [a, b, c, d].map(Number);
  if (octets.some((o) => o > 255)) return match; // not an address
  if (octets[0] === 127 || keep.has(match)) return match;
  if (octets.every((o) => o === 0) || match === '255.255.255.255') return match;
  return `${a}.${b}.x.x`;
}

function redactUrlParts(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `//${REDACTED}@`)
    .replace(PARAMETER, (whole, lead: string, name: string, value: string) => (value !== '' && isSecretParameter(name) ? `${lead}${name}=${REDACTED}` : whole))
    .replace(AUTH_SCHEME_TOKEN, `$1 ${REDACTED}`);
}

function redactPlain(text: string, context: Required<RedactionContext>, keepSet: ReadonlySet<string>): string {
  let out = text;
  for (const { value, label } of context.identifiers) {
    if (value.length >= 3) out = out.split(value).join(label);
  }
  return out
    .replace(MAC, 'xx:xx:xx:xx:xx:xx')
    .replace(V4, (match: string, a: string, b: string, c: string, d: string) => redactV4(match, a, b, c, d, keepSet))
    .replace(LINK_LOCAL_V6, 'fe80::…')
    .replace(V6, (match: string, prefix: string) => (keepSet.has(match.toLowerCase()) ? match : `${prefix}:…`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts one string: secrets in URLs first (over the whole text), then everything else outside the kept words. */
function redactorFor(context: RedactionContext): (text: string) => string {
  const keep = [...new Set([...(context.keep ?? []), ...WELL_KNOWN_RESOLVERS])].filter((word) => word.length >= 3).sort((a, b) => b.length - a.length);
  const keepSet = new Set(keep.map((word) => word.toLowerCase()));
  // A kept word counts only as a whole name (or a subdomain's end): "chat.lab" in "https://auth.chat.lab/", not in
  // "mychat.lab" or "chat.lab.evil".
  const kept = keep.length > 0 ? new RegExp(`(?<![\\w-])(?:${keep.map(escapeRegExp).join('|')})(?![\\w-]|\\.\\w)`, 'gi') : null;
  const full: Required<RedactionContext> = { identifiers: context.identifiers, keep };
  return (text) => {
    const cleaned = redactUrlParts(text);
    if (!kept) return redactPlain(cleaned, full, keepSet);
    let out = '';
    let last = 0;
    for (const match of cleaned.matchAll(kept)) {
      out += redactPlain(cleaned.slice(last, match.index), full, keepSet) + match[0];
      last = match.index + match[0].length;
    }
    return out + redactPlain(cleaned.slice(last), full, keepSet);
  };
}

function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null && v !== '' ? REDACTED : redactValue(v, redact)]),
    );
  }
  return value;
}

/** The values of secret-named keys anywhere in the report (an SSID also appears inside summary sentences). */
function secretValues(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => secretValues(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(key) && typeof v === 'string' && v.length >= 3) found.add(v);
      else secretValues(v, found);
    }
  }
  return found;
}

/** The host names of the profile's targets: the service's own, kept readable. */
function serviceHosts(report: Report): string[] {
  const hosts: string[] = [];
  for (const target of report.profile.targets) {
    try {
      hosts.push(new URL(target).hostname.replace(/^\[|\]$/g, ''));
    } catch {
      // not a URL: nothing to keep
    }
  }
  return hosts;
}

/** A copy of the report with identifying details replaced; `environment.redacted` says it was done. */
export function redactReport(report: Report, context: RedactionContext): Report {
  const secrets = [...secretValues(report, new Set())].map((value) => ({ value, label: REDACTED }));
  // Longest first, so a value containing another is replaced whole.
  const identifiers = [...secrets, ...context.identifiers].sort((a, b) => b.value.length - a.value.length);
  const keep = [...(context.keep ?? []), ...serviceHosts(report), report.profile.name];
  const redact = redactorFor({ identifiers, keep });
  const copy = redactValue(report, redact) as Report;
  copy.generator = report.generator;
  copy.environment.redacted = true;
  return copy;
}
