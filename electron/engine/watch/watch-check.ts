// One re-check of a watch: the status page and the targets (the `status-page` and `targets` checks, not the whole
// sweep), turned into "does it work now?" and one plain sentence. The assessment is a pure function of the facts.
import type { StatusPageFacts, TargetFacts } from '../../common/facts.js';
import type { Profile } from '../../common/spec.js';
import type { WatchCheck } from '../../common/watch.js';
import type { CheckContext, CheckOutcome } from '../check.js';
import { statusPageCheck } from '../checks/status-page.js';
import { runTargets } from '../checks/targets.js';
import type { ProxyLookup } from '../probe/browser-route.js';

/** A re-check's own deadline: the status page and the targets each stop within their 8 s timeouts anyway. */
export const WATCH_CHECK_DEADLINE_MS = 12_000;

export interface WatchCheckOptions {
  profile: Profile;
  /** Aborted when the watch is stopped: every probe stops at once. */
  signal: AbortSignal;
  extraCa?: string[];
  /** For tests: where the targets' proxy settings are read (this machine's by default). */
  proxy?: ProxyLookup;
  now?: () => Date;
}

/** Runs the two checks once, concurrently, and assesses what they found. */
export async function checkServiceOnce(options: WatchCheckOptions): Promise<WatchCheck> {
  const context: CheckContext = {
    profile: options.profile,
    signal: options.signal,
    deadline: Date.now() + WATCH_CHECK_DEADLINE_MS,
    ...(options.extraCa ? { extraCa: options.extraCa } : {}),
  };
  const settle = (run: Promise<CheckOutcome>): Promise<CheckOutcome | null> => run.catch(() => null);
  const [status, targets] = await Promise.all([
    options.profile.statusPage ? settle(statusPageCheck.run(context)) : Promise.resolve(null),
    settle(runTargets(context, options.proxy ? { proxy: options.proxy } : {})),
  ]);
  return {
    at: (options.now?.() ?? new Date()).toISOString(),
    ...assessWatchCheck(options.profile, status?.facts?.statusPage, targets?.facts?.targets ?? []),
  };
}

type TargetProblem = 'unreachable' | 'server-error' | 'not-normal';

function targetProblem(target: TargetFacts): TargetProblem | null {
  if (target.reachable) return null;
  if (target.failedLayer !== null) return 'unreachable';
  return target.serverError ? 'server-error' : 'not-normal';
}

/** "still answers with a server error (502)", "still cannot be reached", "does not answer normally yet". */
function problemPhrase(failing: TargetFacts[]): string {
  const problems = failing.map(targetProblem);
  if (problems.includes('server-error')) {
    const codes = [...new Set(failing.filter((t) => t.serverError && t.httpStatus !== undefined).map((t) => t.httpStatus))];
    return `still answers with a server error${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`;
  }
  if (problems.every((p) => p === 'unreachable')) return 'still cannot be reached';
  return 'does not answer normally yet';
}

/**
 * Whether the service works, from the two checks' facts: every target answers normally (the `reachable` fact) and
 * the status page shows no outage. A status page that cannot be read shows none: the targets decide then.
 */
export function assessWatchCheck(
  profile: Profile,
  statusFacts: StatusPageFacts | undefined,
  targets: TargetFacts[],
): Omit<WatchCheck, 'at'> {
  const name = profile.name;
  const statusPage: WatchCheck['statusPage'] = !profile.statusPage
    ? 'none'
    : !statusFacts?.reachable
      ? 'unknown'
      : statusFacts.outage
        ? 'outage'
        : 'operational';
  const total = profile.targets.length;
  const answering = targets.filter((t) => t.reachable).length;
  const targetsWork = targets.length === total && answering === total;
  const works = targetsWork && statusPage !== 'outage';
  const counts = { answering, total };

  if (works) {
    const tail = { none: '', operational: ', and its status page reports no outage', unknown: ' (its status page could not be read)', outage: '' }[statusPage];
    return { works, statusPage, targets: counts, summary: `${name} answers normally${tail}.` };
  }
  const incident = statusFacts?.incidents[0];
  const outage = `its status page still reports an outage${incident ? ` (“${incident}”)` : ''}`;
  if (targetsWork) return { works, statusPage, targets: counts, summary: `${name} answers, but ${outage}.` };

  const failing = targets.filter((t) => !t.reachable);
  const measured = targets.length > 0;
  const problem = measured ? problemPhrase(failing) : 'could not be checked';
  const share = measured && total > 1 && answering > 0 ? ` (${total - answering} of ${total} addresses)` : '';
  const sentence = `${name} ${problem}${share}`;
  return {
    works,
    statusPage,
    targets: counts,
    summary: statusPage === 'outage' ? `${sentence}, and ${outage}.` : `${sentence}.`,
  };
}
