// The Markdown report: readable as plain text in a ticket and rendered by any Markdown viewer. The report view in
// sections, in the order a support engineer reads: what is wrong and how sure, what was tried, where it fails,
// then every step and check, the computer, and the evidence last (folded). Every piece of text goes through the
// Markdown escapes (markdown-escape.ts); the only markup is the report's own.
import { mdFence, mdInline, mdLine } from './markdown-escape.js';
import { htmlLine } from './html-escape.js';
import type { ReportView, TargetLine } from './view.js';
import { LAYER_STATE_LABELS, LAYER_STATE_SYMBOLS } from './view-targets.js';

export const MARKDOWN_SECTIONS = {
  tried: 'What was tried',
  targets: 'Where it fails, layer by layer',
  steps: 'Step by step',
  checks: 'Checks',
  environment: 'This computer',
  evidence: 'Evidence',
} as const;

/** A table row: every cell escaped (mdInline escapes pipes and keeps each cell on one line). */
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

function targetLine(target: TargetLine): string {
  const chain = target.layers
    .map((l) => `${l.layer} ${LAYER_STATE_SYMBOLS[l.state]} ${l.detail || LAYER_STATE_LABELS[l.state].toLowerCase()}`)
    .join(' → ');
  const via = target.via ? mdInline(`, through the proxy ${target.via}`) : '';
  // The failing layer in bold (the report's own markup); the rest of the outcome escaped.
  const lead = target.failedAt ? `fails at ${target.failedAt}` : '';
  const outcome =
    lead && target.outcome.startsWith(lead) ? `fails at **${target.failedAt}**${mdInline(target.outcome.slice(lead.length))}` : mdInline(target.outcome);
  return `- ${target.ok ? '✓' : '✕'} ${mdInline(target.host)} ${outcome}${via} — ${mdInline(chain)}`;
}

export function renderMarkdown(view: ReportView): string {
  const v = view.verdict;
  const lines: string[] = [
    `# Gateway Doctor report — ${mdInline(view.service)}`,
    '',
    `- **Service:** ${mdInline(view.service)}`,
    `- **Targets:** ${view.targets.map(mdInline).join(', ')}`,
    `- **Checked:** ${mdInline(`${view.checkedAt}, ${view.checkCount} checks in ${view.duration}${view.recheckedAt ? ` (${view.recheckedAt})` : ''}`)}`,
    `- **Computer:** ${mdInline(view.computer)}`,
    `- **Connection:** ${mdInline(view.connection)}`,
    `- **Report:** ${mdInline(`${view.generator}, ${view.redacted ? 'personal details redacted' : 'personal details NOT redacted'}`)}`,
    '',
    `## ${v.symbol} ${v.label}: ${mdInline(v.headline)}`,
    '',
    `**${mdInline(v.kicker[0]!)}**${v.kicker.slice(1).map((k) => ` · ${mdInline(k)}`).join('')}`,
    '',
    mdLine(v.summary),
    '',
  ];
  if (v.nextSteps.length > 0) {
    lines.push(`**${v.nextStepsTitle}**`, '');
    v.nextSteps.forEach((n, i) => lines.push(`${i + 1}. ${mdInline(n.action)} _— ${mdInline(n.step)}_`));
    lines.push('');
  }
  if (v.alsoFound.length > 0) lines.push(`**Also found:** ${v.alsoFound.map(mdInline).join('; ')}`, '');

  if (view.timeline.length > 0) {
    lines.push(`## ${MARKDOWN_SECTIONS.tried}`, '', row(['Time (UTC)', 'What happened']), row(['---', '---']));
    for (const entry of view.timeline) lines.push(row([mdInline(entry.time), mdInline(entry.text)]));
    lines.push('');
  }

  lines.push(`## ${MARKDOWN_SECTIONS.targets}`, '');
  if (view.targetLines.length > 0) {
    lines.push('Each address of the service, tried layer by layer (DNS → TCP → TLS → HTTP), with codes and timings:', '');
    lines.push(...view.targetLines.map(targetLine), '');
  } else {
    lines.push('The addresses of the service could not be tried (the check did not finish).', '');
  }

  lines.push(`## ${MARKDOWN_SECTIONS.steps}`, '', row(['Step', 'State', 'What it found']), row(['---', '---', '---']));
  for (const s of view.steps) lines.push(row([mdInline(`${s.number}. ${s.title}`), `${s.symbol} ${s.label}`, mdInline(s.headline)]));
  lines.push('');

  lines.push(`## ${MARKDOWN_SECTIONS.checks}`, '', row(['Check', 'Step', 'Status', 'What it found', 'Time']), row(['---', '---', '---', '---', '---:']));
  for (const c of view.checks) {
    const line = c.measuredBefore ? `${c.line} (${c.measuredBefore}.)` : c.line;
    lines.push(row([mdInline(c.title), mdInline(c.step), `${c.symbol} ${c.label}`, mdInline(line), `${c.durationMs} ms`]));
  }
  lines.push('');

  lines.push(`## ${MARKDOWN_SECTIONS.environment}`, '', row(['Setting', 'Value']), row(['---', '---']));
  for (const e of view.environment) lines.push(row([`**${mdInline(e.label)}**`, e.values.map(mdInline).join('; ')]));
  lines.push('');

  lines.push(`## ${MARKDOWN_SECTIONS.evidence}`, '', 'The measurements behind every line above, for support engineers (JSON, folded).', '');
  for (const block of view.evidence) {
    // Inside an HTML block Markdown is not parsed: the summary is HTML-escaped; the fence starts after a blank line.
    lines.push('<details>', `<summary>${htmlLine(`${block.title} (${block.id})`)}</summary>`, '', ...mdFence(block.json, 'json'), '', '</details>', '');
  }
  return lines.join('\n');
}
