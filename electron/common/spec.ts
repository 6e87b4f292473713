// The contracts of SPEC.md as code: steps, causes, profile and report. Runs anywhere (no Node, no DOM),
// so main, preload, renderer, CLI, bridge and tests all read the same definitions.
import { z } from 'zod';
import { PartialFactsSchema } from './facts.js';

export const STEPS = [
  { id: 'status-page', title: "Check the service's status page" },
  { id: 'wait-retry', title: 'Wait for server issues to resolve (retry later)' },
  { id: 'refresh', title: 'Refresh the page' },
  { id: 'clear-cache', title: 'Clear browser cache and cookies' },
  { id: 'extensions', title: 'Disable browser extensions' },
  { id: 'private-window', title: 'Use an incognito / private window' },
  { id: 'other-browser', title: 'Try a different browser' },
  { id: 'connection', title: 'Check the internet connection' },
  { id: 'dns', title: 'Change DNS settings' },
  { id: 'vpn-proxy', title: 'Disable VPN or proxy' },
  { id: 'sign-in', title: 'Sign out, wait 15–20 minutes, sign in' },
  { id: 'support', title: 'Contact support with a diagnostic report' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
const stepIds = STEPS.map((s) => s.id) as [StepId, ...StepId[]];
export const StepIdSchema = z.enum(stepIds);

/** Causes in the order of SPEC.md's table: the first whose condition holds is the primary cause. */
export const CAUSES = [
  'captive-portal',
  'vpn',
  'offline',
  'proxy',
  'tls-interception',
  'dns',
  'service-outage',
  'server-error',
  'browser',
  'unknown',
] as const;
export type Cause = (typeof CAUSES)[number];
export const CauseSchema = z.enum(CAUSES);

export const CheckStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip', 'error']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

// ---------- Profile ----------

/** Profile limits: far beyond any real service, small enough that a hostile profile cannot flood a screen. */
export const PROFILE_LIMITS = { name: 100, id: 64, url: 2048, component: 200, components: 50 } as const;

const httpUrl = z.string().max(PROFILE_LIMITS.url, { message: `is longer than ${PROFILE_LIMITS.url} characters` }).refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be an http: or https: URL' },
);

/** An IPv4 or IPv6 address, optionally with a port: 8.8.8.8, 127.0.0.2:5300, ::1, [::1]:5300. */
export function parseResolverAddress(value: string): { host: string; port: number } | null {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) {
    const port = bracketed[2] === undefined ? 53 : Number(bracketed[2]);
    return isIPv6(bracketed[1]!) && validPort(port) ? { host: bracketed[1]!, port } : null;
  }
  if (isIPv6(value)) return { host: value, port: 53 };
  const v4 = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(value);
  if (v4 && isIPv4(v4[1]!)) {
    const port = v4[2] === undefined ? 53 : Number(v4[2]);
    return validPort(port) ? { host: v4[1]!, port } : null;
  }
  return null;
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)
  );
}

export function isIPv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value) || !value.includes(':')) return false;
  const doubleColons = value.split('::').length - 1;
  if (doubleColons > 1) return false;
  let groups = value.split(':');
  const last = groups[groups.length - 1]!;
  let width = 8;
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = groups.slice(0, -1);
    width = 6;
  }
  if (doubleColons === 1) {
    const nonEmpty = groups.filter((g) => g !== '');
    return nonEmpty.length < width && nonEmpty.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g));
  }
  return groups.length === width && groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g));
}

const resolverAddress = z
  .string()
  .refine((v) => parseResolverAddress(v) !== null, { message: 'must be an IPv4 or IPv6 address, optionally with a port' });

export const ProfileSchema = z
  .object({
    name: z.string().min(1).max(PROFILE_LIMITS.name, { message: `is longer than ${PROFILE_LIMITS.name} characters` }),
    targets: z
      .array(z.object({ id: z.string().min(1).max(PROFILE_LIMITS.id, { message: `is longer than ${PROFILE_LIMITS.id} characters` }), url: httpUrl }).strict())
      .min(1, { message: 'needs at least one target' })
      .max(20, { message: 'has more than 20 targets' })
      .refine((targets) => new Set(targets.map((t) => t.id)).size === targets.length, {
        message: 'target ids must be unique',
      }),
    statusPage: z
      .object({
        url: httpUrl,
        components: z
          .array(z.string().min(1).max(PROFILE_LIMITS.component, { message: `is longer than ${PROFILE_LIMITS.component} characters` }))
          .max(PROFILE_LIMITS.components, { message: `has more than ${PROFILE_LIMITS.components} components` })
          .default([]),
      })
      .strict()
      .optional(),
    referenceResolvers: z.array(resolverAddress).min(1).default(['8.8.8.8', '1.1.1.1']),
    connectivityCheck: httpUrl.default('http://connectivitycheck.gstatic.com/generate_204'),
    supportUrl: httpUrl.optional(),
  })
  .strict();

export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;

// ---------- Report ----------

export const CheckResultSchema = z.object({
  id: z.string().min(1),
  step: StepIdSchema,
  title: z.string().min(1),
  status: CheckStatusSchema,
  summary: z.string().min(1),
  durationMs: z.number().nonnegative(),
  evidence: z.record(z.string(), z.unknown()),
  /** When this check ran, when it differs from the report's start (a step re-checked on its own). Extension. */
  measuredAt: z.iso.datetime().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const NextStepSchema = z.object({ step: StepIdSchema, action: z.string().min(1) });
export type NextStep = z.infer<typeof NextStepSchema>;

export const VerdictSchema = z.object({
  cause: CauseSchema,
  confidence: z.enum(['high', 'medium', 'low']),
  summary: z.string().min(1),
  nextSteps: z.array(NextStepSchema),
  alsoFound: z.array(CauseSchema),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const EnvironmentSchema = z.object({
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string() }),
  adapters: z.array(z.record(z.string(), z.unknown())),
  dnsServers: z.array(z.string()),
  proxy: z.record(z.string(), z.unknown()).nullable(),
  vpn: z.record(z.string(), z.unknown()).nullable(),
  redacted: z.boolean(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

/** SPEC.md's optional `session`: what the person tried and changed during this session, for support. */
export const SessionStepSchema = z.object({ step: StepIdSchema, result: z.enum(['fixed', 'not-fixed']), at: z.iso.datetime() });
export const SESSION_CHANGE_KINDS = ['dns-switch', 'dns-revert', 'dns-auto-revert'] as const;
export const SessionChangeSchema = z.object({ kind: z.enum(SESSION_CHANGE_KINDS), at: z.iso.datetime(), summary: z.string().max(2_000) });
export const SessionRunSchema = z.object({ startedAt: z.iso.datetime(), cause: CauseSchema });
export const SessionSchema = z.object({
  steps: z.array(SessionStepSchema).max(500),
  changes: z.array(SessionChangeSchema).max(500),
  runs: z.array(SessionRunSchema).max(500),
});
export type SessionStep = z.infer<typeof SessionStepSchema>;
export type SessionChange = z.infer<typeof SessionChangeSchema>;
export type SessionRun = z.infer<typeof SessionRunSchema>;
export type Session = z.infer<typeof SessionSchema>;
export const EMPTY_SESSION: Session = { steps: [], changes: [], runs: [] };

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  generator: z.object({ name: z.literal('gateway-doctor'), version: z.string() }),
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  profile: z.object({ name: z.string(), targets: z.array(z.string()) }),
  environment: EnvironmentSchema,
  checks: z.array(CheckResultSchema),
  verdict: VerdictSchema,
  /** Extension: the measured facts the verdict was derived from (explain.ts derives every sentence from them). */
  facts: PartialFactsSchema.optional(),
  /** SPEC.md's optional session: what was tried and changed, and the runs with their verdicts. */
  session: SessionSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

/** Whether a report is of this profile (its name and its targets, as reports record them): a report of another
 * service is never shown, restored or exported as this one's. */
export function isReportOf(report: Pick<Report, 'profile'>, profile: Pick<Profile, 'name' | 'targets'>): boolean {
  return (
    report.profile.name === profile.name &&
    report.profile.targets.length === profile.targets.length &&
    report.profile.targets.every((url, index) => url === profile.targets[index]!.url)
  );
}

/** Progress of a running sweep, streamed to the CLI's stderr and to the wizard. */
export const ProgressEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check-started'), id: z.string(), step: StepIdSchema, title: z.string() }),
  z.object({ type: z.literal('check-finished'), result: CheckResultSchema }),
]);
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;
