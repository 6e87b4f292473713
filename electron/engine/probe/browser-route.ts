// The way the browser would go to a URL: through the proxy the environment names (if it is one we can speak),
// else directly. Shared by the targets and retry checks so both measure what the user's browser meets.
import type { CheckContext } from '../check.js';
import { proxyForUrl, redactProxyUrl, type ProxyChoice } from './proxy-env.js';
import type { ProbeOptions } from './types.js';

export type Env = Record<string, string | undefined>;

/** Probes end this long before the sweep's deadline, so their layer-by-layer result makes it into the report
 * instead of the sweep's generic "did not finish" error. */
export const DEADLINE_MARGIN_MS = 100;

export interface BrowserRoute {
  options: ProbeOptions;
  /** The proxy in effect for this URL, if any (used only when `supported`). */
  proxy: ProxyChoice | null;
}

export function browserRoute(url: string, context: Pick<CheckContext, 'signal' | 'extraCa'>, env: Env, timeoutMs: number): BrowserRoute {
  const proxy = proxyForUrl(url, env);
  return {
    proxy,
    options: {
      timeoutMs,
      signal: context.signal,
      ...(context.extraCa ? { ca: context.extraCa } : {}),
      ...(proxy?.supported ? { proxy: { url: proxy.url } } : {}),
    },
  };
}

/** Evidence about the proxy for one URL (never its credentials). */
export function proxyEvidence(proxy: ProxyChoice | null): Record<string, unknown> | undefined {
  if (!proxy) return undefined;
  return {
    url: redactProxyUrl(proxy.url),
    from: proxy.variable,
    ...(proxy.supported ? {} : { note: 'Only HTTP proxies can be tested: this request went direct.' }),
  };
}
