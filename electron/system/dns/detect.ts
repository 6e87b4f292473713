// Which backend manages DNS here. Linux: NetworkManager when it runs; else systemd-resolved when resolv.conf points
// to its stub and resolvectl answers; else the plain file. GATEWAY_DOCTOR_DNS_BACKEND forces one (tests, odd
// setups); GATEWAY_DOCTOR_RESOLV_CONF names another file for the plain backend.
import { lstat, readFile, readlink } from 'node:fs/promises';
import { DNS_BACKEND_IDS, type DnsBackendId } from '../../common/dns-schema.js';
import { isSystemdStub, parseResolvConf } from '../dns-servers/resolv-conf.js';
import { resolvectlStatusArgv } from '../dns-servers/resolvectl.js';
import { macosBackend } from './networksetup.js';
import { networkManagerBackend, nmRunningArgv, parseNmRunning, type Run } from './nmcli.js';
import { resolvConfBackend, SYSTEM_RESOLV_CONF } from './resolv-conf.js';
import { resolvedBackend } from './resolvectl.js';
import type { DnsBackend, SavedConfig } from './types.js';
import { windowsBackend } from './windows.js';

export const BACKEND_ENV = 'GATEWAY_DOCTOR_DNS_BACKEND';
export const RESOLV_CONF_ENV = 'GATEWAY_DOCTOR_RESOLV_CONF';

export interface DetectOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Runs a read-only command and returns its stdout; rejects when it fails or is missing. */
  run: Run;
}

export function resolvConfPathFrom(env: NodeJS.ProcessEnv): string {
  return env[RESOLV_CONF_ENV] || SYSTEM_RESOLV_CONF;
}

export function backendById(id: DnsBackendId, options: DetectOptions): DnsBackend {
  switch (id) {
    case 'resolv-conf':
      return anyBackend(resolvConfBackend(resolvConfPathFrom(options.env)));
    case 'networkmanager':
      return anyBackend(networkManagerBackend(options.run));
    case 'systemd-resolved':
      return anyBackend(resolvedBackend(options.run));
    case 'macos':
      return anyBackend(macosBackend(options.run));
    case 'windows':
      return anyBackend(windowsBackend(options.run));
  }
}

/** A backend for any saved kind; it refuses (rather than misreads) a saved configuration of another backend. */
export function anyBackend<S extends SavedConfig>(backend: DnsBackend<S>): DnsBackend {
  const own = (saved: SavedConfig): S => {
    if (saved.kind !== backend.id) throw new Error(`the ${backend.label} backend cannot use settings saved by ${saved.kind}`);
    return saved as S;
  };
  return {
    ...backend,
    read: () => backend.read(),
    planApply: (state, names, servers, original) =>
      backend.planApply({ ...state, saved: own(state.saved) }, names, servers, original === undefined ? undefined : own(original)),
    planRestore: (saved) => backend.planRestore(own(saved)),
    ...(backend.checkSaved ? { checkSaved: (saved: SavedConfig) => backend.checkSaved!(own(saved)) } : {}),
  };
}

/** resolv.conf is the systemd-resolved stub (a link into /run/systemd/resolve, or nameserver 127.0.0.53). */
export async function pointsToResolvedStub(file: string): Promise<boolean> {
  try {
    if ((await lstat(file)).isSymbolicLink() && (await readlink(file)).includes('/run/systemd/resolve/')) return true;
    return isSystemdStub(parseResolvConf(await readFile(file, 'utf8')).nameservers);
  } catch {
    return false;
  }
}

export async function detectBackendId(options: DetectOptions): Promise<DnsBackendId> {
  const forced = options.env[BACKEND_ENV];
  if (forced) {
    if (!(DNS_BACKEND_IDS as readonly string[]).includes(forced)) {
      throw new Error(`${BACKEND_ENV} must be one of ${DNS_BACKEND_IDS.join(', ')}, not "${forced}"`);
    }
    return forced as DnsBackendId;
  }
  if (options.platform === 'win32') return 'windows';
  if (options.platform === 'darwin') return 'macos';
  if (options.platform !== 'linux') return 'resolv-conf';
  const nmRunning = await options.run(nmRunningArgv()).then(parseNmRunning, () => false);
  if (nmRunning) return 'networkmanager';
  if (await pointsToResolvedStub(resolvConfPathFrom(options.env))) {
    const resolvedAnswers = await options.run(resolvectlStatusArgv()).then(
      () => true,
      () => false,
    );
    if (resolvedAnswers) return 'systemd-resolved';
  }
  return 'resolv-conf';
}
