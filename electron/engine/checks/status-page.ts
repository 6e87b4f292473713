// The `status-page` check: reads the service's Statuspage-compatible summary.json (Atlassian Statuspage,
// incident.io) and says whether the service itself reports trouble for the parts the profile cares about.
import { z } from 'zod';
import type { Profile } from '../../common/spec.js';
import { remainingMs, type CheckContext, type CheckDefinition, type CheckOutcome } from '../check.js';
import { httpGet, HttpGetError } from '../net/http-get.js';

const STATUS_PAGE_TIMEOUT_MS = 8_000;

const ComponentRef = z.object({ id: z.string().optional(), name: z.string().optional() }).loose();

export const StatuspageSummarySchema = z
  .object({
    page: z.object({ name: z.string().optional(), url: z.string().optional() }).loose().optional(),
    status: z
      .object({ indicator: z.enum(['none', 'minor', 'major', 'critical']), description: z.string().optional() })
      .loose(),
    components: z
      .array(
        z
          .object({
            id: z.string().optional(),
            name: z.string(),
            status: z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']),
          })
          .loose(),
      )
      .default([]),
    incidents: z
      .array(
        z
          .object({
            name: z.string(),
            status: z.string(),
            impact: z.string().optional(),
            components: z.array(ComponentRef).nullish(),
            shortlink: z.string().optional(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();
export type StatuspageSummary = z.infer<typeof StatuspageSummarySchema>;

/** How a component's Statuspage status reads in a sentence ("Login has degraded performance"). */
const COMPONENT_STATUS_PHRASE: Record<StatuspageSummary['components'][number]['status'], string> = {
  operational: 'is operational',
  degraded_performance: 'has degraded performance',
  partial_outage: 'has a partial outage',
  major_outage: 'has a major outage',
  under_maintenance: 'is under maintenance',
};

const RESOLVED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);

const normalize = (value: string): string => value.trim().toLowerCase();

/** Pure: what a summary means for the profile's components. Exported for unit tests. */
export function assessSummary(summary: StatuspageSummary, wantedComponents: string[]) {
  const wanted = wantedComponents.map(normalize);
  const isWanted = (ref: { id?: string | undefined; name?: string | undefined }): boolean =>
    wanted.length === 0 ||
    (ref.id !== undefined && wanted.includes(normalize(ref.id))) ||
    (ref.name !== undefined && wanted.includes(normalize(ref.name)));

  const components = summary.components
    .filter((c) => isWanted(c))
    .map((c) => ({ id: c.id, name: c.name, status: c.status }));
  const missingComponents = wantedComponents.filter(
    (w) => !summary.components.some((c) => normalize(c.name) === normalize(w) || (c.id && normalize(c.id) === normalize(w))),
  );
  const troubled = components.filter((c) => c.status !== 'operational');

  const active = summary.incidents.filter((i) => !RESOLVED_INCIDENT.has(normalize(i.status)));
  const incidents = active.map((incident) => {
    const refs = incident.components ?? [];
    // Incidents often list no components even when some are affected: then the title decides.
    const relevant =
      refs.length > 0
        ? refs.some(isWanted)
        : wanted.length === 0 || wanted.some((w) => normalize(incident.name).includes(w));
    return { name: incident.name, status: incident.status, impact: incident.impact ?? 'unknown', relevant };
  });
  const relevantIncidents = incidents.filter((i) => i.relevant);
  const indicator = summary.status.indicator;
  const outage = relevantIncidents.length > 0 || troubled.length > 0 || indicator === 'major' || indicator === 'critical';
  const minor = !outage && (indicator === 'minor' || incidents.length > 0);
  return { indicator, description: summary.status.description, components, missingComponents, troubled, incidents, relevantIncidents, outage, minor };
}

function describeFailure(error: unknown): { code: string; text: string } {
  if (error instanceof HttpGetError) {
    if (error.dnsFailure) return { code: error.code, text: `could not be found by DNS (${error.code})` };
    if (error.code === 'ETIMEDOUT') return { code: error.code, text: 'did not answer in time' };
    if (error.code === 'ECANCELLED') return { code: error.code, text: 'did not answer before the diagnosis deadline' };
    if (error.code === 'ECONNREFUSED') return { code: error.code, text: 'refused the connection' };
    if (error.code === 'ENOTFOUND' || error.code === 'ENODATA') return { code: error.code, text: 'could not be found by DNS' };
    return { code: error.code, text: `could not be reached (${error.code})` };
  }
  return { code: 'EUNKNOWN', text: `could not be reached (${(error as Error).message})` };
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
    ...(assessment.missingComponents.length > 0 ? { componentsNotOnPage: assessment.missingComponents } : {}),
  });
  const facts = {
    statusPage: {
      reachable: true,
      outage: assessment.outage,
      indicator: assessment.indicator,
      incidents: assessment.relevantIncidents.map((i) => i.name),
    },
  };
  const service = profile.name;
  if (assessment.outage) {
    const parts: string[] = [];
    if (assessment.relevantIncidents.length > 0) parts.push(`an active incident: “${assessment.relevantIncidents[0]!.name}”`);
    if (assessment.troubled.length > 0)
      parts.push(assessment.troubled.map((c) => `${c.name} ${COMPONENT_STATUS_PHRASE[c.status]}`).join(', '));
    if (parts.length === 0) parts.push(`a ${assessment.indicator} disruption`);
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
      summary: `${service}'s status page reports a minor issue${assessment.incidents[0] ? ` (“${assessment.incidents[0].name}”)` : ''}, not in the parts this profile checks.`,
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
