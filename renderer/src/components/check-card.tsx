// One automated check in a step panel: its status, its plain-language summary and the evidence behind it.
import type { CheckItem } from '../selectors.js';
import { EvidenceDetails } from './evidence-details.js';
import { ResultBadge } from './result-badge.js';

export function CheckCard({ check }: { check: CheckItem }) {
  return (
    <article className={`check check--${check.status}`} data-testid={`check-${check.id}`} data-status={check.status} aria-busy={check.status === 'running'}>
      <header className="check-head">
        <h4 className="check-title">{check.title}</h4>
        <ResultBadge result={check.status} />
      </header>
      {check.result ? (
        <>
          <p className="check-summary">{check.result.summary}</p>
          <EvidenceDetails checkId={check.id} durationMs={check.result.durationMs} evidence={check.result.evidence} />
        </>
      ) : (
        <p className="check-summary check-summary--running">Checking now…</p>
      )}
    </article>
  );
}
