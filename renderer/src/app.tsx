// The wizard's layout: a skip link, top bar, error bar, an interrupted DNS change (on every step until reverted),
// the verdict, then the steps beside the current step's panel.
import { useEffect } from 'react';
import { DnsInterruptedBanner } from './components/dns/dns-interrupted-banner.js';
import { ErrorBar } from './components/error-bar.js';
import { ProgressNotice } from './components/progress-notice.js';
import { ServicePicker } from './components/service-picker.js';
import { StepList } from './components/step-list.js';
import { StepPanel } from './components/step-panel.js';
import { TopBar } from './components/top-bar.js';
import { VerdictBanner } from './components/verdict-banner.js';
import { explanation } from './selectors.js';
import { useWizard } from './use-wizard.js';
import { useWizardView } from './use-wizard-view.js';

export const STEP_CONTENT_ID = 'step-content';

export function App() {
  const error = useWizard((s) => s.error);
  const retry = useWizard((s) => s.retry);
  const dismissError = useWizard((s) => s.dismissError);
  const selectStep = useWizard((s) => s.selectStep);
  const explained = explanation(useWizardView());
  const picking = useWizard((s) => s.picking);
  const service = useWizard((s) => s.info?.profile.name ?? 'the service');
  // The window's title names the service (in the app, main sets the window's own title the same way).
  useEffect(() => {
    document.title = picking ? 'Gateway Doctor' : `Gateway Doctor — ${service}`;
  }, [picking, service]);

  return (
    <div className="wizard" data-testid="wizard">
      <a className="skip-link" href={`#${STEP_CONTENT_ID}`}>
        Skip to the current step
      </a>
      <TopBar />
      {error && <ErrorBar error={error} onRetry={() => void retry()} onDismiss={dismissError} />}
      <ProgressNotice />
      <DnsInterruptedBanner />
      {picking ? (
        <main className="content content--picker" id={STEP_CONTENT_ID} tabIndex={-1}>
          <ServicePicker />
        </main>
      ) : (
        <>
          {explained && <VerdictBanner verdict={explained.verdict} service={service} onSelectStep={selectStep} />}
          <div className="layout">
            <StepList />
            <main className="content" id={STEP_CONTENT_ID} tabIndex={-1}>
              <StepPanel />
            </main>
          </div>
        </>
      )}
    </div>
  );
}
