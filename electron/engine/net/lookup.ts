// Host name lookups that a deadline can really cut off.
//
// Node's default `dns.lookup` runs getaddrinfo on the 4-thread libuv pool: when DNS is silent those calls can
// neither be cancelled nor bounded, they starve every other lookup and even hold the process's exit for 10 s
// and more. This lookup answers IP literals and hosts-file entries itself and asks the system's DNS servers
// through c-ares (`dns.Resolver`), whose queries time out and can be cancelled.
import { promises as dnsPromises } from 'node:dns';
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { windowsSystemRoot } from '../../system/run-command.js';

export class LookupError extends Error {
  constructor(
    readonly code: 'ENOTFOUND' | 'ENODATA' | 'ESERVFAIL' | 'ETIMEOUT' | 'ECANCELLED' | 'EREFUSED' | 'ECONNREFUSED' | string,
    readonly hostname: string,
  ) {
    super(`${code} ${hostname}`);
    this.name = 'LookupError';
  }
}

export interface LookupOptions {
  /** Per-query timeout in milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** DNS servers to ask instead of the system's (`ip` or `ip:port`, as c-ares' setServers takes them). */
  servers?: string[];
  /** The hosts file to honour (default: this OS's, see hostsFilePath). */
  hostsFile?: string;
}

/** Parses an /etc/hosts file into name → addresses (lower-cased names). */
export function parseHostsFile(text: string): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*/, '').trim();
    if (!line) continue;
    const [address, ...names] = line.split(/\s+/);
    if (!address || isIP(address) === 0) continue;
    for (const name of names) {
      const key = name.toLowerCase();
      const list = hosts.get(key) ?? [];
      if (!list.includes(address)) list.push(address);
      hosts.set(key, list);
    }
  }
  return hosts;
}

/** Where this OS keeps its hosts file. */
export function hostsFilePath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  return platform === 'win32' ? `${windowsSystemRoot(env)}\\System32\\drivers\\etc\\hosts` : '/etc/hosts';
}

interface HostsReading {
  /** What identifies this version of the file: a change of any re-reads it. */
  stamp: string;
  hosts: Map<string, string[]>;
}

const hostsReadings = new Map<string, HostsReading>();

/**
 * The hosts file's name → addresses (empty when it cannot be read). Parsed once and re-read only when the file
 * changes. Synchronous on purpose: a stat is cheap, and the libuv pool async fs would use is the one a silent
 * getaddrinfo starves.
 */
export function readHostsFile(file: string = hostsFilePath()): Map<string, string[]> {
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    hostsReadings.delete(file);
    return new Map();
  }
  const known = hostsReadings.get(file);
  if (known?.stamp === stamp) return known.hosts;
  let hosts: Map<string, string[]>;
  try {
    hosts = parseHostsFile(readFileSync(file, 'utf8'));
  } catch {
    hosts = new Map();
  }
  hostsReadings.set(file, { stamp, hosts });
  return hosts;
}

/** Resolves a host name to addresses (IPv4 first), honouring the timeout and the abort signal. */
export async function resolveHost(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(bare);
  if (literal !== 0) return [{ address: bare, family: literal }];

  const fromHosts = readHostsFile(options.hostsFile ?? hostsFilePath()).get(bare.toLowerCase()) ?? [];
  if (fromHosts.length > 0) return fromHosts.map((address) => ({ address, family: isIP(address) }));
  if (bare.toLowerCase() === 'localhost') return [{ address: '127.0.0.1', family: 4 }];

  options.signal?.throwIfAborted();
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(1, Math.round(options.timeoutMs)), tries: 1 });
  if (options.servers) resolver.setServers(options.servers);
  const cancel = (): void => resolver.cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  // c-ares may take a multiple of its own timeout (retries per server): our timer is the one that holds.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, options.timeoutMs);
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(bare), resolver.resolve6(bare)]);
    const addresses: LookupAddress[] = [];
    if (v4.status === 'fulfilled') addresses.push(...v4.value.map((address) => ({ address, family: 4 })));
    if (v6.status === 'fulfilled') addresses.push(...v6.value.map((address) => ({ address, family: 6 })));
    if (addresses.length > 0) return addresses;
    const reason = (v4.status === 'rejected' ? v4.reason : v6.status === 'rejected' ? v6.reason : null) as
      | NodeJS.ErrnoException
      | null;
    if (timedOut) throw new LookupError('ETIMEOUT', bare);
    throw new LookupError(reason?.code ?? 'ENODATA', bare);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` function for `http.request` / `net.connect` built on `resolveHost`. */
export function createLookup(options: LookupOptions) {
  return (hostname: string, lookupOptions: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    resolveHost(hostname, options).then(
      (addresses) => {
        const wanted = Number(lookupOptions.family) || 0;
        const matching = wanted === 0 ? addresses : addresses.filter((a) => a.family === wanted);
        if (matching.length === 0) {
          callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
        } else if (lookupOptions.all) {
          callback(null, matching);
        } else {
          callback(null, matching[0]!.address, matching[0]!.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
