// The diagnostic report for support: saved through the engine's export channel (JSON, Markdown or HTML,
// identifying details hidden unless the user unticks it), and previewed as JSON to copy and paste.
import { useEffect, useId, useState } from 'react';
import type { ReportFormat } from '../../../electron/common/contract.js';
import type { Report } from '../../../electron/common/spec.js';
import { cleanErrorMessage } from '../errors.js';
import { useWizard } from '../use-wizard.js';
import { CopyButton } from './copy-button.js';

const REPORT_ID = 'report-json';

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'Save as web page (HTML)' },
  { format: 'md', label: 'Save as text (Markdown)' },
  { format: 'json', label: 'Save as JSON' },
];

export function ReportExport({ report, running }: { report: Report | null; running: boolean }) {
  const exporting = useWizard((s) => s.exporting);
  const exportReport = useWizard((s) => s.exportReport);
  const renderReport = useWizard((s) => s.renderReport);
  const [redact, setRedact] = useState(true);
  const redactId = useId();
  // The preview is the engine's own JSON export, so what the user copies is redacted exactly like a saved file.
  const previewKey = report ? `${report.startedAt}|${redact}` : null;
  const [preview, setPreview] = useState<{ key: string; text: string; failed: boolean } | null>(null);

  useEffect(() => {
    if (previewKey === null) return;
    let cancelled = false;
    renderReport('json', redact).then(
      (file) => !cancelled && setPreview({ key: previewKey, text: file.content, failed: false }),
      (error: unknown) => !cancelled && setPreview({ key: previewKey, text: cleanErrorMessage(error), failed: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [previewKey, redact, renderReport]);
  // A preview of an older report or setting is never shown.
  const current = preview?.key === previewKey ? preview : null;

  if (!report) {
    return (
      <p className="muted" data-testid="report-empty">
        {running ? 'The report will appear here when the diagnosis finishes.' : 'Run the diagnosis to create a report.'}
      </p>
    );
  }
  return (
    <div className="report-export">
      <div className="report-save">
        <div className="report-save-buttons">
          {FORMATS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              className={format === 'html' ? 'button button--primary' : 'button'}
              data-testid={`export-${format}`}
              disabled={exporting !== null}
              aria-busy={exporting === format}
              onClick={() => void exportReport(format, redact)}
            >
              {exporting === format ? 'Saving…' : label}
            </button>
          ))}
        </div>
        <label className="checkbox" htmlFor={redactId}>
          <input id={redactId} type="checkbox" data-testid="export-redact" checked={redact} onChange={(event) => setRedact(event.target.checked)} />
          Hide identifying details (computer name, user name, local addresses)
        </label>
      </div>
      <details className="report-preview" open>
        <summary>The report (JSON)</summary>
        <div className="report-export-bar">
          <span className="muted">
            {report.checks.length} {report.checks.length === 1 ? 'check' : 'checks'} · {new Date(report.startedAt).toLocaleString()}
          </span>
          {current && !current.failed && <CopyButton text={current.text} label="Copy" fallbackTargetId={REPORT_ID} testId="copy-report" />}
        </div>
        {current?.failed ? (
          <p className="muted" role="alert">
            The report could not be prepared: {current.text}
          </p>
        ) : (
          <pre id={REPORT_ID} className="report-json" data-testid="report-json" tabIndex={0} aria-label="Diagnostic report (JSON, read-only)" aria-busy={!current}>
            {current ? current.text : 'Preparing the report…'}
          </pre>
        )}
      </details>
    </div>
  );
}
