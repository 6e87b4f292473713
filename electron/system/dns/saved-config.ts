// Saved configurations hold one entry per interface. A journal keeps only the entries a change touched (so a revert
// puts back those and nothing else), and a second switch on top of a first keeps the first one's originals.
import type { SavedConfig } from './types.js';

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
