// Server addresses as the OS tools print them, reduced to the address itself.
import { isIP } from 'node:net';

/**
 * Pure: `1.1.1.1`, `fe80::1%eth0`, `1.1.1.1#cloudflare-dns.com`, `10.8.0.2:5353`, `[fd00::1]:53` → the address
 * (IPv6 zones kept); null when it is not an IP address.
 */
export function normalizeServerAddress(raw: string): string | null {
  let value = raw.trim();
  const hash = value.indexOf('#'); // resolved's DNS-over-TLS server name
  if (hash !== -1) value = value.slice(0, hash);
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const [address, zone] = value.split('%', 2) as [string, string | undefined];
  if (isIP(address) === 0) return null;
  if (zone !== undefined && (isIP(address) !== 6 || !/^[\w.-]+$/.test(zone))) return null;
  return value;
}

/** Pure: the valid addresses of a list, normalized, without duplicates, in order. */
export function normalizeServerList(raw: string[]): string[] {
  const out: string[] = [];
  for (const item of raw) {
    const address = normalizeServerAddress(item);
    if (address !== null && !out.includes(address)) out.push(address);
  }
  return out;
}
