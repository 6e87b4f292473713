// How this machine resolves a name, measured two ways:
// - `systemLookup`: getaddrinfo, what the browser uses (/etc/hosts, nsswitch, the OS resolver). Node's
//   dns.lookup cannot be cancelled and blocks the 4-thread pool when DNS is silent, so it runs in a short-lived
//   child process that is killed at the deadline (a `timeout` result). Inside Electron, where that child cannot
//   be Node, the host installs a backend over Electron's own resolver instead (`setSystemLookupBackend`).
// - `queryDns`: the DNS servers themselves, asked through c-ares (cancellable), which tells the failure kinds
//   apart (NXDOMAIN, SERVFAIL, REFUSED, no data, timeout) where getaddrinfo only says "not found" or "try again".
//   With `servers` it asks another resolver (the profile's reference resolvers).
import { spawn } from 'node:child_process';
import { promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';

/** What one resolver made of a name. */
export type DnsOutcomeKind =
  | 'answer'
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'nodata'
  | 'timeout'
  | 'unreachable'
  | 'cancelled'
  | 'error';

/** The kinds that prove a DNS server answered (with addresses or with an error code). */
export const RESPONSE_KINDS: ReadonlySet<DnsOutcomeKind> = new Set(['answer', 'nxdomain', 'servfail', 'refused', 'nodata']);

export interface SystemLookupResult {
  host: string;
  kind: DnsOutcomeKind;
  addresses: string[];
  /** The getaddrinfo error code as Node names it (ENOTFOUND, EAI_AGAIN…), or ETIMEOUT / ECANCELLED. */
  code?: string;
  /** Time getaddrinfo took inside the child (without its start-up), or until it was cut off. */
  durationMs: number;
  /** The child could not run (spawn failed, or it died without answering): nothing was measured. */
  unavailable?: true;
}

export interface SystemLookupOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

const MAX_HOSTNAME_LENGTH = 253;
const LABEL = /^(?!-)[a-z0-9_-]{1,63}$/i;

/** A DNS host name (letters, digits, `-`, `_`, dots): the only thing ever handed to the child. */
export function isLookupHostname(name: string): boolean {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length === 0 || bare.length > MAX_HOSTNAME_LENGTH) return false;
  return bare.split('.').every((label) => LABEL.test(label));
}

// Runs in the child: looks every name up at once and prints one JSON line per name as soon as it is known.
// The names arrive as argv elements (never interpolated into this code).
const CHILD_SCRIPT = `'use strict';
const dns = require('node:dns');
for (const host of process.argv.slice(1)) {
  const started = performance.now();
  dns.lookup(host, { all: true, order: 'verbatim' }, (error, addresses) => {
    const ms = Math.round(performance.now() - started);
    const line = error ? { host, code: error.code || 'EUNKNOWN', ms } : { host, addresses: addresses.map((a) => a.address), ms };
    process.stdout.write(JSON.stringify(line) + '\\n');
  });
}`;

export interface ChildCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Pure: the child that runs getaddrinfo for these names. Throws on a name that is not a host name. */
export function buildLookupChild(hostnames: string[], baseEnv: NodeJS.ProcessEnv, execPath: string): ChildCommand {
  const bad = hostnames.find((h) => !isLookupHostname(h));
  if (bad !== undefined) throw new TypeError(`not a host name: ${JSON.stringify(bad)}`);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    // Inside Electron, process.execPath is the app: this makes it plain Node.
    ELECTRON_RUN_AS_NODE: '1',
    // One pool thread per name, so a silent DNS server cannot queue the other names behind it.
    UV_THREADPOOL_SIZE: String(Math.min(128, Math.max(4, hostnames.length))),
  };
  // The parent's preloads (tsx, a debugger…) would only slow the child down.
  delete env.NODE_OPTIONS;
  return { command: execPath, args: ['-e', CHILD_SCRIPT, '--', ...hostnames], env };
}

/** Pure: a getaddrinfo error code as a failure kind (getaddrinfo cannot tell NXDOMAIN from no data). */
export function classifyLookupError(code: string): DnsOutcomeKind {
  switch (code) {
    case 'ENOTFOUND': // EAI_NONAME: NXDOMAIN, and on glibc also "no address of this family"
      return 'nxdomain';
    case 'ENODATA':
    case 'EAI_NODATA':
      return 'nodata';
    case 'ETIMEOUT':
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECANCELLED':
      return 'cancelled';
    default: // EAI_AGAIN is a SERVFAIL or a timeout: only the DNS query can say which
      return 'error';
  }
}

interface ChildLine {
  host: string;
  addresses?: string[];
  code?: string;
  ms?: number;
}

function parseChildLine(line: string): ChildLine | null {
  try {
    const value = JSON.parse(line) as ChildLine;
    return typeof value?.host === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** A way to resolve names as the system does; every name must get a result by the timeout. */
export type SystemLookupBackend = (hostnames: string[], options: SystemLookupOptions) => Promise<Map<string, SystemLookupResult>>;

let installedBackend: SystemLookupBackend | null = null;

/**
 * Electron hosts install their own backend (e.g. `resolveHostBackend(net.resolveHost)`): a packaged app has its
 * RunAsNode fuse off, so a child of process.execPath would start the app itself instead of Node.
 */
export function setSystemLookupBackend(backend: SystemLookupBackend | null): void {
  installedBackend = backend;
}

function unavailable(hostnames: string[], code: string): Map<string, SystemLookupResult> {
  return new Map(hostnames.map((host) => [host, { host, kind: 'error', addresses: [], code, durationMs: 0, unavailable: true }]));
}

/**
 * Resolves every name as the system does: IP literals directly, the rest through the installed backend, else
 * getaddrinfo in a child process (plain Node only; inside Electron without a backend, results are `unavailable`).
 */
export async function systemLookup(hostnames: string[], options: SystemLookupOptions): Promise<Map<string, SystemLookupResult>> {
  const results = new Map<string, SystemLookupResult>();
  const names: string[] = [];
  for (const host of new Set(hostnames)) {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare) !== 0) results.set(host, { host, kind: 'answer', addresses: [bare], durationMs: 0 });
    else names.push(host);
  }
  if (names.length === 0) return results;
  const backend = installedBackend ?? (process.versions.electron ? null : childProcessLookup);
  const resolved = backend ? await backend(names, options) : unavailable(names, 'ENOBACKEND');
  for (const host of names) results.set(host, resolved.get(host) ?? unavailable([host], 'ENORESULT').get(host)!);
  return results;
}

/**
 * getaddrinfo for every name in one child process. Every name gets a result by `timeoutMs` (or when `signal`
 * aborts): those still pending then are `timeout` (or `cancelled`), and the child is killed.
 */
export const childProcessLookup: SystemLookupBackend = (names, options) => {
  const results = new Map<string, SystemLookupResult>();
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let child: ChildCommand;
  try {
    child = buildLookupChild(names, process.env, process.execPath);
  } catch {
    return Promise.resolve(unavailable(names, 'EINVAL'));
  }

  return new Promise((resolve) => {
    let settled = false;
    const finish = (pendingKind: 'timeout' | 'cancelled' | 'error', code: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const host of names) {
        if (results.has(host)) continue;
        results.set(host, {
          host,
          kind: pendingKind,
          addresses: [],
          code,
          durationMs: elapsed(),
          ...(pendingKind === 'error' ? { unavailable: true as const } : {}),
        });
      }
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      resolve(results);
    };
    const onAbort = (): void => finish('cancelled', 'ECANCELLED');
    const timer = setTimeout(() => finish('timeout', 'ETIMEOUT'), Math.max(0, options.timeoutMs));

    const proc = spawn(child.command, child.args, { env: child.env, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    let buffered = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = parseChildLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (!line || settled || !names.includes(line.host) || results.has(line.host)) continue;
        const durationMs = typeof line.ms === 'number' ? line.ms : elapsed();
        if (Array.isArray(line.addresses)) {
          const addresses = line.addresses.filter((a) => typeof a === 'string' && isIP(a) !== 0);
          results.set(line.host, { host: line.host, kind: addresses.length > 0 ? 'answer' : 'nodata', addresses, durationMs });
        } else {
          const code = String(line.code ?? 'EUNKNOWN');
          results.set(line.host, { host: line.host, kind: classifyLookupError(code), addresses: [], code, durationMs });
        }
      }
      if (names.every((h) => results.has(h))) finish('error', 'EUNKNOWN');
    });
    // The child could not start (or is not Node, e.g. Electron with its RunAsNode fuse off).
    proc.on('error', (error: NodeJS.ErrnoException) => finish('error', error.code ?? 'ESPAWN'));
    proc.on('close', () => finish('error', 'ECHILDEXIT'));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
};

/** The shape of Electron's `net.resolveHost` (Chromium's resolver: exactly what the browser uses). */
export type ResolveHostFunction = (host: string) => Promise<{ endpoints: { address: string; family?: string }[] }>;

/** Pure: a Chromium net error (`net::ERR_NAME_NOT_RESOLVED`) as a failure kind. */
export function classifyChromiumError(message: string): { kind: DnsOutcomeKind; code: string } {
  const code = /ERR_[A-Z_]+/.exec(message)?.[0] ?? 'ERR_FAILED';
  switch (code) {
    case 'ERR_NAME_NOT_RESOLVED': // NXDOMAIN and most other failures: the direct query says which
      return { kind: 'nxdomain', code };
    case 'ERR_DNS_TIMED_OUT':
      return { kind: 'timeout', code };
    case 'ERR_INTERNET_DISCONNECTED':
    case 'ERR_ADDRESS_UNREACHABLE':
      return { kind: 'unreachable', code };
    default:
      return { kind: 'error', code };
  }
}

/**
 * A backend over Electron's `net.resolveHost`, for the Electron engine host: every name at once, each cut off
 * at the timeout or the abort (Chromium's request cannot be cancelled, but it blocks nothing of ours).
 */
export function resolveHostBackend(resolveHost: ResolveHostFunction): SystemLookupBackend {
  return (names, options) =>
    new Promise((resolve) => {
      const started = performance.now();
      const elapsed = (): number => Math.round(performance.now() - started);
      const results = new Map<string, SystemLookupResult>();
      let settled = false;
      const finish = (kind: 'timeout' | 'cancelled', code: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        for (const host of names) if (!results.has(host)) results.set(host, { host, kind, addresses: [], code, durationMs: elapsed() });
        resolve(results);
      };
      const onAbort = (): void => finish('cancelled', 'ECANCELLED');
      const timer = setTimeout(() => finish('timeout', 'ETIMEOUT'), Math.max(0, options.timeoutMs));
      const settleOne = (result: SystemLookupResult): void => {
        if (settled) return;
        results.set(result.host, result);
        if (results.size === names.length) finish('timeout', 'ETIMEOUT'); // every name known: nothing times out
      };
      for (const host of names) {
        resolveHost(host).then(
          ({ endpoints }) => {
            const addresses = endpoints.map((e) => e.address).filter((a) => isIP(a) !== 0);
            settleOne({ host, kind: addresses.length > 0 ? 'answer' : 'nodata', addresses, durationMs: elapsed() });
          },
          (error: unknown) => settleOne({ host, ...classifyChromiumError(String((error as Error)?.message ?? error)), addresses: [], durationMs: elapsed() }),
        );
      }
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
}

// ---------- Direct DNS queries (c-ares) ----------

export interface RecordResult {
  kind: DnsOutcomeKind;
  addresses: string[];
  /** The c-ares error code (ENOTFOUND, ESERVFAIL, EREFUSED, ENODATA, ETIMEOUT, ECONNREFUSED…). */
  code?: string;
}

export interface DnsQueryResult {
  kind: DnsOutcomeKind;
  /** IPv4 first, then IPv6. */
  addresses: string[];
  a: RecordResult;
  aaaa: RecordResult;
  /** Until both queries were settled. */
  durationMs: number;
  /** The servers asked (c-ares' view of the system's servers when none were given). */
  servers: string[];
}

export interface QueryDnsOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Servers to ask (`ip`, `ip:port`, `[ipv6]:port`); the system's when absent. */
  servers?: string[];
}

/** Pure: a c-ares error code as a failure kind. */
export function classifyQueryError(code: string | undefined): DnsOutcomeKind {
  switch (code) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ESERVFAIL':
      return 'servfail';
    case 'EREFUSED':
      return 'refused';
    case 'ENODATA':
      return 'nodata';
    case 'ETIMEOUT':
      return 'timeout';
    case 'ECANCELLED':
      return 'cancelled';
    case 'ECONNREFUSED':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'unreachable';
    default:
      return 'error';
  }
}

// When A and AAAA fail differently, the more telling kind names the outcome (NXDOMAIN is about the name itself).
const FAILURE_PRECEDENCE: DnsOutcomeKind[] = ['nxdomain', 'servfail', 'refused', 'timeout', 'unreachable', 'cancelled', 'error', 'nodata'];

/** Pure: the outcome of a name from its A and AAAA results. */
export function combineRecords(a: RecordResult, aaaa: RecordResult): DnsOutcomeKind {
  if (a.addresses.length > 0 || aaaa.addresses.length > 0) return 'answer';
  if (a.kind === 'answer' && aaaa.kind === 'answer') return 'nodata';
  for (const kind of FAILURE_PRECEDENCE) if (a.kind === kind || aaaa.kind === kind) return kind;
  return 'nodata';
}

/** Asks A and AAAA for a name, concurrently, with its own timeout; never throws. */
export async function queryDns(hostname: string, options: QueryDnsOptions): Promise<DnsQueryResult> {
  const started = performance.now();
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(1, Math.round(options.timeoutMs)), tries: 1 });
  const failed = (kind: DnsOutcomeKind, code: string): DnsQueryResult => {
    const record: RecordResult = { kind, addresses: [], code };
    return { kind, addresses: [], a: record, aaaa: record, durationMs: Math.round(performance.now() - started), servers: options.servers ?? [] };
  };
  try {
    if (options.servers) resolver.setServers(options.servers);
  } catch (error) {
    return failed('error', (error as NodeJS.ErrnoException).code ?? 'EINVAL');
  }
  const servers = resolver.getServers();
  if (options.signal?.aborted) return { ...failed('cancelled', 'ECANCELLED'), servers };

  // c-ares retries per server and may run past its own timeout: this timer is the one that holds.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, Math.max(0, options.timeoutMs));
  const cancel = (): void => resolver.cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const settle = async (query: Promise<string[]>): Promise<RecordResult> => {
    try {
      return { kind: 'answer', addresses: await query };
    } catch (error) {
      const raw = (error as NodeJS.ErrnoException).code;
      const code = raw === 'ECANCELLED' && timedOut ? 'ETIMEOUT' : (raw ?? 'EUNKNOWN');
      return { kind: classifyQueryError(code), addresses: [], code };
    }
  };
  try {
    const [a, aaaa] = await Promise.all([settle(resolver.resolve4(hostname)), settle(resolver.resolve6(hostname))]);
    return {
      kind: combineRecords(a, aaaa),
      addresses: [...a.addresses, ...aaaa.addresses],
      a,
      aaaa,
      durationMs: Math.round(performance.now() - started),
      servers,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}
