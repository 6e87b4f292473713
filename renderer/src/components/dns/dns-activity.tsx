// What the last DNS action did: its progress lines (live while it runs) and its outcome — a verified switch with
// each host's addresses, a switch the engine undid by itself and why, a failure, or a revert.
import type { Ref } from 'react';
import type { DnsBusy, DnsOutcome } from '../../dns/dns-slice.js';
import { revertOutcome, switchOutcome } from '../../dns/outcome.js';

interface DnsActivityProps {
  busy: DnsBusy | null;
  progress: string[];
  outcome: DnsOutcome | null;
  onRunDiagnosis: () => void;
  diagnosing: boolean;
  /** Focus lands here when an action finishes, so keyboard users hear how it went. */
  ref?: Ref<HTMLDivElement>;
}

export function DnsActivity({ busy, progress, outcome, onRunDiagnosis, diagnosing, ref }: DnsActivityProps) {
  const acting = busy === 'switch' || busy === 'revert';
  if (!acting && !outcome && progress.length === 0) return <div ref={ref} tabIndex={-1} className="dns-activity dns-activity--empty" />;
  return (
    <div ref={ref} tabIndex={-1} className="dns-activity" aria-busy={acting}>
      {acting && (
        <div className="dns-progress" data-testid="dns-progress" role="log" aria-live="polite" aria-label="DNS switch progress">
          <p className="dns-progress-now">{busy === 'switch' ? 'Switching DNS…' : 'Restoring your previous DNS…'}</p>
          <ProgressLines lines={progress} />
        </div>
      )}
      {!acting && outcome?.kind === 'switch' && <SwitchResult outcome={outcome} onRunDiagnosis={onRunDiagnosis} diagnosing={diagnosing} />}
      {!acting && outcome?.kind === 'revert' && <RevertResult outcome={outcome} />}
      {!acting && progress.length > 0 && (
        <details className="dns-progress dns-progress--done" data-testid="dns-progress">
          <summary>What Gateway Doctor did ({progress.length} {progress.length === 1 ? 'step' : 'steps'})</summary>
          <ProgressLines lines={progress} />
        </details>
      )}
    </div>
  );
}

function ProgressLines({ lines }: { lines: string[] }) {
  return (
    <ol className="dns-progress-lines">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ol>
  );
}

function SwitchResult({ outcome, onRunDiagnosis, diagnosing }: { outcome: Extract<DnsOutcome, { kind: 'switch' }>; onRunDiagnosis: () => void; diagnosing: boolean }) {
  const view = switchOutcome(outcome.result);
  return (
    <div className={`dns-result dns-result--${view.outcome}`} data-testid="dns-result" data-outcome={view.outcome} role="status">
      <p className="dns-result-title">
        <span className="dns-result-icon" aria-hidden="true">
          {view.outcome === 'verified' ? '✓' : view.outcome === 'reverted' ? '↺' : '✕'}
        </span>
        {view.title}
      </p>
      <p className="dns-result-message">{view.message}</p>
      {view.hosts.length > 0 && (
        <ul className="dns-hosts" aria-label="Verification">
          {view.hosts.map((host) => (
            <li key={host.host} className={host.ok ? 'dns-ok' : 'dns-bad'} data-testid="dns-verified-host" data-ok={host.ok}>
              <span aria-hidden="true">{host.ok ? '✓' : '✕'}</span> <code>{host.host}</code>
              <span className="dns-host-detail">
                {host.ok ? '→ ' : ''}
                {host.detail}
              </span>
              <span className="dns-visually-hidden">{host.ok ? ' (resolved)' : ' (failed)'}</span>
            </li>
          ))}
        </ul>
      )}
      {view.warnings.length > 0 && (
        <ul className="dns-notes">
          {view.warnings.map((warning) => (
            <li key={warning} className="dns-note dns-note--warn">
              {warning.charAt(0).toUpperCase() + warning.slice(1)}
            </li>
          ))}
        </ul>
      )}
      {view.outcome === 'verified' && (
        <button type="button" className="button button--small" data-testid="dns-rerun" disabled={diagnosing} onClick={onRunDiagnosis}>
          {diagnosing ? 'Diagnosing…' : 'Run the diagnosis again'}
        </button>
      )}
    </div>
  );
}

function RevertResult({ outcome }: { outcome: Extract<DnsOutcome, { kind: 'revert' }> }) {
  const view = revertOutcome(outcome.result);
  return (
    <div className={`dns-result dns-result--${view.reverted ? 'restored' : 'nothing'}`} data-testid="dns-revert-result" data-reverted={view.reverted} role="status">
      <p className="dns-result-title">
        <span className="dns-result-icon" aria-hidden="true">
          ↺
        </span>
        {view.reverted ? 'Previous DNS restored' : 'Nothing to revert'}
      </p>
      <p className="dns-result-message">{view.message}</p>
      {view.warnings.map((warning) => (
        <p key={warning} className="dns-note dns-note--warn">
          {warning}
        </p>
      ))}
    </div>
  );
}
