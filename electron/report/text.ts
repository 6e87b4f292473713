// The CLI's readable summary of a report: the verdict as shown, what to do next, and what each step found — all
// rendered from the shared explanation, so the terminal says what the wizard and the exported reports say.
import { explainReport } from '../common/explain/explain.js';
import { STEP_STATE_LABELS, STEP_STATE_SYMBOLS, stepNumber, stepTitle } from '../common/explain/words.js';
import { STEPS, type Report } from '../common/spec.js';

export function formatReportText(report: Report): string {
  const explained = explainReport(report);
  const v = explained.verdict;
  const lines: string[] = [];
  lines.push(`Gateway Doctor ${report.generator.version} — ${report.profile.name} (${report.profile.targets.join(', ')})`);
  lines.push('');
  lines.push(`${v.state === 'resolved' ? 'Fixed' : 'Diagnosis'}: ${v.headline} [${v.cause}, ${v.confidence.toLowerCase()}]`);
  lines.push(`  ${v.summary}`);
  if (v.alsoFound.length > 0) lines.push(`  Also found: ${v.alsoFound.map((a) => a.name).join(', ')}`);
  lines.push('');
  lines.push(v.state === 'resolved' ? 'If it comes back:' : 'What to do next:');
  v.nextSteps.forEach((next, index) => {
    lines.push(`  ${index + 1}. ${next.action} [step ${stepNumber(next.step)}: ${stepTitle(next.step)}]`);
  });
  lines.push('');
  lines.push('Step by step:');
  for (const step of STEPS) {
    const found = explained.steps[step.id];
    lines.push(`  ${STEP_STATE_SYMBOLS[found.state]} ${String(stepNumber(step.id)).padStart(2)}. ${step.title} — ${STEP_STATE_LABELS[found.state]}: ${found.headline}`);
  }
  lines.push('');
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(`${report.checks.length} checks in ${seconds} s. For every measurement: gateway-doctor diagnose --json, or gateway-doctor report.`);
  return lines.join('\n') + '\n';
}
