// The wizard's layout: top bar, error bar, an interrupted DNS change (on every step until reverted), verdict,
// then the steps beside the current step's panel.
import { DnsInterruptedBanner } from './components/dns/dns-interrupted-banner.js';
import { ErrorBar } from './components/error-bar.js';
import { StepList } from './components/step-list.js';
import { StepPanel } from './components/step-panel.js';
import { TopBar } from './components/top-bar.js';
import { VerdictBanner } from './components/verdict-banner.js';
import { useWizard } from './use-wizard.js';

export function App() {
  const error = useWizard((s) => s.error);
  const report = useWizard((s) => s.report);
  const running = useWizard((s) => s.running);
  const service = useWizard((s) => s.info?.profile.name ?? s.report?.profile.name ?? 'the service');
  const retry = useWizard((s) => s.retry);
  const dismissError = useWizard((s) => s.dismissError);
  const selectStep = useWizard((s) => s.selectStep);

  return (
    <div className="wizard" data-testid="wizard">
      <TopBar />
      {error && <ErrorBar error={error} onRetry={() => void retry()} onDismiss={dismissError} />}
      <DnsInterruptedBanner />
      {report && !running && <VerdictBanner report={report} service={service} onSelectStep={selectStep} />}
      <div className="layout">
        <StepList />
        <main className="content">
          <StepPanel />
        </main>
      </div>
    </div>
  );
}
