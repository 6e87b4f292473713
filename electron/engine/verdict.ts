// The verdict: SPEC.md's causes table as an ordered list of rules over the measured facts. The first rule that
// holds is the primary cause; every other rule that holds is listed in `alsoFound`.
import type { Cause, NextStep, Profile, Verdict } from '../common/spec.js';
import type { Facts } from './facts.js';

interface CauseRule {
  cause: Exclude<Cause, 'unknown'>;
  holds(facts: Partial<Facts>): boolean;
  confidence(facts: Partial<Facts>): Verdict['confidence'];
  summary(facts: Partial<Facts>, profile: Profile): string;
  nextSteps(profile: Profile): NextStep[];
}

// Rules in SPEC.md's order. A cause whose facts are not measured yet simply does not hold: absent facts are
// never read as healthy.
const RULES: CauseRule[] = [
  {
    cause: 'service-outage',
    holds: (f) => f.statusPage?.outage === true,
    // Without the network checks we cannot rule out a local cause that would come first in the table.
    confidence: () => 'medium',
    summary: (f, p) =>
      f.statusPage?.incidents[0]
        ? `${p.name} reports an incident (“${f.statusPage.incidents[0]}”): the error comes from ${p.name}'s servers, not from this computer.`
        : `${p.name}'s status page reports a disruption: the error most likely comes from ${p.name}'s servers, not from this computer.`,
    nextSteps: (p) => [
      { step: 'status-page', action: `Follow ${p.name}'s status page until the incident is resolved.` },
      { step: 'wait-retry', action: 'Wait a few minutes, then try again; nothing on this computer needs to change.' },
    ],
  },
];

const UNKNOWN_NEXT_STEPS: NextStep[] = [
  { step: 'refresh', action: 'Reload the page (Ctrl+R or Cmd+R) after a minute.' },
  { step: 'clear-cache', action: "Clear the site's cache and cookies, then sign in again." },
  { step: 'private-window', action: 'Open the site in a private window to rule out extensions and stored data.' },
  { step: 'support', action: 'If it still fails, export the diagnostic report and send it to support.' },
];

export function decideVerdict(facts: Partial<Facts>, profile: Profile): Verdict {
  const holding = RULES.filter((rule) => rule.holds(facts));
  const primary = holding[0];
  if (!primary) {
    const statusOk = facts.statusPage?.reachable === true;
    return {
      cause: 'unknown',
      confidence: 'low',
      summary: statusOk
        ? `${profile.name}'s status page shows no incident, and the checks run so far do not point to one cause.`
        : 'The checks run so far do not point to one cause.',
      nextSteps: UNKNOWN_NEXT_STEPS,
      alsoFound: [],
    };
  }
  return {
    cause: primary.cause,
    confidence: primary.confidence(facts),
    summary: primary.summary(facts, profile),
    nextSteps: primary.nextSteps(profile),
    alsoFound: holding.slice(1).map((rule) => rule.cause),
  };
}
