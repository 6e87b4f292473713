// NetworkManager backend: the DNS of each active connection (a "connection profile" in NM's words), IPv4 and IPv6.
// A switch sets `ipvX.dns` and `ipvX.ignore-auto-dns yes` on the connection (so DHCP's servers stop being mixed in),
// then re-applies it to its device without dropping the link. The saved values are put back the same way.
// nmcli asks polkit for the right itself, so it never runs under pkexec.
import { isIPv4, isIPv6 } from '../../common/spec.js';
import type { FamilyDns, InterfaceDns } from '../../common/dns-schema.js';
import { splitTerse, terseField } from '../nmcli-terse.js';
import type { BackendState, DnsBackend, Operation, SavedConfigOf } from './types.js';

export type NetworkManagerSaved = SavedConfigOf<'networkmanager'>;
type SavedConnection = NetworkManagerSaved['connections'][number];
type SavedFamily = SavedConnection['ipv4'];

export type Run = (argv: string[]) => Promise<string>;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Linux interface names: at most 15 bytes, no whitespace or slash. */
const DEVICE = /^[^\s/:]{1,15}$/;
/** Connection types whose DNS is not the machine's own (loopback, tunnels the user set up on purpose). */
const SKIPPED_TYPES = new Set(['loopback', 'vpn', 'wireguard', 'tun', 'ip-tunnel', 'dummy']);

// ---------- argv builders ----------

export const nmRunningArgv = (): string[] => ['nmcli', '-t', '-f', 'RUNNING', 'general'];
export const nmActiveConnectionsArgv = (): string[] => ['nmcli', '-t', '-f', 'NAME,UUID,TYPE,DEVICE', 'connection', 'show', '--active'];

const CONNECTION_FIELDS = [
  'GENERAL.DEFAULT',
  'GENERAL.DEFAULT6',
  'ipv4.method',
  'ipv4.dns',
  'ipv4.ignore-auto-dns',
  'ipv6.method',
  'ipv6.dns',
  'ipv6.ignore-auto-dns',
  'IP4.DNS',
  'IP6.DNS',
].join(',');

function checkUuid(uuid: string): string {
  if (!UUID.test(uuid)) throw new Error(`not a NetworkManager connection UUID: "${uuid}"`);
  return uuid;
}

function checkDevice(device: string): string {
  if (!DEVICE.test(device) || device.startsWith('-')) throw new Error(`not a network device name: "${device}"`);
  return device;
}

function checkServers(servers: readonly string[]): string {
  for (const server of servers) {
    if (!isIPv4(server) && !isIPv6(server)) throw new Error(`not an IP address: "${server}"`);
  }
  // An empty value clears the list.
  return servers.join(',');
}

export const nmConnectionDetailsArgv = (uuid: string): string[] => [
  'nmcli',
  '-t',
  '-f',
  CONNECTION_FIELDS,
  'connection',
  'show',
  'uuid',
  checkUuid(uuid),
];

/** Families that may carry DNS servers: NM refuses `dns` on a disabled family. */
function familyUsable(method: string): boolean {
  return method !== 'disabled' && method !== 'ignore' && method !== 'link-local' && method !== 'shared';
}

export function nmModifyArgv(uuid: string, ipv4: SavedFamily | null, ipv6: SavedFamily | null): string[] {
  const argv = ['nmcli', 'connection', 'modify', 'uuid', checkUuid(uuid)];
  if (ipv4) argv.push('ipv4.dns', checkServers(ipv4.dns), 'ipv4.ignore-auto-dns', ipv4.ignoreAutoDns ? 'yes' : 'no');
  if (ipv6) argv.push('ipv6.dns', checkServers(ipv6.dns), 'ipv6.ignore-auto-dns', ipv6.ignoreAutoDns ? 'yes' : 'no');
  return argv;
}

/** Applies the connection's changed settings to its device without taking the link down. */
export const nmReapplyArgv = (device: string): string[] => ['nmcli', 'device', 'reapply', checkDevice(device)];

// ---------- parsers ----------

export function parseNmRunning(output: string): boolean {
  return output.trim().split('\n')[0]?.trim() === 'running';
}

export interface NmActiveConnection {
  name: string;
  uuid: string;
  type: string;
  device: string;
}

export function parseNmActiveConnections(output: string): NmActiveConnection[] {
  const connections: NmActiveConnection[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const fields = splitTerse(line);
    // NAME may itself hold ':' (escaped), so the fixed fields are counted from the end.
    if (fields.length < 4) continue;
    const device = fields[fields.length - 1]!;
    const type = fields[fields.length - 2]!;
    const uuid = fields[fields.length - 3]!;
    const name = fields.slice(0, fields.length - 3).join(':');
    if (!UUID.test(uuid)) continue;
    connections.push({ name, uuid, type, device });
  }
  return connections;
}

export interface NmConnectionDetails {
  isDefault4: boolean;
  isDefault6: boolean;
  ipv4: SavedFamily;
  ipv6: SavedFamily;
  /** The servers in effect on the active connection (from DHCP or the static list). */
  activeIpv4: string[];
  activeIpv6: string[];
}

/** Reads `nmcli -t -f … connection show uuid X`: one `field:value` line per value, `IP4.DNS[n]` for lists. */
export function parseNmConnectionDetails(output: string): NmConnectionDetails {
  const values = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const pair = terseField(line);
    if (!pair) continue;
    const key = pair.field.replace(/\[\d+\]$/, '').toLowerCase();
    values.set(key, [...(values.get(key) ?? []), pair.value]);
  }
  const one = (key: string): string => values.get(key)?.[0]?.trim() ?? '';
  const list = (key: string): string[] =>
    (values.get(key) ?? [])
      .flatMap((v) => v.split(/[,\s]+/))
      .map((v) => v.trim())
      .filter((v) => v !== '' && v !== '--');
  const family = (prefix: 'ipv4' | 'ipv6'): SavedFamily => ({
    method: one(`${prefix}.method`) || 'auto',
    dns: list(`${prefix}.dns`),
    ignoreAutoDns: one(`${prefix}.ignore-auto-dns`) === 'yes',
  });
  return {
    isDefault4: one('general.default') === 'yes',
    isDefault6: one('general.default6') === 'yes',
    ipv4: family('ipv4'),
    ipv6: family('ipv6'),
    activeIpv4: list('ip4.dns'),
    activeIpv6: list('ip6.dns'),
  };
}

function familyView(saved: SavedFamily, active: string[]): FamilyDns {
  const usable = familyUsable(saved.method);
  return {
    // Static when the connection's own list is the only source; automatic when DHCP/RA still adds servers.
    mode: saved.ignoreAutoDns || saved.method === 'manual' ? 'static' : 'automatic',
    servers: active.length > 0 ? active : saved.dns,
    ...(usable ? {} : { disabled: true }),
  };
}

/** The interfaces and the saved settings, from the active connections and each one's details. */
export function nmState(connections: { active: NmActiveConnection; details: NmConnectionDetails }[]): BackendState<NetworkManagerSaved> {
  const candidates = connections.filter((c) => !SKIPPED_TYPES.has(c.active.type) && c.active.device !== '' && c.active.device !== '--');
  const anyDefault = candidates.some((c) => c.details.isDefault4 || c.details.isDefault6);
  const interfaces: InterfaceDns[] = candidates.map(({ active, details }) => ({
    name: active.name,
    device: active.device,
    // No connection holds the default route (a VPN does, or none): every real one counts.
    primary: anyDefault ? details.isDefault4 || details.isDefault6 : true,
    ipv4: familyView(details.ipv4, details.activeIpv4),
    ipv6: familyView(details.ipv6, details.activeIpv6),
  }));
  return {
    interfaces,
    saved: {
      kind: 'networkmanager',
      connections: candidates.map(({ active, details }) => ({
        uuid: active.uuid,
        name: active.name,
        device: active.device,
        ipv4: details.ipv4,
        ipv6: details.ipv6,
      })),
    },
  };
}

// ---------- plans ----------

export function nmPlanApply(saved: NetworkManagerSaved, names: string[], servers: string[]): { operations: Operation[]; warnings: string[] } {
  const ipv4 = servers.filter((s) => isIPv4(s));
  const ipv6 = servers.filter((s) => isIPv6(s));
  const operations: Operation[] = [];
  const warnings: string[] = [];
  for (const connection of saved.connections.filter((c) => names.includes(c.name))) {
    // Both families get ignore-auto-dns: a family left automatic would keep the old servers in the mix.
    const v4 = familyUsable(connection.ipv4.method) ? { ...connection.ipv4, dns: ipv4, ignoreAutoDns: true } : null;
    const v6 = familyUsable(connection.ipv6.method) ? { ...connection.ipv6, dns: ipv6, ignoreAutoDns: true } : null;
    if (v4 && ipv4.length === 0 && !v6) warnings.push(`${connection.name} has no IPv6, and no IPv4 server was given`);
    if (v4 === null && v6 === null) continue;
    operations.push({ kind: 'exec', argv: nmModifyArgv(connection.uuid, v4, v6), selfAuthorizing: true });
    operations.push({ kind: 'exec', argv: nmReapplyArgv(connection.device), selfAuthorizing: true });
  }
  return { operations, warnings };
}

export function nmPlanRestore(saved: NetworkManagerSaved): Operation[] {
  return saved.connections.flatMap((connection): Operation[] => {
    const v4 = familyUsable(connection.ipv4.method) ? connection.ipv4 : null;
    const v6 = familyUsable(connection.ipv6.method) ? connection.ipv6 : null;
    if (!v4 && !v6) return [];
    return [
      { kind: 'exec', argv: nmModifyArgv(connection.uuid, v4, v6), selfAuthorizing: true },
      { kind: 'exec', argv: nmReapplyArgv(connection.device), selfAuthorizing: true },
    ];
  });
}

export const RESOLVECTL_FLUSH: Operation = { kind: 'exec', argv: ['resolvectl', 'flush-caches'], selfAuthorizing: true, optional: true };

// ---------- backend ----------

export function networkManagerBackend(run: Run): DnsBackend<NetworkManagerSaved> {
  return {
    id: 'networkmanager',
    label: 'NetworkManager',
    async read() {
      const active = parseNmActiveConnections(await run(nmActiveConnectionsArgv()));
      const connections = [];
      for (const connection of active) {
        if (SKIPPED_TYPES.has(connection.type) || !DEVICE.test(connection.device)) continue;
        connections.push({ active: connection, details: parseNmConnectionDetails(await run(nmConnectionDetailsArgv(connection.uuid))) });
      }
      return nmState(connections);
    },
    planApply: (state, names, servers) => nmPlanApply(state.saved, names, servers),
    // Only the saved connections this change touched are restored; planRestore gets exactly those.
    planRestore: (saved) => nmPlanRestore(saved),
    // NM hands DNS to systemd-resolved on most desktops; where resolvectl is missing the flush is skipped.
    planFlush: () => [RESOLVECTL_FLUSH],
  };
}
