// The current step: what the app measured for it, what the user can try, and the user's own verdict on it.
import { flushSync } from 'react-dom';
import { STEPS, type StepId } from '../../../electron/common/spec.js';
import { focusPanelHeading, PANEL_HEADING_ID } from '../focus.js';
import { siteHost, statusPageHome } from '../links.js';
import { checksForStep, nextStep, stepIndex, stepResult } from '../selectors.js';
import { guidanceFor } from '../steps/guidance.js';
import { useWizard } from '../use-wizard.js';
import { useWizardView } from '../use-wizard-view.js';
import { CheckCard } from './check-card.js';
import { DnsPanel } from './dns/dns-panel.js';
import { GuidanceView } from './guidance-view.js';
import { ReportExport } from './report-export.js';
import { ResultBadge } from './result-badge.js';
import { UrlBox } from './url-box.js';

export function StepPanel() {
  const step = useWizard((s) => s.currentStep);
  const info = useWizard((s) => s.info);
  const recordManual = useWizard((s) => s.recordManual);
  const view = useWizardView();

  const index = stepIndex(step);
  const title = STEPS[index]?.title ?? step;
  const checks = checksForStep(view, step);
  const result = stepResult(view, step);
  const manual = view.manual[step];
  const profile = info?.profile;
  const service = profile?.name ?? 'the service';
  const guidance = guidanceFor(step, { service, site: siteHost(profile?.targets[0]?.url) });
  const next = nextStep(step);

  const notWorking = (): void => {
    flushSync(() => recordManual(step, 'manual-failed'));
    if (next) focusPanelHeading();
  };

  return (
    <section className="panel" data-testid="step-panel" data-step={step} aria-labelledby={PANEL_HEADING_ID}>
      <header className="panel-head">
        <div>
          <p className="eyebrow">
            Step {index + 1} of {STEPS.length}
          </p>
          <h2 id={PANEL_HEADING_ID} className="panel-title" tabIndex={-1}>
            {title}
          </h2>
        </div>
        <ResultBadge result={result} />
      </header>

      <StepLinks step={step} statusPageUrl={profile?.statusPage?.url} supportUrl={profile?.supportUrl} service={service} />

      {(checks.length > 0 || step !== 'support') && (
        <section className="panel-section" aria-labelledby="checked-heading">
          <h3 id="checked-heading" className="section-title">
            What Gateway Doctor checked
          </h3>
          {checks.length > 0 ? (
            <div className="checks">
              {checks.map((check) => (
                <CheckCard key={check.id} check={check} />
              ))}
            </div>
          ) : (
            <p className="muted">
              {view.report
                ? 'Nothing to check automatically here: this step is something only you can try. Follow the instructions below.'
                : view.running
                  ? 'Waiting for the checks of this step…'
                  : 'Run the diagnosis to see what Gateway Doctor can check here.'}
            </p>
          )}
        </section>
      )}

      {step === 'dns' && <DnsPanel />}

      <section className="panel-section" aria-labelledby="todo-heading">
        <h3 id="todo-heading" className="section-title">
          What you can do
        </h3>
        <GuidanceView guidance={guidance} headingId={`guidance-${step}`} />
      </section>

      {step === 'support' && (
        <section className="panel-section" aria-labelledby="report-heading">
          <h3 id="report-heading" className="section-title">
            Diagnostic report
          </h3>
          <ReportExport report={view.report} running={view.running} />
        </section>
      )}

      <footer className="panel-foot">
        <p className="panel-question">Did this step solve the problem?</p>
        <div className="panel-actions">
          <button type="button" className="button button--success" data-testid="manual-ok" aria-pressed={manual === 'manual-ok'} onClick={() => recordManual(step, 'manual-ok')}>
            That fixed it
          </button>
          <button type="button" className="button" data-testid="manual-failed" aria-pressed={manual === 'manual-failed'} onClick={notWorking}>
            {next ? 'Still not working — next step' : 'Still not working'}
          </button>
        </div>
        <p className="panel-outcome" role="status">
          {manual === 'manual-ok'
            ? `Great, ${service} works again. If the error comes back, run the diagnosis again.`
            : manual === 'manual-failed' && !next
              ? 'Sorry it is still not working. Send the report above to support: they can see what happens on their side.'
              : ''}
        </p>
      </footer>
    </section>
  );
}

interface StepLinksProps {
  step: StepId;
  statusPageUrl: string | undefined;
  supportUrl: string | undefined;
  service: string;
}

function StepLinks({ step, statusPageUrl, supportUrl, service }: StepLinksProps) {
  if (step === 'status-page') {
    return statusPageUrl ? (
      <UrlBox label={`${service} status page`} url={statusPageHome(statusPageUrl)} testId="status-page-url" />
    ) : (
      <p className="muted">This profile names no status page: search the web for “{service} status”.</p>
    );
  }
  if (step === 'support') {
    return supportUrl ? (
      <UrlBox label={`${service} help`} url={supportUrl} testId="support-url" />
    ) : (
      <p className="muted">This profile names no support address: use the help link on {service}’s website.</p>
    );
  }
  return null;
}
