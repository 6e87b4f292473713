// Test support for the report formats (imported by tests only, never by production code): the report worlds
// (real engine reports, fixtures/README.md), a hostile report, and what every text summary must say.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainReport } from '../common/explain/explain.js';
import { siteName } from '../common/site.js';
import { CAUSE_NAMES } from '../common/explain/words.js';
import { ReportSchema, type Report } from '../common/spec.js';
import { decideVerdict } from '../common/verdict.js';
import { renderReport } from './formats.js';
import { TEXT_SUMMARY_MAX_LINES } from './text-summary.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const REPORT_WORLDS = ['outage', 'dns-fixed', 'proxy', 'dns-failing'] as const;
export type ReportWorld = (typeof REPORT_WORLDS)[number];

/** A profile as decideVerdict needs it, from what the report says of it. */
function profileOf(report: Report) {
  return {
    name: report.profile.name,
    targets: (report.facts?.targets ?? []).map((t) => ({ id: t.id, url: t.url })),
    referenceResolvers: ['127.0.0.3'],
    connectivityCheck: 'http://connectivity.lab/generate_204',
  };
}

/** The verdict the shared rules derive from the report's facts. */
export const derivedVerdict = (report: Report) => decideVerdict(report.facts ?? {}, profileOf(report));

export function loadWorld(world: ReportWorld): Report {
  return ReportSchema.parse(JSON.parse(readFileSync(path.join(FIXTURES, `${world}.json`), 'utf8')));
}

export const HOSTILE_INCIDENT = [
  'Elevated errors',
  '# Injected heading',
  '[Click to fix](javascript:alert(document.domain)) ![status](https://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)> <script>alert(2)</script> <iframe src="https://evil.example/"></iframe>',
  '```',
  '## Fake section',
  '| a | b |',
  '</details> <a href="https://evil.example/">support</a> www.evil.example admin@evil.example',
].join('\n');
export const HOSTILE_TARGET = 'https://chat.lab/<img src=x onerror=alert(3)>`</code>[x](javascript:alert(4))';
export const HOSTILE_PROFILE_NAME = 'Lab Chat <img src=x onerror=alert(5)> ## [x](https://evil.example/)';

/**
 * The outage world with outside text an attacker controls: the status page's incident name (in the check's
 * summary and evidence, and in the verdict the rules derive from the facts), the profile's name and a target URL.
 */
export function hostileReport(): Report {
  const report = loadWorld('outage');
  report.profile = { name: HOSTILE_PROFILE_NAME, targets: [...report.profile.targets, HOSTILE_TARGET] };
  report.facts!.statusPage = { ...report.facts!.statusPage!, incidents: [HOSTILE_INCIDENT] };
  const status = report.checks.find((c) => c.id === 'status-page')!;
  status.summary = `${report.profile.name}'s status page reports an active incident: “${HOSTILE_INCIDENT}”; Conversations has a major outage.`;
  status.evidence = { ...status.evidence, incidents: [{ name: HOSTILE_INCIDENT, status: 'identified', impact: 'major', relevant: true }] };
  report.verdict = derivedVerdict(report);
  return report;
}

const LAYER_NAMES = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', http: 'HTTP' } as const;

/** Everything the plain-text summary of `report` fails to do; empty when it does its job. */
export function textSummaryProblems(report: Report, text = renderReport(report, 'text')): string[] {
  const problems: string[] = [];
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length > TEXT_SUMMARY_MAX_LINES) problems.push(`${lines.length} lines, more than ${TEXT_SUMMARY_MAX_LINES}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)) problems.push('a control character');
  const verdict = explainReport(report).verdict;
  if (!text.includes(verdict.headline)) problems.push(`the verdict "${verdict.headline}" is missing`);
  if (verdict.state === 'diagnosed' && !text.includes(`cause: ${CAUSE_NAMES[verdict.cause]}`)) problems.push(`the cause "${CAUSE_NAMES[verdict.cause]}" is not named`);
  // "Where it fails", or (every address answers) what the service's addresses did.
  const whereLine = lines.find((l) => l.startsWith('Where it fails: ') || l.startsWith('The service from here: '));
  if (!whereLine) problems.push('no line saying where it fails');
  for (const target of (report.facts?.targets ?? []).slice(0, 4)) {
    const host = siteName(target.url);
    const expected = target.failedLayer ? `${host} fails at ${LAYER_NAMES[target.failedLayer]}` : target.reachable ? `${host} answers` : `${host} fails at HTTP`;
    if (!whereLine?.includes(expected)) problems.push(`the failing layer of ${host} ("${expected}") is missing`);
  }
  return problems;
}
