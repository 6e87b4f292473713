// The verdict: SPEC.md's causes table as an ordered list of rules over the measured facts. The first rule that
// holds is the primary cause; every other rule that holds is listed in `alsoFound`. A cause whose facts were not
// measured does not hold: absent facts are never read as healthy.
import { CAUSES, type Cause, type NextStep, type Profile, type Verdict } from './spec.js';
import type { Facts, TargetFacts } from './facts.js';

type PartialFacts = Partial<Facts>;

interface CauseRule {
  cause: Exclude<Cause, 'unknown'>;
  holds(facts: PartialFacts): boolean;
  confidence(facts: PartialFacts): Verdict['confidence'];
  summary(facts: PartialFacts, profile: Profile): string;
  nextSteps(profile: Profile, facts: PartialFacts): NextStep[];
}

const failsBelowHttp = (t: TargetFacts): boolean => t.failedLayer !== null && t.failedLayer !== 'http';
/** Nothing answered at the target's address: no TCP connection (a TLS handshake or an HTTP answer is an answer). */
const nothingAnswered = (t: TargetFacts): boolean => t.failedLayer === 'dns' || t.failedLayer === 'tcp';
const interceptedCertificate = (t: TargetFacts): boolean => t.tlsProblem === 'unknown-issuer' || t.tlsProblem === 'wrong-host';
/** The reference resolvers said nothing at all: the system's answers cannot be compared (firewalled public DNS). */
const referenceSilent = (f: PartialFacts): boolean => f.dns?.referenceAnswered === false;
/** Certificates from an unknown issuer for the service's own names, with no reference to compare the answers with:
 * interception by the network (a parking or block page would show another site's certificate, not the service's). */
const unknownIssuerWithoutReference = (f: PartialFacts): boolean =>
  referenceSilent(f) && (f.targets ?? []).some((t) => t.tlsProblem === 'unknown-issuer');
const firstTarget = (f: PartialFacts): TargetFacts | undefined => f.targets?.[0];
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

/** Retries saw the server error come and go (needs at least two attempts to say so). */
const intermittent = (f: PartialFacts): boolean =>
  f.retry !== undefined && f.retry.attempts >= 2 && f.retry.serverErrors < f.retry.attempts;

/** The connectivity check came back clean, or (not measured) a target answered over HTTP, which needs a network. */
function localNetworkHealthy(f: PartialFacts): boolean {
  if (f.connectivity) return f.connectivity.answered && !f.connectivity.portal;
  return (f.targets ?? []).some((t) => t.failedLayer === null);
}

// In SPEC.md's order.
const RULES: CauseRule[] = [
  {
    cause: 'captive-portal',
    holds: (f) => f.connectivity?.answered === true && f.connectivity.portal,
    confidence: () => 'high',
    summary: () =>
      'This network sends you to a sign-in page (a captive portal, as in hotels, airports and cafés) before it lets you on the internet.',
    nextSteps: (_p, f) => [
      {
        step: 'connection',
        action: f.connectivity?.portalUrl
          ? `Open the network's sign-in page (${hostOf(f.connectivity.portalUrl)}: the button in the connection step opens it), sign in or accept the terms, then try again.`
          : 'Open any web page in your browser and complete the network sign-in page that appears, then try again.',
      },
    ],
  },
  {
    cause: 'vpn',
    holds: (f) => f.vpn?.carriesTraffic === true && firstTarget(f) !== undefined && failsBelowHttp(firstTarget(f)!),
    confidence: () => 'high',
    summary: (f, p) =>
      `Your VPN (${f.vpn?.tunnelInterfaces.join(', ') || 'a tunnel'}) carries your traffic and ${hostOf(firstTarget(f)!.url)} cannot be reached through it, so ${p.name} does not load.`,
    nextSteps: () => [
      { step: 'vpn-proxy', action: 'Disconnect the VPN (or pick another VPN server), then reload the page.' },
    ],
  },
  {
    cause: 'offline',
    // Nothing beyond this machine answers: a target that completed a TCP connection (or a TLS handshake) answered.
    holds: (f) =>
      f.connectivity?.answered === false &&
      f.dns?.referenceAnswered === false &&
      (f.targets?.length ?? 0) > 0 &&
      f.targets!.every(nothingAnswered),
    confidence: () => 'high',
    summary: () => 'This computer is not connected to the internet: nothing beyond it answers.',
    nextSteps: () => [
      { step: 'connection', action: 'Check the Wi-Fi or cable, restart the router if needed, and try again once other sites load.' },
    ],
  },
  {
    cause: 'proxy',
    holds: (f) => f.proxy?.inEffect === true && f.proxy.failsThroughProxy && f.proxy.worksDirect,
    confidence: () => 'high',
    summary: (_f, p) => `The proxy server set on this computer fails to reach ${p.name}, while ${p.name} works without it.`,
    nextSteps: () => [
      { step: 'vpn-proxy', action: "Turn off the proxy in your system's network settings (or ask your IT department to fix it), then reload." },
    ],
  },
  {
    cause: 'tls-interception',
    holds: (f) =>
      (f.dns?.agreesWithReference === true && (f.targets ?? []).some(interceptedCertificate)) || unknownIssuerWithoutReference(f),
    confidence: (f) => (f.dns?.agreesWithReference === true ? 'high' : 'medium'),
    summary: (_f, p) =>
      `Something on this computer or network intercepts the secure connection to ${p.name} (its certificate is not the real one), typically antivirus web scanning or a company firewall.`,
    nextSteps: () => [
      { step: 'vpn-proxy', action: 'Turn off HTTPS/web scanning in your antivirus, or ask your network administrator about TLS inspection.' },
      { step: 'connection', action: 'Try a different network (for example a phone hotspot) to confirm.' },
    ],
  },
  {
    cause: 'dns',
    holds: (f) => f.dns !== undefined && (f.dns.systemFailed || f.dns.systemBadAnswers) && f.dns.referenceWorks,
    confidence: () => 'high',
    summary: (f, p) =>
      f.dns?.systemBadAnswers
        ? `Your DNS server gives wrong addresses for ${p.name}, while public DNS servers give working ones.`
        : `Your DNS server cannot look up ${p.name}, while public DNS servers can.`,
    nextSteps: () => [
      {
        step: 'dns',
        action:
          'Switch this computer to Google DNS (8.8.8.8 / 8.8.4.4): the button in the DNS step does it, or run "gateway-doctor dns switch"; you can revert at any time.',
      },
    ],
  },
  {
    cause: 'service-outage',
    holds: (f) => f.statusPage?.outage === true,
    confidence: (f) => ((f.targets ?? []).some((t) => t.serverError) || f.targets === undefined ? 'high' : 'medium'),
    summary: (f, p) =>
      f.statusPage?.incidents[0]
        ? `${p.name} reports an incident (“${f.statusPage.incidents[0]}”): the error comes from ${p.name}'s servers, not from this computer.`
        : `${p.name}'s status page reports a disruption: the error most likely comes from ${p.name}'s servers, not from this computer.`,
    nextSteps: (p) => [
      { step: 'status-page', action: `Follow ${p.name}'s status page until the incident is resolved.` },
      { step: 'wait-retry', action: 'Wait a few minutes, then try again; nothing on this computer needs to change.' },
    ],
  },
  {
    cause: 'server-error',
    holds: (f) => (f.targets ?? []).some((t) => t.serverError) && localNetworkHealthy(f) && f.statusPage?.outage !== true,
    confidence: (f) => (intermittent(f) ? 'medium' : 'high'),
    summary: (f, p) => {
      const failing = (f.targets ?? []).find((t) => t.serverError)!;
      // Only what was measured: a status page that could not be read "shows" nothing.
      const statusPage = f.statusPage?.reachable ? ` and ${p.name}'s status page shows no incident` : '';
      const kind = intermittent(f) ? ' It comes and goes.' : '';
      return `${hostOf(failing.url)} answers with a server error (HTTP ${failing.httpStatus}) although your connection is fine${statusPage}: the problem is on the server side.${kind}`;
    },
    nextSteps: (p) => [
      { step: 'wait-retry', action: 'Wait a few minutes and try again: server errors like this usually clear up by themselves.' },
      { step: 'refresh', action: 'Reload the page once (not repeatedly).' },
      { step: 'support', action: `If it lasts, send the diagnostic report to ${p.name}'s support.` },
    ],
  },
  {
    cause: 'browser',
    holds: (f) =>
      (f.targets?.length ?? 0) > 0 &&
      f.targets!.every((t) => t.reachable) &&
      (f.connectivity === undefined || (f.connectivity.answered && !f.connectivity.portal)),
    confidence: () => 'medium',
    summary: (_f, p) =>
      `${p.name} works from this computer: the problem is most likely in your browser (cached files, cookies, extensions) or your account session.`,
    nextSteps: () => [
      { step: 'refresh', action: 'Reload the page without the cache (Ctrl+Shift+R, or Cmd+Shift+R on a Mac).' },
      { step: 'clear-cache', action: "Clear the site's cookies and cached files." },
      { step: 'private-window', action: 'Try a private window; if it works there, disable extensions one by one.' },
      { step: 'sign-in', action: 'Sign out, wait 15–20 minutes, and sign in again.' },
    ],
  },
];

const UNKNOWN_NEXT_STEPS: NextStep[] = [
  { step: 'refresh', action: 'Reload the page (Ctrl+R or Cmd+R) after a minute.' },
  { step: 'clear-cache', action: "Clear the site's cache and cookies, then sign in again." },
  { step: 'private-window', action: 'Open the site in a private window to rule out extensions and stored data.' },
  { step: 'support', action: 'If it still fails, export the diagnostic report and send it to support.' },
];

/**
 * Causes that an earlier cause of the table already explains when both hold: they are not listed as also found
 * beside it, since their symptoms are that cause's doing and fixing it is the one step to take.
 */
const EXPLAINED_BY: Partial<Record<Cause, readonly Cause[]>> = {
  // A tunnel that swallows the traffic makes every server beyond it silent.
  offline: ['vpn'],
  // A sign-in page answers secure connections with its own certificate, and names with its own address.
  'tls-interception': ['captive-portal'],
  dns: ['captive-portal'],
  // "Everything works from here" is the conclusion when nothing else holds, never a finding beside another cause.
  browser: CAUSES.filter((cause) => cause !== 'browser'),
};

export function decideVerdict(facts: PartialFacts, profile: Profile): Verdict {
  const holds = RULES.filter((rule) => rule.holds(facts));
  const holdingCauses: Cause[] = holds.map((rule) => rule.cause);
  const holding = holds.filter((rule) => !(EXPLAINED_BY[rule.cause] ?? []).some((earlier) => holdingCauses.includes(earlier)));
  const primary = holding[0];
  if (!primary) {
    return {
      cause: 'unknown',
      confidence: 'low',
      summary:
        facts.targets === undefined && facts.statusPage?.reachable === true
          ? `${profile.name}'s status page shows no incident, and the checks run so far do not point to one cause.`
          : 'The checks do not point to one cause: the evidence is too thin or contradictory.',
      nextSteps: UNKNOWN_NEXT_STEPS,
      alsoFound: [],
    };
  }
  return {
    cause: primary.cause,
    confidence: primary.confidence(facts),
    summary: primary.summary(facts, profile),
    nextSteps: primary.nextSteps(profile, facts),
    alsoFound: holding.slice(1).map((rule) => rule.cause),
  };
}

/**
 * What the verdict would say of one cause that holds (the primary or one also found): its sentence and its next
 * steps, so a step showing an "also found" cause speaks in the verdict's own words.
 */
export function describeCause(cause: Cause, facts: PartialFacts, profile: Pick<Profile, 'name'>): Pick<Verdict, 'summary' | 'nextSteps'> | null {
  const rule = RULES.find((r) => r.cause === cause);
  if (!rule || !rule.holds(facts)) return null;
  return { summary: rule.summary(facts, profile as Profile), nextSteps: rule.nextSteps(profile as Profile, facts) };
}
