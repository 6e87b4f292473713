// The HTML report: one self-contained page (no script, no request, one stylesheet allowed by its hash) that the
// app previews in a sandboxed frame and support opens anywhere. The report view in the order a support engineer
// reads it, evidence last and folded. Every piece of text is escaped (html-escape.ts); the only markup is the
// report's own. `data-section` names each part, for the tests and for anyone scripting over saved reports.
import { htmlBlock, htmlLine } from './html-escape.js';
import { REPORT_CSP, REPORT_STYLE } from './html-style.js';
import type { ReportView, TargetLine } from './view.js';
import { LAYER_STATE_LABELS, LAYER_STATE_SYMBOLS } from './view-targets.js';

export const HTML_SECTIONS = ['header', 'verdict', 'tried', 'targets', 'steps', 'checks', 'environment', 'evidence'] as const;
export type HtmlSection = (typeof HTML_SECTIONS)[number];

const sym = (symbol: string): string => `<span class="sym" aria-hidden="true">${htmlLine(symbol)}</span>`;
const state = (kind: string, symbol: string, label: string): string =>
  `<span class="state state-${htmlLine(kind)}">${sym(symbol)}${htmlLine(label)}</span>`;

function header(view: ReportView): string {
  const checked = `${view.checkedAt} · ${view.checkCount} checks in ${view.duration}${view.recheckedAt ? ` (${view.recheckedAt})` : ''}`;
  const rows: [string, string][] = [
    ['Service', htmlLine(view.service)],
    ['Targets', view.targets.map((t) => `<code>${htmlLine(t)}</code>`).join(', ')],
    ['Checked', htmlLine(checked)],
    ['Computer', htmlLine(view.computer)],
    ['Connection', htmlLine(view.connection)],
    ['Report', htmlLine(`${view.generator}, ${view.redacted ? 'personal details redacted' : 'personal details NOT redacted'}`)],
  ];
  return `<header data-section="header">
<h1>Gateway Doctor report — ${htmlLine(view.service)}</h1>
<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
</header>`;
}

function verdict(view: ReportView): string {
  const v = view.verdict;
  const kicker = (v.state === 'resolved' ? v.kicker : [v.label, ...v.kicker]).join(' · ');
  const next =
    v.nextSteps.length > 0
      ? `<h3>${htmlLine(v.nextStepsTitle)}</h3><ol>${v.nextSteps.map((n) => `<li>${htmlLine(n.action)} <span class="muted">— ${htmlLine(n.step)}</span></li>`).join('')}</ol>`
      : '';
  const also = v.alsoFound.length > 0 ? `<p><strong>Also found:</strong> ${v.alsoFound.map(htmlLine).join('; ')}</p>` : '';
  return `<section class="verdict tone-${htmlLine(v.tone)}" data-section="verdict" data-cause="${htmlLine(v.cause)}" data-state="${htmlLine(v.state)}" aria-labelledby="verdict-title">
<p class="kicker">${sym(v.symbol)}${htmlLine(kicker)}</p>
<h2 id="verdict-title">${htmlLine(v.headline)}</h2>
<p>${htmlLine(v.summary)}</p>
${next}${also}
</section>`;
}

function tried(view: ReportView): string {
  if (view.timeline.length === 0) return '';
  const items = view.timeline
    .map((e) => `<li data-kind="${htmlLine(e.kind)}"><time datetime="${htmlLine(e.at)}">${htmlLine(e.time)}</time><span>${htmlLine(e.text)}</span></li>`)
    .join('\n');
  return `<section data-section="tried" aria-labelledby="tried-title">
<h2 id="tried-title">What was tried</h2>
<p class="muted">Times in UTC, oldest first.</p>
<ol class="timeline">
${items}
</ol>
</section>`;
}

function targetItem(target: TargetLine): string {
  const layers = target.layers
    .map(
      (l) =>
        `<li class="layer layer-${htmlLine(l.state)}">${sym(LAYER_STATE_SYMBOLS[l.state])}${l.layer} <span class="detail">${htmlLine(l.detail || LAYER_STATE_LABELS[l.state].toLowerCase())}</span></li>`,
    )
    .join('<li class="muted" aria-hidden="true">→</li>');
  const via = target.via ? `, through the proxy <code>${htmlLine(target.via)}</code>` : '';
  return `<li data-failed-at="${htmlLine(target.failedAt ?? '')}"><p class="target-head${target.ok ? '' : ' fails'}">${sym(target.ok ? '✓' : '✕')}<code>${htmlLine(target.host)}</code> ${htmlLine(target.outcome)}${via}</p>
<ol class="chain" aria-label="Layers of ${htmlLine(target.host)}">${layers}</ol></li>`;
}

function targets(view: ReportView): string {
  const body =
    view.targetLines.length > 0
      ? `<p class="muted">Each address of the service, tried layer by layer (DNS → TCP → TLS → HTTP), with codes and timings.</p>
<ul class="targets">
${view.targetLines.map(targetItem).join('\n')}
</ul>`
      : '<p>The addresses of the service could not be tried (the check did not finish).</p>';
  return `<section data-section="targets" aria-labelledby="targets-title">
<h2 id="targets-title">Where it fails, layer by layer</h2>
${body}
</section>`;
}

function steps(view: ReportView): string {
  const rows = view.steps
    .map((s) => `<tr data-state="${htmlLine(s.state)}"><td>${s.number}. ${htmlLine(s.title)}</td><td>${state(s.state, s.symbol, s.label)}</td><td>${htmlLine(s.headline)}</td></tr>`)
    .join('\n');
  return `<section class="page" data-section="steps" aria-labelledby="steps-title">
<h2 id="steps-title">Step by step</h2>
<table class="steps"><thead><tr><th scope="col">Step</th><th scope="col">State</th><th scope="col">What it found</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}

function checks(view: ReportView): string {
  const rows = view.checks
    .map((c) => {
      const before = c.measuredBefore ? ` <span class="muted">(${htmlLine(c.measuredBefore)}.)</span>` : '';
      return `<tr data-check="${htmlLine(c.id)}" data-state="${htmlLine(c.state)}"><td>${htmlLine(c.title)}<br><span class="muted">${htmlLine(c.step)}</span></td><td>${state(c.state, c.symbol, c.label)}</td><td>${htmlLine(c.line)}${before}</td><td class="num">${c.durationMs} ms</td></tr>`;
    })
    .join('\n');
  return `<section data-section="checks" aria-labelledby="checks-title">
<h2 id="checks-title">Checks</h2>
<table class="checks"><thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col">What it found</th><th scope="col">Time</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}

function environment(view: ReportView): string {
  const rows = view.environment
    .map((e) => `<tr><th scope="row">${htmlLine(e.label)}</th><td>${e.values.map(htmlLine).join('<br>')}</td></tr>`)
    .join('\n');
  return `<section class="page" data-section="environment" aria-labelledby="environment-title">
<h2 id="environment-title">This computer</h2>
<table class="environment"><tbody>
${rows}
</tbody></table>
</section>`;
}

function evidence(view: ReportView): string {
  const blocks = view.evidence
    .map((b) => `<details data-evidence="${htmlLine(b.id)}"><summary>${htmlLine(b.title)} <span class="muted">(${htmlLine(b.id)})</span></summary><pre>${htmlBlock(b.json)}</pre></details>`)
    .join('\n');
  return `<section class="page" data-section="evidence" aria-labelledby="evidence-title">
<h2 id="evidence-title">Evidence</h2>
<p class="muted">The measurements behind every line above, for support engineers (JSON).</p>
${blocks}
</section>`;
}

export function renderHtml(view: ReportView): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>Gateway Doctor report — ${htmlLine(view.service)}</title>
<style>${REPORT_STYLE}</style>
</head><body><main>
${[header(view), verdict(view), tried(view), targets(view), steps(view), checks(view), environment(view), evidence(view)].filter(Boolean).join('\n')}
</main></body></html>
`;
}
