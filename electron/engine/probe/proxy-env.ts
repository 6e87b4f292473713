// Which proxy a request to a URL goes through, according to the conventional environment variables
// (https_proxy / http_proxy / all_proxy / no_proxy, lower case first as curl reads them) and the loopback and
// link-local hosts Chromium never sends to a proxy. Pure: the environment is an argument.
import { isIP } from 'node:net';

export interface ProxyChoice {
  /** The proxy's URL as configured (credentials included: use redactProxyUrl for anything shown). */
  url: string;
  /** The variable it came from. */
  variable: string;
  /** Only http:// proxies can be probed; socks or https:// proxies are reported but not used. */
  supported: boolean;
}

type Env = Record<string, string | undefined>;

function firstSet(env: Env, names: string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return null;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inIpv4Cidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!base || isIP(base) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ipv4ToNumber(ip) / size) === Math.floor(ipv4ToNumber(base) / size);
}

/** Hosts Chromium bypasses whatever the settings say: localhost, *.localhost, loopback and link-local addresses. */
export function isImplicitlyBypassed(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return inIpv4Cidr(host, '127.0.0.0/8') || inIpv4Cidr(host, '169.254.0.0/16');
  if (isIP(host) === 6) return host === '::1' || /^fe[89ab][0-9a-f]:/.test(host);
  return false;
}

/** One no_proxy entry against a host and port: `*`, `host`, `.host` / `*.host` (and subdomains), `host:port`, IPs, IPv4 CIDR. */
function matchesNoProxyEntry(entry: string, host: string, port: string): boolean {
  let pattern = entry.toLowerCase();
  if (pattern === '*') return true;
  if (pattern.includes('/')) return isIP(host) === 4 && inIpv4Cidr(host, pattern);
  const portMatch = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(pattern);
  if (portMatch) {
    if (portMatch[2] !== port) return false;
    pattern = portMatch[1]!;
  }
  pattern = pattern.replace(/^\[|\]$/g, '').replace(/^\*?\./, '.').replace(/\.$/, '');
  if (pattern.startsWith('.')) return host.endsWith(pattern) || host === pattern.slice(1);
  return host === pattern || host.endsWith(`.${pattern}`);
}

/** Whether no_proxy / NO_PROXY exempts this URL. */
export function isBypassedByNoProxy(url: URL, env: Env): boolean {
  const list = firstSet(env, ['no_proxy', 'NO_PROXY']);
  if (!list) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return list.value
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => matchesNoProxyEntry(entry, host, port));
}

/** The proxy the browser would use for this URL according to the environment, or null for a direct connection. */
export function proxyForUrl(url: string, env: Env): ProxyChoice | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return null;
  if (isImplicitlyBypassed(target.hostname) || isBypassedByNoProxy(target, env)) return null;
  const scheme = target.protocol === 'https:' ? 'https' : 'http';
  const setting = firstSet(env, [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY']);
  if (!setting) return null;
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(setting.value) ? setting.value : `http://${setting.value}`;
  let proxy: URL;
  try {
    proxy = new URL(raw);
  } catch {
    return { url: setting.value, variable: setting.name, supported: false };
  }
  return { url: raw, variable: setting.name, supported: proxy.protocol === 'http:' && proxy.hostname !== '' };
}

/** The proxy URL without its credentials, for evidence and sentences. */
export function redactProxyUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
