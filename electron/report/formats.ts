// Renders a report for support as JSON, Markdown or a self-contained HTML page.
import { REPORT_FORMATS, type ReportFormat } from '../common/contract.js';
import { STEPS, type Report } from '../common/spec.js';

export { REPORT_FORMATS, type ReportFormat };

export const REPORT_MIME_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  md: 'text/markdown',
  html: 'text/html',
};

/** A file name support can sort by: gateway-doctor-<profile>-<time>.<ext> */
export function reportFileName(report: Report, format: ReportFormat): string {
  const profile = report.profile.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  const stamp = report.startedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `gateway-doctor-${profile}-${stamp}.${format}`;
}

export const stepTitle = (id: string): string => STEPS.find((s) => s.id === id)?.title ?? id;

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}

// Markdown passes HTML through: text that came from elsewhere (status-page incident names, server headers) is escaped.
const mdText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A fenced code block that no backtick run inside the content can close. */
const mdFence = (content: string, lang: string): string[] => {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, content, fence];
};
const mdCell = (text: string): string => mdText(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderMarkdown(report: Report): string {
  const v = report.verdict;
  const lines = [
    `# Gateway Doctor report — ${mdText(report.profile.name)}`,
    '',
    `- Generated: ${report.startedAt} by gateway-doctor ${report.generator.version} (${report.durationMs} ms)`,
    `- Targets: ${report.profile.targets.join(', ')}`,
    `- System: ${report.environment.os.platform} ${report.environment.os.release} (${report.environment.os.arch})${report.environment.redacted ? ', personal details redacted' : ''}`,
    '',
    `## Verdict: ${v.cause} (confidence ${v.confidence})`,
    '',
    mdText(v.summary),
    '',
    ...(v.alsoFound.length > 0 ? [`Also found: ${v.alsoFound.join(', ')}`, ''] : []),
    '### Next steps',
    '',
    ...v.nextSteps.map((n, i) => `${i + 1}. ${mdText(n.action)} _(${stepTitle(n.step)})_`),
    '',
    '## Checks',
    '',
    '| Check | Step | Status | Summary | Time |',
    '| --- | --- | --- | --- | --- |',
    ...report.checks.map((c) => `| ${mdCell(c.title)} | ${c.step} | ${c.status} | ${mdCell(c.summary)} | ${c.durationMs} ms |`),
    '',
    '## Evidence',
    '',
    ...report.checks.flatMap((c) => [`### ${mdText(c.title)} (\`${c.id}\`)`, '', ...mdFence(JSON.stringify(c.evidence, null, 2), 'json'), '']),
    '## Environment',
    '',
    ...mdFence(JSON.stringify(report.environment, null, 2), 'json'),
    '',
  ];
  return lines.join('\n');
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function renderHtml(report: Report): string {
  const v = report.verdict;
  const rows = report.checks
    .map(
      (c) =>
        `<tr class="${c.status}"><td>${escapeHtml(c.title)}</td><td>${escapeHtml(c.step)}</td><td class="status">${c.status}</td><td>${escapeHtml(c.summary)}</td><td>${c.durationMs} ms</td></tr>`,
    )
    .join('\n');
  const evidence = report.checks
    .map((c) => `<details><summary>${escapeHtml(c.title)}</summary><pre>${escapeHtml(JSON.stringify(c.evidence, null, 2))}</pre></details>`)
    .join('\n');
  // A file for support to open anywhere: self-contained, no scripts, no remote resources.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Gateway Doctor report — ${escapeHtml(report.profile.name)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d2330}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.4em;text-align:left;vertical-align:top}
.status{font-weight:600}.fail .status,.error .status{color:#b3261e}.warn .status{color:#8a5a00}.pass .status{color:#1b6e3a}
.verdict{background:#f3f5fa;border-radius:8px;padding:1em}pre{background:#f6f7f9;padding:.6em;overflow:auto}
</style></head><body>
<h1>Gateway Doctor report — ${escapeHtml(report.profile.name)}</h1>
<p>Generated ${escapeHtml(report.startedAt)} by gateway-doctor ${escapeHtml(report.generator.version)} in ${report.durationMs} ms.
Targets: ${escapeHtml(report.profile.targets.join(', '))}. System: ${escapeHtml(`${report.environment.os.platform} ${report.environment.os.release}`)}${report.environment.redacted ? ' (personal details redacted)' : ''}.</p>
<section class="verdict"><h2>Verdict: ${escapeHtml(v.cause)} <small>(confidence ${v.confidence})</small></h2>
<p>${escapeHtml(v.summary)}</p>${v.alsoFound.length ? `<p>Also found: ${escapeHtml(v.alsoFound.join(', '))}</p>` : ''}
<ol>${v.nextSteps.map((n) => `<li>${escapeHtml(n.action)} <em>(${escapeHtml(stepTitle(n.step))})</em></li>`).join('')}</ol></section>
<h2>Checks</h2>
<table><thead><tr><th>Check</th><th>Step</th><th>Status</th><th>Summary</th><th>Time</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Evidence</h2>
${evidence}
<h2>Environment</h2>
<pre>${escapeHtml(JSON.stringify(report.environment, null, 2))}</pre>
</body></html>
`;
}
