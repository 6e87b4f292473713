// The `status-page` check: reads the service's Statuspage-compatible summary.json (Atlassian Statuspage,
// incident.io) and says whether the service itself reports trouble for the parts the profile cares about.
import type { Profile } from '../../common/spec.js';
import { remainingMs, type CheckContext, type CheckDefinition, type CheckOutcome } from '../check.js';
import { httpGet, HttpGetError } from '../net/http-get.js';
import { assessSummary, componentStatusPhrase, StatuspageSummarySchema, type StatuspageSummary } from './status-summary.js';

export { assessSummary, StatuspageSummarySchema, type StatuspageSummary } from './status-summary.js';

/** A silent status page costs this much, not the whole deadline. */
const STATUS_PAGE_TIMEOUT_MS = 4_000;

function describeFailure(error: unknown): { code: string; text: string } {
  if (error instanceof HttpGetError) {
    if (error.dnsFailure) return { code: error.code, text: 'could not be found by DNS' };
    if (error.code === 'ETIMEDOUT') return { code: error.code, text: 'did not answer in time' };
    if (error.code === 'ECANCELLED') return { code: error.code, text: 'did not answer before the diagnosis deadline' };
    if (error.code === 'ECONNREFUSED') return { code: error.code, text: 'refused the connection' };
    if (error.code === 'ENOTFOUND' || error.code === 'ENODATA') return { code: error.code, text: 'could not be found by DNS' };
    return { code: error.code, text: 'could not be reached' };
  }
  return { code: 'EUNKNOWN', text: 'could not be reached' };
}

async function runStatusPage(profile: Profile, context: CheckContext, timeoutMs: number): Promise<CheckOutcome> {
  const page = profile.statusPage;
  if (!page) {
    return { status: 'skip', summary: 'This profile names no status page to check.', evidence: {} };
  }
  const evidence: Record<string, unknown> = { url: page.url };
  let response;
  try {
    response = await httpGet(page.url, {
      timeoutMs,
      signal: context.signal,
      headers: { accept: 'application/json' },
      ...(context.extraCa ? { ca: context.extraCa } : {}),
    });
  } catch (error) {
    const failure = describeFailure(error);
    return {
      status: 'error',
      summary: `The status page ${failure.text}, so the service's own status is unknown.`,
      evidence: { ...evidence, error: failure.code, durationMs: (error as HttpGetError).durationMs },
      facts: { statusPage: { reachable: false, outage: false, incidents: [] } },
    };
  }
  evidence.httpStatus = response.status;
  evidence.durationMs = response.durationMs;
  if (response.status < 200 || response.status > 299) {
    return {
      status: 'error',
      summary: `The status page answered with HTTP ${response.status} instead of its summary, so the service's own status is unknown.`,
      evidence,
      facts: { statusPage: { reachable: false, outage: false, incidents: [] } },
    };
  }
  let summary: StatuspageSummary;
  try {
    summary = StatuspageSummarySchema.parse(JSON.parse(response.body));
  } catch {
    return {
      status: 'error',
      summary: 'The status page answered, but not with a status summary this app can read.',
      evidence: { ...evidence, bodyStart: response.body.slice(0, 200) },
      facts: { statusPage: { reachable: false, outage: false, incidents: [] } },
    };
  }

  const assessment = assessSummary(summary, page.components);
  Object.assign(evidence, {
    indicator: assessment.indicator,
    description: assessment.description,
    components: assessment.components,
    incidents: assessment.incidents,
    ...(assessment.maintenances.length > 0 ? { maintenances: assessment.maintenances } : {}),
    ...(assessment.missingComponents.length > 0 ? { componentsNotOnPage: assessment.missingComponents } : {}),
  });
  const facts = {
    statusPage: {
      reachable: true,
      outage: assessment.outage,
      indicator: assessment.indicator,
      incidents: assessment.relevantIncidents.map((i) => i.name),
      ...(assessment.maintenance ? { maintenance: true, maintenances: assessment.relevantMaintenances.map((m) => m.name) } : {}),
    },
  };
  const service = profile.name;
  if (assessment.outage) {
    const parts: string[] = [];
    if (assessment.relevantIncidents.length > 0) parts.push(`an active incident: “${assessment.relevantIncidents[0]!.name}”`);
    if (assessment.relevantMaintenances.length > 0) parts.push(`a maintenance in progress: “${assessment.relevantMaintenances[0]!.name}”`);
    if (assessment.troubled.length > 0)
      parts.push(assessment.troubled.map((c) => `${c.name} ${componentStatusPhrase(c.status)}`).join(', '));
    if (parts.length === 0) parts.push(assessment.maintenance ? 'a maintenance in progress' : `a ${assessment.indicator} disruption`);
    return {
      status: 'fail',
      summary: `${service}'s status page reports ${parts.join('; ')}. The problem is most likely on ${service}'s side: wait and retry later.`,
      evidence,
      facts,
    };
  }
  if (assessment.minor) {
    return {
      status: 'warn',
      summary: `${service}'s status page reports a minor issue${(assessment.incidents[0] ?? assessment.maintenances[0]) ? ` (“${(assessment.incidents[0] ?? assessment.maintenances[0])!.name}”)` : ''}, not in the parts this profile checks.`,
      evidence,
      facts,
    };
  }
  return {
    status: 'pass',
    summary: `${service}'s status page reports all systems operational.`,
    evidence,
    facts,
  };
}

export const statusPageCheck: CheckDefinition = {
  id: 'status-page',
  step: 'status-page',
  title: "Service's status page",
  run: (context) => runStatusPage(context.profile, context, Math.max(1, remainingMs(context, STATUS_PAGE_TIMEOUT_MS))),
};
