// "Test this step again" and the re-check after a DNS change: some checks run again and their results replace
// the earlier ones in the latest report. The verdict is decided again from the merged facts, so it follows what
// changed; results that were not measured again keep the time they were measured.
import type { Environment, Profile, Report } from '../common/spec.js';
import { decideVerdict } from '../common/verdict.js';

/** Which check fills each part of the report's environment (so a re-check replaces only what it measured). */
const ENVIRONMENT_SOURCES: Record<'adapters' | 'dnsServers' | 'proxy' | 'vpn', string> = {
  adapters: 'connection',
  dnsServers: 'dns',
  proxy: 'vpn-proxy',
  vpn: 'vpn-proxy',
};

/** The latest report with the re-checked results in place of the earlier ones. */
export function mergeRecheck(previous: Report, recheck: Report, profile: Profile): Report {
  const fresh = new Map(recheck.checks.map((check) => [check.id, { ...check, measuredAt: recheck.startedAt }]));
  const checks = previous.checks.map((check) => fresh.get(check.id) ?? check);
  for (const [id, check] of fresh) if (!previous.checks.some((c) => c.id === id)) checks.push(check);
  const facts = { ...previous.facts, ...recheck.facts };
  const environment: Environment = { ...previous.environment };
  for (const [key, source] of Object.entries(ENVIRONMENT_SOURCES) as [keyof typeof ENVIRONMENT_SOURCES, string][]) {
    if (fresh.has(source)) (environment as Record<string, unknown>)[key] = recheck.environment[key];
  }
  return {
    ...previous,
    environment,
    checks,
    facts,
    verdict: decideVerdict(facts, profile),
  };
}
