// A failed call to the engine: what went wrong, a way to try again, and a way to dismiss it.
import type { WizardError } from '../store.js';

interface ErrorBarProps {
  error: WizardError;
  onRetry: () => void;
  onDismiss: () => void;
}

export function ErrorBar({ error, onRetry, onDismiss }: ErrorBarProps) {
  return (
    <div className="error-bar" data-testid="error-bar" role="alert">
      <span className="error-bar-icon" aria-hidden="true">
        !
      </span>
      <p className="error-bar-message">{error.message}</p>
      <button type="button" className="button button--small" data-testid="error-retry" onClick={onRetry}>
        Retry
      </button>
      <button type="button" className="icon-button" data-testid="error-dismiss" aria-label="Dismiss error" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
