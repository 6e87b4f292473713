// "Is it worth switching?": the DNS check's comparison of your DNS with the reference DNS, in one line, then per
// name what each answered and how fast.
import type { DnsComparison } from '../../dns/comparison.js';

const ICONS: Record<DnsComparison['tone'], string> = { helps: '↑', 'may-help': '~', 'no-help': '=', unknown: '?' };

function ms(value: number | null): string {
  return value === null ? '—' : `${value} ms`;
}

interface DnsComparisonViewProps {
  comparison: DnsComparison;
  /** The DNS was switched after this was measured. */
  stale: boolean;
}

export function DnsComparisonView({ comparison, stale }: DnsComparisonViewProps) {
  const heading = comparison.rows[0]?.reference.heading ?? 'Reference DNS';
  return (
    <div className={`dns-card dns-comparison dns-comparison--${comparison.tone}`} data-testid="dns-comparison" data-tone={comparison.tone}>
      <p className="dns-comparison-verdict">
        <span className="dns-tone-icon" aria-hidden="true">
          {ICONS[comparison.tone]}
        </span>
        <span data-testid="dns-comparison-verdict">{comparison.verdict}</span>
      </p>
      {comparison.rows.length > 0 && (
        <table className="dns-table">
          <caption className="dns-visually-hidden">What your DNS and the reference DNS answered</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Your DNS</th>
              <th scope="col">{heading}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.host}>
                <th scope="row" className="dns-host">
                  <code>{row.host}</code>
                </th>
                <td className={row.yours.ok ? 'dns-ok' : 'dns-bad'}>
                  <span aria-hidden="true">{row.yours.ok ? '✓ ' : '✕ '}</span>
                  {row.yours.text} <span className="muted">· {ms(row.yours.durationMs)}</span>
                </td>
                <td className={row.reference.ok ? 'dns-ok' : 'dns-bad'}>
                  <span aria-hidden="true">{row.reference.ok ? '✓ ' : '✕ '}</span>
                  {row.reference.text} <span className="muted">· {ms(row.reference.durationMs)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* With one name, its row already shows the times. */}
      {comparison.latency && comparison.rows.length !== 1 && (
        <p className="dns-latency muted">
          Average answer time: yours {ms(comparison.latency.yoursMs)}
          {comparison.latency.references.map((r) => ` · ${r.name} ${ms(r.ms)}`).join('')}
        </p>
      )}
      {stale && (
        <p className="dns-note dns-note--info" data-testid="dns-comparison-stale">
          Measured before your DNS was switched: run the diagnosis again to test the new DNS.
        </p>
      )}
    </div>
  );
}
