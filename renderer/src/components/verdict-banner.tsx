// The diagnosis in one place: the primary cause, why, and the steps to take next (each opens its step).
import { flushSync } from 'react-dom';
import { STEPS, type Cause, type Report, type StepId } from '../../../electron/common/spec.js';
import { focusPanelHeading } from '../focus.js';
import { CAUSE_HEADLINES, CAUSE_NAMES, CONFIDENCE_LABELS } from '../labels.js';
import { stepIndex } from '../selectors.js';

const TONES: Record<Cause, 'danger' | 'warning' | 'info' | 'neutral'> = {
  'captive-portal': 'warning',
  vpn: 'warning',
  offline: 'danger',
  proxy: 'warning',
  'tls-interception': 'danger',
  dns: 'warning',
  'service-outage': 'danger',
  'server-error': 'danger',
  browser: 'info',
  unknown: 'neutral',
};

interface VerdictBannerProps {
  report: Report;
  service: string;
  onSelectStep: (step: StepId) => void;
}

export function VerdictBanner({ report, service, onSelectStep }: VerdictBannerProps) {
  const { verdict } = report;
  const open = (step: StepId): void => {
    flushSync(() => onSelectStep(step));
    focusPanelHeading();
  };
  return (
    <section className={`verdict verdict--${TONES[verdict.cause]}`} data-testid="verdict" data-cause={verdict.cause} aria-labelledby="verdict-title">
      <div className="verdict-main">
        <p className="eyebrow">
          Diagnosis · {CONFIDENCE_LABELS[verdict.confidence]}
        </p>
        <h2 id="verdict-title" className="verdict-title">
          {CAUSE_HEADLINES[verdict.cause](service)}
        </h2>
        <p className="verdict-summary">{verdict.summary}</p>
        {verdict.alsoFound.length > 0 && (
          <p className="verdict-also">
            Also found: {verdict.alsoFound.map((cause) => CAUSE_NAMES[cause]).join(', ')}
          </p>
        )}
      </div>
      {verdict.nextSteps.length > 0 && (
        <div className="verdict-next">
          <h3 className="verdict-next-title">What to do next</h3>
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
