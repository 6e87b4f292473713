// The DNS switch as a transaction (ARCHITECTURE.md principle 6): validate → read and save the current settings to
// the journal → apply (elevated) and flush → check the system took them → resolve the profile's targets through
// them → keep, or put the saved settings back by itself and say why. `revert` restores what the journal saved.
// A switch's commit and a revert hold a lock across processes (lock.ts), so the app and a CLI never interleave.
import {
  dnsRequestProblem,
  presetOf,
  DnsSwitchRequestSchema,
  requestedServers,
  type DnsRevertResult,
  type DnsStatus,
  type DnsSwitchRequest,
  type DnsSwitchResult,
  type DnsVerification,
  type InterfaceDns,
} from '../../common/dns-schema.js';
import { ElevationRefusedError } from './elevation.js';
import { DnsInputError, DnsStateError, RESTORE_FIRST } from './errors.js';
import { withDnsLock } from './lock.js';
import { journalChange, journalPath, readJournal, removeJournal, switchRunning, writeJournal, type Journal } from './journal.js';
import { processStartReader, type ProcessStartReader } from './process-start.js';
import { mergeSaved, narrowSaved, savedDigest, savedNames } from './saved-config.js';
import type { BackendState, DnsBackend, Operation, SavedConfig } from './types.js';
import { verificationFailure } from './verify.js';

export { DnsInputError, DnsStateError, RESTORE_FIRST };

export interface DnsEnvironment {
  dataDir: string;
  /** The backend that manages DNS here now. */
  backend: DnsBackend;
  /** The backend a journal was written by (revert uses it, even if detection would now say otherwise). */
  backendFor: (id: DnsBackend['id']) => DnsBackend;
  /** This process already has the rights (root, Administrator): nothing needs an elevation prompt. */
  privileged?: boolean;
  /** Runs operations, elevated when needed (executor.ts). */
  execute: (operations: Operation[]) => Promise<{ warnings: string[] }>;
  /** Asks `servers` themselves for the hosts (never the hosts file, never a system cache). */
  verify: (hosts: string[], servers: string[]) => Promise<DnsVerification[]>;
  /** When a process started (process-start.ts): tells a running switch from one whose process is gone. */
  processStart?: ProcessStartReader;
  verifyDeadlineMs: number;
  /** Progress lines for people (the CLI prints them on stderr). */
  log: (line: string) => void;
  /** Test-only: holds the switch between apply and verify (GATEWAY_DOCTOR_TEST_PAUSE_AFTER_APPLY). */
  pauseAfterApply?: () => Promise<void>;
  now?: () => Date;
}

export interface SwitchPlan {
  request: DnsSwitchRequest;
  servers: string[];
  backend: DnsBackend;
  state: BackendState;
  /** The interfaces that will change, as they are now. */
  interfaces: InterfaceDns[];
  operations: Operation[];
  warnings: string[];
  /** A verified earlier change this one goes on top of (its originals stay the ones `revert` restores). */
  previous: Journal | null;
  /** What `revert` will restore: the previous change's originals, or the settings as they are now. */
  original: SavedConfig;
}

export function parseSwitchRequest(input: unknown): DnsSwitchRequest {
  const result = DnsSwitchRequestSchema.safeParse(input);
  if (!result.success) throw new DnsInputError(dnsRequestProblem(result.error));
  return result.data;
}

function printable(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** The named interfaces, matched on the backend's name or on the device; the primary ones when none is named. */
export function chooseInterfaces(all: InterfaceDns[], requested: string[] | undefined): InterfaceDns[] {
  if (!requested) {
    const primary = all.filter((i) => i.primary);
    if (primary.length === 0) {
      throw new DnsStateError(
        all.length === 0 ? 'no network interface with DNS settings was found' : `no interface carries the default route; name one (${all.map((i) => i.name).join(', ')})`,
      );
    }
    return primary;
  }
  const chosen: InterfaceDns[] = [];
  for (const name of requested) {
    const match =
      all.find((i) => i.name === name || i.device === name) ??
      all.find((i) => i.name.toLowerCase() === name.toLowerCase() || i.device?.toLowerCase() === name.toLowerCase());
    if (!match) {
      const known = all.map((i) => i.name).join(', ') || 'none';
      throw new DnsInputError(`${printable(name)} is not one of this machine's network interfaces (known: ${known})`);
    }
    if (!chosen.includes(match)) chosen.push(match);
  }
  return chosen;
}

const defaultProcessStart = processStartReader();

/** The change a journal describes, its switch's process really checked (pid and start time). */
export async function changeOf(journal: Journal, env: Pick<DnsEnvironment, 'processStart'>): Promise<ReturnType<typeof journalChange>> {
  return journalChange(journal, await switchRunning(journal, env.processStart ?? defaultProcessStart));
}

async function existingJournal(env: DnsEnvironment): Promise<Journal | null> {
  const journal = await readJournal(env.dataDir);
  if (!journal) return null;
  const change = await changeOf(journal, env);
  if (change.state === 'in-progress') throw new DnsStateError(`another DNS switch is running now (process ${journal.pid})`);
  if (change.state === 'interrupted') {
    throw new DnsStateError(`a DNS switch started ${journal.createdAt} was interrupted before it finished; ${RESTORE_FIRST}`, {
      revertFirst: true,
    });
  }
  return journal;
}

/** A backend as people know it ("NetworkManager"), its id when it cannot be built here. */
function backendLabel(env: DnsEnvironment, id: DnsBackend['id']): string {
  try {
    return env.backendFor(id).label;
  } catch {
    return id;
  }
}

/** Everything a switch would do, without doing it: for the confirmation, and the first half of `switchDns`. */
/**
 * The servers that go into a configuration that reads at most `max`: the first ones in the order asked (a preset's
 * IPv4 pair and its first IPv6 twin), so what is written is exactly what the system will use. A preset is cut
 * quietly (its servers are twins of each other); a list the person typed says what was left out.
 */
export function fitServers(servers: string[], max: number | undefined): { servers: string[]; warnings: string[] } {
  if (max === undefined || servers.length <= max) return { servers, warnings: [] };
  const kept = servers.slice(0, max);
  const left = servers.slice(max);
  const preset = presetOf(servers[0]!);
  if (preset && servers.every((s) => presetOf(s) === preset)) return { servers: kept, warnings: [] };
  return { servers: kept, warnings: [`this system uses at most ${max} DNS servers, so ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} left out`] };
}

export async function planSwitch(input: unknown, env: DnsEnvironment): Promise<SwitchPlan> {
  const request = parseSwitchRequest(input);
  const fitted = fitServers(requestedServers(request), env.backend.maxServers);
  const servers = fitted.servers;
  const previous = await existingJournal(env);
  if (previous && previous.backend !== env.backend.id) {
    throw new DnsStateError(`the last DNS change was made through ${backendLabel(env, previous.backend)}; ${RESTORE_FIRST}`, {
      revertFirst: true,
    });
  }
  // A change on top of an earlier one keeps the earlier one's originals: only if they are still Gateway Doctor's.
  if (previous && (await env.backend.checkSaved?.(previous.original)) === 'gone') {
    throw new DnsStateError(`the DNS settings were changed by something else since Gateway Doctor's last switch; ${RESTORE_FIRST}`, { revertFirst: true });
  }
  const state = await env.backend.read();
  const interfaces = chooseInterfaces(state.interfaces, request.interfaces);
  const names = interfaces.map((i) => i.name);
  const before = narrowSaved(state.saved, names);
  const original = previous ? mergeSaved(previous.original, before) : before;
  const applied = env.backend.planApply(state, names, servers, original);
  const operations = applied.operations;
  const warnings = [...fitted.warnings, ...applied.warnings];
  if (operations.length === 0) throw new DnsStateError(`nothing can be changed on ${interfaces.map((i) => i.name).join(', ')}`);
  return { request, servers, backend: env.backend, state, interfaces, operations, warnings, previous, original };
}

/** The interfaces that do not show every requested server of a family they use. */
export function notTaken(after: InterfaceDns[], names: string[], servers: string[]): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const view = after.find((i) => i.name === name);
    if (!view) {
      problems.push(`${name} is gone`);
      continue;
    }
    const shown = [...view.ipv4.servers, ...view.ipv6.servers].map((s) => s.toLowerCase().replace(/%.*$/, ''));
    const missing = servers.filter((s) => {
      const family = s.includes(':') ? view.ipv6 : view.ipv4;
      return !family.disabled && !shown.includes(s.toLowerCase());
    });
    if (missing.length > 0) problems.push(`${name} shows ${shown.join(', ') || 'no server'} instead`);
  }
  return problems;
}

/** Whether two readings of the journal are the same change (or both none). */
function sameJournal(a: Journal | null, b: Journal | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.createdAt === b.createdAt && a.updatedAt === b.updatedAt && a.state === b.state;
}

/**
 * Applies a plan, holding the cross-process lock (lock.ts) from the journal check to the last journal write. The
 * plan was made without the lock (a confirmation may sit in between): if another process changed DNS since, the
 * plan's "before" is stale and the switch is refused.
 */
export async function commitSwitch(plan: SwitchPlan, hosts: string[], env: DnsEnvironment): Promise<DnsSwitchResult> {
  return withDnsLock(env.dataDir, async () => {
    const current = await existingJournal(env);
    if (!sameJournal(current, plan.previous)) {
      throw new DnsStateError('DNS was changed by another Gateway Doctor process since this switch was planned; nothing was changed: look again and retry');
    }
    return commitLocked(plan, hosts, env);
  });
}

async function commitLocked(plan: SwitchPlan, hosts: string[], env: DnsEnvironment): Promise<DnsSwitchResult> {
  const now = (): string => (env.now?.() ?? new Date()).toISOString();
  const names = plan.interfaces.map((i) => i.name);
  const before = narrowSaved(plan.state.saved, names);
  const created = now();
  const processStart = await (env.processStart ?? defaultProcessStart)(process.pid);
  const journal: Journal = {
    version: 1,
    state: 'pending',
    pid: process.pid,
    ...(processStart !== null ? { processStart } : {}),
    createdAt: created,
    updatedAt: created,
    backend: plan.backend.id,
    servers: plan.servers,
    interfaces: names,
    original: plan.original,
    before,
    previous: plan.previous ? { createdAt: plan.previous.createdAt, servers: plan.previous.servers, interfaces: plan.previous.interfaces } : null,
  };
  const warnings = [...plan.warnings];
  const result = (fields: Pick<DnsSwitchResult, 'ok' | 'reverted' | 'verification'> & Partial<Pick<DnsSwitchResult, 'reason' | 'revertNeeded'>>): DnsSwitchResult => ({
    backend: plan.backend.id,
    servers: plan.servers,
    interfaces: names,
    warnings,
    ...fields,
  });
  const putJournalBack = async (): Promise<void> => {
    if (plan.previous) await writeJournal(env.dataDir, plan.previous);
    else await removeJournal(env.dataDir);
  };
  /** Puts `before` back after a failure; the journal stays if even that fails, so `dns revert` can retry. */
  const undo = async (reason: string, verification: DnsVerification[]): Promise<DnsSwitchResult> => {
    env.log(`Putting the previous DNS settings back: ${reason}`);
    try {
      warnings.push(...(await env.execute([...plan.backend.planRestore(before), ...plan.backend.planFlush()])).warnings);
    } catch (error) {
      return result({
        ok: false,
        reverted: false,
        verification,
        reason: `${reason}; putting the previous settings back failed too (${(error as Error).message}); they still need to be restored`,
        revertNeeded: true,
      });
    }
    await putJournalBack();
    return result({ ok: false, reverted: true, verification, reason: `${reason}; the previous DNS settings were put back` });
  };

  await writeJournal(env.dataDir, journal);
  env.log(`Saved the current DNS settings of ${names.join(', ')} to ${journalPath(env.dataDir)}`);
  env.log(`Setting DNS to ${plan.servers.join(', ')} (${plan.backend.label})`);
  try {
    warnings.push(...(await env.execute([...plan.operations, ...plan.backend.planFlush()])).warnings);
  } catch (error) {
    if (error instanceof ElevationRefusedError) {
      // The prompt came before any change: nothing to undo.
      await putJournalBack();
      return result({ ok: false, reverted: false, verification: [], reason: `${error.message} Nothing was changed.` });
    }
    return undo(`applying the change failed (${(error as Error).message})`, []);
  }
  journal.state = 'applied';
  journal.updatedAt = now();
  await writeJournal(env.dataDir, journal);
  await env.pauseAfterApply?.();

  let after: InterfaceDns[];
  try {
    after = (await plan.backend.read()).interfaces;
  } catch (error) {
    return undo(`the settings could not be read back (${(error as Error).message})`, []);
  }
  const problems = notTaken(after, names, plan.servers);
  if (problems.length > 0) return undo(`the system did not take the new servers (${problems.join('; ')})`, []);

  // The new servers themselves are asked: a name in the hosts file, or in a cache, would "resolve" through any.
  env.log(`Asking the new servers for ${hosts.join(', ')}`);
  const verification = await env.verify(hosts, plan.servers);
  const failure = verificationFailure(verification, env.verifyDeadlineMs);
  if (failure) return undo(failure, verification);

  journal.state = 'verified';
  journal.updatedAt = now();
  await writeJournal(env.dataDir, journal);
  return result({ ok: true, reverted: false, verification });
}

/** Plans and commits in one go: what runs comes from the validated request alone, never from a caller's plan. */
export async function switchDns(input: unknown, hosts: string[], env: DnsEnvironment): Promise<DnsSwitchResult> {
  return commitSwitch(await planSwitch(input, env), hosts, env);
}

export interface RevertOptions {
  /** The digest of the saved settings the user was shown (DnsChange.restore.digest): anything else is refused. */
  expected?: string;
}

export async function revertDns(env: DnsEnvironment, options: RevertOptions = {}): Promise<DnsRevertResult> {
  return withDnsLock(env.dataDir, () => revertLocked(env, options));
}

async function revertLocked(env: DnsEnvironment, options: RevertOptions): Promise<DnsRevertResult> {
  const journal = await readJournal(env.dataDir);
  if (!journal) return { reverted: false, interfaces: [], message: 'There is no DNS change to revert.', warnings: [] };
  if (options.expected !== undefined && savedDigest(journal.original) !== options.expected) {
    throw new DnsStateError('the saved DNS settings are not the ones shown before you confirmed (the journal changed meanwhile); nothing was restored: look again');
  }
  const change = await changeOf(journal, env);
  if (change.state === 'in-progress' && journal.pid !== process.pid) {
    throw new DnsStateError(`a DNS switch is running now (process ${journal.pid}); it reverts by itself if it fails`);
  }
  const backend = env.backendFor(journal.backend);
  const interfaces = savedNames(journal.original);
  if ((await backend.checkSaved?.(journal.original)) === 'gone') {
    // Nothing of Gateway Doctor's change is left to undo: writing the old copy would overwrite someone else's.
    await removeJournal(env.dataDir);
    return {
      reverted: false,
      backend: backend.id,
      interfaces,
      message: `${interfaces.join(', ')} no longer holds Gateway Doctor's change (something else rewrote it since); nothing was restored, and the saved copy was forgotten.`,
      warnings: [],
    };
  }
  env.log(`Restoring the DNS settings of ${interfaces.join(', ')} saved ${journal.createdAt} (${backend.label})`);
  const { warnings } = await env.execute([...backend.planRestore(journal.original), ...backend.planFlush()]);
  await removeJournal(env.dataDir);
  return {
    reverted: true,
    backend: backend.id,
    interfaces,
    message: `Restored the DNS settings saved ${journal.createdAt}${change.state === 'interrupted' ? ' (the change had been interrupted)' : ''}.`,
    warnings,
  };
}

export async function dnsStatus(env: DnsEnvironment): Promise<DnsStatus> {
  const errors: string[] = [];
  let change: DnsStatus['change'] = null;
  try {
    const journal = await readJournal(env.dataDir);
    if (journal) change = await changeOf(journal, env);
  } catch (error) {
    errors.push((error as Error).message);
  }
  let interfaces: InterfaceDns[] = [];
  try {
    interfaces = (await env.backend.read()).interfaces;
  } catch (error) {
    errors.push(`reading the DNS settings failed: ${(error as Error).message}`);
  }
  return {
    backend: env.backend.id,
    backendLabel: env.backend.label,
    interfaces,
    change,
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
  };
}
