// The facts the verdict's rules read (SPEC.md "Causes"). Checks fill in what they measured; a missing entry means
// "not measured", which no rule may read as "healthy". Evidence in the report is for people; facts are for rules.

export interface StatusPageFacts {
  /** The page answered with a valid summary. */
  reachable: boolean;
  /** SPEC "service-outage": an incident or a non-operational status for the profile's components, or a major/critical indicator. */
  outage: boolean;
  indicator?: string;
  incidents: string[];
}

/** The layer at which a request to a target first failed; null when HTTP answered. */
export type FailedLayer = 'dns' | 'tcp' | 'tls' | 'http' | null;

export type TlsProblem = 'unknown-issuer' | 'wrong-host' | 'expired' | 'other';

export interface TargetFacts {
  id: string;
  url: string;
  /** Where it failed first (null: an HTTP answer came back, whatever its status). */
  failedLayer: FailedLayer;
  httpStatus?: number;
  /** 500, 502, 503, 504 or 520–527. */
  serverError: boolean;
  /** HTTP answered with a status that means the service is reachable (2xx, 3xx, 401, 403, 429). */
  reachable: boolean;
  tlsProblem?: TlsProblem;
}

export interface ConnectivityFacts {
  /** The connectivity check got an HTTP answer (whatever it was). */
  answered: boolean;
  /** Answered, but not with the expected empty 204 (redirect, 511, a page). */
  portal: boolean;
  httpStatus?: number;
}

export interface DnsFacts {
  /** The system resolver failed for at least one target (NXDOMAIN, SERVFAIL, timeout, no answer). */
  systemFailed: boolean;
  /** The system resolver answered with addresses that differ from the reference and do not work. */
  systemBadAnswers: boolean;
  /** At least one reference resolver answered at all. */
  referenceAnswered: boolean;
  /** The reference resolvers gave answers that work (connect) for the failing targets. */
  referenceWorks: boolean;
  /** The system's answers agree with the reference resolvers' (same addresses, or overlapping). */
  agreesWithReference: boolean;
}

export interface ProxyFacts {
  inEffect: boolean;
  /** Where the setting comes from: env, gsettings, scutil, registry, pac, electron. */
  source?: string;
  /** The targets fail through the proxy (unreachable, refused, 407, 5xx from the proxy itself). */
  failsThroughProxy: boolean;
  /** The same targets work without the proxy. */
  worksDirect: boolean;
}

export interface VpnFacts {
  tunnelInterfaces: string[];
  /** A tunnel carries the default route or the route to the targets (an interface alone is not proof). */
  carriesTraffic: boolean;
}

export interface Facts {
  statusPage: StatusPageFacts;
  /** Each target probed as the browser would reach it (through the proxy in effect, if any). */
  targets: TargetFacts[];
  /** Retries of the first target: whether a server error persisted or came and went. */
  retry: { attempts: number; serverErrors: number; persistent: boolean };
  connectivity: ConnectivityFacts;
  dns: DnsFacts;
  proxy: ProxyFacts;
  vpn: VpnFacts;
}
