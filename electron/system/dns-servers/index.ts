// The DNS servers in effect on this machine, per interface, from the adapters that fit the OS (read-only), for the
// report's `environment.dnsServers` and the dns check's evidence; `dns status` reads the system/dns backends
// instead. Never throws: an adapter that cannot run (tool missing, timeout) adds nothing.
import { readFile } from 'node:fs/promises';
import { runCommand, type Runner, type RunOptions } from '../run-command.js';
import { nmcliDnsArgv, parseNmcliDeviceShow } from './nmcli.js';
import { RESOLV_CONF_PATH, resolvConfEntries } from './resolv-conf.js';
import { parseResolvectlStatus, resolvectlStatusArgv } from './resolvectl.js';
import { parseScutilDns, scutilDnsArgv } from './scutil.js';
import type { DnsServerEntry } from './types.js';
import { getDnsClientServerAddressArgv, parseDnsClientServerAddressJson } from './windows-dns-client.js';

export type { DnsServerEntry } from './types.js';

export interface ReadDnsServersOptions {
  /** Defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** Runs OS commands; tests pass a fake one for tools that cannot run here. */
  run?: Runner;
  resolvConfPath?: string;
  /** Per command (PowerShell alone can take a second or two to start). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 4_000;

async function fromCommand(run: Runner, argv: string[], parse: (stdout: string) => DnsServerEntry[], options: RunOptions): Promise<DnsServerEntry[]> {
  try {
    return parse((await run(argv, options)).stdout);
  } catch {
    // Not installed, timed out, refused, or printed something else: this adapter adds nothing.
    return [];
  }
}

async function fromResolvConf(path: string): Promise<DnsServerEntry[]> {
  try {
    return resolvConfEntries(await readFile(path, 'utf8'));
  } catch {
    return [];
  }
}

export async function readDnsServers(options: ReadDnsServersOptions = {}): Promise<DnsServerEntry[]> {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runCommand;
  // Read-only tools under a sweep's deadline: one that ignores SIGTERM must not hold it.
  const commandOptions: RunOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    ...(options.signal ? { signal: options.signal } : {}),
  };
  switch (platform) {
    case 'win32':
      return fromCommand(run, getDnsClientServerAddressArgv(), parseDnsClientServerAddressJson, commandOptions);
    case 'darwin':
      return fromCommand(run, scutilDnsArgv(), parseScutilDns, commandOptions);
    case 'linux': {
      // resolv.conf is what getaddrinfo reads; resolved and NetworkManager (where present) know the servers
      // behind a local stub and which interface each belongs to.
      const [resolvConf, resolved, networkManager] = await Promise.all([
        fromResolvConf(options.resolvConfPath ?? RESOLV_CONF_PATH),
        fromCommand(run, resolvectlStatusArgv(), parseResolvectlStatus, commandOptions),
        fromCommand(run, nmcliDnsArgv(), parseNmcliDeviceShow, commandOptions),
      ]);
      return [...resolvConf, ...resolved, ...networkManager];
    }
    default:
      return fromResolvConf(options.resolvConfPath ?? RESOLV_CONF_PATH);
  }
}

/** Pure: every server once, in order, for the report's flat `environment.dnsServers`. */
export function flattenDnsServers(entries: DnsServerEntry[]): string[] {
  return [...new Set(entries.flatMap((entry) => entry.servers))];
}

