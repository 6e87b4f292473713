// Pure derivations from the store's minimal state: which checks belong to a step, what each step shows, and the
// progress line. What a step or check *says* comes from electron/common/explain (the one derivation shared with
// the CLI and the reports); this file only adds what is live in the UI (running checks, the person's marks).
import { explainReport, type Explanation } from '../../electron/common/explain/explain.js';
import type { StepState } from '../../electron/common/explain/words.js';
import { STEPS, type CheckResult, type CheckStatus, type Report, type Session, type SessionStep, type StepId } from '../../electron/common/spec.js';

/** What a step's badge shows: live states, the derived state, or nothing yet. */
export type StepResult = 'pending' | 'running' | StepState;
/** What the person said after trying a step. */
export type Mark = SessionStep['result'];

/** A check seen in the progress stream: `result` is null while it runs. */
export interface CheckProgress {
  id: string;
  step: StepId;
  title: string;
  result: CheckResult | null;
}

/** The slice of the wizard's state the selectors read. */
export interface WizardView {
  report: Report | null;
  running: boolean;
  progress: Record<string, CheckProgress>;
  session: Session;
}

/** One row of a step panel: a finished check, or one still running. */
export type CheckItem =
  | { id: string; step: StepId; title: string; status: 'running'; result: null }
  | { id: string; step: StepId; title: string; status: CheckStatus; result: CheckResult };

/**
 * Every check: the report's, with the ones of a run under way replaced by their live progress (a re-run keeps
 * showing the earlier results of the checks it has not reached, and a failed run leaves the report as it was).
 */
export function allChecks(view: WizardView): CheckItem[] {
  const live = view.running ? Object.values(view.progress) : [];
  const liveItem = (p: CheckProgress): CheckItem =>
    p.result ? { id: p.id, step: p.step, title: p.result.title, status: p.result.status, result: p.result } : { id: p.id, step: p.step, title: p.title, status: 'running', result: null };
  const fromReport: CheckItem[] = (view.report?.checks ?? []).map((result) => {
    const running = live.find((p) => p.id === result.id);
    return running ? liveItem(running) : { id: result.id, step: result.step, title: result.title, status: result.status, result };
  });
  const extra = live.filter((p) => !fromReport.some((c) => c.id === p.id)).map(liveItem);
  return [...fromReport, ...extra];
}

export function checksForStep(view: WizardView, step: StepId): CheckItem[] {
  return allChecks(view).filter((check) => check.step === step);
}

/** Explanations are pure and cheap, but every component asks: keep the last one per report and session. */
let cached: { report: Report; session: Session; explanation: Explanation } | null = null;

/** The shared derivation for the current report and session; null before the first report. */
export function explanation(view: WizardView): Explanation | null {
  if (!view.report) return null;
  if (cached && cached.report === view.report && cached.session === view.session) return cached.explanation;
  const explained = explainReport(view.report, { session: view.session });
  cached = { report: view.report, session: view.session, explanation: explained };
  return explained;
}

/** A step's badge: `running` while any of its checks runs, else the derived state, else `pending`. */
export function stepResult(view: WizardView, step: StepId): StepResult {
  if (checksForStep(view, step).some((c) => c.status === 'running')) return 'running';
  return explanation(view)?.steps[step].state ?? 'pending';
}

export function stepResults(view: WizardView): Record<StepId, StepResult> {
  return Object.fromEntries(STEPS.map((s) => [s.id, stepResult(view, s.id)])) as Record<StepId, StepResult>;
}

/** The person's latest word on a step, if any. */
export function markFor(session: Session, step: StepId): Mark | undefined {
  return session.steps.filter((s) => s.step === step).at(-1)?.result;
}

export interface ProgressCounts {
  started: number;
  finished: number;
}

export function progressCounts(view: WizardView): ProgressCounts {
  const entries = Object.values(view.progress);
  return { started: entries.length, finished: entries.filter((p) => p.result !== null).length };
}

/** What a run under way is for, as the progress line says it. */
export type RunPurpose = 'full' | 'step' | 'dns-change';

/** The progress line under the Run button (announced by a live region). */
export function progressText(view: WizardView, purpose: RunPurpose = 'full'): string {
  const { started, finished } = progressCounts(view);
  if (view.running) {
    const doing = purpose === 'dns-change' ? 'Checking DNS again after the change' : purpose === 'step' ? 'Checking this step again' : 'Checking';
    if (started === 0) return purpose === 'full' ? 'Starting the checks…' : `${doing}…`;
    // Checks run concurrently: "1 of N" counts the one being waited for.
    return `${doing}… ${Math.min(finished + 1, started)} of ${started}`;
  }
  if (view.report) {
    const count = view.report.checks.length;
    const seconds = (view.report.durationMs / 1000).toFixed(1);
    return `Finished ${count} ${count === 1 ? 'check' : 'checks'} in ${seconds} s`;
  }
  if (started > 0) return `Stopped after ${finished} of ${started} checks`;
  return '';
}

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

/** The step after this one, or null for the last. */
export function nextStep(step: StepId): StepId | null {
  return STEPS[stepIndex(step) + 1]?.id ?? null;
}
