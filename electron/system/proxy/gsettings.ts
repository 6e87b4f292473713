// GNOME's system proxy (org.gnome.system.proxy), read with one `gsettings list-recursively` call and interpreted
// as Chromium's GSettings getter does: mode 'none' | 'manual' | 'auto'; manual uses the http/https/socks hosts;
// auto uses autoconfig-url (empty = WPAD auto-detection); ignore-hosts without suffix matching.
// Pure argv builder and parser; no I/O here.
import { parseBypassRules } from './bypass-rules.js';
import type { ProxyConfig } from './proxy-config.js';
import type { ProxyRules, ProxyScheme, ProxyServer } from './proxy-server.js';
import { parseProxyServer } from './proxy-server.js';

export function gsettingsProxyArgv(): string[] {
  return ['gsettings', 'list-recursively', 'org.gnome.system.proxy'];
}

type GValue = string | number | boolean | string[];

/** One GVariant text value as gsettings prints it: 'text', "it's", 3128, uint32 3128, true, ['a', 'b'], @as []. */
export function parseGVariant(text: string): GValue {
  const value = text.trim().replace(/^(?:u?int(?:16|32|64)|byte|double)\s+/, '');
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value.startsWith('@as') || value.startsWith('[')) return readStrings(value.replace(/^@as\s*/, ''));
  const strings = readStrings(value);
  return strings[0] ?? value;
}

/** Every quoted string in a GVariant text, unescaped. */
function readStrings(text: string): string[] {
  const out: string[] = [];
  const pattern = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(pattern)) {
    out.push((match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  return out;
}

/** `gsettings list-recursively` lines → "schema key" → value (passwords are dropped, never kept). */
export function parseGsettingsList(output: string): Map<string, GValue> {
  const values = new Map<string, GValue>();
  for (const line of output.split('\n')) {
    const match = /^(org\.gnome\.system\.proxy(?:\.[a-z]+)?)\s+([a-z0-9-]+)\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, schema, key, raw] = match;
    if (key === 'authentication-password') continue;
    values.set(`${schema} ${key}`, parseGVariant(raw!));
  }
  return values;
}

function server(values: Map<string, GValue>, kind: 'http' | 'https' | 'socks', scheme: ProxyScheme): ProxyServer | undefined {
  const host = values.get(`org.gnome.system.proxy.${kind} host`);
  const port = values.get(`org.gnome.system.proxy.${kind} port`);
  if (typeof host !== 'string' || host === '' || typeof port !== 'number' || port <= 0) return undefined;
  const parsed = parseProxyServer(`${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`, scheme);
  if (!parsed) return undefined;
  const user = values.get('org.gnome.system.proxy.http authentication-user');
  const useAuth = values.get('org.gnome.system.proxy.http use-authentication');
  // The password is not read (never kept); a probe without it may get 407, which the evidence explains.
  if (kind === 'http' && useAuth === true && typeof user === 'string' && user) parsed.username = user;
  return parsed;
}

/** The GNOME setting as a configuration; null when the output holds no proxy schema (no GNOME settings). */
export function parseGsettingsProxy(output: string): ProxyConfig | null {
  const values = parseGsettingsList(output);
  const mode = values.get('org.gnome.system.proxy mode');
  if (typeof mode !== 'string') return null;
  const ignore = values.get('org.gnome.system.proxy ignore-hosts');
  const bypass = parseBypassRules(Array.isArray(ignore) ? ignore : []);
  if (mode === 'auto') {
    const pac = values.get('org.gnome.system.proxy autoconfig-url');
    return typeof pac === 'string' && pac
      ? { source: 'gsettings', mode: 'pac', rules: {}, bypass, pacUrl: pac }
      : { source: 'gsettings', mode: 'auto-detect', rules: {}, bypass };
  }
  if (mode !== 'manual') return { source: 'gsettings', mode: 'direct', rules: {}, bypass };

  const rules: ProxyRules = {};
  const http = server(values, 'http', 'http');
  if (values.get('org.gnome.system.proxy use-same-proxy') === true && http) {
    rules.all = http;
  } else {
    const https = server(values, 'https', 'http');
    const socks = server(values, 'socks', 'socks5');
    if (http) rules.http = http;
    if (https) rules.https = https;
    if (socks) rules.socks = socks;
  }
  const anyRule = rules.all ?? rules.http ?? rules.https ?? rules.socks;
  return anyRule ? { source: 'gsettings', mode: 'manual', rules, bypass } : { source: 'gsettings', mode: 'direct', rules: {}, bypass };
}
