// The report as a support engineer reads it, in no format yet: the header, the verdict in words, what was tried
// (the session's runs, changes and marks, with times), the one layer that failed per target, every step and check
// as the shared explanation words them, the environment as a table, and the evidence. Markdown, HTML and the text
// summary render this view and only escape it: none of them derives a conclusion of its own (ARCHITECTURE.md
// principle 7). Strings here are raw (outside text included): each format escapes them for itself.
import { explainReport, lastMeasuredAt, type Explanation, type Tone } from '../common/explain/explain.js';
import {
  CAUSE_HEADLINES,
  CAUSE_NAMES,
  STEP_STATE_LABELS,
  STEP_STATE_SYMBOLS,
  stepNumber,
  stepReference,
  stepTitle,
  type StepState,
} from '../common/explain/words.js';
import { STEPS, type Cause, type Report, type Session, type SessionChange } from '../common/spec.js';
import { seconds, utcDate, utcDateTime, utcMoment } from './report-time.js';
import { connectionType, environmentRows, operatingSystem, type EnvironmentRow } from './view-environment.js';
import { targetLines, type TargetLine } from './view-targets.js';

export type { EnvironmentRow, TargetLine };

/** The verdict's symbol beside its words: never colour alone. */
export const TONE_SYMBOLS: Record<Tone, string> = { danger: '✕', warning: '!', info: '✓', success: '✓', neutral: '?' };

export const CHANGE_LABELS: Record<SessionChange['kind'], string> = {
  'dns-switch': 'DNS changed',
  'dns-revert': 'DNS restored',
  'dns-auto-revert': 'DNS change undone by itself',
};

export interface VerdictSection {
  state: 'diagnosed' | 'resolved';
  /** "Diagnosis" or "Fixed". */
  label: string;
  tone: Tone;
  symbol: string;
  cause: Cause;
  causeName: string;
  headline: string;
  summary: string;
  confidence: string;
  nextStepsTitle: string;
  nextSteps: { action: string; step: string }[];
  alsoFound: string[];
  /** When resolved: what fixed it and when (UTC clock). */
  fixedBy?: { how: string; at?: string };
  /** "First found at 10:02:00, in 3 runs in a row": when earlier runs of this session found the same cause. */
  since?: string;
  /** The line above the headline: how sure and which cause ("High confidence", "cause: DNS"…), or when it was
   * fixed. Never empty. */
  kicker: string[];
}

export interface TimelineEntry {
  /** ISO time, for sorting and <time datetime>. */
  at: string;
  /** "10:02:13" (UTC; with the date when not the report's day). */
  time: string;
  kind: 'run' | 'change' | 'mark';
  text: string;
  /** A shorter form for the one-line summary. */
  short: string;
}

export interface StepRow {
  number: number;
  title: string;
  state: StepState;
  symbol: string;
  label: string;
  headline: string;
}

export interface CheckRow {
  id: string;
  title: string;
  step: string;
  state: StepState;
  symbol: string;
  label: string;
  line: string;
  durationMs: number;
  /** "Measured before the DNS change at 10:03:00": its result may be out of date. */
  measuredBefore?: string;
}

export interface EvidenceBlock {
  title: string;
  id: string;
  /** Pretty-printed JSON. */
  json: string;
}

export interface ReportView {
  service: string;
  targets: string[];
  /** "2026-12-01 10:02:00 UTC". */
  checkedAt: string;
  /** "some checks again at 10:03:10", when a step was re-checked after the sweep. */
  recheckedAt?: string;
  duration: string;
  generator: string;
  redacted: boolean;
  computer: string;
  connection: string;
  verdict: VerdictSection;
  /** What was tried, oldest first: marks and changes, and the runs when there was more than one. Empty: nothing. */
  timeline: TimelineEntry[];
  targetLines: TargetLine[];
  steps: StepRow[];
  checks: CheckRow[];
  environment: EnvironmentRow[];
  evidence: EvidenceBlock[];
  checkCount: number;
}

function timelineOf(session: Session | undefined, service: string, reportDay: string): TimelineEntry[] {
  if (!session) return [];
  const at = (iso: string) => ({ at: iso, time: utcMoment(iso, reportDay) });
  const runs = session.runs.length > 1 ? session.runs : [];
  const entries: (TimelineEntry & { order: number })[] = [
    ...runs.map((run) => {
      const headline = CAUSE_HEADLINES[run.cause](service);
      return { ...at(run.startedAt), kind: 'run' as const, text: `Diagnosis: ${headline}.`, short: `diagnosis: ${headline}`, order: 0 };
    }),
    ...session.changes.map((change) => ({
      ...at(change.at),
      kind: 'change' as const,
      text: `${CHANGE_LABELS[change.kind]}: ${change.summary}`,
      short: change.summary.replace(/[.]$/, ''),
      order: 1,
    })),
    ...session.steps.map((mark) => {
      const result = mark.result === 'fixed' ? 'it fixed the problem' : 'it did not help';
      return {
        ...at(mark.at),
        kind: 'mark' as const,
        text: `Tried ${stepReference(mark.step)}: ${result}.`,
        short: `tried “${stepTitle(mark.step)}”: ${mark.result === 'fixed' ? 'fixed' : 'not fixed'}`,
        order: 2,
      };
    }),
  ];
  return entries
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order)
    .map(({ order: _order, ...entry }) => entry);
}

/** Since when the same cause has been found, from the session's runs (the latest streak of it). */
function sinceOf(session: Session | undefined, cause: Cause, reportDay: string): string | undefined {
  const runs = session?.runs ?? [];
  let first = runs.length;
  while (first > 0 && runs[first - 1]!.cause === cause) first -= 1;
  const streak = runs.slice(first);
  if (streak.length < 2) return undefined;
  return `First found at ${utcMoment(streak[0]!.startedAt, reportDay)}, in ${streak.length} runs in a row`;
}

function evidenceOf(report: Report): EvidenceBlock[] {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    ...report.checks.map((c) => ({ title: c.title, id: c.id, json: json({ status: c.status, durationMs: c.durationMs, ...c.evidence }) })),
    ...(report.facts ? [{ title: 'Measured facts', id: 'facts', json: json(report.facts) }] : []),
    { title: 'Environment as recorded', id: 'environment', json: json(report.environment) },
  ];
}

function verdictSection(v: Explanation['verdict'], session: Session | undefined, service: string, reportDay: string): VerdictSection {
  const fixedAt = v.fixedBy?.at ? utcMoment(v.fixedBy.at, reportDay) : undefined;
  const since = v.state === 'diagnosed' ? sinceOf(session, v.cause, reportDay) : undefined;
  return {
    state: v.state,
    label: v.state === 'resolved' ? 'Fixed' : 'Diagnosis',
    tone: v.tone,
    symbol: TONE_SYMBOLS[v.tone],
    cause: v.cause,
    causeName: CAUSE_NAMES[v.cause],
    headline: v.headline,
    summary: v.summary,
    confidence: v.confidence,
    nextStepsTitle: v.state === 'resolved' ? 'If it comes back' : 'What to do next',
    nextSteps: v.nextSteps.map((n) => ({ action: n.action, step: stepReference(n.step) })),
    alsoFound: v.alsoFound.map((a) => (a.step ? `${a.name} (see ${stepReference(a.step)})` : a.name)),
    ...(v.fixedBy ? { fixedBy: { how: v.fixedBy.how, ...(fixedAt ? { at: fixedAt } : {}) } } : {}),
    ...(since ? { since } : {}),
    kicker:
      v.state === 'resolved'
        ? ['Fixed', ...(fixedAt ? [`at ${fixedAt} UTC`] : [])]
        : [v.confidence, `cause: ${CAUSE_NAMES[v.cause]}`, ...(since ? [since] : [])],
  };
}

/** Everything the report says, derived once from the shared explanation. */
export function buildReportView(report: Report): ReportView {
  const explained = explainReport(report);
  const service = report.profile.name;
  const reportDay = utcDate(report.startedAt);
  const last = lastMeasuredAt(report);
  const lastIso = Number.isFinite(last) ? new Date(last).toISOString() : report.startedAt;

  const verdict = verdictSection(explained.verdict, report.session, service, reportDay);

  const steps: StepRow[] = STEPS.map((s) => {
    const found = explained.steps[s.id];
    return {
      number: stepNumber(s.id),
      title: s.title,
      state: found.state,
      symbol: STEP_STATE_SYMBOLS[found.state],
      label: STEP_STATE_LABELS[found.state],
      headline: found.headline,
    };
  });

  const checks: CheckRow[] = report.checks.map((c) => {
    const line = explained.checks[c.id] ?? { state: 'unchecked' as const, line: c.summary };
    const before = line.measuredBefore;
    return {
      id: c.id,
      title: c.title,
      step: `step ${stepNumber(c.step)}`,
      state: line.state,
      symbol: STEP_STATE_SYMBOLS[line.state],
      label: STEP_STATE_LABELS[line.state],
      line: line.line,
      durationMs: c.durationMs,
      ...(before ? { measuredBefore: `Measured before the change at ${utcMoment(before.at, reportDay)} (${CHANGE_LABELS[before.kind]})` } : {}),
    };
  });

  return {
    service,
    targets: report.profile.targets,
    checkedAt: utcDateTime(report.startedAt),
    ...(lastIso !== report.startedAt && Date.parse(lastIso) > Date.parse(report.startedAt)
      ? { recheckedAt: `some checks again at ${utcMoment(lastIso, reportDay)}` }
      : {}),
    duration: seconds(report.durationMs),
    generator: `${report.generator.name} ${report.generator.version}`,
    redacted: report.environment.redacted,
    computer: operatingSystem(report),
    connection: connectionType(report),
    verdict,
    timeline: timelineOf(report.session, service, reportDay),
    targetLines: targetLines(report),
    steps,
    checks,
    environment: environmentRows(report),
    evidence: evidenceOf(report),
    checkCount: report.checks.length,
  };
}

