// One probe of each target per sweep, along the browser's route, shared by every check that needs it: the targets
// check reports it, the retry check takes it as its first attempt, the connection check reads its round trips
// (TCP connect, TLS handshake) as the network's latency. Sharing saves requests and time, and all of them speak of
// the same answer. The key is the sweep's own object (its AbortSignal), as for every per-sweep reading.
import type { CheckContext } from '../check.js';
import type { Profile } from '../../common/spec.js';
import { browserRoute, routeProbeOptions, type BrowserRoute, type ProxyLookup } from './browser-route.js';
import { probeTarget } from './target-probe.js';
import type { TargetProbeResult } from './types.js';

/** Each target probe's own cap (the sweep's deadline may cut it shorter): a silent server costs this, not the whole
 * deadline. */
export const TARGET_TIMEOUT_MS = 5_000;

export interface RoutedProbe {
  id: string;
  url: string;
  route: BrowserRoute;
  result: TargetProbeResult;
}

const probesBySweep = new WeakMap<object, Map<string, Promise<TargetProbeResult>>>();

/** Probes `url` along `route` once per sweep; later callers get the same (possibly still running) probe. */
export function probeOncePerSweep(context: CheckContext, url: string, route: BrowserRoute, capMs = TARGET_TIMEOUT_MS): Promise<TargetProbeResult> {
  let probes = probesBySweep.get(context.signal);
  if (!probes) {
    probes = new Map();
    probesBySweep.set(context.signal, probes);
  }
  const key = `${url}\n${route.proxy?.url ?? 'direct'}`;
  let probe = probes.get(key);
  if (!probe) {
    probe = probeTarget(url, routeProbeOptions(route, context, capMs));
    probes.set(key, probe);
  }
  return probe;
}

/** One target along the browser's route, shared within the sweep. */
export async function probeTargetOnRoute(
  context: CheckContext,
  target: Profile['targets'][number],
  lookup?: ProxyLookup,
): Promise<RoutedProbe> {
  const route = await browserRoute(target.url, context, lookup);
  return { id: target.id, url: target.url, route, result: await probeOncePerSweep(context, target.url, route) };
}

/** Every target of the profile, concurrently. */
export function probeAllTargets(context: CheckContext, lookup?: ProxyLookup): Promise<RoutedProbe[]> {
  return Promise.all(context.profile.targets.map((target) => probeTargetOnRoute(context, target, lookup)));
}
