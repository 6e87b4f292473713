// Network adapters from systeminformation, classified for people: wired, wireless, virtual, tunnel, loopback;
// up or down; which one carries the default route. systeminformation.networkInterfaces() blocks the event loop
// (execSync) for hundreds of milliseconds and cannot be cancelled: it is called at most once per sweep
// (readAdaptersForSweep) and timed.
import si from 'systeminformation';
import { memoizePerSweep } from './per-sweep.js';
import { classifyTunnel, type TunnelMatch } from './tunnels.js';

/** The fields of systeminformation's NetworkInterfacesData this module reads. */
export interface RawInterface {
  iface: string;
  ifaceName?: string;
  default?: boolean;
  ip4?: string;
  ip6?: string;
  mac?: string;
  internal?: boolean;
  virtual?: boolean;
  operstate?: string;
  type?: string;
  speed?: number | null;
}

export type AdapterKind = 'wired' | 'wireless' | 'virtual' | 'tunnel' | 'loopback';

export interface Adapter {
  /** The OS's interface name (Linux eth0, macOS en0, Windows "Wi-Fi" / "Ethernet 2"). */
  name: string;
  /** Windows' adapter description (Intel(R) Wi-Fi 6 AX201…, TAP-Windows Adapter V9) when it differs. */
  description?: string;
  kind: AdapterKind;
  up: boolean;
  /** systeminformation's default interface (the one with the default route). */
  isDefault: boolean;
  ip4?: string;
  ip6?: string;
  speedMbps?: number;
  tunnel?: TunnelMatch;
}

const VIRTUAL_NAME = /^(docker\d*|br-\S+|veth\S*|virbr\d*|vmnet\d*|vboxnet\d*|lxcbr\d*|lxdbr\d*|cni\d*|flannel\S*|awdl\d*|llw\d*|bridge\d*|anpi\d*|ap\d+|gif\d+|stf\d+)$/i;
const VIRTUAL_DESCRIPTION = /hyper-v|vethernet|virtualbox|vmware|virtual adapter|wi-?fi direct virtual/i;

/** Pure: one systeminformation entry → an adapter. */
export function classifyAdapter(raw: RawInterface): Adapter {
  const description = raw.ifaceName && raw.ifaceName !== raw.iface ? raw.ifaceName : undefined;
  const tunnel = raw.internal ? null : classifyTunnel(raw.iface, description);
  let kind: AdapterKind;
  if (raw.internal || /^lo\d*$/.test(raw.iface) || /loopback/i.test(description ?? '')) kind = 'loopback';
  else if (tunnel) kind = 'tunnel';
  else if (raw.type === 'wireless') kind = 'wireless';
  else if (raw.virtual || raw.type === 'virtual' || VIRTUAL_NAME.test(raw.iface) || VIRTUAL_DESCRIPTION.test(description ?? '')) kind = 'virtual';
  else kind = 'wired';
  // Tunnels (and some drivers) report operstate "unknown" while passing traffic: an address then means up.
  const operstate = (raw.operstate ?? '').toLowerCase();
  const up = operstate === 'up' || (operstate === 'unknown' && Boolean(raw.ip4 || raw.ip6));
  return {
    name: raw.iface,
    ...(description ? { description } : {}),
    kind,
    up,
    isDefault: raw.default === true,
    ...(raw.ip4 ? { ip4: raw.ip4 } : {}),
    ...(raw.ip6 ? { ip6: raw.ip6 } : {}),
    ...(typeof raw.speed === 'number' && raw.speed > 0 ? { speedMbps: raw.speed } : {}),
    ...(tunnel ? { tunnel } : {}),
  };
}

export function classifyAdapters(list: readonly RawInterface[]): Adapter[] {
  return list.map(classifyAdapter);
}

export interface AdapterReading {
  adapters: Adapter[];
  /** How long systeminformation held the event loop (evidence; it cannot be interrupted). */
  durationMs: number;
  error?: string;
}

export type InterfaceSource = () => Promise<RawInterface[]>;

const systemInterfaces: InterfaceSource = async () => {
  const list = await si.networkInterfaces();
  return (Array.isArray(list) ? list : [list]) as RawInterface[];
};

export async function readAdapters(source: InterfaceSource = systemInterfaces): Promise<AdapterReading> {
  const started = performance.now();
  try {
    const raw = await source();
    return { adapters: classifyAdapters(raw), durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { adapters: [], durationMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/** One reading per sweep (key: the sweep's AbortSignal). */
export const readAdaptersForSweep = memoizePerSweep((source: InterfaceSource | undefined) => readAdapters(source));

/**
 * The sweep's reading, or an empty one with an error if it is not there within `timeoutMs`. (The synchronous
 * part of systeminformation cannot be cut short; its asynchronous commands can be waited on no longer.)
 */
export function readAdaptersWithin(sweep: object, timeoutMs: number, source?: InterfaceSource): Promise<AdapterReading> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<AdapterReading>((resolve) => {
    timer = setTimeout(() => resolve({ adapters: [], durationMs: timeoutMs, error: `the adapter list took longer than ${timeoutMs} ms` }), timeoutMs);
  });
  return Promise.race([readAdaptersForSweep(sweep, source), late]).finally(() => clearTimeout(timer));
}

/** Adapters as evidence: no MAC addresses; addresses stay (the report's redaction decides). */
export function describeAdapters(adapters: readonly Adapter[]): Record<string, unknown>[] {
  return adapters
    .filter((a) => a.kind !== 'loopback')
    .map((a) => ({
      name: a.name,
      ...(a.description ? { description: a.description } : {}),
      kind: a.kind,
      up: a.up,
      ...(a.isDefault ? { default: true } : {}),
      ...(a.ip4 ? { ip4: a.ip4 } : {}),
      ...(a.ip6 ? { ip6: a.ip6 } : {}),
      ...(a.speedMbps ? { speedMbps: a.speedMbps } : {}),
      ...(a.tunnel ? { tunnel: a.tunnel.kind } : {}),
    }));
}
