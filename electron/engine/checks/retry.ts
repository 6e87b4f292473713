// The `retry` check: when the first target answers with a server error, ask again (as a user refreshing would) to
// tell an error that persists from one that comes and goes. The first attempt is the sweep's shared probe of the
// target (the targets check reports the same one); the others are spread over a short window and run in parallel
// with it, so a slow server costs its answer time once, not once per attempt. Waiting longer is the watch's job.
// Fills `facts.retry`.
import { CHECK_DEADLINE_MARGIN_MS, type CheckContext, type CheckDefinition, type CheckOutcome } from '../check.js';
import { browserRoute, proxyEvidence, routeProbeOptions, type BrowserRoute, type ProxyLookup } from '../probe/browser-route.js';
import { capitalizeClause, describeProbe, siteName } from '../probe/describe.js';
import { classifyStatus } from '../probe/status-class.js';
import { probeOncePerSweep, TARGET_TIMEOUT_MS } from '../probe/sweep-probes.js';
import { probeTarget } from '../probe/target-probe.js';
import type { TargetProbeResult } from '../probe/types.js';

/** The further attempts start this far apart, counted from the first (unless the first already answered well). */
export const RETRY_SPACING_MS = 100;
/** Attempts after the first. */
export const RETRY_EXTRA_ATTEMPTS = 2;
/** A retry is only worth starting with at least this much time left for its answer. */
const MIN_ATTEMPT_MS = 250;

export interface RetryCheckOptions {
  /** Where the proxy settings are read (default: this machine's, once per sweep). */
  proxy?: ProxyLookup;
  spacingMs?: number;
  extraAttempts?: number;
}

interface Attempt {
  attempt: number;
  /** Milliseconds since the first request started. */
  atMs: number;
  durationMs: number;
  status?: number;
  failedLayer?: string;
  error?: string;
  signature?: string;
}

function isServerError(result: TargetProbeResult): boolean {
  return result.failedLayer === null && classifyStatus(result.http?.status ?? 0) === 'server-error';
}

function toAttempt(index: number, atMs: number, result: TargetProbeResult): Attempt {
  const error = result.failedLayer
    ? (result.proxy?.error ?? result[result.failedLayer]?.error)
    : undefined;
  return {
    attempt: index + 1,
    atMs,
    durationMs: result.totalMs,
    ...(result.http?.status !== undefined && result.failedLayer === null ? { status: result.http.status } : {}),
    ...(result.failedLayer ? { failedLayer: result.failedLayer } : {}),
    ...(error ? { error } : {}),
    ...(result.http?.signature ? { signature: result.http.signature } : {}),
  };
}

/** The first attempt, then the further ones at `spacing` intervals while the first has not answered well. */
async function attemptAll(context: CheckContext, url: string, route: BrowserRoute, spacing: number, extra: number) {
  const started = performance.now();
  const launched: { atMs: number; result: Promise<TargetProbeResult> }[] = [];
  // Further attempts stop as soon as the first answer shows there is nothing to retry (or the sweep ends).
  const extras = new AbortController();
  const stopExtras = (): void => extras.abort();
  context.signal.addEventListener('abort', stopExtras, { once: true });
  let firstResult: TargetProbeResult | undefined;
  const first = probeOncePerSweep(context, url, route).then((result) => {
    firstResult = result;
    if (!isServerError(result)) stopExtras();
    return result;
  });
  launched.push({ atMs: 0, result: first });

  const timers: NodeJS.Timeout[] = [];
  const scheduled = Array.from(
    { length: extra },
    (_, i) =>
      new Promise<void>((resolve) => {
        timers.push(
          setTimeout(() => {
            const worthIt = !extras.signal.aborted && (firstResult === undefined || isServerError(firstResult));
            const timeLeft = context.deadline - Date.now() >= MIN_ATTEMPT_MS + CHECK_DEADLINE_MARGIN_MS;
            if (worthIt && timeLeft) {
              const options = routeProbeOptions(route, context, TARGET_TIMEOUT_MS);
              launched.push({ atMs: Math.round(performance.now() - started), result: probeTarget(url, { ...options, signal: extras.signal }) });
            }
            resolve();
          }, spacing * (i + 1)),
        );
      }),
  );
  try {
    const firstAnswer = await first;
    if (!isServerError(firstAnswer)) {
      timers.forEach(clearTimeout);
      await Promise.all(launched.slice(1).map((l) => l.result)); // aborted: they end at once
      return [{ atMs: 0, result: firstAnswer }];
    }
    await Promise.all(scheduled);
    const settled = await Promise.all(launched.map(async (l) => ({ atMs: l.atMs, result: await l.result })));
    // An attempt the sweep's deadline cut short is no answer.
    return settled.filter((s, i) => i === 0 || !isCancelled(s.result));
  } finally {
    context.signal.removeEventListener('abort', stopExtras);
  }
}

function isCancelled(result: TargetProbeResult): boolean {
  const layer = result.failedLayer;
  return layer !== null && (result[layer]?.error === 'ECANCELLED' || result.proxy?.error === 'ECANCELLED');
}

export async function runRetry(context: CheckContext, options: RetryCheckOptions = {}): Promise<CheckOutcome> {
  const spacing = options.spacingMs ?? RETRY_SPACING_MS;
  const target = context.profile.targets[0]!;
  const site = siteName(target.url);
  // One decision for every attempt: a user refreshing goes the same way each time.
  const route = await browserRoute(target.url, context, options.proxy);
  const proxy = proxyEvidence(route);
  const started = performance.now();
  const settled = await attemptAll(context, target.url, route, spacing, options.extraAttempts ?? RETRY_EXTRA_ATTEMPTS);
  const results = settled.map((s) => s.result);
  const attempts = settled.map((s, i) => toAttempt(i, s.atMs, s.result));
  const first = results[0]!;

  const serverErrors = results.filter(isServerError).length;
  const persistent = results.length >= 2 && serverErrors === results.length;
  const evidence = {
    url: target.url,
    spacingMs: spacing,
    attempts,
    ...(proxy ? { proxySetting: proxy } : {}),
  };
  const facts = { retry: { attempts: results.length, serverErrors, persistent } };
  const name = context.profile.name;
  const statuses = results.map((r) => r.http?.status).filter((s): s is number => s !== undefined && s > 0);
  const spanSeconds = ((performance.now() - started) / 1000).toFixed(1);

  if (!isServerError(first)) {
    if (first.failedLayer !== null) {
      return {
        status: 'skip',
        summary: `${capitalizeClause(describeProbe(first))}, so there is no server error to retry; the next steps look at why.`,
        evidence,
        facts,
      };
    }
    return {
      status: 'pass',
      summary: `${site} answers without a server error (HTTP ${first.http?.status}).`,
      evidence,
      facts,
    };
  }
  if (persistent) {
    return {
      status: 'fail',
      summary: `${site} answered with a server error ${results.length} times in a row within ${spanSeconds} s (${statuses.join(', ')}): the error persists on ${name}'s side. Waiting a few minutes before retrying is the fix; nothing on this computer needs to change.`,
      evidence,
      facts,
    };
  }
  if (results.length === 1) {
    return {
      status: 'warn',
      summary: `${site} answered with server error ${first.http?.status}, and the diagnosis had no time left to ask again.`,
      evidence,
      facts,
    };
  }
  const last = results[results.length - 1]!;
  if (last.failedLayer === null) {
    return {
      status: 'warn',
      summary: `The server error came and went: ${serverErrors} of ${results.length} requests failed (${statuses.join(', ')}) and the next one worked. Refreshing the page should work; if it keeps happening, ${name}'s servers are unstable — wait a few minutes.`,
      evidence,
      facts,
    };
  }
  return {
    status: 'warn',
    summary: `${site} answered with server error ${first.http?.status}; when asked again, ${describeProbe(last)}.`,
    evidence,
    facts,
  };
}

export function createRetryCheck(options: RetryCheckOptions = {}): CheckDefinition {
  return {
    id: 'retry',
    step: 'wait-retry',
    title: 'Retrying the service',
    run: (context) => runRetry(context, options),
  };
}

export const retryCheck: CheckDefinition = createRetryCheck();
