// What a check is: one automated probe that belongs to a wizard step and reports a result plus facts.
import type { CheckStatus, Environment, Profile, StepId } from '../common/spec.js';
import type { Facts } from '../common/facts.js';

export interface CheckContext {
  profile: Profile;
  /** Aborted when the sweep's deadline is reached: every probe must stop then. */
  signal: AbortSignal;
  /** Epoch milliseconds by which the whole sweep must be done. */
  deadline: number;
  /** Extra trusted CAs (PEM) for HTTPS probes; the test lab passes its own. */
  extraCa?: string[];
}

export interface CheckOutcome {
  status: CheckStatus;
  /** A plain sentence a non-expert understands. */
  summary: string;
  /** Measured facts for a support engineer: addresses, codes, timings. */
  evidence: Record<string, unknown>;
  /** Typed facts the verdict reads (evidence is for people, facts are for rules). */
  facts?: Partial<Facts>;
  /** What the check learnt about this machine for the report's `environment` (so nothing is read twice). */
  environment?: Partial<Pick<Environment, 'adapters' | 'dnsServers' | 'proxy' | 'vpn'>>;
}

export interface CheckDefinition {
  id: string;
  step: StepId;
  title: string;
  run(context: CheckContext): Promise<CheckOutcome>;
}

/** Probes end this long before the sweep's deadline, so their own result (with its facts) makes it into the
 * report instead of the sweep's generic "did not finish" error. */
export const CHECK_DEADLINE_MARGIN_MS = 100;

/** Time a probe may take: what is left before the deadline (less the margin), capped by its own timeout. */
export function remainingMs(context: CheckContext, cap: number): number {
  return Math.max(0, Math.min(cap, context.deadline - Date.now() - CHECK_DEADLINE_MARGIN_MS));
}
