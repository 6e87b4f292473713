// The `vpn-proxy` check. Proxy: which setting is in effect (environment, GNOME, macOS, Windows, or the browser's
// own resolver in the app); when the targets go through an HTTP proxy, each is probed through it and directly, so
// a failing proxy is told apart from a failing service. VPN: tunnel interfaces, and whether the default route or
// the route to the first target goes through one (an interface alone is not proof).
import { isIP } from 'node:net';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../check.js';
import { parseResolverAddress } from '../../common/spec.js';
import { siteName } from '../../common/site.js';
import { remainingMs } from '../check.js';
import type { ProxyFacts, VpnFacts } from '../../common/facts.js';
import { resolveHost } from '../net/lookup.js';
import { TARGET_TIMEOUT_MS } from '../probe/sweep-probes.js';
import { probeTarget } from '../probe/target-probe.js';
import type { ProbeOptions, TargetProbeResult } from '../probe/types.js';
import { readAdaptersWithin, type Adapter, type AdapterReading } from '../../system/network/interfaces.js';
import { preferredRoute, type Route } from '../../system/network/route.js';
import { readDefaultRoutesForSweep, readRouteTo, type RouteReading } from '../../system/network/routes.js';
import { classifyTunnel, tunnelLabel, type TunnelMatch } from '../../system/network/tunnels.js';
import { describeProxyServer, proxyServerUrl, type ProxyServer } from '../../system/proxy/proxy-server.js';
import type { SystemProxyResolver } from '../../system/proxy/resolver-hook.js';
import {
  decideForUrlInSweep,
  describeProxyReading,
  readProxySettingsForSweep,
  type ProxyReading,
  type ResolvedDecision,
} from '../../system/proxy/system-proxy.js';

const TIMEOUTS = { adapters: 4_000, command: 3_000, probe: TARGET_TIMEOUT_MS, resolve: 2_000, resolver: 2_000 };

export interface VpnProxyDeps {
  readProxy(context: CheckContext): Promise<ProxyReading>;
  /** Electron's session.resolveProxy (undefined: the one installed by the host, if any; null: none). */
  resolver?: SystemProxyResolver | null;
  readAdapters(context: CheckContext): Promise<AdapterReading>;
  readDefaultRoutes(context: CheckContext, timeoutMs: number): Promise<RouteReading>;
  readRouteTo(address: string, context: CheckContext, timeoutMs: number): Promise<RouteReading>;
  /** The first address of a host name (IP literals as they are); null when it does not resolve. */
  resolveAddress(host: string, context: CheckContext, timeoutMs: number): Promise<string | null>;
  probe(url: string, options: ProbeOptions): Promise<TargetProbeResult>;
}

export const defaultVpnProxyDeps: VpnProxyDeps = {
  readProxy: (context) => readProxySettingsForSweep(context.signal, { timeoutMs: remainingMs(context, TIMEOUTS.command), signal: context.signal }),
  readAdapters: (context) => readAdaptersWithin(context.signal, remainingMs(context, TIMEOUTS.adapters)),
  readDefaultRoutes: (context, timeoutMs) => readDefaultRoutesForSweep(context.signal, { timeoutMs, signal: context.signal }),
  readRouteTo: (address, context, timeoutMs) => readRouteTo(address, { timeoutMs, signal: context.signal }),
  resolveAddress: async (host, context, timeoutMs) => {
    try {
      const addresses = await resolveHost(host, { timeoutMs, signal: context.signal });
      return addresses[0]?.address ?? null;
    } catch {
      return null;
    }
  },
  probe: probeTarget,
};

// ---------- pure parts ----------

/** The proxy itself failed: unreachable, refused, closed, 407, another refusal, or its own 5xx. */
export function failedAtProxy(result: TargetProbeResult): boolean {
  return result.proxy?.error !== undefined;
}

/** Codes of a connection that went quiet: nothing came back, or it was closed without a word. */
const SILENCE = new Set(['ETIMEDOUT', 'ECANCELLED', 'ECONNRESET']);

/**
 * Pure: how the proxy failed, judged beside the direct probe of the same URL; undefined when it did not. Beyond its
 * own refusals, a proxy that opened the tunnel (or took the request) and then passed nothing back is hung when the
 * same layer works directly: the target is fine, the proxy is not.
 */
export function proxyFailure(through: TargetProbeResult, direct: TargetProbeResult): string | undefined {
  if (through.proxy?.error) return through.proxy.error;
  if (!through.proxy || (through.failedLayer !== 'tls' && through.failedLayer !== 'http')) return undefined;
  const code = through[through.failedLayer]?.error;
  if (!code || !SILENCE.has(code)) return undefined;
  const directGotThrough = through.failedLayer === 'tls' ? direct.tls?.ok === true : direct.failedLayer === null;
  if (!directGotThrough) return undefined;
  return through.failedLayer === 'tls' ? 'PROXY_TUNNEL_SILENT' : 'PROXY_SILENT';
}

const HUNG = new Set(['PROXY_SILENT', 'PROXY_TUNNEL_SILENT']);

/** The target answered over HTTP with anything but a server error. */
export function worksDirect(result: TargetProbeResult): boolean {
  return result.failedLayer === null && result.http?.status !== undefined && result.http.status < 500;
}

/** Whether a route leaves through a tunnel: by the adapter it names (alias, name or local address) or its name. */
export function tunnelOfRoute(route: Route | undefined, adapters: readonly Adapter[]): TunnelMatch | null {
  if (!route) return null;
  const adapter =
    (route.interface ? adapters.find((a) => a.name === route.interface) : undefined) ??
    (route.source ? adapters.find((a) => a.ip4 === route.source || a.ip6 === route.source) : undefined);
  if (adapter) return adapter.kind === 'tunnel' ? (adapter.tunnel ?? null) : null;
  return route.interface ? classifyTunnel(route.interface) : null;
}

const PROXY_FAILURES: Record<string, string> = {
  PROXY_AUTH_REQUIRED: 'asks for a user name and password (HTTP 407)',
  PROXY_DENIED: 'refuses to forward the request',
  PROXY_ERROR: 'answers with an error of its own',
  PROXY_CLOSED: 'closes the connection without answering',
  PROXY_SILENT: 'takes the connection but never answers',
  PROXY_TUNNEL_SILENT: 'opens the connection but then passes nothing back',
  ECONNREFUSED: 'refuses connections (nothing is listening at that address)',
  ETIMEDOUT: 'does not answer',
  ENOTFOUND: 'cannot be found (its name does not resolve)',
  ETIMEOUT: 'cannot be found (its name does not resolve in time)',
  EHOSTUNREACH: 'cannot be reached',
  ENETUNREACH: 'cannot be reached',
};

export function describeProxyFailure(code: string | undefined): string {
  return (code && PROXY_FAILURES[code]) ?? 'fails';
}

const SOURCE_NAMES: Record<string, string> = {
  env: 'the proxy environment variables',
  gsettings: "GNOME's network proxy settings",
  scutil: "macOS's network proxy settings",
  registry: "Windows' proxy settings",
  electron: "the browser's proxy settings",
};

// ---------- proxy ----------

interface ProxyProbe {
  id: string;
  url: string;
  server: ProxyServer;
  through: TargetProbeResult;
  direct: TargetProbeResult;
}

interface ProxyFinding {
  facts: ProxyFacts;
  evidence: Record<string, unknown>;
  level: 'pass' | 'warn' | 'fail';
  sentence: string;
}

async function checkProxy(context: CheckContext, deps: VpnProxyDeps): Promise<ProxyFinding> {
  const reading = await deps.readProxy(context);
  const targets = context.profile.targets;
  const decisions: { id: string; url: string; decision: ResolvedDecision }[] = await Promise.all(
    targets.map(async (t) => ({
      id: t.id,
      url: t.url,
      decision: await decideForUrlInSweep(context.signal, reading, t.url, {
        timeoutMs: remainingMs(context, TIMEOUTS.resolver),
        ...(deps.resolver !== undefined ? { resolver: deps.resolver } : {}),
      }),
    })),
  );
  const evidence: Record<string, unknown> = {
    ...describeProxyReading(reading),
    decisions: decisions.map(({ id, decision }) => ({
      id,
      route: decision.kind,
      decidedBy: decision.decidedBy,
      ...(decision.kind === 'proxy' ? { proxy: describeProxyServer(decision.server) } : {}),
      ...(decision.kind === 'direct' ? { reason: decision.reason } : {}),
    })),
  };
  const proxied = decisions.filter((d) => d.decision.kind === 'proxy');
  const scripted = decisions.filter((d) => d.decision.kind === 'script');
  if (proxied.length === 0 && scripted.length === 0) {
    return {
      facts: { inEffect: false, failsThroughProxy: false, worksDirect: false },
      evidence,
      level: 'pass',
      sentence: reading.effective && reading.effective.mode !== 'direct' ? `No proxy is used for ${context.profile.name}` : 'No proxy is set',
    };
  }
  const source = scripted.length > 0 && proxied.length === 0 ? 'pac' : (proxied[0] ?? scripted[0])!.decision.decidedBy;
  if (proxied.length === 0) {
    return {
      facts: { inEffect: true, source, failsThroughProxy: false, worksDirect: false },
      evidence,
      level: 'warn',
      sentence: `A proxy script (PAC) from ${SOURCE_NAMES[reading.effective?.source ?? 'env']} decides how ${context.profile.name} is reached; it could not be tested here. If the service fails, try with the proxy turned off`,
    };
  }

  const testable = proxied.filter((d) => d.decision.kind === 'proxy' && d.decision.server.scheme === 'http');
  const first = proxied[0]!.decision as Extract<ResolvedDecision, { kind: 'proxy' }>;
  const named = `${describeProxyServer(first.server)}, from ${SOURCE_NAMES[first.decidedBy]}`;
  if (testable.length === 0) {
    return {
      facts: { inEffect: true, source, failsThroughProxy: false, worksDirect: false },
      evidence,
      level: 'warn',
      sentence: `A ${first.server.scheme.toUpperCase()} proxy is in effect (${named}); only HTTP proxies can be tested here. If ${context.profile.name} fails, try with the proxy turned off`,
    };
  }

  const timeoutMs = Math.max(1, remainingMs(context, TIMEOUTS.probe));
  const base = { timeoutMs, signal: context.signal, ...(context.extraCa ? { ca: context.extraCa } : {}) };
  const probes: ProxyProbe[] = await Promise.all(
    testable.map(async (d) => {
      const server = (d.decision as Extract<ResolvedDecision, { kind: 'proxy' }>).server;
      const [through, direct] = await Promise.all([
        deps.probe(d.url, { ...base, proxy: { url: proxyServerUrl(server) } }),
        deps.probe(d.url, base),
      ]);
      return { id: d.id, url: d.url, server, through, direct };
    }),
  );
  evidence.probes = probes.map((p) => ({
    id: p.id,
    url: p.url,
    proxy: describeProxyServer(p.server),
    throughProxy: summarizeProbe(p.through),
    direct: summarizeProbe(p.direct),
  }));

  const failures = probes.map((p) => proxyFailure(p.through, p.direct));
  const failing = probes.filter((_p, i) => failures[i] !== undefined);
  const failsThroughProxy = failing.length > 0;
  const directOk = failsThroughProxy ? failing.every((p) => worksDirect(p.direct)) : probes.every((p) => worksDirect(p.direct));
  const failure = failures.find((f) => f !== undefined);
  const facts: ProxyFacts = {
    inEffect: true,
    source,
    failsThroughProxy,
    worksDirect: directOk,
    ...(failure ? { failure, ...(HUNG.has(failure) ? { hung: true } : {}) } : {}),
  };
  const host = siteName;

  if (failsThroughProxy && directOk) {
    const example = failing[0]!;
    return {
      facts,
      evidence,
      level: 'fail',
      sentence: `Your proxy (${named}) is what fails: it ${describeProxyFailure(proxyFailure(example.through, example.direct))} for ${host(example.url)}, while ${host(example.url)} works without it. Turn the proxy off or correct it, or ask your network administrator`,
    };
  }
  if (failsThroughProxy) {
    const example = failing[0]!;
    return {
      facts,
      evidence,
      level: 'warn',
      sentence: `Your proxy (${named}) ${describeProxyFailure(proxyFailure(example.through, example.direct))} for ${host(example.url)}, but ${host(example.url)} fails without the proxy too, so the proxy is not the only problem`,
    };
  }
  return {
    facts,
    evidence,
    level: 'pass',
    sentence: `A proxy is in effect (${named}) and it forwards requests to ${context.profile.name} normally`,
  };
}

function summarizeProbe(result: TargetProbeResult): Record<string, unknown> {
  return {
    failedLayer: result.failedLayer,
    ...(result.http?.status !== undefined ? { httpStatus: result.http.status } : {}),
    ...(result.proxy?.error ? { proxyError: result.proxy.error } : {}),
    ...(result.proxy?.status !== undefined ? { proxyStatus: result.proxy.status } : {}),
    ...(result.dns.error ? { dnsError: result.dns.error } : {}),
    ...(result.tcp?.error ? { tcpError: result.tcp.error } : {}),
    ...(result.tls?.error ? { tlsError: result.tls.error } : {}),
    totalMs: result.totalMs,
  };
}

// ---------- VPN ----------

const withArticle = (label: string): string => `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;

interface VpnFinding {
  facts: VpnFacts;
  evidence: Record<string, unknown>;
  level: 'pass' | 'warn';
  sentence: string;
}

/** The first reference resolver that is not on this machine (a loopback resolver says nothing about routes). */
function referenceResolverAddress(context: CheckContext): string | null {
  for (const entry of context.profile.referenceResolvers) {
    const parsed = parseResolverAddress(entry);
    if (parsed && !/^127\./.test(parsed.host) && parsed.host !== '::1') return parsed.host;
  }
  return null;
}

async function checkVpn(context: CheckContext, deps: VpnProxyDeps): Promise<VpnFinding> {
  const adapterReading = await deps.readAdapters(context);
  const adapters = adapterReading.adapters;
  const tunnels = adapters.filter((a) => a.kind === 'tunnel' && a.up);
  const firstHost = new URL(context.profile.targets[0]!.url).hostname.replace(/^\[|\]$/g, '');

  const [defaults, targetRoute] = await Promise.all([
    deps.readDefaultRoutes(context, remainingMs(context, TIMEOUTS.command)),
    (async (): Promise<{ address: string | null; reading?: RouteReading }> => {
      const resolved = isIP(firstHost) !== 0 ? firstHost : await deps.resolveAddress(firstHost, context, remainingMs(context, TIMEOUTS.resolve));
      // A name that does not resolve (often *because* of the VPN) still leaves a way to see where traffic goes: the
      // route to the reference resolvers, which are on the internet too. Reading a route sends no packet.
      const address = resolved ?? referenceResolverAddress(context);
      if (!address) return { address: null };
      return { address, reading: await deps.readRouteTo(address, context, remainingMs(context, TIMEOUTS.command)) };
    })(),
  ]);
  const defaultRoute = preferredRoute(defaults.routes);
  const toTarget = targetRoute.reading?.routes[0];
  const viaDefault = tunnelOfRoute(defaultRoute, adapters);
  const viaTarget = tunnelOfRoute(toTarget, adapters);
  const carrier = viaTarget ? toTarget : viaDefault ? defaultRoute : undefined;
  // A carrying interface the adapter list missed (no address reported) still counts.
  const tunnelNames = [...new Set([...tunnels.map((t) => t.name), ...(carrier?.interface ? [carrier.interface] : [])])];
  const facts: VpnFacts = { tunnelInterfaces: tunnelNames, carriesTraffic: Boolean(viaDefault ?? viaTarget) };

  const evidence: Record<string, unknown> = {
    tunnels: tunnels.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), kind: t.tunnel?.kind, matched: t.tunnel?.reason })),
    defaultRoute: defaultRoute ? { ...defaultRoute, viaTunnel: Boolean(viaDefault) } : { none: true, ...(defaults.error ? { error: defaults.error } : {}) },
    routeToTarget: targetRoute.address
      ? { host: isIP(firstHost) !== 0 || targetRoute.address !== referenceResolverAddress(context) ? firstHost : `${firstHost} (did not resolve; route to the reference resolver)`, address: targetRoute.address, ...(toTarget ? { ...toTarget, viaTunnel: Boolean(viaTarget) } : { error: targetRoute.reading?.error ?? 'no route' }) }
      : { host: firstHost, error: 'the name did not resolve, so only the default route was checked' },
  };

  const service = context.profile.name;
  if (facts.carriesTraffic) {
    const match = (viaTarget ?? viaDefault)!;
    const scope = viaTarget && !viaDefault ? `Your traffic to ${service}` : 'All your internet traffic';
    return {
      facts,
      evidence,
      level: 'warn',
      sentence: `${scope} goes through ${withArticle(tunnelLabel(match.kind))} connection (${carrier?.interface ?? 'a tunnel'}). If ${service} shows errors, disconnect the VPN and try again`,
    };
  }
  if (tunnels.length > 0) {
    return {
      facts,
      evidence,
      level: 'pass',
      sentence: `A VPN adapter exists (${tunnels.map((t) => t.name).join(', ')}), but traffic to ${service} does not go through it`,
    };
  }
  return { facts, evidence, level: 'pass', sentence: 'No VPN is active' };
}

// ---------- the check ----------

export function createVpnProxyCheck(overrides: Partial<VpnProxyDeps> = {}): CheckDefinition {
  const deps: VpnProxyDeps = { ...defaultVpnProxyDeps, ...overrides };
  return {
    id: 'vpn-proxy',
    step: 'vpn-proxy',
    title: 'VPN and proxy',
    run: (context) => runVpnProxy(context, deps),
  };
}

async function runVpnProxy(context: CheckContext, deps: VpnProxyDeps): Promise<CheckOutcome> {
  const [proxy, vpn] = await Promise.all([checkProxy(context, deps), checkVpn(context, deps)]);
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  const status = rank[proxy.level] >= rank[vpn.level] ? proxy.level : vpn.level;
  // The finding that matters most leads.
  const sentences = rank[vpn.level] > rank[proxy.level] ? [vpn.sentence, proxy.sentence] : [proxy.sentence, vpn.sentence];
  return {
    status,
    summary: `${sentences.join('. ')}.`,
    evidence: { proxy: proxy.evidence, vpn: vpn.evidence },
    facts: { proxy: proxy.facts, vpn: vpn.facts },
    environment: { proxy: proxy.evidence, vpn: vpn.evidence },
  };
}

export const vpnProxyCheck: CheckDefinition = createVpnProxyCheck();
