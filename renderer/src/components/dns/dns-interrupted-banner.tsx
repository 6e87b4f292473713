// Shown on every step while a DNS switch that a crash (or a kill) left half-done is on record: DNS may not work
// until it is restored, so the way back is one button away wherever the user is.
import { useContext, useState } from 'react';
import type { DnsOutcome } from '../../dns/dns-slice.js';
import { listText } from '../../dns/names.js';
import { revertOutcome } from '../../dns/outcome.js';
import { changeTime, interruptedChange } from '../../dns/selectors.js';
import { useWizard, WizardStoreContext } from '../../use-wizard.js';
import { DnsRevertConfirm } from './dns-revert-confirm.js';
import './dns.css';

export function DnsInterruptedBanner() {
  const status = useWizard((s) => s.dnsStatus);
  const busy = useWizard((s) => s.dnsBusy);
  const error = useWizard((s) => s.dnsError);
  const outcome = useWizard((s) => s.dnsOutcome);
  const revertDnsChange = useWizard((s) => s.revertDnsChange);
  const store = useContext(WizardStoreContext);
  // The banner confirms the restore it started itself, until the user dismisses it or does something else.
  const [own, setOwn] = useState<DnsOutcome | null>(null);
  const [confirming, setConfirming] = useState(false);
  const change = interruptedChange(status);
  const restored = own !== null && own === outcome && own.kind === 'revert' && own.result.reverted ? revertOutcome(own.result).message : null;

  const restore = (expected: string | undefined): void => {
    setConfirming(false);
    void revertDnsChange(expected).then(() => setOwn(store?.getState().dnsOutcome ?? null));
  };

  if (!change) {
    if (!restored) return null;
    return (
      <div className="dns-banner dns-banner--done" data-testid="dns-restored-banner" role="status">
        <p className="dns-banner-text">{restored}</p>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setOwn(null)}>
          ×
        </button>
      </div>
    );
  }
  return (
    <section className="dns-banner" data-testid="dns-interrupted-banner" aria-labelledby="dns-banner-title">
      <span className="dns-banner-icon" aria-hidden="true">
        !
      </span>
      <div className="dns-banner-text">
        <h2 id="dns-banner-title" className="dns-banner-title">
          A DNS change was interrupted before it finished
        </h2>
        <p>
          A switch to {listText(change.servers)} on {listText(change.interfaces)} started {changeTime(change.createdAt)} and never completed, so
          your DNS may not work. Restore the settings from before it.
        </p>
        {error && (
          <p className="dns-banner-error" role="alert">
            {error}
          </p>
        )}
        {confirming && <DnsRevertConfirm change={change} busy={busy === 'revert'} onConfirm={restore} onCancel={() => setConfirming(false)} />}
      </div>
      {!confirming && (
        <button
          type="button"
          className="button button--primary"
          data-testid="dns-interrupted-revert"
          disabled={busy !== null}
          aria-busy={busy === 'revert'}
          onClick={() => setConfirming(true)}
        >
          {busy === 'revert' ? 'Restoring…' : 'Restore previous DNS'}
        </button>
      )}
    </section>
  );
}
