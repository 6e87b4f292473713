// The sidebar: all twelve steps in order, each with its state from the shared explanation (live while its checks
// run) and the person's own word on it; the current one is marked for assistive tech.
import { STEPS } from '../../../electron/common/spec.js';
import { revertableChange } from '../dns/selectors.js';
import { MARK_LABELS } from '../labels.js';
import { explanation, markFor, stepResults } from '../selectors.js';
import { useWizard } from '../use-wizard.js';
import { useWizardView } from '../use-wizard-view.js';
import { ResultBadge } from './result-badge.js';

export function StepList() {
  const current = useWizard((s) => s.currentStep);
  const selectStep = useWizard((s) => s.selectStep);
  const view = useWizardView();
  const results = stepResults(view);
  const explained = explanation(view);
  const suggested = new Set(explained?.verdict.nextSteps.map((n) => n.step) ?? []);
  // A DNS change that can still be reverted stays visible from every step, not only inside the DNS step.
  const dnsChanged = revertableChange(useWizard((s) => s.dnsStatus)) !== null;

  return (
    <nav className="steps" aria-labelledby="steps-heading">
      <h2 id="steps-heading" className="steps-heading">
        Troubleshooting steps
      </h2>
      <ol className="steps-list">
        {STEPS.map((step, index) => {
          const mark = markFor(view.session, step.id);
          return (
            <li key={step.id}>
              <button
                type="button"
                className={`step${current === step.id ? ' step--current' : ''}`}
                data-testid={`step-${step.id}`}
                data-result={results[step.id]}
                data-mark={mark}
                aria-current={current === step.id ? 'step' : undefined}
                onClick={() => selectStep(step.id)}
              >
                <span className={`step-number step-number--${results[step.id]}`} aria-hidden="true">
                  {index + 1}
                </span>
                <span className="step-text">
                  <span className="step-title">{step.title}</span>
                  <span className="step-meta">
                    <ResultBadge result={results[step.id]} compact />
                    {suggested.has(step.id) && <span className="step-suggested">Suggested</span>}
                    {mark && <span className={`step-mark step-mark--${mark}`}>{MARK_LABELS[mark]}</span>}
                    {step.id === 'dns' && dnsChanged && (
                      <span className="step-suggested" data-testid="dns-changed-tag">
                        DNS changed · can revert
                      </span>
                    )}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
