// SPEC.md's report `session`: what the person tried (their step marks), what the app changed (DNS switches and
// reverts) and the diagnoses run, during this session, for support. Each change gets one plain sentence.
import { DNS_PRESETS, presetOf, type DnsRevertResult, type DnsSwitchResult } from '../common/dns-schema.js';
import { SessionSchema, type Report, type Session, type SessionChange, type SessionStep } from '../common/spec.js';

const MAX_ENTRIES = 500;
const MAX_SUMMARY = 2_000;

function keepLast<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
}

/** "Google Public DNS (8.8.8.8, 8.8.4.4)" when every server is one preset's, else the addresses. */
export function describeServers(servers: readonly string[]): string {
  const presets = new Set(servers.map((s) => presetOf(s)));
  const [only] = [...presets];
  const list = servers.join(', ');
  return presets.size === 1 && only ? `${DNS_PRESETS[only].label} (${list})` : list || 'other servers';
}

function connections(count: number): string {
  return count === 0 ? '' : ` on ${count} network connection${count === 1 ? '' : 's'}`;
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  const capped = trimmed.length > MAX_SUMMARY - 1 ? `${trimmed.slice(0, MAX_SUMMARY - 2)}…` : trimmed;
  return `${capped}.`;
}

/** The change a switch made, or null when nothing changed (it failed before touching anything). */
export function switchChange(result: DnsSwitchResult, at: Date): SessionChange | null {
  const servers = describeServers(result.servers);
  const where = connections(result.interfaces.length);
  if (result.ok) {
    return { kind: 'dns-switch', at: at.toISOString(), summary: sentence(`DNS was switched to ${servers}${where} and kept: the new servers found the service's addresses`) };
  }
  if (result.reverted) {
    return {
      kind: 'dns-auto-revert',
      at: at.toISOString(),
      summary: sentence(`DNS was switched to ${servers}${where} for a moment, then put back automatically: ${result.reason ?? 'the new servers did not work'}`),
    };
  }
  if (result.revertNeeded) {
    return {
      kind: 'dns-switch',
      at: at.toISOString(),
      summary: sentence(`DNS was switched to ${servers}${where} but did not work, and the previous settings could not be put back automatically: ${result.reason ?? 'use Revert'}`),
    };
  }
  return null;
}

export function revertChange(result: DnsRevertResult, at: Date): SessionChange | null {
  if (!result.reverted) return null;
  return {
    kind: 'dns-revert',
    at: at.toISOString(),
    summary: sentence(`The DNS settings from before Gateway Doctor's change were restored${connections(result.interfaces.length)}`),
  };
}

export interface SessionRecorder {
  recordRun(report: Pick<Report, 'startedAt' | 'verdict'>): void;
  recordChange(change: SessionChange | null): void;
  /** The person's marks, as the wizard last saved them (they replace the previous ones). */
  setSteps(steps: readonly SessionStep[]): void;
  /** Another service was chosen: its runs and marks start afresh; the changes made to the system stay. */
  startService(): void;
  snapshot(): Session;
}

export function createSessionRecorder(): SessionRecorder {
  let steps: SessionStep[] = [];
  const changes: SessionChange[] = [];
  const runs: Session['runs'] = [];
  return {
    recordRun: (report) => keepLast(runs, { startedAt: report.startedAt, cause: report.verdict.cause }),
    recordChange: (change) => {
      if (change) keepLast(changes, change);
    },
    setSteps: (marks) => {
      steps = marks.slice(-MAX_ENTRIES).map((m) => ({ step: m.step, result: m.result, at: m.at }));
    },
    startService: () => {
      steps = [];
      runs.splice(0);
    },
    snapshot: () => SessionSchema.parse({ steps: [...steps], changes: [...changes], runs: [...runs] }),
  };
}
