// The diagnostic report for support: a preview that is exactly what is saved (the engine's HTML report, in a
// sandboxed frame), saved as HTML, Markdown, JSON or a short text; a summary to copy into a chat or ticket, and
// the service's support page opened with that summary already copied. Identifying details are hidden unless the
// person unticks it.
import { useEffect, useId, useState } from 'react';
import type { ReportFormat } from '../../../electron/common/contract.js';
import type { Report } from '../../../electron/common/spec.js';
import { cleanErrorMessage } from '../errors.js';
import { useWizard } from '../use-wizard.js';
import { CopyButton } from './copy-button.js';

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'Save as web page (HTML)' },
  { format: 'md', label: 'Save as text (Markdown)' },
  { format: 'json', label: 'Save as JSON' },
];

interface Rendered {
  key: string;
  html: string;
  summary: string;
  failed: string | null;
}

export function ReportExport({ report, running, supportUrl, service }: { report: Report | null; running: boolean; supportUrl?: string | undefined; service: string }) {
  const exporting = useWizard((s) => s.exporting);
  const exportReport = useWizard((s) => s.exportReport);
  const renderReport = useWizard((s) => s.renderReport);
  const marks = useWizard((s) => s.marks);
  const [redact, setRedact] = useState(true);
  const [copiedForSupport, setCopiedForSupport] = useState<'copied' | 'failed' | null>(null);
  const redactId = useId();
  // The preview is the engine's own rendering, redacted exactly like a saved file, and rendered again when the
  // report, the person's marks (what was tried) or the redaction choice change.
  const previewKey = report ? `${report.startedAt}|${report.checks.map((c) => c.measuredAt ?? '').join(',')}|${marks.length}|${redact}` : null;
  const [rendered, setRendered] = useState<Rendered | null>(null);

  useEffect(() => {
    if (previewKey === null) return;
    let cancelled = false;
    Promise.all([renderReport('html', redact), renderReport('text', redact)]).then(
      ([html, text]) => !cancelled && setRendered({ key: previewKey, html: html.content, summary: text.content, failed: null }),
      (error: unknown) => !cancelled && setRendered({ key: previewKey, html: '', summary: '', failed: cleanErrorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [previewKey, redact, renderReport]);
  // A preview of an older report or setting is never shown.
  const current = rendered?.key === previewKey ? rendered : null;

  if (!report) {
    return (
      <p className="muted" data-testid="report-empty">
        {running ? 'The report will appear here when the diagnosis finishes.' : 'Run the diagnosis to create a report.'}
      </p>
    );
  }

  // Copied first, while this window still has the focus the clipboard needs; then the page opens (in the app, main
  // hands it to the system browser after checking it is the service's own support page).
  const copyThenOpen = async (url: string): Promise<void> => {
    try {
      if (!current) throw new Error('not ready');
      await navigator.clipboard.writeText(current.summary);
      setCopiedForSupport('copied');
    } catch {
      setCopiedForSupport('failed');
    }
    window.open(url, '_blank', 'noopener,noreferrer');
  };

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
          Hide identifying details (computer name, user name, addresses, network names)
        </label>
      </div>

      <div className="report-summary">
        <div className="report-export-bar">
          <h4 className="section-subtitle">Summary for a chat or ticket</h4>
          {current && !current.failed && <CopyButton text={current.summary} label="Copy summary" fallbackTargetId="report-summary-text" testId="copy-summary" />}
        </div>
        <pre id="report-summary-text" className="report-summary-text" data-testid="report-summary" tabIndex={0} aria-busy={!current}>
          {current ? (current.failed ?? current.summary) : 'Preparing the summary…'}
        </pre>
        {supportUrl && (
          <p>
            <a
              className="button"
              href={supportUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="open-support"
              onClick={(event) => {
                event.preventDefault();
                void copyThenOpen(supportUrl);
              }}
            >
              Open {service}’s support page (the summary is copied for you)
            </a>{' '}
            <span role="status" className="copy-status">
              {copiedForSupport === 'copied' ? 'Summary copied: paste it into your message.' : copiedForSupport === 'failed' ? 'Select the summary above and copy it (Ctrl+C or Cmd+C).' : ''}
            </span>
          </p>
        )}
      </div>

      <details className="report-preview" open>
        <summary>The report, exactly as it will be saved</summary>
        {current?.failed ? (
          <p className="muted" role="alert">
            The report could not be prepared: {current.failed}
          </p>
        ) : current ? (
          <iframe className="report-frame" data-testid="report-preview" title="Diagnostic report preview" sandbox="" srcDoc={current.html} />
        ) : (
          <p className="muted" aria-busy="true">
            Preparing the report…
          </p>
        )}
      </details>
    </div>
  );
}
