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
  /** A maintenance is in progress for the profile's components (a component under maintenance, an in-progress
   * scheduled maintenance naming them, or the page-wide `maintenance` indicator). Part of `outage`. */
  maintenance: z.boolean().optional(),
  /** The names of the in-progress scheduled maintenances that count. */
  maintenances: z.array(z.string()).optional(),
});
export type StatusPageFacts = z.infer<typeof StatusPageFactsSchema>;

/** The layer at which a request to a target first failed; null when HTTP answered. */
export const FailedLayerSchema = z.enum(['dns', 'tcp', 'tls', 'http']).nullable();
export type FailedLayer = z.infer<typeof FailedLayerSchema>;

export const TlsProblemSchema = z.enum(['unknown-issuer', 'wrong-host', 'expired', 'other']);
export type TlsProblem = z.infer<typeof TlsProblemSchema>;

/** Who produced an HTTP answer, read from its page first and its headers second (probe/signature.ts). */
export const ResponderKindSchema = z.enum([
  /** A CDN's or load balancer's own error page blaming the site's server behind it (Cloudflare 52x, CloudFront
   * "could not connect to the origin", an ALB 502/504…). */
  'edge-origin-error',
  /** A CDN's or load balancer's own error or refusal (Cloudflare's own 5xx/1xxx, Akamai's reference pages…). */
  'edge',
  /** The site's own answer relayed by a CDN or load balancer (a JSON 500 with cf-ray, a 401 through CloudFront). */
  'relayed-origin',
  /** A reverse proxy's default error page (nginx, Varnish, Envoy, gunicorn…): the site's own front server. */
  'origin-proxy',
  /** A forward proxy's own page (Squid), or an error with a Via header no CDN is known by. */
  'proxy',
  /** A regular answer. */
  'origin',
  'unknown',
]);
export type ResponderKind = z.infer<typeof ResponderKindSchema>;

export const ResponderFactsSchema = z.object({
  kind: ResponderKindSchema,
  /** cloudflare, cloudfront, fastly, varnish, akamai, aws-elb, google, envoy, nginx, squid… */
  vendor: z.string().optional(),
  /** Which side the answer itself says failed. */
  failingSide: z.enum(['browser', 'edge', 'origin', 'proxy']).optional(),
  /** The code the page shows (Cloudflare's 1101, 522…), when it differs from the HTTP status. */
  errorCode: z.number().int().optional(),
});
export type ResponderFacts = z.infer<typeof ResponderFactsSchema>;

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
  /** Who produced the HTTP answer (absent when no HTTP answer came back). */
  responder: ResponderFactsSchema.optional(),
  /** TCP connect time (one network round trip), when the probe connected directly. */
  tcpConnectMs: z.number().int().nonnegative().optional(),
  /** TLS handshake time, when the probe connected directly. */
  tlsHandshakeMs: z.number().int().nonnegative().optional(),
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
  /** The network's round trip: median TCP connect time of the targets' probes (each connect is one round trip;
   * direct connections only). Timed where the network is, so a slow server never reads as a slow network. */
  networkRttMs: z.number().int().nonnegative().optional(),
  /** Median time to set up a connection to the targets (TCP connect + TLS handshake), what a page waits for
   * before its request can leave; rated with ChromeOS's HTTPS latency thresholds (500 / 1000 ms). */
  connectionSetupMs: z.number().int().nonnegative().optional(),
  latency: z.enum(['ok', 'slow', 'very-slow']).optional(),
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
  /** Per name: what each resolver's answer proved. An answer "works" only when the service's certificate validates
   * for the name at that address (https), or when HTTP answers there (http): a TCP accept alone proves nothing
   * (parking, block and search pages accept TCP). */
  names: z
    .array(
      z.object({
        host: z.string(),
        /** What the system resolver gave: answer, nxdomain, servfail, timeout… */
        system: z.string(),
        agrees: z.boolean().nullable(),
        systemWorks: z.boolean().nullable(),
        referenceWorks: z.boolean().nullable(),
        /** How "works" was proven: tls (certificate valid for the name at that address) or http (an answer). */
        provenBy: z.enum(['tls', 'http']).optional(),
      }),
    )
    .optional(),
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
  /** How the proxy failed: PROXY_AUTH_REQUIRED, PROXY_DENIED, PROXY_ERROR, PROXY_CLOSED, PROXY_SILENT (accepted the
   * connection, never answered), PROXY_TUNNEL_SILENT (opened the tunnel, relayed nothing), or a socket code. */
  failure: z.string().optional(),
  /** The proxy accepted the connection and then never answered (a hung proxy). */
  hung: z.boolean().optional(),
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
