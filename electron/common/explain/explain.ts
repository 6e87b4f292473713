// The one derivation of what the app says about a diagnosis (ARCHITECTURE.md principle 7). From the report's facts,
// checks and verdict (and the session: what the person tried and changed), it derives the verdict as shown, every
// step's state and sentence, and every check's line. The wizard, the CLI summary and the exported reports only
// render this, so they cannot disagree: a step says "Problem found" only for a cause that holds, and a symptom
// of another cause points to the step that fixes it.
import type { PartialFacts, TargetFacts } from '../facts.js';
import { STEPS, type Cause, type CheckResult, type NextStep, type Report, type Session, type StepId } from '../spec.js';
import { siteName as hostOf } from '../site.js';
import { describeCause } from '../verdict.js';
import { CAUSE_BECAUSE, CAUSE_HEADLINES, CAUSE_NAMES, CONFIDENCE_LABELS, stepReference, stepTitle, type StepState } from './words.js';

/** The step where each cause is fixed (a consequence points there). `browser` and `unknown` have no single step. */
export const CAUSE_HOME: Partial<Record<Cause, StepId>> = {
  'captive-portal': 'connection',
  vpn: 'vpn-proxy',
  offline: 'connection',
  proxy: 'vpn-proxy',
  'tls-interception': 'vpn-proxy',
  dns: 'dns',
  'service-outage': 'status-page',
  'server-error': 'wait-retry',
};

/** Every step where a cause that holds is the problem to act on: its home, and for an outage also the waiting. */
export function causeSteps(cause: Cause): StepId[] {
  const home = CAUSE_HOME[cause];
  if (!home) return [];
  return cause === 'service-outage' ? [home, 'wait-retry'] : [home];
}

/** Steps worth trying when the service works from this computer (the problem is in the browser or account). */
const BROWSER_STEPS: readonly StepId[] = ['refresh', 'clear-cache', 'extensions', 'private-window', 'other-browser', 'sign-in'];
/** Steps worth trying when the checks name no cause. */
const UNKNOWN_STEPS: readonly StepId[] = ['refresh', 'clear-cache', 'private-window', 'support'];

export type Tone = 'danger' | 'warning' | 'info' | 'success' | 'neutral';

export interface CheckLine {
  state: StepState;
  /** One plain sentence: the check's own summary, or (for a consequence) what it means and where it is fixed. */
  line: string;
  /** The cause this line is about (problem or consequence). */
  cause?: Cause;
  /** Where a consequence is fixed. */
  seeStep?: StepId;
  /** Set when the check was measured before the latest change to the system (its result may be out of date). */
  measuredBefore?: { kind: Session['changes'][number]['kind']; at: string; measuredAt: string };
}

export interface StepExplanation {
  step: StepId;
  state: StepState;
  /** One sentence on what was found at this step (or why it matters now). */
  headline: string;
  cause?: Cause;
  seeStep?: StepId;
  /** What to do at this step now, in order; empty when nothing is needed. */
  advice: string[];
}

export interface VerdictView {
  /** `resolved`: the service works now after something the person did (or the outage ended). */
  state: 'diagnosed' | 'resolved';
  cause: Cause;
  tone: Tone;
  headline: string;
  summary: string;
  confidence: string;
  nextSteps: NextStep[];
  alsoFound: { cause: Cause; name: string; step?: StepId }[];
  /** What fixed it, when resolved. */
  fixedBy?: { step: StepId; how: string; at?: string };
}

export interface Explanation {
  service: string;
  verdict: VerdictView;
  steps: Record<StepId, StepExplanation>;
  /** By check id. */
  checks: Record<string, CheckLine>;
  /** The DNS step may offer the one-click switch: DNS is at fault and nothing (a portal, no connection) makes the
   * DNS answers meaningless. */
  offerDnsSwitch: boolean;
  /** A cause under which switching DNS cannot help and is not offered at all (a portal answers every name; with no
   * connection no server answers). */
  dnsSwitchBlockedBy?: 'captive-portal' | 'offline';
  /** Where to sign in, while a captive portal intercepts (the address the engine measured). */
  portalUrl?: string;
}

export interface ExplainOptions {
  /** The session as the UI knows it now (its marks may be newer than the report's copy). */
  session?: Session;
}

const TONES: Record<Cause, Tone> = {
  'captive-portal': 'warning',
  vpn: 'warning',
  offline: 'danger',
  proxy: 'warning',
  'tls-interception': 'danger',
  dns: 'warning',
  'service-outage': 'danger',
  'server-error': 'danger',
  browser: 'info',
  unknown: 'neutral',
};

/** Capitalises a sentence's first letter, except a host name's ("chatgpt.com answers…"). */
const capitalize = (text: string): string => (!text || /^[a-z0-9-]+(\.[a-z0-9-]+)+\b/i.test(text) ? text : text[0]!.toUpperCase() + text.slice(1));

/** Facts and words shared by every derivation below. */
interface Context {
  report: Report;
  facts: PartialFacts;
  service: string;
  site: string;
  /** Causes that hold, primary first. */
  holding: Cause[];
  session: Session | undefined;
}

/** The first cause that holds among those that could explain a symptom. */
function explainedBy(ctx: Context, candidates: readonly Cause[]): Cause | undefined {
  return ctx.holding.find((cause) => candidates.includes(cause) && CAUSE_HOME[cause] !== undefined);
}

/** A symptom seen at `step`: a problem when its cause is fixed here, else a consequence pointing there. */
function attribute(ctx: Context, step: StepId, candidates: readonly Cause[], symptom: string, ownLine: string): CheckLine | undefined {
  const cause = explainedBy(ctx, candidates);
  if (!cause) return undefined;
  const home = CAUSE_HOME[cause]!;
  if (causeSteps(cause).includes(step)) return { state: 'problem', line: ownLine, cause };
  return {
    state: 'consequence',
    line: `${capitalize(symptom)}, because ${CAUSE_BECAUSE[cause](ctx.service)}: see ${stepReference(home)}.`,
    cause,
    seeStep: home,
  };
}

// ---------- per check ----------

/** Causes that can make a target fail at each layer. */
const TARGET_CAUSES: Record<'dns' | 'tcp' | 'tls' | 'server-error' | 'other-http', readonly Cause[]> = {
  dns: ['captive-portal', 'vpn', 'offline', 'proxy', 'dns'],
  tcp: ['captive-portal', 'vpn', 'offline', 'proxy', 'dns'],
  tls: ['captive-portal', 'vpn', 'offline', 'proxy', 'tls-interception', 'dns'],
  'server-error': ['captive-portal', 'proxy', 'service-outage', 'server-error'],
  'other-http': ['captive-portal', 'proxy'],
};

function targetSymptom(target: TargetFacts): { kind: keyof typeof TARGET_CAUSES; text: string } {
  const host = hostOf(target.url);
  switch (target.failedLayer) {
    case 'dns':
      return { kind: 'dns', text: `${host} cannot be looked up` };
    case 'tcp':
      return { kind: 'tcp', text: `${host} cannot be reached` };
    case 'tls':
      return { kind: 'tls', text: `the secure connection to ${host} fails` };
    default:
      return target.serverError
        ? { kind: 'server-error', text: `${host} answers with a server error (HTTP ${target.httpStatus})` }
        : { kind: 'other-http', text: `${host} answers with HTTP ${target.httpStatus ?? 'an unexpected status'}` };
  }
}

/** What the failing targets show, attributed to the cause that explains them (the first failing one that is). */
function explainTargets(ctx: Context, step: StepId, ownLine: string): CheckLine | undefined {
  const failing = (ctx.facts.targets ?? []).filter((t) => !t.reachable);
  for (const target of failing) {
    const symptom = targetSymptom(target);
    const found = attribute(ctx, step, TARGET_CAUSES[symptom.kind], symptom.text, ownLine);
    if (found) return found;
  }
  return undefined;
}

/** A check's status read without facts: never a "problem" (only a cause that holds is one). */
function byStatus(check: CheckResult): CheckLine {
  const state: StepState = check.status === 'pass' ? 'ok' : check.status === 'warn' || check.status === 'fail' ? 'note' : 'unchecked';
  return { state, line: check.summary };
}

function explainCheck(ctx: Context, check: CheckResult): CheckLine {
  const { facts } = ctx;
  const own = check.summary;
  if (check.status === 'error' && check.id !== 'status-page') {
    // Nothing measured: a consequence when a cause explains the silence, else "couldn't check".
    const silence = attribute(ctx, check.step, ['captive-portal', 'vpn', 'offline', 'proxy'], 'this check got no answer', own);
    return silence?.state === 'consequence' ? silence : { state: 'unchecked', line: own };
  }
  switch (check.id) {
    case 'status-page': {
      if (check.status === 'skip') return { state: 'unchecked', line: own };
      if (facts.statusPage?.outage) return attribute(ctx, check.step, ['service-outage'], '', own) ?? { state: 'note', line: own };
      if (facts.statusPage && !facts.statusPage.reachable) {
        return (
          attribute(ctx, check.step, ['captive-portal', 'vpn', 'offline', 'proxy', 'dns'], 'the status page could not be read', own) ?? {
            state: 'unchecked',
            line: own,
          }
        );
      }
      return byStatus(check);
    }
    case 'retry': {
      const retry = facts.retry;
      const first = facts.targets?.[0];
      if (retry && retry.serverErrors > 0 && first) {
        const symptom = `${hostOf(first.url)} ${retry.persistent ? 'keeps answering' : 'answered'} with a server error${first.httpStatus ? ` (HTTP ${first.httpStatus})` : ''}`;
        return attribute(ctx, check.step, TARGET_CAUSES['server-error'], symptom, own) ?? { state: 'note', line: own };
      }
      if (check.status === 'skip') {
        const below = explainTargets(ctx, check.step, own);
        return below?.state === 'consequence'
          ? { ...below, state: 'consequence', line: `Nothing to retry: ${below.line[0]!.toLowerCase()}${below.line.slice(1)}` }
          : { state: 'unchecked', line: own };
      }
      return byStatus(check);
    }
    case 'targets': {
      if (facts.targets === undefined) return byStatus(check);
      return explainTargets(ctx, check.step, own) ?? (facts.targets.every((t) => t.reachable) ? { state: 'ok', line: own } : { state: 'note', line: own });
    }
    case 'connection': {
      const connectivity = facts.connectivity;
      if (!connectivity) return byStatus(check);
      if (connectivity.portal) return attribute(ctx, check.step, ['captive-portal'], '', own) ?? { state: 'note', line: own };
      if (!connectivity.answered) {
        return (
          attribute(ctx, check.step, ['offline', 'vpn', 'proxy', 'dns'], 'the internet connectivity check got no answer', own) ??
          byStatus(check)
        );
      }
      return byStatus(check);
    }
    case 'dns': {
      const dns = facts.dns;
      if (!dns) return byStatus(check);
      // While a sign-in page intercepts the network, its DNS answers say nothing about the DNS server.
      if (ctx.holding.includes('captive-portal')) {
        return {
          state: 'consequence',
          line: `DNS answers cannot be trusted while ${CAUSE_BECAUSE['captive-portal'](ctx.service)}: sign in first, see ${stepReference('connection')}.`,
          cause: 'captive-portal',
          seeStep: 'connection',
        };
      }
      if (dns.systemFailed || dns.systemBadAnswers) {
        const symptom = dns.systemBadAnswers ? `your DNS server gives addresses for ${ctx.site} that do not work` : `your DNS server cannot look up ${ctx.site}`;
        return attribute(ctx, check.step, ['vpn', 'offline', 'dns'], symptom, own) ?? { state: 'note', line: own };
      }
      return byStatus(check);
    }
    case 'vpn-proxy': {
      const holds = attribute(ctx, check.step, ['vpn', 'proxy', 'tls-interception'], '', own);
      if (holds) return holds;
      return byStatus(check);
    }
    case 'browsers':
      // Which browsers are installed is information for the browser steps, never a problem by itself.
      return { state: check.status === 'error' ? 'unchecked' : 'ok', line: own };
    default:
      return byStatus(check);
  }
}

/** The latest change to the system after which `check` was not measured again. */
function staleness(ctx: Context, check: CheckResult): CheckLine['measuredBefore'] {
  const measuredAt = check.measuredAt ?? ctx.report.startedAt;
  const changes = ctx.session?.changes ?? [];
  const later = changes.filter((c) => Date.parse(c.at) > Date.parse(measuredAt)).at(-1);
  return later ? { kind: later.kind, at: later.at, measuredAt } : undefined;
}

// ---------- per step ----------

const STATE_PRIORITY: Record<StepState, number> = {
  problem: 7,
  consequence: 6,
  note: 5,
  unchecked: 4,
  try: 3,
  ok: 2,
  'not-needed': 1,
  manual: 0,
};

function adviceFor(ctx: Context, cause: Cause, step: StepId): string[] {
  const described = cause === ctx.report.verdict.cause ? ctx.report.verdict : describeCause(cause, ctx.facts, { name: ctx.service });
  return (described?.nextSteps ?? []).filter((n) => n.step === step).map((n) => n.action);
}

function causeSentence(ctx: Context, cause: Cause): string {
  if (cause === ctx.report.verdict.cause) return ctx.report.verdict.summary;
  return describeCause(cause, ctx.facts, { name: ctx.service })?.summary ?? `${CAUSE_HEADLINES[cause](ctx.service)}.`;
}

function explainStep(ctx: Context, step: StepId, lines: CheckLine[]): StepExplanation {
  const primary = ctx.report.verdict.cause;
  // A cause that holds and is fixed here makes this step's problem, whatever its own checks saw.
  const homeCause = ctx.holding.find((cause) => causeSteps(cause).includes(step));
  if (homeCause) {
    const problemLine = lines.find((l) => l.state === 'problem' && l.cause === homeCause);
    return {
      step,
      state: 'problem',
      cause: homeCause,
      headline: problemLine?.line ?? causeSentence(ctx, homeCause),
      advice: adviceFor(ctx, homeCause, step),
    };
  }
  const worst = [...lines].sort((a, b) => STATE_PRIORITY[b.state] - STATE_PRIORITY[a.state])[0];
  if (worst && (worst.state === 'consequence' || worst.state === 'note')) {
    return {
      step,
      state: worst.state,
      headline: worst.line,
      ...(worst.cause ? { cause: worst.cause } : {}),
      ...(worst.seeStep ? { seeStep: worst.seeStep } : {}),
      advice: [],
    };
  }
  // Nothing wrong measured here: whether the step is worth trying follows from the verdict.
  if (primary === 'browser' && BROWSER_STEPS.includes(step)) {
    return { step, state: 'try', headline: tryHeadline(ctx, step), advice: adviceFor(ctx, 'browser', step) };
  }
  if (primary === 'unknown' && UNKNOWN_STEPS.includes(step)) {
    return {
      step,
      state: 'try',
      headline: 'The checks point to no single cause, so this step is worth trying.',
      advice: ctx.report.verdict.nextSteps.filter((n) => n.step === step).map((n) => n.action),
    };
  }
  if (worst && (worst.state === 'ok' || worst.state === 'unchecked')) {
    return { step, state: worst.state, headline: worst.line, advice: [] };
  }
  if (step === 'support') {
    return { step, state: 'manual', headline: `If nothing else helps, send the diagnostic report to ${ctx.service}'s support.`, advice: [] };
  }
  const home = CAUSE_HOME[primary];
  if (home) {
    return {
      step,
      state: 'not-needed',
      headline: `${capitalize(CAUSE_BECAUSE[primary](ctx.service))}: ${stepReference(home)} deals with that, so this step is unlikely to help.`,
      seeStep: home,
      cause: primary,
      advice: [],
    };
  }
  return { step, state: 'manual', headline: 'Only you can try this step: follow the instructions below.', advice: [] };
}

function tryHeadline(ctx: Context, step: StepId): string {
  const works = `${ctx.service} answers normally from this computer`;
  switch (step) {
    case 'refresh':
      return `${works}, so a reload without the stored copy of the page may be all it takes.`;
    case 'clear-cache':
      return `${works}, so stored files or cookies in your browser may keep the error alive.`;
    case 'extensions':
      return `${works}, so a browser extension may be blocking it.`;
    case 'private-window':
      return `${works}: a private window shows quickly whether your browser's stored data or extensions are the cause.`;
    case 'other-browser':
      return `${works}: if it works in another browser, the problem is in your usual one.`;
    default:
      return `${works}, so your account session may be the cause.`;
  }
}

// ---------- the verdict as shown ----------

function explainVerdict(ctx: Context): VerdictView {
  const { verdict } = ctx.report;
  const diagnosed: VerdictView = {
    state: 'diagnosed',
    cause: verdict.cause,
    tone: TONES[verdict.cause],
    headline: CAUSE_HEADLINES[verdict.cause](ctx.service),
    summary: verdict.summary,
    confidence: CONFIDENCE_LABELS[verdict.confidence],
    nextSteps: verdict.nextSteps,
    alsoFound: verdict.alsoFound.map((cause) => ({ cause, name: CAUSE_NAMES[cause], ...(CAUSE_HOME[cause] ? { step: CAUSE_HOME[cause] } : {}) })),
  };
  const fixedBy = whatFixedIt(ctx);
  if (!fixedBy) return diagnosed;
  const dnsFix = fixedBy.step === 'dns';
  return {
    ...diagnosed,
    state: 'resolved',
    tone: 'success',
    headline: `${ctx.service} works now`,
    summary: `${fixedBy.how} If the error comes back, run the diagnosis again: the report keeps what was tried.`,
    nextSteps: [
      ...(dnsFix ? [{ step: 'dns' as const, action: 'Your previous DNS settings can be restored at any time with Revert in the DNS step.' }] : []),
      { step: 'support', action: `If the error comes back and nothing helps, send the diagnostic report to ${ctx.service}'s support.` },
    ],
    alsoFound: [],
    fixedBy,
  };
}

/** The moment the latest measurement was taken (a step re-checked on its own is newer than the report). */
export function lastMeasuredAt(report: Report): number {
  return Math.max(Date.parse(report.startedAt), ...report.checks.map((c) => (c.measuredAt ? Date.parse(c.measuredAt) : 0)));
}

function whatFixedIt(ctx: Context): VerdictView['fixedBy'] {
  const { report, session } = ctx;
  const worksNow = report.verdict.cause === 'browser';
  const measured = lastMeasuredAt(report);
  // The person's own word, given after the latest measurement (a later failing run outvotes it).
  const mark = session?.steps.filter((s) => s.result === 'fixed' && Date.parse(s.at) >= measured).at(-1);
  if (mark) return { step: mark.step, how: `You said “${stepTitle(mark.step)}” fixed it.`, at: mark.at };
  if (!worksNow || !session) return undefined;
  // It works now, and an earlier run of this session found a real cause: say what changed in between.
  const failed = session.runs.filter((r) => r.cause !== 'browser' && r.cause !== 'unknown' && Date.parse(r.startedAt) < measured).at(-1);
  if (!failed) return undefined;
  const changesSince = session.changes.filter((c) => Date.parse(c.at) > Date.parse(failed.startedAt));
  const lastChange = changesSince.at(-1);
  if (lastChange?.kind === 'dns-switch') {
    return { step: 'dns', how: `Switching DNS fixed it: ${ctx.site} is found and answers normally now.`, at: lastChange.at };
  }
  const markAfterFailure = session.steps.filter((s) => s.result === 'fixed' && Date.parse(s.at) > Date.parse(failed.startedAt)).at(-1);
  if (markAfterFailure) return { step: markAfterFailure.step, how: `You said “${stepTitle(markAfterFailure.step)}” fixed it.`, at: markAfterFailure.at };
  const home = CAUSE_HOME[failed.cause] ?? 'wait-retry';
  const over =
    failed.cause === 'service-outage' || failed.cause === 'server-error'
      ? `${ctx.service} answers normally again: the ${failed.cause === 'service-outage' ? 'outage' : 'server error'} is over.`
      : `${ctx.service} answers normally again: the ${CAUSE_NAMES[failed.cause].toLowerCase()} problem found earlier is gone.`;
  return { step: home, how: over };
}

// ---------- entry point ----------

export function explainReport(report: Report, options: ExplainOptions = {}): Explanation {
  const facts = report.facts ?? {};
  const firstUrl = report.profile.targets[0];
  const ctx: Context = {
    report,
    facts,
    service: report.profile.name,
    site: firstUrl ? hostOf(firstUrl) : report.profile.name,
    holding: [report.verdict.cause, ...report.verdict.alsoFound].filter((c) => c !== 'unknown'),
    session: options.session ?? report.session,
  };
  const checks: Record<string, CheckLine> = {};
  for (const check of report.checks) {
    const line = explainCheck(ctx, check);
    const before = staleness(ctx, check);
    checks[check.id] = before ? { ...line, measuredBefore: before } : line;
  }
  const steps = Object.fromEntries(
    STEPS.map((s) => [s.id, explainStep(ctx, s.id, report.checks.filter((c) => c.step === s.id).map((c) => checks[c.id]!))]),
  ) as Record<StepId, StepExplanation>;
  const holdsDns = ctx.holding.includes('dns');
  const blockedBy = (['captive-portal', 'offline'] as const).find((cause) => ctx.holding.includes(cause));
  return {
    service: ctx.service,
    verdict: explainVerdict(ctx),
    steps,
    checks,
    offerDnsSwitch: holdsDns && !blockedBy,
    ...(blockedBy ? { dnsSwitchBlockedBy: blockedBy } : {}),
    ...(ctx.holding.includes('captive-portal') && facts.connectivity?.portalUrl ? { portalUrl: facts.connectivity.portalUrl } : {}),
  };
}
