// Pure derivations from the store's minimal state: which checks belong to a step, each step's result for the
// sidebar, and the progress line. Nothing here is stored, so nothing can go stale.
import { STEPS, type CheckResult, type CheckStatus, type Report, type StepId } from '../../electron/common/spec.js';

export type ManualResult = 'manual-ok' | 'manual-failed';
export type StepResult = 'pending' | 'running' | CheckStatus | ManualResult;

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
  manual: Partial<Record<StepId, ManualResult>>;
}

/** One row of a step panel: a finished check, or one still running. */
export type CheckItem =
  | { id: string; step: StepId; title: string; status: 'running'; result: null }
  | { id: string; step: StepId; title: string; status: CheckStatus; result: CheckResult };

const SEVERITY: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, error: 3, fail: 4 };

/** The worst of some statuses: fail > error > warn > pass > skip; null when there are none. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus | null {
  let worst: CheckStatus | null = null;
  for (const status of statuses) {
    if (worst === null || SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

/**
 * Every check, in report order once the report is in, otherwise in the order the progress stream announced
 * them. After a failed run, checks that never finished are left out: they are not running any more.
 */
export function allChecks(view: WizardView): CheckItem[] {
  if (view.report) {
    return view.report.checks.map((result) => ({ id: result.id, step: result.step, title: result.title, status: result.status, result }));
  }
  return Object.values(view.progress).flatMap((p): CheckItem[] => {
    if (p.result) return [{ id: p.id, step: p.step, title: p.result.title, status: p.result.status, result: p.result }];
    return view.running ? [{ id: p.id, step: p.step, title: p.title, status: 'running', result: null }] : [];
  });
}

export function checksForStep(view: WizardView, step: StepId): CheckItem[] {
  return allChecks(view).filter((check) => check.step === step);
}

/**
 * A step's badge: `running` while any of its checks runs; else its checks' worst status; else what the user
 * reported after trying it; else `pending`. A step whose checks were all skipped shows the user's result if
 * there is one, since a skipped check says nothing.
 */
export function stepResult(view: WizardView, step: StepId): StepResult {
  const checks = checksForStep(view, step);
  if (checks.some((c) => c.status === 'running')) return 'running';
  const worst = worstStatus(checks.flatMap((c) => (c.status === 'running' ? [] : [c.status])));
  const manual = view.manual[step];
  if (worst !== null && !(worst === 'skip' && manual)) return worst;
  return manual ?? 'pending';
}

export function stepResults(view: WizardView): Record<StepId, StepResult> {
  return Object.fromEntries(STEPS.map((s) => [s.id, stepResult(view, s.id)])) as Record<StepId, StepResult>;
}

export interface ProgressCounts {
  started: number;
  finished: number;
}

export function progressCounts(view: WizardView): ProgressCounts {
  const entries = Object.values(view.progress);
  return { started: entries.length, finished: entries.filter((p) => p.result !== null).length };
}

/** The progress line under the Run button (announced by a live region). */
export function progressText(view: WizardView): string {
  const { started, finished } = progressCounts(view);
  if (view.running) {
    if (started === 0) return 'Starting the checks…';
    // Checks run concurrently: "1 of N" counts the one being waited for.
    return `Checking… ${Math.min(finished + 1, started)} of ${started}`;
  }
  if (!view.report && started > 0) return `Stopped after ${finished} of ${started} checks`;
  if (view.report) {
    const count = view.report.checks.length;
    const seconds = (view.report.durationMs / 1000).toFixed(1);
    return `Finished ${count} ${count === 1 ? 'check' : 'checks'} in ${seconds} s`;
  }
  return '';
}

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

/** The step after this one, or null for the last. */
export function nextStep(step: StepId): StepId | null {
  return STEPS[stepIndex(step) + 1]?.id ?? null;
}
