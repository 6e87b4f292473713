// A step's or check's result as a coloured pill with an icon and words (never colour alone).
import { RESULT_LABELS } from '../labels.js';
import type { StepResult } from '../selectors.js';

const ICONS: Record<StepResult, string> = {
  pending: '○',
  running: '',
  pass: '✓',
  warn: '!',
  fail: '✕',
  error: '?',
  skip: '–',
  'manual-ok': '✓',
  'manual-failed': '✕',
};

export function ResultBadge({ result, compact = false }: { result: StepResult; compact?: boolean }) {
  return (
    <span className={`badge badge--${result}${compact ? ' badge--compact' : ''}`}>
      <span className="badge-icon" aria-hidden="true">
        {ICONS[result]}
      </span>
      {RESULT_LABELS[result]}
    </span>
  );
}
