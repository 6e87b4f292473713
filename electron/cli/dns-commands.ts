// `gateway-doctor dns status|switch|revert` (SPEC.md "Command line"): the DNS switch transaction on the command
// line. Input is validated before anything is read or run; progress goes to stderr; exit 0 done, 2 bad usage or
// input (nothing changed), 1 anything else.
import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  type DnsStatus,
  type DnsSwitchResult,
  type FamilyDns,
  type InterfaceDns,
} from '../common/dns-schema.js';
import { printable, printableLine } from '../common/printable.js';
import { loadProfile, ProfileError } from '../engine/profile.js';
import {
  changeOf,
  commitSwitch,
  createDnsEnvironment,
  DnsInputError,
  DnsStateError,
  dnsStatus,
  parseSwitchRequest,
  planSwitch,
  profileHosts,
  revertDns,
  type DnsEnvironment,
  type SwitchPlan,
} from '../system/dns/index.js';
import { readJournal } from '../system/dns/journal.js';
import { savedNames } from '../system/dns/saved-config.js';
import type { CliIo } from './cli.js';

export interface DnsCliIo extends CliIo {
  /** Asks a yes/no question on a terminal; absent when there is none (then --yes is required). */
  confirm?: (question: string) => Promise<boolean>;
}

export interface DnsCommandDeps {
  /** Builds the environment (tests pass one over temp files); the real machine's by default. */
  environment?: (log: (line: string) => void) => Promise<DnsEnvironment>;
}

export const DNS_USAGE = `  dns status [--json]
      The DNS servers in effect per interface, and any pending (not yet reverted) change.
  dns switch [--preset google|cloudflare|quad9 | --servers IP[,IP...]] [--interface NAME]... [--profile FILE] [--yes]
      Switch system DNS (default: Google), verify that the profile's targets resolve, revert by itself if not.
  dns revert [--yes]
      Restore exactly the DNS settings saved before the last switch.
`;

class DnsUsageError extends Error {}

/** The engine says a revert is needed without naming a host's way to do it; here it is this command. */
const REVERT_HINT = ' (run "gateway-doctor dns revert")';

function parse(args: string[], options: ParseArgsConfig['options']) {
  try {
    return parseArgs({ args, options: options ?? {}, strict: true, allowPositionals: false });
  } catch (error) {
    throw new DnsUsageError((error as Error).message.split('\n')[0]!);
  }
}

const MODE_LABEL: Record<FamilyDns['mode'], string> = { automatic: 'automatic (DHCP)', static: 'static', unknown: 'set by the system' };

// Interface names, servers and journal fields come from the machine's tools and from a file anyone running as the
// user can edit: each is shown on one line, neutralised (common/printable.ts), never obeyed by the terminal.
const field = printableLine;
const list = (values: readonly string[]): string => values.map((value) => field(value)).join(', ');

function familyLine(label: string, family: FamilyDns): string {
  if (family.disabled) return `    ${label}: off`;
  return `    ${label}: ${MODE_LABEL[family.mode]}${family.servers.length > 0 ? ` ${list(family.servers)}` : ', no server'}`;
}

function interfaceTitle(view: InterfaceDns): string {
  return `${field(view.name)}${view.device && view.device !== view.name ? ` (${field(view.device)})` : ''}`;
}

export function formatDnsStatus(status: DnsStatus): string {
  const lines = [`DNS is managed by ${field(status.backendLabel)} (${status.backend}).`];
  for (const view of status.interfaces) {
    lines.push(`  ${interfaceTitle(view)}${view.primary ? ' [default route]' : ''}`, familyLine('IPv4', view.ipv4), familyLine('IPv6', view.ipv6));
  }
  if (status.interfaces.length === 0) lines.push('  (no interface with DNS settings found)');
  const change = status.change;
  if (!change) lines.push('No DNS change by Gateway Doctor is pending.');
  else if (change.state === 'active') {
    lines.push(`Gateway Doctor set ${list(change.servers)} on ${list(change.interfaces)} at ${field(change.createdAt)}. To undo: ${field(change.revert)}`);
  } else if (change.state === 'in-progress') {
    lines.push(`A DNS switch to ${list(change.servers)} started at ${field(change.createdAt)} is running now.`);
  } else {
    lines.push(
      `INTERRUPTED: a DNS switch to ${list(change.servers)} on ${list(change.interfaces)} started at ${field(change.createdAt)} did not finish.`,
      `The settings from before it are saved. To put them back: ${field(change.revert)}`,
    );
  }
  if (status.error) lines.push(`Problem: ${field(status.error)}`);
  return lines.join('\n') + '\n';
}

export function formatPlan(plan: SwitchPlan, hosts: string[]): string {
  const v4 = plan.servers.filter((s) => !s.includes(':'));
  const v6 = plan.servers.filter((s) => s.includes(':'));
  const target = (servers: string[]): string => (servers.length > 0 ? `static ${list(servers)}` : 'no server');
  const lines = [`This changes DNS through ${field(plan.backend.label)}:`];
  for (const view of plan.interfaces) {
    lines.push(`  ${interfaceTitle(view)}`);
    for (const [label, family, next] of [
      ['IPv4', view.ipv4, v4],
      ['IPv6', view.ipv6, v6],
    ] as const) {
      if (family.disabled) continue;
      const now = `${MODE_LABEL[family.mode]}${family.servers.length > 0 ? ` ${list(family.servers)}` : ''}`;
      lines.push(`    ${label}: ${now}  ->  ${target(next)}`);
    }
  }
  lines.push(`Then it asks the new servers for ${list(hosts)}, and puts the current settings back if they do not answer.`);
  for (const warning of plan.warnings) lines.push(`Note: ${field(warning)}`);
  return lines.join('\n') + '\n';
}

function formatSwitchResult(result: DnsSwitchResult): string {
  const lines: string[] = [];
  if (result.ok) lines.push(`DNS is now ${list(result.servers)} on ${list(result.interfaces)}.`);
  for (const check of result.verification) {
    lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'} ${field(check.host)}${check.ok ? ` -> ${list(check.addresses)}` : ` (${field(check.error ?? 'error')})`} (${check.durationMs} ms)`);
  }
  if (result.ok) lines.push('To undo: gateway-doctor dns revert');
  for (const warning of result.warnings) lines.push(`Note: ${field(warning)}`);
  return lines.join('\n') + '\n';
}

async function terminalConfirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

function confirmer(io: DnsCliIo): ((question: string) => Promise<boolean>) | null {
  if (io.confirm) return io.confirm;
  return process.stdin.isTTY === true && io.stderrIsTty === true ? terminalConfirm : null;
}

/** Without --yes: ask on a terminal; with no terminal, refuse (exit 2) rather than change DNS unasked. */
async function mayProceed(io: DnsCliIo, yes: boolean, question: string): Promise<boolean> {
  if (yes) return true;
  const confirm = confirmer(io);
  if (!confirm) throw new DnsUsageError('not a terminal, so nobody can confirm: add --yes to go ahead');
  return confirm(question);
}

function splitServers(value: string): string[] {
  return value.trim() === '' ? [] : value.split(',').map((s) => s.trim());
}

async function dnsStatusCommand(args: string[], io: DnsCliIo, environment: () => Promise<DnsEnvironment>): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const status = await dnsStatus(await environment());
  io.stdout(values.json ? printable(JSON.stringify(status, null, 2)) + '\n' : formatDnsStatus(status));
  return status.error && status.interfaces.length === 0 ? 1 : 0;
}

async function dnsSwitchCommand(args: string[], io: DnsCliIo, environment: () => Promise<DnsEnvironment>): Promise<number> {
  const { values } = parse(args, {
    preset: { type: 'string' },
    servers: { type: 'string' },
    interface: { type: 'string', multiple: true },
    profile: { type: 'string' },
    yes: { type: 'boolean' },
  });
  // Every input is checked before the machine is looked at.
  const request = parseSwitchRequest({
    ...(values.preset !== undefined ? { preset: values.preset } : {}),
    ...(values.servers !== undefined ? { servers: splitServers(values.servers as string) } : {}),
    ...(values.interface !== undefined ? { interfaces: values.interface } : {}),
  });
  const profile = await loadProfile(values.profile as string | undefined);
  const hosts = profileHosts(profile);
  const env = await environment();
  const plan = await planSwitch(request, env);
  io.stderr(formatPlan(plan, hosts));
  if (!(await mayProceed(io, values.yes === true, 'Change DNS now?'))) {
    io.stderr('Nothing was changed.\n');
    return 0;
  }
  const result = await commitSwitch(plan, hosts, env);
  io.stdout(formatSwitchResult(result));
  if (!result.ok) {
    io.stderr(`gateway-doctor: ${field(result.reason ?? 'the DNS switch failed')}${result.revertNeeded ? REVERT_HINT : ''}\n`);
    return 1;
  }
  return 0;
}

async function dnsRevertCommand(args: string[], io: DnsCliIo, environment: () => Promise<DnsEnvironment>): Promise<number> {
  const { values } = parse(args, { yes: { type: 'boolean' } });
  const env = await environment();
  const journal = await readJournal(env.dataDir);
  if (!journal) {
    io.stdout('There is no DNS change to revert.\n');
    return 0;
  }
  const change = await changeOf(journal, env);
  // What will be written, before anyone confirms it: the journal is a file in the user's folder, and a revert
  // writes as administrator. The revert then restores exactly this (the digest binds it), or nothing.
  io.stderr(
    `This restores the DNS settings of ${list(savedNames(journal.original))} saved at ${field(journal.createdAt)}` +
      ` (before the ${change.state === 'interrupted' ? 'interrupted ' : ''}switch to ${list(journal.servers)}):\n` +
      (change.restore?.lines ?? []).map((line) => `  ${field(line)}\n`).join(''),
  );
  if (!(await mayProceed(io, values.yes === true, 'Restore them now?'))) {
    io.stderr('Nothing was changed.\n');
    return 0;
  }
  const result = await revertDns(env, change.restore ? { expected: change.restore.digest } : {});
  io.stdout(`${field(result.message)}\n`);
  for (const warning of result.warnings) io.stdout(`Note: ${field(warning)}\n`);
  return 0;
}

export async function commandDns(args: string[], io: DnsCliIo, deps: DnsCommandDeps = {}): Promise<number> {
  const log = (line: string): void => io.stderr(`… ${field(line)}\n`);
  const environment = (): Promise<DnsEnvironment> => (deps.environment ?? ((l) => createDnsEnvironment({ log: l })))(log);
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'status':
        return await dnsStatusCommand(rest, io, environment);
      case 'switch':
        return await dnsSwitchCommand(rest, io, environment);
      case 'revert':
        return await dnsRevertCommand(rest, io, environment);
      case undefined:
        throw new DnsUsageError('"dns" needs status, switch or revert');
      default:
        throw new DnsUsageError(`unknown dns command "${sub}" (status, switch or revert)`);
    }
  } catch (error) {
    const usage = error instanceof DnsUsageError || error instanceof DnsInputError || error instanceof ProfileError;
    const hint = error instanceof DnsStateError && error.revertFirst ? REVERT_HINT : '';
    io.stderr(`gateway-doctor: ${field((error as Error).message ?? String(error))}${hint}\n`);
    return usage ? 2 : 1;
  }
}
