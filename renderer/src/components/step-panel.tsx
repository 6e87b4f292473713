// The current step: what was found here (from the shared explanation), what the app measured, what the person can
// do, and their own word on it. A step whose problem lies elsewhere points there instead of offering its own fix.
import { flushSync } from 'react-dom';
import type { StepExplanation } from '../../../electron/common/explain/explain.js';
import { stepReference } from '../../../electron/common/explain/words.js';
import { STEPS, type StepId } from '../../../electron/common/spec.js';
import { focusPanelHeading, PANEL_HEADING_ID } from '../focus.js';
import { siteHost, statusPageHome } from '../links.js';
import { checksForStep, explanation, markFor, nextStep, stepIndex, stepResult } from '../selectors.js';
import { guidanceFor } from '../steps/guidance.js';
import { useWizard } from '../use-wizard.js';
import { useWizardView } from '../use-wizard-view.js';
import { BrowserActions } from './browser-actions.js';
import { CheckCard } from './check-card.js';
import { DnsPanel } from './dns/dns-panel.js';
import { GuidanceView } from './guidance-view.js';
import { ReportExport } from './report-export.js';
import { ResultBadge } from './result-badge.js';
import { StepTimer } from './step-timer.js';
import { WatchPanel } from './watch-panel.js';
import { UrlBox } from './url-box.js';

/** States where the step's own instructions are the thing to do now; elsewhere they are folded away. */
const GUIDANCE_OPEN = new Set(['pending', 'running', 'problem', 'try', 'manual', 'unchecked']);

export function StepPanel() {
  const step = useWizard((s) => s.currentStep);
  const info = useWizard((s) => s.info);
  const markStep = useWizard((s) => s.markStep);
  const selectStep = useWizard((s) => s.selectStep);
  const recheck = useWizard((s) => s.recheck);
  const view = useWizardView();

  const index = stepIndex(step);
  const title = STEPS[index]?.title ?? step;
  const checks = checksForStep(view, step);
  const result = stepResult(view, step);
  const explained = explanation(view);
  const found = explained?.steps[step];
  const mark = markFor(view.session, step);
  const profile = info?.profile;
  const service = profile?.name ?? 'the service';
  const guidance = guidanceFor(step, {
    service,
    site: siteHost(profile?.targets[0]?.url),
    platform: info?.platform ?? null,
    proxySource: view.report?.facts?.proxy?.inEffect ? (view.report.facts.proxy.source ?? null) : null,
  });
  const next = nextStep(step);
  const checkIds = checks.map((c) => c.id);

  const go = (target: StepId): void => {
    flushSync(() => selectStep(target));
    focusPanelHeading();
  };
  const notWorking = (): void => {
    flushSync(() => markStep(step, 'not-fixed'));
    if (next) focusPanelHeading();
  };

  const instructions = (
    <>
      <BrowserActions step={step} service={service} />
      <GuidanceView guidance={guidance} headingId={`guidance-${step}`} />
    </>
  );

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

      {found && result !== 'running' && found.state !== 'ok' && found.state !== 'unchecked' && <Finding found={found} onGo={go} />}

      <StepLinks step={step} statusPageUrl={profile?.statusPage?.url} supportUrl={profile?.supportUrl} service={service} />

      {(step === 'status-page' || step === 'wait-retry') && <WatchPanel service={service} />}

      {step === 'connection' && explained?.portalUrl && <PortalSignIn url={explained.portalUrl} />}

      {(checks.length > 0 || step !== 'support') && (
        <section className="panel-section" aria-labelledby="checked-heading">
          <div className="section-head">
            <h3 id="checked-heading" className="section-title">
              What Gateway Doctor checked
            </h3>
            {checkIds.length > 0 && view.report && (
              <button
                type="button"
                className="button button--small"
                data-testid="recheck-step"
                disabled={view.running}
                onClick={() => void recheck(checkIds)}
              >
                Test this step again
              </button>
            )}
          </div>
          {checks.length > 0 ? (
            <div className="checks">
              {checks.map((check) => (
                <CheckCard key={check.id} check={check} line={explained?.checks[check.id]} />
              ))}
            </div>
          ) : (
            <p className="muted">
              {view.report
                ? 'Nothing to check automatically here: this step is something only you can try.'
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
        <StepTimer step={step} service={service} />
        {GUIDANCE_OPEN.has(result) ? (
          instructions
        ) : (
          <details className="guidance-folded" data-testid="guidance-folded">
            <summary>{found?.seeStep ? `The fix is at ${stepReference(found.seeStep)}; show this step's instructions anyway` : "Show this step's instructions"}</summary>
            {instructions}
          </details>
        )}
      </section>

      {step === 'support' && (
        <section className="panel-section" aria-labelledby="report-heading">
          <h3 id="report-heading" className="section-title">
            Diagnostic report
          </h3>
          <ReportExport report={view.report} running={view.running} supportUrl={profile?.supportUrl} service={service} />
        </section>
      )}

      <footer className="panel-foot">
        <p className="panel-question">Did this step solve the problem?</p>
        <div className="panel-actions">
          <button type="button" className="button button--success" data-testid="manual-ok" aria-pressed={mark === 'fixed'} onClick={() => markStep(step, 'fixed')}>
            That fixed it
          </button>
          <button type="button" className="button" data-testid="manual-failed" aria-pressed={mark === 'not-fixed'} onClick={notWorking}>
            {next ? 'Still not working — next step' : 'Still not working'}
          </button>
        </div>
        <p className="panel-outcome" role="status">
          {mark === 'not-fixed' && !next ? 'Sorry it is still not working. Send the report above to support: they can see what happens on their side.' : ''}
        </p>
      </footer>
    </section>
  );
}

/** What was found at this step, in the explanation's words; a consequence links to the step that fixes it. */
function Finding({ found, onGo }: { found: StepExplanation; onGo: (step: StepId) => void }) {
  return (
    <div className={`finding finding--${found.state}`} data-testid="step-finding" data-state={found.state} data-cause={found.cause}>
      <p className="finding-headline">{found.headline}</p>
      {found.advice.length > 0 && (
        <ol className="finding-advice">
          {found.advice.map((advice) => (
            <li key={advice}>{advice}</li>
          ))}
        </ol>
      )}
      {found.seeStep && (found.state === 'consequence' || found.state === 'not-needed') && (
        <button type="button" className="button button--small" data-testid="go-to-fix" onClick={() => onGo(found.seeStep!)}>
          Go to step {stepIndex(found.seeStep) + 1}: {STEPS[stepIndex(found.seeStep)]?.title}
        </button>
      )}
    </div>
  );
}

/** The captive portal's sign-in page, as the engine measured it. */
function PortalSignIn({ url }: { url: string }) {
  return (
    <div className="portal-sign-in" data-testid="portal-sign-in">
      <p>
        This network's sign-in page is at <code data-testid="portal-url">{url}</code>. Open it, sign in or accept the terms, then run the diagnosis
        again.
      </p>
      <a className="button button--primary" href={url} target="_blank" rel="noopener noreferrer" data-testid="open-portal">
        Open the sign-in page
      </a>
    </div>
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
