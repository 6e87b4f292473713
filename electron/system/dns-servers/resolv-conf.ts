// /etc/resolv.conf (resolv.conf(5)): what glibc's getaddrinfo and c-ares use on Linux and the BSDs.
import type { DnsServerEntry } from './types.js';
import { normalizeServerList } from './address.js';

export const RESOLV_CONF_PATH = '/etc/resolv.conf';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

/** Pure: reads resolv.conf text. Comments start with `#` or `;`; the last `search`/`domain` line wins. */
export function parseResolvConf(text: string): ResolvConf {
  const raw: string[] = [];
  let search: string[] = [];
  const options: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const content = line.replace(/[#;].*$/, '').trim();
    if (!content) continue;
    const [keyword, ...values] = content.split(/\s+/);
    switch (keyword) {
      case 'nameserver':
        if (values[0]) raw.push(values[0]);
        break;
      case 'search':
      case 'domain':
        search = values;
        break;
      case 'options':
        options.push(...values);
        break;
    }
  }
  return { nameservers: normalizeServerList(raw), search, options };
}

/** Pure: the entry for the report (none when the file names no server). */
export function resolvConfEntries(text: string): DnsServerEntry[] {
  const { nameservers } = parseResolvConf(text);
  return nameservers.length > 0 ? [{ source: 'resolv.conf', servers: nameservers }] : [];
}

/** systemd-resolved's local stub: the real servers are then only known to resolvectl. */
export function isSystemdStub(servers: string[]): boolean {
  return servers.length > 0 && servers.every((s) => s === '127.0.0.53' || s === '127.0.0.54');
}
