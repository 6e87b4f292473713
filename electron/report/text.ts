// The CLI's readable summary of a report: the cause, why, what to do next, and each check's result.
import type { CheckStatus, Report } from '../common/spec.js';
import { stepTitle } from './formats.js';

const MARK: Record<CheckStatus, string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip', error: 'ERR ' };


export function formatReportText(report: Report): string {
  const lines: string[] = [];
  lines.push(`Gateway Doctor ${report.generator.version} — ${report.profile.name} (${report.profile.targets.join(', ')})`);
  lines.push('');
  lines.push(`Cause: ${report.verdict.cause} (confidence ${report.verdict.confidence})`);
  lines.push(`  ${report.verdict.summary}`);
  if (report.verdict.alsoFound.length > 0) lines.push(`  Also found: ${report.verdict.alsoFound.join(', ')}`);
  lines.push('');
  lines.push('What to do next:');
  report.verdict.nextSteps.forEach((next, index) => {
    lines.push(`  ${index + 1}. ${next.action} [${stepTitle(next.step)}]`);
  });
  lines.push('');
  lines.push('Checks:');
  for (const check of report.checks) {
    lines.push(`  [${MARK[check.status]}] ${check.title}: ${check.summary} (${check.durationMs} ms)`);
  }
  lines.push('');
  lines.push(`Finished in ${report.durationMs} ms.`);
  return lines.join('\n') + '\n';
}
