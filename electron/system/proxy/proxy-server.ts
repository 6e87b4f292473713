// Proxy servers as the settings name them ("proxy:3128", "http://user:pw@proxy:3128", "socks5://h:1080"), the
// Windows "http=a:1;https=b:2" form, and Chromium's PAC/resolveProxy result ("PROXY a:1; SOCKS5 b:2; DIRECT").
// Pure: no I/O. Credentials are kept for probing but never appear in `describeProxyServer`.
import { isIP } from 'node:net';

export type ProxyScheme = 'http' | 'https' | 'socks4' | 'socks5';

export interface ProxyServer {
  scheme: ProxyScheme;
  /** Host name or IP address (IPv6 without brackets). */
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** Which proxy each kind of URL uses (Chromium's ProxyRules): `all` wins, else per scheme, else `socks`. */
export interface ProxyRules {
  all?: ProxyServer;
  http?: ProxyServer;
  https?: ProxyServer;
  /** Used for any scheme without its own proxy (Windows `socks=`, GNOME socks host). */
  socks?: ProxyServer;
}

const DEFAULT_PORT: Record<ProxyScheme, number> = { http: 80, https: 443, socks4: 1080, socks5: 1080 };

const URI_SCHEMES: Record<string, ProxyScheme> = {
  http: 'http',
  https: 'https',
  socks: 'socks4',
  socks4: 'socks4',
  socks4a: 'socks4',
  socks5: 'socks5',
  socks5h: 'socks5',
};

const HOST_PATTERN = /^[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})$/;

/** "proxy:3128", "http://u:p@proxy:3128/", "[::1]:8080", "socks5://h" → a server; null when malformed. */
export function parseProxyServer(text: string, defaultScheme: ProxyScheme = 'http'): ProxyServer | null {
  const value = text.trim();
  if (!value) return null;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  let scheme = defaultScheme;
  if (schemeMatch) {
    const known = URI_SCHEMES[schemeMatch[1]!.toLowerCase()];
    if (!known) return null;
    scheme = known;
  }
  let url: URL;
  try {
    // Parse as http so URL gives us host/port/userinfo whatever the proxy scheme is.
    url = new URL(`http://${schemeMatch ? value.slice(schemeMatch[0].length) : value}`);
  } catch {
    return null;
  }
  if (url.pathname !== '/' || url.search || url.hash) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host || (isIP(host) === 0 && !HOST_PATTERN.test(host))) return null;
  // URL drops a port equal to http's default (80), so read the written one.
  const written = /:(\d{1,5})\/?$/.exec(value);
  const port = written ? Number(written[1]) : DEFAULT_PORT[scheme];
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  const server: ProxyServer = { scheme, host: host.toLowerCase(), port };
  if (url.username) server.username = decodeURIComponent(url.username);
  if (url.password) server.password = decodeURIComponent(url.password);
  return server;
}

function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** A URL for the prober, credentials included (they never leave this process). */
export function proxyServerUrl(server: ProxyServer): string {
  const auth = server.username
    ? `${encodeURIComponent(server.username)}${server.password !== undefined ? `:${encodeURIComponent(server.password)}` : ''}@`
    : '';
  return `${server.scheme}://${auth}${hostForUrl(server.host)}:${server.port}`;
}

function formatServer(server: ProxyServer, userinfo: string): string {
  return `${server.scheme}://${userinfo}${hostForUrl(server.host)}:${server.port}`;
}

/** For people and reports: scheme, host and port, never the credentials ("***@" says there are some). */
export function describeProxyServer(server: ProxyServer): string {
  return formatServer(server, server.username ? '***@' : '');
}

/** The proxy URL a probe was given, as its result records it: scheme, host and port, credentials dropped. */
export function redactProxyUrl(url: string): string {
  const server = parseProxyServer(url);
  if (server) return formatServer(server, '');
  // Not a proxy address we can read: still never its credentials.
  return url.replace(/\/\/[^@/]*@/, '//');
}

/**
 * Windows' ProxyServer value (also GNOME/KDE-style lists): "proxy:8080" for every scheme, or
 * "http=a:80;https=b:443;socks=c:1080" per scheme (a "socks=" entry is SOCKS4 in WinINet).
 */
export function parseProxyServerList(text: string): ProxyRules {
  const value = text.trim();
  if (!value) return {};
  if (!value.includes('=')) {
    const server = parseProxyServer(value.split(/[;\s]/)[0]!, 'http');
    return server ? { all: server } : {};
  }
  const rules: ProxyRules = {};
  for (const part of value.split(/[;\s]+/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const server = parseProxyServer(part.slice(eq + 1), key === 'socks' ? 'socks4' : 'http');
    if (!server) continue;
    if (key === 'http' || key === 'https' || key === 'socks') rules[key] ??= server;
  }
  return rules;
}

export type PacEntry = { kind: 'direct' } | { kind: 'proxy'; server: ProxyServer };

const PAC_TYPES: Record<string, ProxyScheme> = { PROXY: 'http', HTTP: 'http', HTTPS: 'https', SOCKS: 'socks4', SOCKS4: 'socks4', SOCKS5: 'socks5' };

/** Chromium's PAC / `session.resolveProxy` answer: "PROXY a:1; HTTPS b:443; DIRECT" → entries in order. */
export function parsePacResult(text: string): PacEntry[] {
  const entries: PacEntry[] = [];
  for (const raw of text.split(';')) {
    const [type, address] = raw.trim().split(/\s+/, 2);
    if (!type) continue;
    if (type.toUpperCase() === 'DIRECT') {
      entries.push({ kind: 'direct' });
      continue;
    }
    const scheme = PAC_TYPES[type.toUpperCase()];
    // The PAC type names the scheme; the address is bare host:port.
    const server = scheme && address && !address.includes('://') ? parseProxyServer(address, scheme) : null;
    if (server) entries.push({ kind: 'proxy', server });
  }
  return entries;
}
