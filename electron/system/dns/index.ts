// The DNS switch for its hosts (CLI now, the engine's IPC later): builds the environment a transaction runs in
// (detected backend, rights, executor, verifier, journal folder) from the real machine.
import { appDataDir } from '../../engine/paths.js';
import { runCommand } from '../run-command.js';
import { backendById, detectBackendId } from './detect.js';
import { executeOperations } from './executor.js';
import type { Run } from './nmcli.js';
import type { DnsEnvironment } from './transaction.js';
import { verifyResolution, VERIFY_DEADLINE_MS } from './verify.js';
import { isAdminArgv, parseIsAdmin } from './windows.js';

export { DnsInputError, DnsStateError, dnsStatus, planSwitch, commitSwitch, revertDns, switchDns, parseSwitchRequest } from './transaction.js';
export type { DnsEnvironment, SwitchPlan } from './transaction.js';
export { ElevationRefusedError } from './elevation.js';
export { JournalError } from './journal.js';
export { profileHosts } from './verify.js';

/** Test-only: makes a switch stop between apply and verify (printing PAUSE_MARKER) so a test can kill it there. */
export const PAUSE_ENV = 'GATEWAY_DOCTOR_TEST_PAUSE_AFTER_APPLY';
export const PAUSE_MARKER = 'gateway-doctor: paused after apply (test hook)';

export interface DnsEnvironmentOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  dataDir?: string;
  log?: (line: string) => void;
  verifyDeadlineMs?: number;
}

const READ_TIMEOUT_MS = 15_000;

const readCommand: Run = async (argv) => (await runCommand(argv, { timeoutMs: READ_TIMEOUT_MS })).stdout;

async function hasAdminRights(platform: NodeJS.Platform): Promise<boolean> {
  if (platform === 'win32') return readCommand(isAdminArgv()).then(parseIsAdmin, () => false);
  return process.getuid?.() === 0;
}

export async function createDnsEnvironment(options: DnsEnvironmentOptions = {}): Promise<DnsEnvironment> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => {});
  const detect = { platform, env, run: readCommand };
  const backend = backendById(await detectBackendId(detect), detect);
  const privileged = await hasAdminRights(platform);
  const verifyDeadlineMs = options.verifyDeadlineMs ?? VERIFY_DEADLINE_MS;
  return {
    dataDir: options.dataDir ?? appDataDir({ env, platform }),
    backend,
    privileged,
    backendFor: (id) => (id === backend.id ? backend : backendById(id, detect)),
    execute: (operations) => executeOperations(operations, { platform, privileged }),
    verify: (hosts, servers) => verifyResolution(hosts, { deadlineMs: verifyDeadlineMs, ...(servers ? { servers } : {}) }),
    verifyDeadlineMs,
    log,
    ...(env[PAUSE_ENV] === '1'
      ? {
          pauseAfterApply: async () => {
            log(PAUSE_MARKER);
            await new Promise((resolve) => setTimeout(resolve, 60_000));
          },
        }
      : {}),
  };
}
