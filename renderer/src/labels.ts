// Words the wizard shows for live states; everything about causes and derived states comes from the shared
// words (electron/common/explain/words.ts), so the wizard, the CLI and the reports say the same.
import { STEP_STATE_LABELS, STEP_STATE_SYMBOLS } from '../../electron/common/explain/words.js';
import type { Mark, StepResult } from './selectors.js';

export const RESULT_LABELS: Record<StepResult, string> = {
  pending: 'Not checked yet',
  running: 'Checking…',
  ...STEP_STATE_LABELS,
};

export const RESULT_SYMBOLS: Record<StepResult, string> = {
  pending: '○',
  running: '',
  ...STEP_STATE_SYMBOLS,
  manual: '•',
};

export const MARK_LABELS: Record<Mark, string> = {
  fixed: 'You said: fixed it',
  'not-fixed': "You said: didn't help",
};

/** "10:03" in the person's locale; the raw value if it is not a time. */
export function clockTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}
