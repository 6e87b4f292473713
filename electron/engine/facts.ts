// The facts the verdict's rules read. Checks fill in what they measured; a missing entry means "not measured",
// which no rule may read as "healthy".

export interface StatusPageFacts {
  /** The page answered with a valid summary. */
  reachable: boolean;
  /** SPEC "service-outage": an incident or a non-operational status for the profile's components, or a major/critical indicator. */
  outage: boolean;
  indicator?: string;
  incidents: string[];
}

export interface Facts {
  statusPage: StatusPageFacts;
}
