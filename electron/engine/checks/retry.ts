// The `retry` check: when the first target answers with a server error, ask again a few times with backoff (as a
// user refreshing would) to tell an error that persists from one that comes and goes. Its own probes, so it never
// waits on the `targets` check. Fills `facts.retry`.
import { setTimeout as sleep } from 'node:timers/promises';
import { CHECK_DEADLINE_MARGIN_MS, type CheckContext, type CheckDefinition, type CheckOutcome } from '../check.js';
import { browserRoute, proxyEvidence, routeProbeOptions, type ProxyLookup } from '../probe/browser-route.js';
import { capitalizeClause, describeProbe, siteName } from '../probe/describe.js';
import { classifyStatus } from '../probe/status-class.js';
import { probeTarget } from '../probe/target-probe.js';
import type { TargetProbeResult } from '../probe/types.js';

export const RETRY_BACKOFF_MS = [300, 600, 1_200];
/** One request's own timeout (the sweep's deadline may cut it shorter). */
export const RETRY_REQUEST_TIMEOUT_MS = 8_000;
/** A retry is only worth starting with at least this much time left for its answer. */
const MIN_ATTEMPT_MS = 250;

export interface RetryCheckOptions {
  /** Where the proxy settings are read (default: this machine's, once per sweep). */
  proxy?: ProxyLookup;
  backoffMs?: number[];
  requestTimeoutMs?: number;
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

export async function runRetry(context: CheckContext, options: RetryCheckOptions = {}): Promise<CheckOutcome> {
  const backoff = options.backoffMs ?? RETRY_BACKOFF_MS;
  const target = context.profile.targets[0]!;
  const site = siteName(target.url);
  // One decision for every attempt: a user refreshing goes the same way each time.
  const route = await browserRoute(target.url, context, options.proxy);
  const proxy = proxyEvidence(route);
  const started = performance.now();
  const attempts: Attempt[] = [];
  const results: TargetProbeResult[] = [];

  const attempt = async (): Promise<TargetProbeResult> => {
    const probeOptions = routeProbeOptions(route, context, options.requestTimeoutMs ?? RETRY_REQUEST_TIMEOUT_MS);
    const atMs = Math.round(performance.now() - started);
    const result = await probeTarget(target.url, probeOptions);
    attempts.push(toAttempt(results.length, atMs, result));
    results.push(result);
    return result;
  };

  const first = await attempt();
  if (isServerError(first)) {
    for (const delay of backoff) {
      if (context.deadline - Date.now() < delay + MIN_ATTEMPT_MS + CHECK_DEADLINE_MARGIN_MS || context.signal.aborted) break;
      try {
        await sleep(delay, undefined, { signal: context.signal });
      } catch {
        break; // the sweep's deadline
      }
      const next = await attempt();
      if (!isServerError(next)) break;
    }
  }

  const serverErrors = results.filter(isServerError).length;
  const persistent = results.length >= 2 && serverErrors === results.length;
  const evidence = {
    url: target.url,
    backoffMs: backoff,
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
      summary: `${site} answers without a server error (HTTP ${first.http?.status}): there is nothing to wait for.`,
      evidence,
      facts,
    };
  }
  if (persistent) {
    return {
      status: 'fail',
      summary: `${site} answered with a server error ${results.length} times in a row over ${spanSeconds} s (${statuses.join(', ')}): the error persists on ${name}'s side. Waiting a few minutes before retrying is the fix; nothing on this computer needs to change.`,
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
