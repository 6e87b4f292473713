// Windows: `Get-DnsClientServerAddress` (Windows 8 and later) as JSON, so nothing depends on the display
// language: AddressFamily is a number (2 = IPv4, 23 = IPv6), InterfaceAlias is data, never matched as text.
import type { DnsServerEntry } from './types.js';
import { windowsPowerShellPath } from '../run-command.js';
import { normalizeServerList } from './address.js';

const SCRIPT =
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ' +
  'Get-DnsClientServerAddress | Select-Object InterfaceAlias, InterfaceIndex, AddressFamily, ServerAddresses | ConvertTo-Json';

export function getDnsClientServerAddressArgv(): string[] {
  return [windowsPowerShellPath(), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', SCRIPT];
}

interface DnsClientServerAddress {
  InterfaceAlias?: unknown;
  InterfaceIndex?: unknown;
  AddressFamily?: unknown;
  ServerAddresses?: unknown;
}

const IPV4 = 2;
const IPV6 = 23;

/**
 * Pure: the JSON (an array, or a bare object when there is a single row) → one entry per interface, IPv4
 * servers before IPv6 ones. Throws on text that is not JSON.
 */
export function parseDnsClientServerAddressJson(text: string): DnsServerEntry[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  const parsed = JSON.parse(trimmed) as DnsClientServerAddress | DnsClientServerAddress[];
  const rows = Array.isArray(parsed) ? parsed : [parsed];
  const byInterface = new Map<string, { v4: string[]; v6: string[]; other: string[] }>();
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue;
    const name =
      typeof row.InterfaceAlias === 'string' && row.InterfaceAlias !== ''
        ? row.InterfaceAlias
        : `interface ${String(row.InterfaceIndex ?? '?')}`;
    const raw = row.ServerAddresses;
    const addresses = Array.isArray(raw) ? raw.filter((a): a is string => typeof a === 'string') : typeof raw === 'string' ? [raw] : [];
    const slot = byInterface.get(name) ?? { v4: [], v6: [], other: [] };
    if (row.AddressFamily === IPV4) slot.v4.push(...addresses);
    else if (row.AddressFamily === IPV6) slot.v6.push(...addresses);
    else slot.other.push(...addresses);
    byInterface.set(name, slot);
  }
  const entries: DnsServerEntry[] = [];
  for (const [name, slot] of byInterface) {
    const servers = normalizeServerList([...slot.v4, ...slot.v6, ...slot.other]);
    if (servers.length > 0) entries.push({ source: 'Get-DnsClientServerAddress', interface: name, servers });
  }
  return entries;
}
