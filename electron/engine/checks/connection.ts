// The `connection` check: how this computer is connected (Ethernet, Wi-Fi and its signal, VPN), whether the
// router answers, whether the network intercepts traffic (captive portal, Chrome's rules), and how fast the network
// is where the network is: the round trips of the sweep's own target probes (TCP connect, TLS handshake), never the
// whole request, so a slow server does not read as a slow network (ChromeOS's thresholds, 500 / 1000 ms, applied to
// the connection set-up).
import type { CheckContext, CheckDefinition, CheckOutcome } from '../check.js';
import { remainingMs } from '../check.js';
import { portalSignInAddress } from '../../common/external-links.js';
import type { ConnectivityFacts } from '../../common/facts.js';
import { httpGet, HttpGetError } from '../net/http-get.js';
import { probeAllTargets, type RoutedProbe } from '../probe/sweep-probes.js';
import { classifyConnectivity, type ConnectivityClassification } from '../../system/network/captive-portal.js';
import { probeGateway, type GatewayProbeResult } from '../../system/network/gateway-probe.js';
import { describeAdapters, readAdaptersWithin, type Adapter, type AdapterReading } from '../../system/network/interfaces.js';
import { preferredRoute, type Route } from '../../system/network/route.js';
import { readDefaultRoutesForSweep, type RouteReading } from '../../system/network/routes.js';
import { readWifi, type WifiInfo, type WifiReading } from '../../system/network/wifi.js';
import { tunnelLabel } from '../../system/network/tunnels.js';

/** ChromeOS network diagnostics' thresholds. */
export const WEAK_SIGNAL_PERCENT = 30;
export const LATENCY_WARN_MS = 500;
export const LATENCY_FAIL_MS = 1000;

const TIMEOUTS = { adapters: 4_000, connectivity: 4_000, gateway: 1_500, command: 3_000, wifi: 4_000 };

export interface ConnectionDeps {
  readAdapters(context: CheckContext): Promise<AdapterReading>;
  readWifi(context: CheckContext, timeoutMs: number): Promise<WifiReading>;
  readDefaultRoutes(context: CheckContext, timeoutMs: number): Promise<RouteReading>;
  probeGateway(address: string, options: { timeoutMs: number; signal: AbortSignal; scope?: string }): Promise<GatewayProbeResult>;
  /** The sweep's probes of the targets (shared with the targets and retry checks): their round trips are timed. */
  probeTargets(context: CheckContext): Promise<RoutedProbe[]>;
}

export const defaultConnectionDeps: ConnectionDeps = {
  readAdapters: (context) => readAdaptersWithin(context.signal, remainingMs(context, TIMEOUTS.adapters)),
  readWifi: (context, timeoutMs) => readWifi({ timeoutMs, signal: context.signal }),
  readDefaultRoutes: (context, timeoutMs) => readDefaultRoutesForSweep(context.signal, { timeoutMs, signal: context.signal }),
  probeGateway: (address, options) => probeGateway(address, options),
  probeTargets: (context) => probeAllTargets(context),
};

// ---------- pure parts ----------

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export type LatencyLevel = 'ok' | 'slow' | 'very-slow';

export function latencyLevel(medianMs: number): LatencyLevel {
  if (medianMs > LATENCY_FAIL_MS) return 'very-slow';
  if (medianMs > LATENCY_WARN_MS) return 'slow';
  return 'ok';
}

/** The adapter carrying the default route: the route's interface, else systeminformation's default flag. */
export function pickDefaultAdapter(adapters: readonly Adapter[], route: Route | undefined): Adapter | undefined {
  const byRoute = route?.interface
    ? adapters.find((a) => a.name === route.interface) ?? (route.source ? adapters.find((a) => a.ip4 === route.source) : undefined)
    : route?.source
      ? adapters.find((a) => a.ip4 === route.source)
      : undefined;
  return byRoute ?? adapters.find((a) => a.isDefault && a.kind !== 'loopback');
}

// ---------- probes ----------

interface ConnectivityProbe {
  url: string;
  durationMs: number;
  httpStatus?: number;
  classification?: ConnectivityClassification;
  error?: string;
}

async function probeConnectivity(context: CheckContext): Promise<ConnectivityProbe> {
  const url = context.profile.connectivityCheck;
  try {
    // http-get never follows redirects: a portal's 302 is seen as such.
    const response = await httpGet(url, { timeoutMs: remainingMs(context, TIMEOUTS.connectivity), signal: context.signal, maxBodyBytes: 64 * 1024 });
    return { url, durationMs: response.durationMs, httpStatus: response.status, classification: classifyConnectivity(response) };
  } catch (error) {
    const failure = error as HttpGetError;
    return { url, durationMs: failure.durationMs ?? 0, error: failure.code ?? failure.message };
  }
}

export interface LatencyReading {
  /** TCP connect times of the direct probes: one network round trip each. */
  rttSamplesMs: number[];
  /** TCP connect + TLS handshake (https) of the direct probes: the connection set-up a page waits for. */
  setupSamplesMs: number[];
  networkRttMs?: number;
  connectionSetupMs?: number;
  /** Where the set-up was timed, for sentences: the first target's host. */
  host?: string;
  /** Some target answered (a TCP connection completed, directly or through the proxy): something beyond this
   * machine answers, even when its certificate or HTTP answer is wrong. */
  serviceAnswered: boolean;
  errors: string[];
  skipped?: string;
}

/** Pure: the network's latency from the round trips the target probes made (direct connections only: through a
 * proxy, the connect times measure the way to the proxy). */
export function latencyFromProbes(probes: readonly RoutedProbe[]): LatencyReading {
  const direct = probes.filter((p) => !p.route.proxy && !p.result.proxy);
  const connected = direct.filter((p) => p.result.tcp?.ok);
  const rttSamplesMs = connected.map((p) => p.result.tcp!.durationMs);
  const setupSamplesMs = connected
    .filter((p) => !p.url.startsWith('https:') || p.result.tls?.ok)
    .map((p) => p.result.tcp!.durationMs + (p.result.tls?.ok ? p.result.tls.durationMs : 0));
  const networkRttMs = median(rttSamplesMs);
  const connectionSetupMs = median(setupSamplesMs);
  const errors = direct
    .filter((p) => !p.result.tcp?.ok)
    .map((p) => p.result.tcp?.error ?? p.result.dns.error ?? 'ENOCONNECT');
  const host = connected[0] ? new URL(connected[0].url).host : undefined;
  return {
    rttSamplesMs,
    setupSamplesMs,
    ...(networkRttMs !== undefined ? { networkRttMs } : {}),
    ...(connectionSetupMs !== undefined ? { connectionSetupMs } : {}),
    ...(host ? { host } : {}),
    serviceAnswered: probes.some((p) => p.result.tcp?.ok === true),
    errors,
    ...(direct.length === 0 && probes.length > 0 ? { skipped: 'the service is reached through a proxy (see the VPN and proxy check)' } : {}),
  };
}

interface GatewayFinding {
  routes: RouteReading;
  route?: Route;
  probe?: GatewayProbeResult;
}

async function checkGateway(context: CheckContext, deps: ConnectionDeps): Promise<GatewayFinding> {
  const routes = await deps.readDefaultRoutes(context, remainingMs(context, TIMEOUTS.command));
  const route = preferredRoute(routes.routes);
  if (!route?.gateway) return { routes, ...(route ? { route } : {}) };
  const probe = await deps.probeGateway(route.gateway, {
    timeoutMs: remainingMs(context, TIMEOUTS.gateway),
    signal: context.signal,
    ...(route.interface ? { scope: route.interface } : {}),
  });
  return { routes, route, probe };
}

// ---------- the check ----------

const STATUS_RANK = { pass: 0, skip: 0, warn: 1, error: 2, fail: 3 } as const;
type Level = 'pass' | 'warn' | 'fail';
const worse = (a: Level, b: Level): Level => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a);

function wifiFor(adapter: Adapter | undefined, wifi: WifiReading | null): WifiInfo | undefined {
  if (!wifi || wifi.networks.length === 0) return undefined;
  return wifi.networks.find((n) => n.interface === adapter?.name) ?? wifi.networks[0];
}

function describeLink(adapter: Adapter | undefined, wifi: WifiInfo | undefined): string {
  // No adapter identified (none up besides loopback, or the adapter list could not be read): say only that, since
  // whether the internet answers is told by the sentence that follows.
  if (!adapter) return 'The network adapter in use could not be identified';
  if (adapter.kind === 'wireless') {
    const parts = [
      ...(wifi?.ssid ? [`“${wifi.ssid}”`] : []),
      ...(wifi?.signalPercent !== undefined ? [`signal ${wifi.signalPercent} %`] : []),
    ];
    return `You're on Wi-Fi${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  }
  if (adapter.kind === 'tunnel') return `Your connection goes through a ${tunnelLabel(adapter.tunnel!.kind)} tunnel (${adapter.name})`;
  if (adapter.kind === 'wired') return `You're connected by cable (Ethernet, ${adapter.name})`;
  return `You're connected through ${adapter.name}`;
}

export function createConnectionCheck(overrides: Partial<ConnectionDeps> = {}): CheckDefinition {
  const deps: ConnectionDeps = { ...defaultConnectionDeps, ...overrides };
  return {
    id: 'connection',
    step: 'connection',
    title: 'Internet connection',
    run: (context) => runConnection(context, deps),
  };
}

async function runConnection(context: CheckContext, deps: ConnectionDeps): Promise<CheckOutcome> {
  // The adapter list is read in a worker thread (it never blocks the timings measured here), so everything starts
  // at once; only the Wi-Fi reading waits for it, to know whether there is a wireless adapter at all.
  const adapters = deps.readAdapters(context);

  const [adapterReading, gateway, connectivity, wifiReading, latency] = await Promise.all([
    adapters,
    checkGateway(context, deps),
    probeConnectivity(context),
    adapters.then((reading) =>
      reading.adapters.some((a) => a.kind === 'wireless' && a.up) ? deps.readWifi(context, remainingMs(context, TIMEOUTS.wifi)) : null,
    ),
    deps.probeTargets(context).then(latencyFromProbes, (error: unknown): LatencyReading => ({
      rttSamplesMs: [],
      setupSamplesMs: [],
      serviceAnswered: false,
      errors: [(error as Error).message],
    })),
  ]);

  const defaultAdapter = pickDefaultAdapter(adapterReading.adapters, gateway.route);
  const wifi = defaultAdapter?.kind === 'wireless' ? wifiFor(defaultAdapter, wifiReading) : undefined;

  const verdict = connectivity.classification?.verdict;
  const signIn = verdict === 'portal' ? portalSignInAddress(connectivity.url, connectivity.classification?.location) : null;
  const slow = latency.connectionSetupMs !== undefined ? latencyLevel(latency.connectionSetupMs) : undefined;
  const facts: ConnectivityFacts = {
    answered: connectivity.httpStatus !== undefined,
    portal: verdict === 'portal',
    ...(connectivity.httpStatus !== undefined ? { httpStatus: connectivity.httpStatus } : {}),
    ...(signIn ? { portalUrl: signIn } : {}),
    ...(latency.networkRttMs !== undefined ? { networkRttMs: latency.networkRttMs } : {}),
    ...(latency.connectionSetupMs !== undefined ? { connectionSetupMs: latency.connectionSetupMs } : {}),
    ...(slow ? { latency: slow } : {}),
  };

  let level: Level = 'pass';
  const problems: string[] = [];
  const notes: string[] = [];

  // Captive portal: the clearest finding, so it leads.
  if (verdict === 'portal') {
    level = 'fail';
    problems.push(
      "This network is showing a sign-in page (a captive portal, as in hotels, airports and cafés). Open any website in your browser, sign in or accept the network's terms, then try again",
    );
  }

  const noRoute = !gateway.route;
  const routerSilent = gateway.probe !== undefined && !gateway.probe.answering;
  const serviceAnswered = latency.serviceAnswered;
  if (!facts.answered) {
    if (noRoute && !serviceAnswered) {
      level = worse(level, 'fail');
      problems.push("This computer has no route to the internet: it isn't connected to a network. Connect to Wi-Fi or plug in a cable");
    } else if (routerSilent && !serviceAnswered) {
      level = worse(level, 'fail');
      problems.push(
        `Your router (${gateway.route!.gateway}) does not answer and the internet cannot be reached. Restart the router (unplug it for 30 seconds) and check the cable or Wi-Fi`,
      );
    } else if (!serviceAnswered) {
      level = worse(level, 'fail');
      problems.push('The internet does not answer from this computer, although the local network is up. Restart your router, or ask your network administrator');
    } else {
      level = worse(level, 'warn');
      notes.push("The internet connectivity check got no answer (it may be blocked on this network), but the service itself answered");
    }
  } else if (verdict === 'unexpected') {
    level = worse(level, 'warn');
    notes.push(`The internet connectivity check got an unexpected answer (HTTP ${connectivity.httpStatus}): something on this network filters web traffic`);
  }

  if (wifi?.signalPercent !== undefined && wifi.signalPercent < WEAK_SIGNAL_PERCENT) {
    level = worse(level, 'warn');
    problems.push(
      `Your Wi-Fi signal is weak (${wifi.signalPercent} %). If you can, plug in an Ethernet cable or move closer to the router: weak Wi-Fi drops connections and pages fail to load`,
    );
  }
  if (wifi?.insecure) {
    level = worse(level, 'warn');
    notes.push(`This Wi-Fi network is not securely encrypted (${wifi.security ?? 'open'}): others nearby could see or tamper with the traffic`);
  }

  if (latency.connectionSetupMs !== undefined && slow !== 'ok') {
    const host = latency.host ?? new URL(context.profile.targets[0]!.url).host;
    if (slow === 'very-slow') {
      level = worse(level, 'fail');
      problems.push(`Reaching ${host} is very slow (${latency.connectionSetupMs} ms to connect, more than ${LATENCY_FAIL_MS} ms): the connection is overloaded or poor. Close downloads and streams, or use a cable`);
    } else if (slow === 'slow') {
      level = worse(level, 'warn');
      notes.push(`Reaching ${host} is slow (${latency.connectionSetupMs} ms to connect; under ${LATENCY_WARN_MS} ms is normal)`);
    }
  }

  const link = describeLink(defaultAdapter, wifi);
  let summary: string;
  if (problems.length > 0) {
    summary = `${problems.join('. ')}.${notes.length > 0 ? ` ${notes.join('. ')}.` : ''}`;
    if (!problems[0]!.startsWith('Your Wi-Fi signal')) summary = `${link}. ${summary}`;
  } else {
    const healthy =
      verdict === 'open'
        ? ` and the internet answers normally${latency.connectionSetupMs !== undefined ? ` (${latency.connectionSetupMs} ms to ${latency.host})` : ''}`
        : '';
    summary = `${link}${healthy}.${notes.length > 0 ? ` ${notes.join('. ')}.` : ''}`;
  }

  const evidence: Record<string, unknown> = {
    adapters: describeAdapters(adapterReading.adapters),
    adapterScanMs: adapterReading.durationMs,
    ...(adapterReading.error ? { adapterError: adapterReading.error } : {}),
    ...(defaultAdapter ? { defaultInterface: { name: defaultAdapter.name, kind: defaultAdapter.kind } } : {}),
    ...(wifi ? { wifi } : wifiReading?.error ? { wifiError: wifiReading.error } : {}),
    defaultRoute: gateway.route
      ? { ...gateway.route, command: gateway.routes.command }
      : { none: true, command: gateway.routes.command, ...(gateway.routes.error ? { error: gateway.routes.error } : {}) },
    ...(gateway.probe
      ? { gateway: { address: gateway.probe.address, answering: gateway.probe.answering, attempts: gateway.probe.attempts } }
      : {}),
    connectivityCheck: {
      url: connectivity.url,
      durationMs: connectivity.durationMs,
      ...(connectivity.httpStatus !== undefined ? { httpStatus: connectivity.httpStatus } : {}),
      ...(connectivity.classification ? { verdict: connectivity.classification.verdict, reason: connectivity.classification.reason } : {}),
      ...(connectivity.classification?.location ? { location: connectivity.classification.location } : {}),
      ...(connectivity.error ? { error: connectivity.error } : {}),
    },
    latency: {
      measuredOn: "the TCP connects and TLS handshakes of the target probes (the network's round trips, not the server's answer time)",
      rttSamplesMs: latency.rttSamplesMs,
      setupSamplesMs: latency.setupSamplesMs,
      ...(latency.networkRttMs !== undefined ? { networkRttMs: latency.networkRttMs } : {}),
      ...(latency.connectionSetupMs !== undefined ? { connectionSetupMs: latency.connectionSetupMs } : {}),
      ...(latency.errors.length > 0 ? { errors: latency.errors } : {}),
      ...(latency.skipped ? { skipped: latency.skipped } : {}),
      thresholdsMs: { warn: LATENCY_WARN_MS, fail: LATENCY_FAIL_MS },
    },
  };
  return {
    status: level,
    summary,
    evidence,
    facts: { connectivity: facts },
    environment: { adapters: evidence.adapters as Record<string, unknown>[] },
  };
}

export const connectionCheck: CheckDefinition = createConnectionCheck();
