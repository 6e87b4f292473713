// A step's or check's state as a coloured pill with a symbol and words (never colour alone).
import { RESULT_LABELS, RESULT_SYMBOLS } from '../labels.js';
import type { StepResult } from '../selectors.js';

export function ResultBadge({ result, compact = false }: { result: StepResult; compact?: boolean }) {
  return (
    <span className={`badge badge--${result}${compact ? ' badge--compact' : ''}`} data-state={result}>
      <span className="badge-icon" aria-hidden="true">
        {RESULT_SYMBOLS[result]}
      </span>
      {RESULT_LABELS[result]}
    </span>
  );
}
