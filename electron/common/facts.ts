// The facts the verdict's rules read (SPEC.md "Causes"). Checks fill in what they measured; a missing entry means
// "not measured", which no rule may read as "healthy". Evidence in the report is for people; facts are for rules
// and for the one derivation of what every screen says (explain.ts). They travel in the report (`facts`, an
// extension of SPEC.md's schema) so the wizard, the CLI and the reports derive from the same data.
import { z } from 'zod';

export const StatusPageFactsSchema = z.object({
  /** The page answered with a valid summary. */
  reachable: z.boolean(),
  /** SPEC "service-outage": an incident, a maintenance in progress or a non-operational status for the profile's
   * components, or a major/critical indicator. */
  outage: z.boolean(),
  indicator: z.string().optional(),
  incidents: z.array(z.string()),
});
export type StatusPageFacts = z.infer<typeof StatusPageFactsSchema>;

/** The layer at which a request to a target first failed; null when HTTP answered. */
export const FailedLayerSchema = z.enum(['dns', 'tcp', 'tls', 'http']).nullable();
export type FailedLayer = z.infer<typeof FailedLayerSchema>;

export const TlsProblemSchema = z.enum(['unknown-issuer', 'wrong-host', 'expired', 'other']);
export type TlsProblem = z.infer<typeof TlsProblemSchema>;

export const TargetFactsSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** Where it failed first (null: an HTTP answer came back, whatever its status). */
  failedLayer: FailedLayerSchema,
  httpStatus: z.number().int().optional(),
  /** 500, 502, 503, 504 or 520–527. */
  serverError: z.boolean(),
  /** HTTP answered with a status that means the service is reachable (2xx, 3xx, 401, 403, 429). */
  reachable: z.boolean(),
  tlsProblem: TlsProblemSchema.optional(),
});
export type TargetFacts = z.infer<typeof TargetFactsSchema>;

export const ConnectivityFactsSchema = z.object({
  /** The connectivity check got an HTTP answer (whatever it was). */
  answered: z.boolean(),
  /** Answered, but not with the expected empty 204 (redirect, 511, a page). */
  portal: z.boolean(),
  httpStatus: z.number().int().optional(),
  /** Under a portal: where its sign-in page is (the redirect's target, else the check's own address). http(s) only. */
  portalUrl: z.string().max(2_048).optional(),
});
export type ConnectivityFacts = z.infer<typeof ConnectivityFactsSchema>;

export const DnsFactsSchema = z.object({
  /** The system resolver failed for at least one target (NXDOMAIN, SERVFAIL, timeout, no answer). */
  systemFailed: z.boolean(),
  /** The system resolver answered with addresses that differ from the reference and do not work. */
  systemBadAnswers: z.boolean(),
  /** At least one reference resolver answered at all. */
  referenceAnswered: z.boolean(),
  /** The reference resolvers gave answers that work (connect) for the failing targets. */
  referenceWorks: z.boolean(),
  /** The system's answers agree with the reference resolvers' (same addresses, or overlapping). */
  agreesWithReference: z.boolean(),
});
export type DnsFacts = z.infer<typeof DnsFactsSchema>;

export const ProxyFactsSchema = z.object({
  inEffect: z.boolean(),
  /** Where the setting comes from: env, gsettings, scutil, registry, pac, electron. */
  source: z.string().optional(),
  /** The targets fail through the proxy (unreachable, refused, 407, 5xx from the proxy itself). */
  failsThroughProxy: z.boolean(),
  /** The same targets work without the proxy. */
  worksDirect: z.boolean(),
});
export type ProxyFacts = z.infer<typeof ProxyFactsSchema>;

export const VpnFactsSchema = z.object({
  tunnelInterfaces: z.array(z.string()),
  /** A tunnel carries the default route or the route to the targets (an interface alone is not proof). */
  carriesTraffic: z.boolean(),
});
export type VpnFacts = z.infer<typeof VpnFactsSchema>;

export const RetryFactsSchema = z.object({
  attempts: z.number().int().nonnegative(),
  serverErrors: z.number().int().nonnegative(),
  persistent: z.boolean(),
});
export type RetryFacts = z.infer<typeof RetryFactsSchema>;

export const FactsSchema = z.object({
  statusPage: StatusPageFactsSchema,
  /** Each target probed as the browser would reach it (through the proxy in effect, if any). */
  targets: z.array(TargetFactsSchema),
  /** Retries of the first target: whether a server error persisted or came and went. */
  retry: RetryFactsSchema,
  connectivity: ConnectivityFactsSchema,
  dns: DnsFactsSchema,
  proxy: ProxyFactsSchema,
  vpn: VpnFactsSchema,
});
export type Facts = z.infer<typeof FactsSchema>;

/** What a report carries: only the facts that were measured. Extra keys from a newer engine are kept out. */
export const PartialFactsSchema = FactsSchema.partial();
export type PartialFacts = z.infer<typeof PartialFactsSchema>;
