// macOS: `scutil --dns` prints the resolver configuration the system actually uses (resolv.conf there is only a
// copy of the default resolver). Not translated. The first section lists the default resolver and the
// per-domain ones (mDNS, VPN split DNS); the second, "for scoped queries", each interface's own servers.
import type { DnsServerEntry } from './types.js';
import { normalizeServerList } from './address.js';

export function scutilDnsArgv(): string[] {
  return ['scutil', '--dns'];
}

interface ScutilResolver {
  scoped: boolean;
  domain?: string;
  nameservers: string[];
  interface?: string;
}

/** Pure: every resolver block of `scutil --dns`. */
export function parseScutilResolvers(text: string): ScutilResolver[] {
  const resolvers: ScutilResolver[] = [];
  let scoped = false;
  let current: ScutilResolver | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^DNS configuration \(for scoped queries\)/.test(line)) {
      scoped = true;
      current = null;
      continue;
    }
    if (/^DNS configuration/.test(line)) {
      scoped = false;
      current = null;
      continue;
    }
    if (/^resolver #\d+/.test(line)) {
      current = { scoped, nameservers: [] };
      resolvers.push(current);
      continue;
    }
    if (!current) continue;
    const field = /^\s+([a-z_ ]+?)(?:\[\d+\])?\s*:\s*(.*)$/.exec(line);
    if (!field) continue;
    const [, name, value] = field as unknown as [string, string, string];
    if (name === 'nameserver') current.nameservers.push(value.trim());
    else if (name === 'domain') current.domain = value.trim();
    else if (name === 'if_index') {
      const iface = /\(([^)]+)\)/.exec(value);
      if (iface) current.interface = iface[1]!;
    }
  }
  return resolvers;
}

/** Pure: the resolvers that name servers (mDNS ones name none), as report entries. */
export function parseScutilDns(text: string): DnsServerEntry[] {
  const entries: DnsServerEntry[] = [];
  for (const resolver of parseScutilResolvers(text)) {
    const servers = normalizeServerList(resolver.nameservers);
    if (servers.length === 0) continue;
    entries.push({
      source: resolver.scoped ? 'scutil (scoped)' : 'scutil',
      ...(resolver.interface ? { interface: resolver.interface } : {}),
      ...(resolver.domain ? { domain: resolver.domain } : {}),
      servers,
    });
  }
  return entries;
}
