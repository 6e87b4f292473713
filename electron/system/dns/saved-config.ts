// Saved configurations hold one entry per interface. A journal keeps only the entries a change touched (so a revert
// puts back those and nothing else), and a second switch on top of a first keeps the first one's originals.
import { createHash } from 'node:crypto';
import type { SavedConfig } from './types.js';

/** JSON with every object's keys sorted: the same value always gives the same text (for digests and seals). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What identifies a saved configuration: the revert the user confirmed must restore exactly this one. */
export function savedDigest(saved: SavedConfig): string {
  return createHash('sha256').update(canonicalJson(saved)).digest('hex');
}

/** A resolv.conf's saved copy longer than this is shown cut (the rest is still what a revert writes). */
const SHOWN_LINES = 40;

const family = (label: string, servers: readonly string[] | null, automatic: string): string =>
  `${label} ${servers === null ? automatic : servers.length > 0 ? servers.join(', ') : 'no server'}`;

/**
 * What a revert writes, for people, before they confirm it (CLI and app): a resolv.conf's lines, or each
 * interface's servers. The lines come from a file in the user's data folder: hosts show them neutralised.
 */
export function describeSaved(saved: SavedConfig): string[] {
  switch (saved.kind) {
    case 'resolv-conf': {
      const text = Buffer.from(saved.contentBase64, 'base64').toString('utf8');
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      const shown = lines.slice(0, SHOWN_LINES).map((line) => `  ${line}`);
      if (lines.length > SHOWN_LINES) shown.push(`  … and ${lines.length - SHOWN_LINES} more lines`);
      return [`${saved.path} will hold again:`, ...(lines.length === 0 ? ['  (nothing: an empty file)'] : shown)];
    }
    case 'networkmanager':
      return saved.connections.map((c) => {
        const nm = (label: string, f: (typeof c)['ipv4']): string =>
          `${label} ${f.method}${f.dns.length > 0 ? ` ${f.dns.join(', ')}` : ''}${f.ignoreAutoDns ? ' (automatic servers ignored)' : ''}`;
        return `${c.name} (${c.device}): ${nm('IPv4', c.ipv4)}; ${nm('IPv6', c.ipv6)}`;
      });
    case 'systemd-resolved':
      return saved.links.map((l) => `${l.link}: ${l.servers.length > 0 ? l.servers.join(', ') : 'the servers the network gives'}${l.domains.length > 0 ? ` (domains ${l.domains.join(' ')})` : ''}`);
    case 'macos':
      return saved.services.map((s) => `${s.name}: ${s.servers.length > 0 ? s.servers.join(', ') : 'automatic (DHCP)'}`);
    case 'windows':
      return saved.adapters.map((a) => `${a.alias}: ${family('IPv4', a.staticIpv4, 'automatic (DHCP)')}; ${family('IPv6', a.staticIpv6, 'automatic')}`);
  }
}

/** The interface names a saved configuration holds, as the backend's InterfaceDns.name. */
export function savedNames(saved: SavedConfig): string[] {
  switch (saved.kind) {
    case 'resolv-conf':
      return [saved.path];
    case 'networkmanager':
      return saved.connections.map((c) => c.name);
    case 'systemd-resolved':
      return saved.links.map((l) => l.link);
    case 'macos':
      return saved.services.map((s) => s.name);
    case 'windows':
      return saved.adapters.map((a) => a.alias);
  }
}

/** Only the entries of the named interfaces. */
export function narrowSaved<S extends SavedConfig>(saved: S, names: readonly string[]): S {
  const keep = (name: string): boolean => names.includes(name);
  switch (saved.kind) {
    case 'resolv-conf':
      return saved;
    case 'networkmanager':
      return { ...saved, connections: saved.connections.filter((c) => keep(c.name)) };
    case 'systemd-resolved':
      return { ...saved, links: saved.links.filter((l) => keep(l.link)) };
    case 'macos':
      return { ...saved, services: saved.services.filter((s) => keep(s.name)) };
    case 'windows':
      return { ...saved, adapters: saved.adapters.filter((a) => keep(a.alias)) };
  }
  return saved;
}

/** The original entries, plus the current ones of interfaces the original does not hold. */
export function mergeSaved(original: SavedConfig, current: SavedConfig): SavedConfig {
  if (original.kind !== current.kind) return original;
  const have = new Set(savedNames(original));
  const add = savedNames(current).filter((name) => !have.has(name));
  if (add.length === 0) return original;
  const extra = narrowSaved(current, add);
  switch (original.kind) {
    case 'resolv-conf':
      return original;
    case 'networkmanager':
      return { ...original, connections: [...original.connections, ...(extra as typeof original).connections] };
    case 'systemd-resolved':
      return { ...original, links: [...original.links, ...(extra as typeof original).links] };
    case 'macos':
      return { ...original, services: [...original.services, ...(extra as typeof original).services] };
    case 'windows':
      return { ...original, adapters: [...original.adapters, ...(extra as typeof original).adapters] };
  }
  return original;
}
