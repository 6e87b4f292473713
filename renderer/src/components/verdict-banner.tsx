// The diagnosis in one place, as the shared explanation words it: the primary cause (or "works now" after a fix),
// why, and the steps to take next (each opens its step).
import { flushSync } from 'react-dom';
import type { VerdictView } from '../../../electron/common/explain/explain.js';
import { STEPS, type StepId } from '../../../electron/common/spec.js';
import { focusPanelHeading } from '../focus.js';
import { stepIndex } from '../selectors.js';
import { WatchPanel } from './watch-panel.js';

interface VerdictBannerProps {
  verdict: VerdictView;
  service: string;
  onSelectStep: (step: StepId) => void;
}

/** Causes where waiting is the fix: the verdict offers to watch the service until it works. */
const WAITING_CAUSES = new Set(['service-outage', 'server-error']);

export function VerdictBanner({ verdict, service, onSelectStep }: VerdictBannerProps) {
  const open = (step: StepId): void => {
    flushSync(() => onSelectStep(step));
    focusPanelHeading();
  };
  const resolved = verdict.state === 'resolved';
  return (
    <section
      className={`verdict verdict--${verdict.tone}`}
      data-testid="verdict"
      data-cause={verdict.cause}
      data-state={verdict.state}
      aria-labelledby="verdict-title"
    >
      <div className="verdict-main">
        <p className="eyebrow">{resolved ? 'Fixed' : `Diagnosis · ${verdict.confidence}`}</p>
        <h2 id="verdict-title" className="verdict-title">
          {resolved && (
            <span className="verdict-icon" aria-hidden="true">
              ✓{' '}
            </span>
          )}
          {verdict.headline}
        </h2>
        <p className="verdict-summary" data-testid="verdict-summary">
          {verdict.summary}
        </p>
        {verdict.state === 'diagnosed' && WAITING_CAUSES.has(verdict.cause) && <WatchPanel service={service} compact />}
        {verdict.alsoFound.length > 0 && (
          <p className="verdict-also">
            Also found:{' '}
            {verdict.alsoFound.map((also, index) => (
              <span key={also.cause}>
                {index > 0 && ', '}
                {also.step ? (
                  <button type="button" className="link-button" onClick={() => open(also.step!)}>
                    {also.name} (step {stepIndex(also.step) + 1})
                  </button>
                ) : (
                  also.name
                )}
              </span>
            ))}
          </p>
        )}
      </div>
      {verdict.nextSteps.length > 0 && (
        <div className="verdict-next">
          <h3 className="verdict-next-title">{resolved ? 'If it comes back' : 'What to do next'}</h3>
          <ol className="verdict-steps">
            {verdict.nextSteps.map((next, index) => (
              <li key={`${next.step}-${index}`}>
                <button type="button" className="verdict-step" data-testid={`next-step-${next.step}`} onClick={() => open(next.step)}>
                  <span className="verdict-step-name">
                    Step {stepIndex(next.step) + 1}: {STEPS[stepIndex(next.step)]?.title}
                  </span>
                  <span className="verdict-step-action">{next.action}</span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
