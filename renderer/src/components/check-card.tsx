// One automated check in a step panel: its state and line (from the shared explanation), when it was measured
// if that was before a change, and the evidence behind it.
import type { CheckLine } from '../../../electron/common/explain/explain.js';
import { clockTime } from '../labels.js';
import type { CheckItem } from '../selectors.js';
import { EvidenceDetails } from './evidence-details.js';
import { ResultBadge } from './result-badge.js';

const CHANGE_NAMES: Record<NonNullable<CheckLine['measuredBefore']>['kind'], string> = {
  'dns-switch': 'the DNS switch',
  'dns-revert': 'the DNS revert',
  'dns-auto-revert': 'the undone DNS switch',
};

export function CheckCard({ check, line }: { check: CheckItem; line: CheckLine | undefined }) {
  const state = check.status === 'running' ? 'running' : (line?.state ?? 'unchecked');
  return (
    <article
      className={`check check--${state}`}
      data-testid={`check-${check.id}`}
      data-status={check.status}
      data-state={state}
      aria-busy={check.status === 'running'}
    >
      <header className="check-head">
        <h4 className="check-title">{check.title}</h4>
        <ResultBadge result={state} />
      </header>
      {check.result ? (
        <>
          <p className="check-summary">{line?.line ?? check.result.summary}</p>
          {check.result.measuredAt && !line?.measuredBefore && (
            <p className="check-stale" data-testid={`rechecked-${check.id}`}>
              Checked again at {clockTime(check.result.measuredAt)}.
            </p>
          )}
          {line?.measuredBefore && (
            <p className="check-stale" data-testid={`stale-${check.id}`}>
              Measured at {clockTime(line.measuredBefore.measuredAt)}, before {CHANGE_NAMES[line.measuredBefore.kind]} at{' '}
              {clockTime(line.measuredBefore.at)}: it may have changed since. Run the diagnosis again to be sure.
            </p>
          )}
          <EvidenceDetails checkId={check.id} durationMs={check.result.durationMs} evidence={check.result.evidence} />
        </>
      ) : (
        <p className="check-summary check-summary--running">Checking now…</p>
      )}
    </article>
  );
}
