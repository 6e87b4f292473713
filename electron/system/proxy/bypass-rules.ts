// Proxy bypass lists (NO_PROXY, GNOME ignore-hosts, macOS ExceptionsList, Windows ProxyOverride) with Chromium's
// semantics (net/proxy_resolution/proxy_bypass_rules.cc), so the CLI decides like the browser would:
//  - "*" bypasses everything; "<local>" bypasses dotless host names; "<-loopback>" removes the implicit rules;
//  - "[scheme://]pattern[:port]" with "*" wildcards, a leading "." meaning "*.";
//  - IP literals and CIDR blocks ("10.0.0.0/8", "169.254/16", "[fe80::]/10") match IP-literal hosts only;
//  - implicit rules: localhost, *.localhost, loopback and link-local addresses never go through a proxy;
//  - NO_PROXY uses suffix matching: "example.com" means "*example.com".
// Pure: no I/O, no DNS.
import { isIP } from 'node:net';

type BypassRule =
  | { kind: 'all' }
  | { kind: 'local' }
  | { kind: 'host'; pattern: RegExp; scheme?: string; port?: number; text: string }
  | { kind: 'cidr'; bytes: number[]; prefix: number; text: string };

export interface BypassRules {
  rules: BypassRule[];
  /** Chromium's implicit loopback/link-local bypass (off after "<-loopback>"). */
  implicit: boolean;
  /** The entries as written, for evidence. */
  entries: string[];
}

export interface BypassParseOptions {
  /** NO_PROXY style: a bare "example.com" also matches "www.example.com" (and, like Chromium, "myexample.com"). */
  suffixMatching?: boolean;
}

export const NO_BYPASS: BypassRules = { rules: [], implicit: true, entries: [] };

/** Bytes of an IPv4/IPv6 literal (IPv4 as 4 bytes, IPv6 as 16); null when not an address. */
export function ipBytes(address: string): number[] | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return bare.split('.').map(Number);
  if (family !== 6) return null;
  let text = bare;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail = v4[1]!.split('.').map(Number);
    text = text.slice(0, -v4[1]!.length) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...(rest !== undefined ? Array<string>(Math.max(0, missing)).fill('0') : []), ...restGroups];
  const bytes = groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inBlock(bytes: number[], block: number[], prefix: number): boolean {
  if (bytes.length !== block.length) return false;
  for (let bit = 0; bit < prefix; bit += 1) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[i]! & mask) !== (block[i]! & mask)) return false;
  }
  return true;
}

/** "169.254/16" (short IPv4 as macOS writes it), "10.0.0.0/8", "[fe80::]/10", "fe80::/10". */
function parseCidr(text: string): { bytes: number[]; prefix: number } | null {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return null;
  let address = text.slice(0, slash).replace(/^\[|\]$/g, '');
  const prefix = Number(text.slice(slash + 1));
  if (!/^\d{1,3}$/.test(text.slice(slash + 1))) return null;
  if (/^\d+(\.\d+){0,2}$/.test(address)) address = [...address.split('.'), '0', '0', '0'].slice(0, 4).join('.');
  const bytes = ipBytes(address);
  if (!bytes || prefix > bytes.length * 8) return null;
  return { bytes, prefix };
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function parseRule(raw: string, options: BypassParseOptions): BypassRule | 'subtract-implicit' | null {
  const entry = raw.trim();
  if (!entry) return null;
  const lower = entry.toLowerCase();
  if (lower === '<-loopback>') return 'subtract-implicit';
  if (lower === '<local>') return { kind: 'local' };
  if (entry === '*') return { kind: 'all' };

  let rest = entry;
  let scheme: string | undefined;
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  if (!scheme && rest.includes('/')) {
    const cidr = parseCidr(rest);
    return cidr ? { kind: 'cidr', ...cidr, text: entry } : null;
  }
  // An IP literal is an exact /32 or /128 block.
  const literal = ipBytes(rest);
  if (!scheme && literal) return { kind: 'cidr', bytes: literal, prefix: literal.length * 8, text: entry };

  let port: number | undefined;
  let host = rest;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (/^:\d{1,5}$/.test(after)) port = Number(after.slice(1));
  } else {
    const withPort = /^([^:]*):(\d{1,5})$/.exec(rest);
    if (withPort) {
      host = withPort[1]!;
      port = Number(withPort[2]);
    }
  }
  host = host.toLowerCase();
  if (!host) return null;
  if (host.startsWith('.')) host = `*${host}`;
  else if (options.suffixMatching && !host.startsWith('*')) host = `*${host}`;
  return { kind: 'host', pattern: wildcardToRegExp(host), ...(scheme ? { scheme } : {}), ...(port ? { port } : {}), text: entry };
}

/** Parses a list given as one string (",", ";" or whitespace separated) or as entries. */
export function parseBypassRules(input: string | readonly string[], options: BypassParseOptions = {}): BypassRules {
  const entries = (typeof input === 'string' ? input.split(/[,;\s]+/) : [...input]).map((e) => e.trim()).filter(Boolean);
  const rules: BypassRule[] = [];
  let implicit = true;
  for (const entry of entries) {
    const rule = parseRule(entry, options);
    if (rule === 'subtract-implicit') implicit = false;
    else if (rule) rules.push(rule);
  }
  return { rules, implicit, entries };
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/** Chromium's implicit bypass: localhost names, loopback and link-local literals. */
export function isImplicitlyBypassed(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.localdomain' || host === 'localhost6' || host === 'localhost6.localdomain6') {
    return true;
  }
  const bytes = ipBytes(host);
  if (!bytes) return false;
  if (bytes.length === 4) return bytes[0] === 127 || (bytes[0] === 169 && bytes[1] === 254);
  const loopback6 = bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1;
  const linkLocal6 = bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80;
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return loopback6 || linkLocal6 || (mapped && (bytes[12] === 127 || (bytes[12] === 169 && bytes[13] === 254)));
}

/** Whether a request to `url` goes direct under these rules. */
export function bypassesProxy(rules: BypassRules, url: URL): boolean {
  if (rules.implicit && isImplicitlyBypassed(url)) return true;
  const host = url.hostname.toLowerCase();
  const scheme = url.protocol.replace(/:$/, '');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  const bytes = ipBytes(host);
  return rules.rules.some((rule) => {
    switch (rule.kind) {
      case 'all':
        return true;
      case 'local':
        return !host.includes('.') && bytes === null;
      case 'cidr':
        return bytes !== null && inBlock(bytes, rule.bytes, rule.prefix);
      case 'host':
        if (rule.scheme && rule.scheme !== scheme) return false;
        if (rule.port && rule.port !== port) return false;
        return rule.pattern.test(host);
    }
  });
}
