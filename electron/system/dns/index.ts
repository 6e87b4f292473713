// The DNS switch for its hosts (the CLI, and the engine service behind the app's IPC): builds the environment a transaction runs in
// (detected backend, rights, executor, verifier, journal folder) from the real machine.
import { appDataDir } from '../../engine/paths.js';
import { runCommand, type Runner } from '../run-command.js';
import { backendById, detectBackendId } from './detect.js';
import { executeOperations } from './executor.js';
import { processStartReader } from './process-start.js';
import { trustedArgv } from './trusted-program.js';
import type { Run } from './nmcli.js';
import type { DnsEnvironment } from './transaction.js';
import { verifyResolution, VERIFY_DEADLINE_MS } from './verify.js';
import { isAdminArgv, parseIsAdmin } from './windows.js';

export { changeOf, DnsInputError, DnsStateError, dnsStatus, planSwitch, commitSwitch, revertDns, switchDns, parseSwitchRequest } from './transaction.js';
export type { DnsEnvironment, SwitchPlan } from './transaction.js';
export { ElevationRefusedError } from './elevation.js';
export { JournalError } from './journal.js';
export { profileHosts } from './verify.js';

/** Test-only: makes a switch stop between apply and verify (printing PAUSE_MARKER) so a test can kill it there
 * ("1": a minute), or see what a host does while a change runs (a number of ms). */
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

/**
 * Reads whose output becomes what a change or a revert runs: on Linux and macOS their programs come from the
 * trusted system folders too (trusted-program.ts), never from the user's PATH. Windows argv name full paths.
 */
export function readCommandFor(platform: NodeJS.Platform, run: Runner = runCommand, resolveProgram = (argv: readonly string[]) => trustedArgv(argv)): Run {
  return async (argv) => {
    const located = platform === 'win32' ? argv : resolveProgram(argv);
    return (await run(located, { timeoutMs: READ_TIMEOUT_MS })).stdout;
  };
}

/** How long the test-only pause holds: "1" a minute (long enough to be killed there), or a number of ms. */
export function pauseMs(value: string | undefined): number | null {
  if (value === undefined || value === '' || value === '0') return null;
  if (value === '1') return 60_000;
  const ms = Number(value);
  return Number.isInteger(ms) && ms > 1 && ms <= 600_000 ? ms : null;
}

async function hasAdminRights(platform: NodeJS.Platform, readCommand: Run): Promise<boolean> {
  if (platform === 'win32') return readCommand(isAdminArgv()).then(parseIsAdmin, () => false);
  return process.getuid?.() === 0;
}

export async function createDnsEnvironment(options: DnsEnvironmentOptions = {}): Promise<DnsEnvironment> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => {});
  const readCommand = readCommandFor(platform);
  const detect = { platform, env, run: readCommand };
  const backend = backendById(await detectBackendId(detect), detect);
  const privileged = await hasAdminRights(platform, readCommand);
  const pause = pauseMs(env[PAUSE_ENV]);
  const verifyDeadlineMs = options.verifyDeadlineMs ?? VERIFY_DEADLINE_MS;
  return {
    dataDir: options.dataDir ?? appDataDir({ env, platform }),
    backend,
    privileged,
    backendFor: (id) => (id === backend.id ? backend : backendById(id, detect)),
    execute: (operations) => executeOperations(operations, { platform, privileged }),
    verify: (hosts, servers) => verifyResolution(hosts, { deadlineMs: verifyDeadlineMs, servers }),
    processStart: processStartReader({ platform, env }),
    verifyDeadlineMs,
    log,
    ...(pause !== null
      ? {
          pauseAfterApply: async () => {
            log(PAUSE_MARKER);
            await new Promise((resolve) => setTimeout(resolve, pause));
          },
        }
      : {}),
  };
}
