// The words every surface uses for the report's codes: causes, confidence, step states and check statuses. One
// table, so the wizard, the CLI and the exported reports name things the same way.
import type { Cause, StepId, Verdict } from '../spec.js';
import { STEPS } from '../spec.js';

/** The verdict's headline for each cause. */
export const CAUSE_HEADLINES: Record<Cause, (service: string) => string> = {
  'captive-portal': () => 'This network wants you to sign in first',
  vpn: () => 'Your VPN is blocking the connection',
  offline: () => 'This computer is offline',
  proxy: () => 'A proxy is getting in the way',
  'tls-interception': () => 'Something is intercepting secure connections',
  dns: () => 'Your DNS server is failing to find the site',
  'service-outage': (service) => `${service} is having an outage`,
  'server-error': (service) => `${service}'s servers are returning errors`,
  browser: (service) => `${service} works from this computer`,
  unknown: () => 'No single cause found yet',
};

/** Short names, for "Also found" and tables. */
export const CAUSE_NAMES: Record<Cause, string> = {
  'captive-portal': 'Captive portal (network sign-in page)',
  vpn: 'VPN',
  offline: 'No internet connection',
  proxy: 'Proxy',
  'tls-interception': 'Secure-connection interception',
  dns: 'DNS',
  'service-outage': 'Service outage',
  'server-error': 'Server error',
  browser: 'Browser or account',
  unknown: 'Unknown',
};

/** "…, because <phrase>": what a cause does, for symptoms it explains elsewhere. */
export const CAUSE_BECAUSE: Record<Cause, (service: string) => string> = {
  'captive-portal': () => "this network's sign-in page intercepts the traffic",
  vpn: (service) => `your VPN carries the traffic and ${service} cannot be reached through it`,
  offline: () => 'this computer is not connected to the internet',
  proxy: () => 'the proxy set on this computer fails',
  'tls-interception': () => 'something on this computer or network intercepts secure connections',
  dns: () => 'your DNS server fails to find it',
  'service-outage': (service) => `${service} is having an outage`,
  'server-error': (service) => `${service}'s servers are returning errors`,
  browser: () => 'the problem is in the browser or account',
  unknown: () => 'of a problem the checks could not name',
};

export const CONFIDENCE_LABELS: Record<Verdict['confidence'], string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};

/**
 * What a step (or a check) shows, derived from the facts and the verdict:
 * - problem: a cause that holds (primary or also found) is fixed here;
 * - consequence: a symptom of a cause fixed at another step (`seeStep`);
 * - note: something worth knowing that no cause explains and that does not block the service;
 * - ok: checked and fine;
 * - try: worth trying (the problem is in the browser or the evidence names no cause);
 * - not-needed: unlikely to help, the cause lies elsewhere;
 * - unchecked: nothing could be measured here;
 * - manual: only the person can do this step.
 */
export const STEP_STATES = ['problem', 'consequence', 'note', 'ok', 'try', 'not-needed', 'unchecked', 'manual'] as const;
export type StepState = (typeof STEP_STATES)[number];

export const STEP_STATE_LABELS: Record<StepState, string> = {
  problem: 'Problem found',
  consequence: 'Affected',
  note: 'Worth a look',
  ok: 'OK',
  try: 'Worth trying',
  'not-needed': 'Not needed',
  unchecked: "Couldn't check",
  manual: 'Your turn',
};

/** Plain-text symbols, so a state never rests on colour alone (terminal, Markdown, HTML, the wizard). */
export const STEP_STATE_SYMBOLS: Record<StepState, string> = {
  problem: '✕',
  consequence: '→',
  note: '!',
  ok: '✓',
  try: '★',
  'not-needed': '–',
  unchecked: '?',
  manual: '○',
};

export const stepNumber = (step: StepId): number => STEPS.findIndex((s) => s.id === step) + 1;
export const stepTitle = (step: StepId): string => STEPS.find((s) => s.id === step)?.title ?? step;
/** "step 9 (Change DNS settings)". */
export const stepReference = (step: StepId): string => `step ${stepNumber(step)} (${stepTitle(step)})`;
