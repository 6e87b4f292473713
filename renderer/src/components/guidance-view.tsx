// A step's manual instructions: why it helps, then numbered steps (grouped per browser or system if needed).
import type { StepGuidance } from '../steps/guidance.js';

export function GuidanceView({ guidance, headingId }: { guidance: StepGuidance; headingId: string }) {
  return (
    <div className="guidance">
      <p className="guidance-why">{guidance.why}</p>
      <div className={guidance.sections.length > 1 ? 'guidance-sections guidance-sections--grid' : 'guidance-sections'}>
        {guidance.sections.map((section, index) => (
          <section key={section.heading ?? index} className="guidance-section" aria-labelledby={section.heading ? `${headingId}-${index}` : undefined}>
            {section.heading && (
              <h4 id={`${headingId}-${index}`} className="guidance-heading">
                {section.heading}
              </h4>
            )}
            <ol className="guidance-steps">
              {section.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      {guidance.note && <p className="guidance-note">{guidance.note}</p>}
    </div>
  );
}
