// "Tell me when it works" (steps 1–2, and the verdict of an outage or a server error): the engine re-checks the
// status page and the service with backoff; this shows the last check and the next, and says when it works again.
import { useWizard } from '../use-wizard.js';
import { clockTime } from '../labels.js';
import { notificationPermission } from '../notify.js';

export function WatchPanel({ service, compact = false }: { service: string; compact?: boolean }) {
  const watch = useWizard((s) => s.watch);
  const error = useWizard((s) => s.watchError);
  const start = useWizard((s) => s.startWatching);
  const stop = useWizard((s) => s.stopWatching);
  const running = watch !== null && (watch.state === 'waiting' || watch.state === 'checking');

  return (
    <div className={`watch-panel${compact ? ' watch-panel--compact' : ''}`} data-testid="watch-panel" data-state={watch?.state ?? 'idle'}>
      {running ? (
        <>
          <p role="status" aria-live="polite" data-testid="watch-status">
            {watch.state === 'checking' ? `Checking ${service} now…` : `Watching ${service}.`}{' '}
            {watch.lastCheck ? `Last check at ${clockTime(watch.lastCheck.at)}: ${watch.lastCheck.summary}` : 'No check yet.'}{' '}
            {watch.nextCheckAt ? `Next check at ${clockTime(watch.nextCheckAt)}.` : ''}{' '}
            {notificationPermission() === 'granted' ? 'You will get a notification when it works.' : 'It will say here when it works.'}
          </p>
          <button type="button" className="button button--small" data-testid="watch-stop" onClick={() => void stop()}>
            Stop watching
          </button>
        </>
      ) : (
        <>
          {watch?.state === 'working' && (
            <p className="watch-back" role="status" data-testid="watch-back">
              {service} works again{watch.lastCheck ? ` (checked at ${clockTime(watch.lastCheck.at)})` : ''}.
            </p>
          )}
          {watch?.state === 'expired' && <p role="status">Gateway Doctor stopped watching after {service} still did not work. You can start again.</p>}
          <button type="button" className="button button--small" data-testid="watch-start" onClick={() => void start()}>
            Tell me when {service} works
          </button>
        </>
      )}
      {error && (
        <p className="field-problem" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
