// Windows' per-user proxy (WinINet, what Edge/Chrome use) from `reg query` of the Internet Settings key:
// ProxyEnable (REG_DWORD), ProxyServer ("host:port" or "http=a:80;https=b:443;socks=c:1080"),
// ProxyOverride ("*.corp;<local>"), AutoConfigURL (a PAC script). reg.exe prints value types and names
// unlocalized, so this text parser does not depend on the display language.
// Pure argv builder and parser; no I/O here.
import { parseBypassRules } from './bypass-rules.js';
import type { ProxyConfig } from './proxy-config.js';
import { parseProxyServerList } from './proxy-server.js';

export const INTERNET_SETTINGS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

export function registryProxyArgv(): string[] {
  return ['reg.exe', 'query', INTERNET_SETTINGS_KEY];
}

export interface RegistryValue {
  type: string;
  data: string;
}

/** The values of the first key block in `reg query` output (subkeys are ignored). */
export function parseRegQuery(output: string): Map<string, RegistryValue> {
  const values = new Map<string, RegistryValue>();
  let inFirstKey = false;
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      if (inFirstKey) break;
      inFirstKey = true;
      continue;
    }
    if (!inFirstKey) continue;
    const match = /^\s{2,}(.+?)\s{2,}(REG_[A-Z_]+)(?:\s{2,}(.*))?$/.exec(line.replace(/\s+$/, ''));
    if (match) values.set(match[1]!.toLowerCase(), { type: match[2]!, data: match[3] ?? '' });
  }
  return values;
}

function dword(value: RegistryValue | undefined): number | undefined {
  if (!value || value.type !== 'REG_DWORD') return undefined;
  const n = Number(value.data);
  return Number.isFinite(n) ? n : undefined;
}

/** The configuration as Chromium's WinHttpGetIEProxyConfigForCurrentUser would give it; null when unreadable. */
export function parseRegistryProxy(output: string): ProxyConfig | null {
  const values = parseRegQuery(output);
  if (values.size === 0) return null;
  const bypass = parseBypassRules((values.get('proxyoverride')?.data ?? '').split(';'));
  const pac = values.get('autoconfigurl')?.data.trim();
  if (pac) return { source: 'registry', mode: 'pac', rules: {}, bypass, pacUrl: pac };
  if (dword(values.get('proxyenable')) === 1) {
    const rules = parseProxyServerList(values.get('proxyserver')?.data ?? '');
    if (rules.all ?? rules.http ?? rules.https ?? rules.socks) return { source: 'registry', mode: 'manual', rules, bypass };
  }
  return { source: 'registry', mode: 'direct', rules: {}, bypass };
}
