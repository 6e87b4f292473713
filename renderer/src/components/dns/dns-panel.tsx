// The DNS step's one-click switch: whether switching is worth it (the DNS check's comparison), the DNS in effect
// now, the choice of servers, the confirmation, live progress, the verified (or self-reverted) result, and
// Revert for as long as the engine's journal holds a change.
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { DnsPreset } from '../../../../electron/common/dns-schema.js';
import { dnsComparison } from '../../dns/comparison.js';
import { dnsCheckResult, revertableChange, switchAvailability } from '../../dns/selectors.js';
import { choiceRequest, requestTarget, switchLabel, type DnsChoice } from '../../dns/switch-choice.js';
import { useWizard } from '../../use-wizard.js';
import { useWizardView } from '../../use-wizard-view.js';
import { explanation } from '../../selectors.js';
import { stepReference } from '../../../../electron/common/explain/words.js';
import { DnsActivity } from './dns-activity.js';
import { DnsChoiceField } from './dns-choice.js';
import { DnsComparisonView } from './dns-comparison.js';
import { DnsConfirmDialog } from './dns-confirm-dialog.js';
import { DnsCurrent } from './dns-current.js';
import './dns.css';

/** The profile's host names, as the switch's verification resolves them. */
function targetHosts(urls: readonly string[]): string[] {
  const hosts = urls.flatMap((url) => {
    try {
      return [new URL(url).hostname.replace(/^\[|\]$/g, '')];
    } catch {
      return [];
    }
  });
  return [...new Set(hosts)];
}

export function DnsPanel() {
  const view = useWizardView();
  const info = useWizard((s) => s.info);
  const status = useWizard((s) => s.dnsStatus);
  const busy = useWizard((s) => s.dnsBusy);
  const pending = useWizard((s) => s.dnsPending);
  const progress = useWizard((s) => s.dnsProgress);
  const outcome = useWizard((s) => s.dnsOutcome);
  const error = useWizard((s) => s.dnsError);
  const planDnsSwitch = useWizard((s) => s.planDnsSwitch);
  const cancelDnsSwitch = useWizard((s) => s.cancelDnsSwitch);
  const confirmDnsSwitch = useWizard((s) => s.confirmDnsSwitch);
  const revertDnsChange = useWizard((s) => s.revertDnsChange);
  const loadDnsStatus = useWizard((s) => s.loadDnsStatus);
  const dismissDnsError = useWizard((s) => s.dismissDnsError);
  const run = useWizard((s) => s.run);

  const [picked, setPicked] = useState<DnsPreset | 'custom'>('google');
  // Kept while another option is picked, so going back to "Other" does not lose what was typed.
  const [customText, setCustomText] = useState('');
  const choice: DnsChoice = picked === 'custom' ? { kind: 'custom', text: customText } : { kind: 'preset', preset: picked };
  const switchRef = useRef<HTMLButtonElement>(null);
  const activityRef = useRef<HTMLDivElement>(null);

  const explained = explanation(view);
  const dnsCheck = dnsCheckResult(view);
  const dnsStep = explained?.steps.dns;
  // The comparison details the evidence; whether DNS is at fault at all is the shared explanation's to say.
  const measured = dnsComparison(dnsCheck, view.running);
  const comparison =
    dnsStep?.state === 'consequence' && !view.running ? { ...measured, tone: 'no-help' as const, verdict: dnsStep.headline } : measured;
  const blockedBy = view.running ? undefined : explained?.dnsSwitchBlockedBy;
  const change = revertableChange(status);
  // The comparison predates the change in effect when the DNS check was last measured before it.
  const measuredAt = dnsCheck?.measuredAt ?? view.report?.startedAt;
  const stale = change !== null && measuredAt !== undefined && Date.parse(measuredAt) < Date.parse(change.createdAt);
  const availability = switchAvailability(status, busy);
  const built = choiceRequest(choice);
  const hosts = targetHosts(info?.profile.targets.map((t) => t.url) ?? []);

  const choose = (next: DnsChoice): void => {
    if (next.kind === 'custom') {
      setCustomText(next.text);
      setPicked('custom');
    } else {
      setPicked(next.preset);
    }
  };
  const errorRef = useRef<HTMLDivElement>(null);
  // After the render that shows how it went: focus the outcome (or the error) so keyboard users hear it.
  const afterAction = (): void => {
    setTimeout(() => (errorRef.current ?? activityRef.current)?.focus(), 0);
  };
  const startSwitch = (): void => {
    if (built.ok) void planDnsSwitch(built.request);
  };
  const confirm = (): void => {
    void confirmDnsSwitch().then(afterAction);
  };
  const cancel = (): void => {
    // The modal dialog keeps the page inert until it is gone: close it first, then give focus back.
    flushSync(() => cancelDnsSwitch());
    switchRef.current?.focus();
  };
  const revert = (expected: string | undefined): void => {
    void revertDnsChange(expected).then(afterAction);
  };

  return (
    <section className="panel-section dns-panel" data-testid="dns-panel" aria-labelledby="dns-panel-heading">
      <h3 id="dns-panel-heading" className="section-title">
        Switch DNS in one click
      </h3>

      <div className="dns-grid">
        <div className="dns-column">
          <h4 className="dns-card-title">Is it worth switching?</h4>
          <DnsComparisonView comparison={comparison} stale={stale} />
        </div>
        <div className="dns-column">
          <DnsCurrent
            status={status}
            loading={busy === 'status'}
            change={change}
            reverting={busy === 'revert'}
            disabled={busy !== null}
            onRevert={revert}
          />
        </div>
      </div>

      {blockedBy ? (
        <p className="dns-card dns-switch-blocked" data-testid="dns-switch-blocked">
          {blockedBy === 'captive-portal'
            ? `Switching DNS will not help while this network's sign-in page intercepts the traffic: sign in first (${stepReference('connection')}).`
            : `Switching DNS will not help while this computer has no internet connection: connect first (${stepReference('connection')}).`}
        </p>
      ) : (
      <div className="dns-card dns-switch-card">
        <DnsChoiceField choice={choice} customText={customText} disabled={busy !== null} onChange={choose} />
        <div className="dns-switch-row">
          <button
            ref={switchRef}
            type="button"
            className="button button--primary"
            data-testid="dns-switch"
            disabled={!availability.allowed || !built.ok}
            aria-busy={busy === 'plan'}
            onClick={startSwitch}
          >
            {busy === 'plan' ? 'Preparing…' : switchLabel(choice)}
          </button>
          <p className="muted dns-switch-hint">
            {availability.reason ?? 'You will see exactly what changes before anything does. Gateway Doctor checks the new DNS and undoes the switch by itself if it does not work.'}
          </p>
          {status?.change?.state === 'in-progress' && (
            <button type="button" className="button button--small" onClick={() => void loadDnsStatus()} disabled={busy !== null}>
              Check again
            </button>
          )}
        </div>
      </div>
      )}

      {error && (
        <div ref={errorRef} tabIndex={-1} className="dns-error" data-testid="dns-error" role="alert">
          <p>{error}</p>
          <button type="button" className="icon-button" aria-label="Dismiss the DNS error" onClick={dismissDnsError}>
            ×
          </button>
        </div>
      )}

      <DnsActivity ref={activityRef} busy={busy} progress={progress} outcome={outcome} onRunDiagnosis={() => void run()} diagnosing={view.running} />

      {pending && <DnsConfirmDialog plan={pending.plan} target={requestTarget(pending.request)} hosts={hosts} onConfirm={confirm} onCancel={cancel} />}
    </section>
  );
}
