// The top of the window: which service is diagnosed, the Run button and the live progress.
import { progressCounts, progressText } from '../selectors.js';
import { useWizard } from '../use-wizard.js';
import { useWizardView } from '../use-wizard-view.js';

export function TopBar() {
  const info = useWizard((s) => s.info);
  const run = useWizard((s) => s.run);
  const startOver = useWizard((s) => s.startOver);
  const openPicker = useWizard((s) => s.openServicePicker);
  const picking = useWizard((s) => s.picking);
  const view = useWizardView();
  const { started, finished } = progressCounts(view);
  const runKind = useWizard((s) => s.runKind);
  const text = progressText(view, runKind?.kind === 'recheck' ? runKind.why : 'full');

  return (
    <header className="top-bar">
      <div className="brand">
        <img className="brand-mark" src="./icon.svg" alt="" />
        <div>
          <p className="brand-name">Gateway Doctor</p>
          <h1 className="service-name">
            {info ? (
              <>
                Why won’t <span data-testid="service-name">{info.profile.name}</span> load?
              </>
            ) : (
              'Loading…'
            )}
          </h1>
        </div>
      </div>
      <div className="run">
        <div className="progress" data-testid="progress" role="status" aria-live="polite" aria-atomic="true" data-running={view.running}>
          <span className="progress-text">{text}</span>
          {view.running && <progress className="progress-bar" max={Math.max(started, 1)} value={started === 0 ? undefined : finished} aria-hidden="true" />}
        </div>
        <button type="button" className="button" data-testid="change-service" disabled={view.running || picking} onClick={() => void openPicker()}>
          Change service
        </button>
        <button type="button" className="button" data-testid="start-over" disabled={view.running || picking} onClick={() => void startOver()}>
          Start over
        </button>
        <button type="button" className="button button--primary" data-testid="run-diagnosis" disabled={view.running || picking} onClick={() => void run()}>
          {view.running ? 'Diagnosing…' : 'Run diagnosis'}
        </button>
      </div>
    </header>
  );
}
