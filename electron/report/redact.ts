// Redaction of a report before it leaves the machine: support needs the facts of the failure, not who the user is
// or what their home network looks like. Applied to every string of the report; keys named like secrets are masked.
import type { Report } from '../common/spec.js';

export interface RedactionContext {
  /** Words that identify the user or machine (user name, home folder, host name): replaced wherever they occur. */
  identifiers: { value: string; label: string }[];
}

const MAC = /\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b/gi;
// Private IPv4 ranges: keep the network part so support can tell a 192.168 home router from a 10.x company one.
const PRIVATE_V4 = /\b(10\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])|192\.168)\.\d{1,3}\.\d{1,3}\b/g;
// IPv6 addresses with a global or unique-local prefix: keep the first two groups.
const V6 = /\b((?:2[0-9a-f]{3}|f[cd][0-9a-f]{2}):[0-9a-f]{1,4}):[0-9a-f:]{2,}\b/gi;
// Link-local IPv6 (fe80::…): the interface identifier is often built from the MAC address; keep only the prefix.
const LINK_LOCAL_V6 = /\bfe80:[0-9a-f:]*[0-9a-f]/gi;
// Credentials inside URLs (http://user:password@proxy:8080).
const URL_CREDENTIALS = /\/\/[^/@\s]+@/g;
const SECRET_KEYS = /^(ssid|bssid|password|username|user|token|cookie|authorization|proxyauth)$/i;

function redactString(text: string, context: RedactionContext): string {
  let out = text;
  for (const { value, label } of context.identifiers) {
    if (value.length >= 3) out = out.split(value).join(label);
  }
  return out
    .replace(URL_CREDENTIALS, '//[redacted]@')
    .replace(MAC, 'xx:xx:xx:xx:xx:xx')
    .replace(PRIVATE_V4, (_m, net: string) => `${net}.x.x`)
    .replace(V6, (_m, prefix: string) => `${prefix}:…`)
    .replace(LINK_LOCAL_V6, 'fe80::…');
}

function redactValue(value: unknown, context: RedactionContext): unknown {
  if (typeof value === 'string') return redactString(value, context);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null && v !== '' ? '[redacted]' : redactValue(v, context)]),
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

/** A copy of the report with identifying details replaced; `environment.redacted` says it was done. */
export function redactReport(report: Report, context: RedactionContext): Report {
  const secrets = [...secretValues(report, new Set())].map((value) => ({ value, label: '[redacted]' }));
  // Longest first, so a value containing another is replaced whole.
  const identifiers = [...secrets, ...context.identifiers].sort((a, b) => b.value.length - a.value.length);
  const copy = redactValue(report, { identifiers }) as Report;
  // Profile URLs and the verdict are the service's, not the user's: keep them exact.
  copy.profile = report.profile;
  copy.generator = report.generator;
  copy.environment.redacted = true;
  return copy;
}
