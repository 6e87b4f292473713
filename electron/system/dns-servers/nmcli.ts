// NetworkManager: `nmcli -t -f GENERAL.DEVICE,IP4.DNS,IP6.DNS device show`. Terse mode (-t) prints
// `FIELD:value` lines, one block per device separated by blank lines, and escapes `:` and `\` in values
// with a backslash (so an IPv6 address reads `fd00\:\:1`). Field names are never translated.
import { terseField } from '../nmcli-terse.js';
import { normalizeServerList } from './address.js';
import type { DnsServerEntry } from './types.js';

export function nmcliDnsArgv(): string[] {
  return ['nmcli', '-t', '-f', 'GENERAL.DEVICE,IP4.DNS,IP6.DNS', 'device', 'show'];
}

/** Pure: each device's DNS servers (devices without any are left out). */
export function parseNmcliDeviceShow(text: string): DnsServerEntry[] {
  const entries: DnsServerEntry[] = [];
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    let device: string | undefined;
    const raw: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      const pair = terseField(line.trim());
      if (!pair) continue;
      if (pair.field === 'GENERAL.DEVICE') device = pair.value;
      else if (/^IP[46]\.DNS(\[\d+\])?$/.test(pair.field)) raw.push(...pair.value.split(/\s*\|\s*|\s+/));
    }
    const servers = normalizeServerList(raw);
    if (servers.length > 0) entries.push({ source: 'nmcli', ...(device ? { interface: device } : {}), servers });
  }
  return entries;
}
