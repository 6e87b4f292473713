// The way the browser would go to a URL, shared by the targets and retry checks so both measure what the user's
// browser meets. The decision is the one the vpn-proxy check and facts.proxy use (system/proxy: the browser's own
// resolver in the app, else the environment and OS settings, read once per sweep); the probe follows it when it
// names an HTTP proxy, and goes direct (saying so) for a SOCKS or HTTPS proxy or a PAC script it cannot speak.
import { remainingMs, type CheckContext } from '../check.js';
import { redactUrl } from '../../system/proxy/proxy-config.js';
import { describeProxyServer, proxyServerUrl } from '../../system/proxy/proxy-server.js';
import type { SystemProxyResolver } from '../../system/proxy/resolver-hook.js';
import {
  decideForUrlInSweep,
  readProxySettingsForSweep,
  type ProxyReadOptions,
  type ResolvedDecision,
} from '../../system/proxy/system-proxy.js';
import type { ProbeOptions, ProxyEndpoint } from './types.js';

/** Reading the OS setting (a command) and asking the browser's resolver are each bounded by these. */
const TIMEOUTS = { read: 3_000, resolver: 2_000 };

/** Where the proxy settings come from; the defaults are this machine's. Tests name an environment and platform. */
export interface ProxyLookup extends Pick<ProxyReadOptions, 'env' | 'platform' | 'run'> {
  /** Electron's session.resolveProxy (undefined: the one the host installed, if any; null: none). */
  resolver?: SystemProxyResolver | null;
}

export interface BrowserRoute {
  /** What the browser does for this URL. */
  decision: ResolvedDecision;
  /** The proxy the probe goes through: the decision's HTTP proxy; absent when the probe goes direct. */
  proxy?: ProxyEndpoint;
}

/** The browser's decision for `url`, from this sweep's one reading of the proxy settings. */
export async function browserRoute(url: string, context: CheckContext, lookup: ProxyLookup = {}): Promise<BrowserRoute> {
  const { resolver, ...source } = lookup;
  const reading = await readProxySettingsForSweep(context.signal, {
    ...source,
    timeoutMs: remainingMs(context, TIMEOUTS.read),
    signal: context.signal,
  });
  const decision = await decideForUrlInSweep(context.signal, reading, url, {
    timeoutMs: remainingMs(context, TIMEOUTS.resolver),
    ...(resolver !== undefined ? { resolver } : {}),
  });
  const viaHttpProxy = decision.kind === 'proxy' && decision.server.scheme === 'http';
  return { decision, ...(viaHttpProxy ? { proxy: { url: proxyServerUrl(decision.server) } } : {}) };
}

/** Options for one probe along the route: at most `capMs`, ending the check margin before the deadline. */
export function routeProbeOptions(route: BrowserRoute, context: CheckContext, capMs: number): ProbeOptions {
  return {
    timeoutMs: Math.max(1, remainingMs(context, capMs)),
    signal: context.signal,
    ...(context.extraCa ? { ca: context.extraCa } : {}),
    ...(route.proxy ? { proxy: route.proxy } : {}),
  };
}

const WENT_DIRECT = 'this request went direct.';

/** Evidence about the proxy for one URL (never its credentials); undefined when the browser goes direct. */
export function proxyEvidence(route: BrowserRoute): Record<string, unknown> | undefined {
  const { decision } = route;
  if (decision.kind === 'direct') return undefined;
  if (decision.kind === 'script') {
    return {
      ...(decision.pacUrl ? { pacUrl: redactUrl(decision.pacUrl) } : {}),
      decidedBy: decision.decidedBy,
      note: `A proxy script (PAC) decides, and it cannot be run here: ${WENT_DIRECT}`,
    };
  }
  return {
    url: describeProxyServer(decision.server),
    decidedBy: decision.decidedBy,
    ...(route.proxy ? {} : { note: `Only HTTP proxies can be tested: ${WENT_DIRECT}` }),
  };
}
