// Reading a Statuspage-compatible summary.json (Atlassian Statuspage, incident.io) tolerantly, as SPEC.md asks of
// third-party data: a value this app does not know, a missing optional key or an extra key never makes the page
// unreadable; an unknown component status counts as "not operational". Pure, so it is tested on real page formats.
import { z } from 'zod';

/** Any JSON value where a string is expected reads as absent, never as a failure. */
const text = z.preprocess((value) => (typeof value === 'string' ? value : undefined), z.string().optional());
/** A list whose malformed entries are dropped, not fatal. */
const tolerantList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value.filter((entry) => item.safeParse(entry).success) : []),
    z.array(item),
  );

const ComponentRef = z.preprocess(
  // Statuspage lists full component objects; some pages list bare ids.
  (value) => (typeof value === 'string' ? { id: value } : value),
  z.object({ id: text, name: text }).loose(),
);

const Component = z
  .object({
    id: text,
    name: z.string(),
    status: text,
    /** A group's status sums up its members (listed separately, with `group_id`). */
    group: z.preprocess((value) => value === true, z.boolean()),
    group_id: text,
    /** A group's member ids. */
    components: z.preprocess((value) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : undefined), z.array(z.string()).optional()),
  })
  .loose();

const Incident = z
  .object({
    name: z.string(),
    status: text,
    impact: text,
    components: tolerantList(ComponentRef),
    shortlink: text,
  })
  .loose();

export const StatuspageSummarySchema = z
  .object({
    page: z.preprocess((v) => (v && typeof v === 'object' ? v : undefined), z.object({ name: text, url: text }).loose().optional()),
    status: z.preprocess((v) => (v && typeof v === 'object' ? v : undefined), z.object({ indicator: text, description: text }).loose().optional()),
    components: tolerantList(Component),
    incidents: tolerantList(Incident),
    scheduled_maintenances: tolerantList(Incident),
  })
  .loose()
  // Some JSON, but nothing a status page says: that is not a summary.
  .refine((s) => s.status !== undefined || s.components.length > 0 || s.incidents.length > 0 || s.scheduled_maintenances.length > 0, {
    message: 'not a status summary',
  });
export type StatuspageSummary = z.infer<typeof StatuspageSummarySchema>;

/** How a component's status reads in a sentence ("Login has degraded performance"); unknown values as they are. */
const COMPONENT_STATUS_PHRASE: Record<string, string> = {
  operational: 'is operational',
  degraded_performance: 'has degraded performance',
  partial_outage: 'has a partial outage',
  major_outage: 'has a major outage',
  under_maintenance: 'is under maintenance',
};

export function componentStatusPhrase(status: string): string {
  return COMPONENT_STATUS_PHRASE[status] ?? `reports “${status.replace(/_/g, ' ')}”`;
}

/** Incident statuses that mean it is over (Statuspage; incident.io uses the same words). */
const RESOLVED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);
/** Scheduled maintenances that are running now (Statuspage: scheduled → in_progress → verifying → completed). */
const MAINTENANCE_RUNNING = new Set(['in_progress', 'verifying']);
const KNOWN_INDICATORS = new Set(['none', 'minor', 'major', 'critical', 'maintenance']);

const normalize = (value: string): string => value.trim().toLowerCase();

export interface AssessedComponent {
  id?: string | undefined;
  name: string;
  status: string;
}

export interface AssessedEvent {
  name: string;
  status: string;
  impact: string;
  relevant: boolean;
}

export interface SummaryAssessment {
  /** The page's overall indicator as it said it ('none' when it said nothing; unknown words kept). */
  indicator: string;
  description?: string | undefined;
  /** The profile's components (a wanted group stands for its members), each listed once. */
  components: AssessedComponent[];
  missingComponents: string[];
  /** Those of `components` that are not operational (unknown statuses included). */
  troubled: AssessedComponent[];
  incidents: AssessedEvent[];
  relevantIncidents: AssessedEvent[];
  /** Scheduled maintenances running now. */
  maintenances: AssessedEvent[];
  relevantMaintenances: AssessedEvent[];
  /** A maintenance is in progress for the profile's components. */
  maintenance: boolean;
  /** SPEC "service-outage". */
  outage: boolean;
  /** Something is reported, but not for the profile's components. */
  minor: boolean;
}

/** Pure: what a summary means for the profile's components (all of them when the profile names none). */
export function assessSummary(summary: StatuspageSummary, wantedComponents: string[]): SummaryAssessment {
  const wanted = wantedComponents.map(normalize);
  const named = (ref: { id?: string | undefined; name?: string | undefined }): boolean =>
    (ref.id !== undefined && wanted.includes(normalize(ref.id))) || (ref.name !== undefined && wanted.includes(normalize(ref.name)));

  // A wanted group stands for its members: they are what is listed, so nothing is listed twice.
  const groups = summary.components.filter((c) => c.group);
  const wantedGroups = groups.filter((g) => named(g));
  const inWantedGroup = (c: StatuspageSummary['components'][number]): boolean =>
    wantedGroups.some((g) => (c.group_id !== undefined && c.group_id === g.id) || (c.id !== undefined && (g.components ?? []).includes(c.id)));
  const members = summary.components.filter((c) => !c.group);
  const selected =
    wanted.length === 0
      ? members
      : [
          ...members.filter((c) => named(c) || inWantedGroup(c)),
          // A wanted group without listed members is all there is to read.
          ...wantedGroups.filter((g) => !members.some((c) => c.group_id === g.id || (c.id !== undefined && (g.components ?? []).includes(c.id)))),
        ];
  const seen = new Set<string>();
  const components: AssessedComponent[] = [];
  for (const c of selected) {
    const key = c.id ?? `name:${normalize(c.name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    components.push({ id: c.id, name: c.name, status: c.status ?? 'unknown' });
  }
  const missingComponents = wantedComponents.filter(
    (w) => !summary.components.some((c) => normalize(c.name) === normalize(w) || (c.id !== undefined && normalize(c.id) === normalize(w))),
  );
  const troubled = components.filter((c) => c.status !== 'operational');
  const wantedIds = new Set(components.map((c) => c.id).filter((id): id is string => id !== undefined));
  const wantedNames = new Set(components.map((c) => normalize(c.name)));

  const relevance = (event: StatuspageSummary['incidents'][number]): boolean => {
    const refs = event.components;
    if (wanted.length === 0) return true;
    // Incidents and maintenances often list no components even when some are affected: then the title decides.
    if (refs.length === 0) return wanted.some((w) => normalize(event.name).includes(w));
    return refs.some((r) => named(r) || (r.id !== undefined && wantedIds.has(r.id)) || (r.name !== undefined && wantedNames.has(normalize(r.name))));
  };
  const toEvent = (event: StatuspageSummary['incidents'][number], fallbackStatus: string): AssessedEvent => ({
    name: event.name,
    status: event.status ?? fallbackStatus,
    impact: event.impact ?? 'unknown',
    relevant: relevance(event),
  });

  const incidents = summary.incidents.filter((i) => !RESOLVED_INCIDENT.has(normalize(i.status ?? ''))).map((i) => toEvent(i, 'unknown'));
  const relevantIncidents = incidents.filter((i) => i.relevant);
  const maintenances = summary.scheduled_maintenances
    .filter((m) => MAINTENANCE_RUNNING.has(normalize(m.status ?? '')))
    .map((m) => toEvent(m, 'in_progress'));
  const relevantMaintenances = maintenances.filter((m) => m.relevant);

  const said = summary.status?.indicator;
  const indicator = said === undefined || said === '' ? 'none' : normalize(said);
  // The page-wide maintenance indicator counts for the profile only when the page does not say where it runs.
  const unplaced = indicator === 'maintenance' && maintenances.length === 0 && !summary.components.some((c) => c.status === 'under_maintenance');
  const maintenance = relevantMaintenances.length > 0 || components.some((c) => c.status === 'under_maintenance') || unplaced;
  const outage = relevantIncidents.length > 0 || troubled.length > 0 || maintenance || indicator === 'major' || indicator === 'critical';
  // An indicator this app does not know is "not operational": worth a warning, not a verdict.
  const minor =
    !outage && (indicator === 'minor' || indicator === 'maintenance' || !KNOWN_INDICATORS.has(indicator) || incidents.length > 0 || maintenances.length > 0);
  return {
    indicator,
    description: summary.status?.description,
    components,
    missingComponents,
    troubled,
    incidents,
    relevantIncidents,
    maintenances,
    relevantMaintenances,
    maintenance,
    outage,
    minor,
  };
}
