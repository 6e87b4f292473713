// DNS settings as the DNS step shows them: per interface and family, what is in effect now and, for a planned
// switch, what it will be after (the confirmation's "now: … → after: …" lines).
import { splitServers, type FamilyDns, type InterfaceDns } from '../../../electron/common/dns-schema.js';
import type { DnsPlan } from '../../../electron/common/contract.js';

export type Family = 'IPv4' | 'IPv6';

const MODE_TEXT: Record<FamilyDns['mode'], string> = {
  automatic: 'automatic, from the network',
  static: 'set manually',
  unknown: '',
};

/** "127.0.0.1 (set manually)", "192.168.1.1 (automatic, from the network)", "none", "off". */
export function familyText(family: FamilyDns): string {
  if (family.disabled) return 'off';
  const servers = family.servers.length > 0 ? family.servers.join(', ') : 'none';
  const mode = MODE_TEXT[family.mode];
  return mode ? `${servers} (${mode})` : servers;
}

export interface FamilyRow {
  family: Family;
  now: string;
  after: string;
  /** false when the family stays as it is (off, or already these servers). */
  changes: boolean;
}

export interface InterfaceRows {
  name: string;
  /** The device under it, when it is not the name itself. */
  device: string | null;
  primary: boolean;
  families: FamilyRow[];
}

/** The interface's title: "Wired connection 1 (enp3s0)". */
export function interfaceTitle(iface: { name: string; device?: string | null | undefined }): string {
  return iface.device && iface.device !== iface.name ? `${iface.name} (${iface.device})` : iface.name;
}

function sameServers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s.toLowerCase() === b[i]!.toLowerCase());
}

function familyRow(family: Family, now: FamilyDns, after: string[]): FamilyRow {
  if (now.disabled) return { family, now: 'off', after: 'off (unchanged)', changes: false };
  const unchanged = now.mode === 'static' && sameServers(now.servers, after);
  // Every backend makes the family static with exactly the requested servers of that family (said once, below
  // the rows, rather than on each).
  const afterText = after.length > 0 ? after.join(', ') : 'none';
  return { family, now: familyText(now), after: unchanged ? `${afterText} (unchanged)` : afterText, changes: !unchanged };
}

/** Whether the switch replaces servers the network gave automatically (they stay unused until a revert). */
export function replacesAutomatic(plan: Pick<DnsPlan, 'interfaces'>): boolean {
  return plan.interfaces.some((i) => [i.ipv4, i.ipv6].some((f) => !f.disabled && f.mode === 'automatic'));
}

/** The confirmation's rows: every interface the switch changes, as it is now and as it will be. */
export function planRows(plan: Pick<DnsPlan, 'interfaces' | 'servers'>): InterfaceRows[] {
  const { ipv4, ipv6 } = splitServers(plan.servers);
  return plan.interfaces.map((iface) => ({
    name: iface.name,
    device: iface.device && iface.device !== iface.name ? iface.device : null,
    primary: iface.primary,
    families: [familyRow('IPv4', iface.ipv4, ipv4), familyRow('IPv6', iface.ipv6, ipv6)],
  }));
}

export interface CurrentRow {
  title: string;
  primary: boolean;
  ipv4: string;
  ipv6: string;
}

/** The DNS in effect now, the interfaces that carry the internet first. */
export function currentRows(interfaces: readonly InterfaceDns[]): CurrentRow[] {
  return [...interfaces]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((iface) => ({ title: interfaceTitle(iface), primary: iface.primary, ipv4: familyText(iface.ipv4), ipv6: familyText(iface.ipv6) }));
}
