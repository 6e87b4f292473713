// The plain-text summary for a chat or ticket box ("Copy summary" in the support step, `gateway-doctor report
// --format text`): at most 15 lines, each one line of plain text, saying what is wrong and how sure, where it fails
// (the layer), what to do, what was tried, and on what computer. Rendered from the report view like the other
// formats; outside text is kept to one line with no control characters (plain.ts), so a terminal shows it as is.
import { oneLine } from './plain.js';
import type { ReportView, TargetLine } from './view.js';

export const TEXT_SUMMARY_MAX_LINES = 15;
const MAX_TARGETS = 4;
const MAX_NEXT_STEPS = 3;
const MAX_TIMELINE = 8;

function where(targets: TargetLine[]): string {
  if (targets.length === 0) return 'Where it fails: the addresses of the service could not be tried.';
  const shown = targets.slice(0, MAX_TARGETS).map((t) => {
    const code = t.failedAt ? t.layers.find((l) => l.layer === t.failedAt && l.state === 'failed')?.detail : undefined;
    return `${t.host} ${t.outcome}${code && t.failedAt !== 'HTTP' ? ` (${code})` : ''}`;
  });
  const more = targets.length > MAX_TARGETS ? ` · and ${targets.length - MAX_TARGETS} more` : '';
  // When every address answers, nothing "fails" here: the line says what the service's addresses did.
  const label = targets.some((t) => t.failedAt) ? 'Where it fails' : 'The service from here';
  return `${label}: ${shown.join(' · ')}${more}`;
}

export function renderTextSummary(view: ReportView): string {
  const v = view.verdict;
  const lines: string[] = [`Gateway Doctor report — ${view.service}, ${view.checkedAt}`];
  lines.push(
    v.state === 'resolved'
      ? `Fixed: ${v.headline}${v.fixedBy?.at ? ` (at ${v.fixedBy.at} UTC)` : ''}`
      : `Diagnosis: ${v.headline} (${v.kicker.join('; ')})`,
  );
  lines.push(v.summary);
  if (v.alsoFound.length > 0) lines.push(`Also found: ${v.alsoFound.join('; ')}`);
  lines.push(where(view.targetLines));
  v.nextSteps.slice(0, MAX_NEXT_STEPS).forEach((n, i) => {
    lines.push(`${i === 0 ? `${v.nextStepsTitle}: ` : ''}${i + 1}. ${n.action} — ${n.step}`);
  });
  if (view.timeline.length > 0) {
    const recent = view.timeline.slice(-MAX_TIMELINE);
    const earlier = view.timeline.length - recent.length;
    lines.push(`Tried (UTC): ${earlier > 0 ? `${earlier} earlier… · ` : ''}${recent.map((e) => `${e.time.slice(0, -3)} ${e.short}`).join(' · ')}`);
  }
  const env = Object.fromEntries(view.environment.map((e) => [e.label, e.values]));
  const dns = env['DNS servers'] ?? [];
  lines.push(
    `Computer: ${view.computer} · connection: ${view.connection} · DNS: ${dns.slice(0, 3).join(', ')}${dns.length > 3 ? ', …' : ''} · proxy: ${(env.Proxy ?? ['?'])[0]} · VPN: ${(env.VPN ?? ['?'])[0]}`,
  );
  lines.push(`${view.generator}, ${view.checkCount} checks in ${view.duration}, ${view.redacted ? 'personal details redacted' : 'personal details NOT redacted'}.`);
  return `${lines.slice(0, TEXT_SUMMARY_MAX_LINES).map(oneLine).join('\n')}\n`;
}
