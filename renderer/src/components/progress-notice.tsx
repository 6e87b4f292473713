// Where the person left off: the results shown come from an earlier launch (with when they were measured), or
// saved progress had to be set aside. Dismissable; a new diagnosis replaces the restored results.
import { clockTime } from '../labels.js';
import { useWizard } from '../use-wizard.js';

export function ProgressNotice() {
  const restoredFrom = useWizard((s) => s.restoredFrom);
  const note = useWizard((s) => s.progressNote);
  const dismiss = useWizard((s) => s.dismissProgressNote);
  if (!restoredFrom && !note) return null;
  return (
    <div className="progress-notice" data-testid="progress-notice" role="status">
      {restoredFrom && (
        <p data-testid="restored-notice">
          Welcome back: these are your results from {new Date(restoredFrom).toLocaleDateString(undefined, { dateStyle: 'medium' })},{' '}
          {clockTime(restoredFrom)}, with what you tried. Run the diagnosis again to see how things are now.
        </p>
      )}
      {note && (
        <p>
          {note}{' '}
          <button type="button" className="link-button" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
