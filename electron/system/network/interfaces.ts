// Network adapters from systeminformation, classified for people: wired, wireless, virtual, tunnel, loopback;
// up or down; which one carries the default route. systeminformation.networkInterfaces() blocks its event loop
// (execSync) for hundreds of milliseconds and cannot be cancelled, so it runs in a worker thread
// (interfaces-worker.mjs) that is terminated at the time limit: the engine's timers (DNS latency, deadlines) keep
// running meanwhile. It is read at most once per sweep (readAdaptersForSweep).
import { existsSync } from 'node:fs';
import path from 'node:path';
import si from 'systeminformation';
import { memoizePerSweep } from './per-sweep.js';
import { runWorker, WorkerTimeoutError } from './run-worker.js';
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
  /** How long the reading took (in a worker thread: the event loop stayed free meanwhile). */
  durationMs: number;
  error?: string;
}

export interface SourceLimits {
  timeoutMs: number;
  /** The sweep's signal: when it aborts, the reading is abandoned (its worker terminated). */
  signal?: AbortSignal;
}

export type InterfaceSource = (limits: SourceLimits) => Promise<RawInterface[]>;

/** When no limit is given (a reading outside a sweep). */
export const DEFAULT_ADAPTERS_TIMEOUT_MS = 10_000;

/** What interfaces-worker.mjs posts. */
export type InterfacesWorkerMessage = { ok: true; interfaces: RawInterface[] } | { ok: false; error: string };

/** Pure: the worker's message → its interfaces; throws on a failure or on a message of the wrong shape. */
export function interfacesFromWorkerMessage(message: unknown): RawInterface[] {
  const m = message as Partial<{ ok: unknown; interfaces: unknown; error: unknown }> | null;
  if (m && m.ok === false && typeof m.error === 'string') throw new Error(m.error);
  if (!m || m.ok !== true || !Array.isArray(m.interfaces)) throw new Error('the adapter worker sent an unexpected message');
  const list = m.interfaces as unknown[];
  if (!list.every((entry) => typeof entry === 'object' && entry !== null && typeof (entry as RawInterface).iface === 'string')) {
    throw new Error('the adapter worker sent an interface without a name');
  }
  return list as RawInterface[];
}

const WORKER_BUNDLE = 'interfaces-worker.cjs';
const WORKER_SOURCE = 'interfaces-worker.mjs';

/**
 * Where the worker's script is: next to the bundle that holds this module (dist/cli, dist/bridge, dist/main —
 * inside app.asar in the packaged app; scripts/build.mjs puts it there), else next to this source file (vitest,
 * tsx). null when neither exists: the reading then runs on the calling thread.
 */
export function locateInterfacesWorker(): string | URL | null {
  // esbuild's CommonJS bundles have __dirname (and no import.meta.url); the ES-module sources have neither
  // __dirname under tsx nor a worker bundle next to them under vitest.
  if (typeof __dirname === 'string') {
    const bundled = path.join(__dirname, WORKER_BUNDLE);
    if (existsSync(bundled)) return bundled;
  }
  const base = import.meta.url as string | undefined;
  if (typeof base !== 'string' || !base.startsWith('file:')) return null;
  const source = new URL(`./${WORKER_SOURCE}`, base);
  return existsSync(source) ? source : null;
}

/** systeminformation on the calling thread: blocks its event loop. The fallback, and the bench's "before". */
export const inThreadInterfaces: InterfaceSource = async () => {
  const list = await si.networkInterfaces();
  return (Array.isArray(list) ? list : [list]) as RawInterface[];
};

/** systeminformation in a worker thread, terminated at the time limit or when the sweep aborts. */
export const workerInterfaces: InterfaceSource = async (limits) => {
  const file = locateInterfacesWorker();
  if (!file) return inThreadInterfaces(limits);
  return interfacesFromWorkerMessage(await runWorker(file, limits));
};

export async function readAdapters(
  source: InterfaceSource = workerInterfaces,
  limits: SourceLimits = { timeoutMs: DEFAULT_ADAPTERS_TIMEOUT_MS },
): Promise<AdapterReading> {
  const started = performance.now();
  try {
    const raw = await source(limits);
    return { adapters: classifyAdapters(raw), durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof WorkerTimeoutError ? timeoutMessage(limits.timeoutMs) : (error as Error).message;
    return { adapters: [], durationMs: Math.round(performance.now() - started), error: message };
  }
}

const timeoutMessage = (timeoutMs: number): string => `the adapter list took longer than ${timeoutMs} ms`;

export interface SweepReadOptions extends Partial<SourceLimits> {
  source?: InterfaceSource;
}

/** One reading per sweep (key: the sweep's AbortSignal); the first caller's limits apply to it. */
export const readAdaptersForSweep = memoizePerSweep((options: SweepReadOptions | undefined) =>
  readAdapters(options?.source, {
    timeoutMs: options?.timeoutMs ?? DEFAULT_ADAPTERS_TIMEOUT_MS,
    ...(options?.signal ? { signal: options.signal } : {}),
  }),
);

/**
 * The sweep's reading, or an empty one with an error if it is not there within `timeoutMs`. The worker is
 * terminated at the first caller's limit, or when the sweep (an AbortSignal) aborts.
 */
export function readAdaptersWithin(sweep: object, timeoutMs: number, source?: InterfaceSource): Promise<AdapterReading> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<AdapterReading>((resolve) => {
    timer = setTimeout(() => resolve({ adapters: [], durationMs: timeoutMs, error: timeoutMessage(timeoutMs) }), timeoutMs);
  });
  const signal = sweep instanceof AbortSignal ? sweep : undefined;
  const reading = readAdaptersForSweep(sweep, { timeoutMs, ...(signal ? { signal } : {}), ...(source ? { source } : {}) });
  return Promise.race([reading, late]).finally(() => clearTimeout(timer));
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
