// Renders a report for support: the JSON of SPEC.md's schema, or the report view (view.ts, from the shared
// explanation) as Markdown, a self-contained HTML page, or a plain-text summary of at most 15 lines.
import { REPORT_FORMATS, type ReportFormat } from '../common/contract.js';
import type { Report } from '../common/spec.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderTextSummary } from './text-summary.js';
import { buildReportView } from './view.js';

export { REPORT_FORMATS, type ReportFormat };

export const REPORT_MIME_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  md: 'text/markdown',
  html: 'text/html',
  text: 'text/plain',
};

const EXTENSIONS: Record<ReportFormat, string> = { json: 'json', md: 'md', html: 'html', text: 'txt' };

/** A file name support can sort by: gateway-doctor-<profile>-<time>.<ext> */
export function reportFileName(report: Report, format: ReportFormat): string {
  const profile = report.profile.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  const stamp = report.startedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `gateway-doctor-${profile}-${stamp}.${EXTENSIONS[format]}`;
}

export function renderReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const view = buildReportView(report);
  switch (format) {
    case 'md':
      return renderMarkdown(view);
    case 'html':
      return renderHtml(view);
    case 'text':
      return renderTextSummary(view);
  }
}
