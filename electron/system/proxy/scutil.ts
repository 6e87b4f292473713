// macOS's system proxy as `scutil --proxy` prints it (the SCDynamicStore's State:/Network/Global/Proxies):
//   <dictionary> {
//     ExceptionsList : <array> { 0 : *.local  1 : 169.254/16 }
//     HTTPEnable : 1   HTTPPort : 8080   HTTPProxy : proxy.example   …
//   }
// Pure argv builder and parser; no I/O here.
import { parseBypassRules } from './bypass-rules.js';
import type { ProxyConfig } from './proxy-config.js';
import { parseProxyServer, type ProxyRules, type ProxyScheme, type ProxyServer } from './proxy-server.js';

export function scutilProxyArgv(): string[] {
  return ['scutil', '--proxy'];
}

export type ScutilValue = string | ScutilValue[] | { [key: string]: ScutilValue };

/** Parses scutil's `<dictionary> { … }` / `<array> { … }` text into plain values. */
export function parseScutilDictionary(output: string): Record<string, ScutilValue> {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  let index = 0;
  const readBlock = (kind: 'dictionary' | 'array'): ScutilValue => {
    const dict: Record<string, ScutilValue> = {};
    const list: ScutilValue[] = [];
    while (index < lines.length) {
      const line = lines[index++]!;
      if (line === '}') break;
      const match = /^(.+?)\s*:\s*(.*)$/.exec(line);
      if (!match) continue;
      const key = match[1]!;
      const raw = match[2]!;
      const nested = /^<(dictionary|array)>\s*\{$/.exec(raw);
      const value = nested ? readBlock(nested[1] as 'dictionary' | 'array') : raw;
      if (kind === 'array') list.push(value);
      else dict[key] = value;
    }
    return kind === 'array' ? list : dict;
  };
  const start = lines.findIndex((l) => /^<dictionary>\s*\{$/.test(l));
  if (start < 0) return {};
  index = start + 1;
  return readBlock('dictionary') as Record<string, ScutilValue>;
}

function text(dict: Record<string, ScutilValue>, key: string): string | undefined {
  const value = dict[key];
  return typeof value === 'string' ? value : undefined;
}

function enabled(dict: Record<string, ScutilValue>, key: string): boolean {
  return text(dict, key) === '1';
}

function server(dict: Record<string, ScutilValue>, prefix: string, scheme: ProxyScheme): ProxyServer | undefined {
  if (!enabled(dict, `${prefix}Enable`)) return undefined;
  const host = text(dict, `${prefix}Proxy`);
  const port = text(dict, `${prefix}Port`);
  if (!host) return undefined;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return parseProxyServer(port ? `${bracketed}:${port}` : bracketed, scheme) ?? undefined;
}

/** The global proxy configuration; null when the output is not scutil's dictionary. */
export function parseScutilProxy(output: string): ProxyConfig | null {
  if (!/<dictionary>\s*\{/.test(output)) return null;
  const dict = parseScutilDictionary(output);
  const exceptions = Array.isArray(dict.ExceptionsList)
    ? dict.ExceptionsList.filter((v): v is string => typeof v === 'string')
    : [];
  if (enabled(dict, 'ExcludeSimpleHostnames')) exceptions.push('<local>');
  const bypass = parseBypassRules(exceptions);

  if (enabled(dict, 'ProxyAutoConfigEnable') && text(dict, 'ProxyAutoConfigURLString')) {
    return { source: 'scutil', mode: 'pac', rules: {}, bypass, pacUrl: text(dict, 'ProxyAutoConfigURLString')! };
  }
  const rules: ProxyRules = {};
  const http = server(dict, 'HTTP', 'http');
  const https = server(dict, 'HTTPS', 'http');
  const socks = server(dict, 'SOCKS', 'socks5');
  if (http) rules.http = http;
  if (https) rules.https = https;
  if (socks) rules.socks = socks;
  if (rules.http || rules.https || rules.socks) return { source: 'scutil', mode: 'manual', rules, bypass };
  if (enabled(dict, 'ProxyAutoDiscoveryEnable')) return { source: 'scutil', mode: 'auto-detect', rules: {}, bypass };
  return { source: 'scutil', mode: 'direct', rules: {}, bypass };
}
