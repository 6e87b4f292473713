// "Details for support": a check's measured facts, collapsed by default.
import { describeEvidence } from '../evidence.js';

export function EvidenceDetails({ checkId, durationMs, evidence }: { checkId: string; durationMs: number; evidence: Record<string, unknown> }) {
  const rows = describeEvidence(evidence);
  return (
    <details className="evidence">
      <summary>Details for support</summary>
      <dl className="evidence-list">
        <div className="evidence-row">
          <dt>check</dt>
          <dd>
            <code>{checkId}</code>
          </dd>
        </div>
        <div className="evidence-row">
          <dt>duration</dt>
          <dd>{durationMs} ms</dd>
        </div>
        {rows.map((row) => (
          <div key={row.key} className="evidence-row">
            <dt>{row.key}</dt>
            <dd>{row.kind === 'json' ? <pre className="evidence-json">{row.value}</pre> : row.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
