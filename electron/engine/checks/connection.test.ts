// The connection check against real loopback servers: the lab connectivity endpoint (every portal mode), a lab web
// server as the first target (latency), and a loopback "router". Adapters, routes and Wi-Fi come from captured
// fixtures (the real ones would name this machine's gateway, which tests must never contact).
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startConnectivityServer, type ConnectivityMode } from '../../../e2e/lab/connectivity-server.js';
import { startWebServer, type WebBehaviour } from '../../../e2e/lab/https-server.js';
import { ProfileSchema } from '../../common/spec.js';
import { classifyAdapters, type RawInterface } from '../../system/network/interfaces.js';
import { probeGateway } from '../../system/network/gateway-probe.js';
import type { Route } from '../../system/network/route.js';
import type { WifiInfo } from '../../system/network/wifi-types.js';
import type { CheckContext } from '../check.js';
import { connectionCheck, createConnectionCheck, latencyLevel, median, pickDefaultAdapter, type ConnectionDeps } from './connection.js';
import { closedPort } from '../../../e2e/lab/ports.js';
import { LAB_CA } from '../../../e2e/lab/certs/lab-certs.js';
import { startSlowLink } from '../../../e2e/lab/slow-link.js';
import { probeAllTargets, type RoutedProbe } from '../probe/sweep-probes.js';
import { probeTarget } from '../probe/target-probe.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

const siFixture = (name: string): RawInterface[] =>
  JSON.parse(readFileSync(new URL(`../../system/network/fixtures/${name}`, import.meta.url), 'utf8')) as RawInterface[];

async function portal(mode: ConnectivityMode) {
  const server = await startConnectivityServer(mode);
  cleanups.push(() => server.close());
  return server;
}

async function site(behaviour: WebBehaviour = { kind: 'status', status: 200 }) {
  const server = await startWebServer({ behaviour });
  cleanups.push(() => server.close());
  return server;
}

/** A loopback "router" that accepts connections on one port. */
async function router(): Promise<number> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

function context(connectivityCheck: string, target: string, deadlineInMs = 8000): CheckContext {
  return {
    profile: ProfileSchema.parse({ name: 'Lab Chat', targets: [{ id: 'app', url: target }], connectivityCheck }),
    signal: new AbortController().signal,
    deadline: Date.now() + deadlineInMs,
    extraCa: [LAB_CA],
  };
}

/** No proxy, whatever the machine has: an empty environment, no OS setting, no browser resolver. */
const NO_PROXY = { env: {}, platform: 'linux', resolver: null } as const;

interface World {
  adapters?: RawInterface[];
  routes?: Route[];
  wifi?: WifiInfo[];
  routerPort?: number;
  proxied?: boolean;
}

function deps(world: World): Partial<ConnectionDeps> & { wifiReads: number } {
  const state = { wifiReads: 0 };
  return Object.assign(state, {
    readAdapters: async () => ({ adapters: classifyAdapters(world.adapters ?? siFixture('si-linux.json')), durationMs: 120 }),
    readWifi: async () => {
      state.wifiReads += 1;
      return { networks: world.wifi ?? [], command: 'nmcli -t -f', durationMs: 5 };
    },
    readDefaultRoutes: async () => ({ routes: world.routes ?? [], command: 'ip -j -4', durationMs: 3 }),
    // The "router" is on loopback: the check's real gateway probe, pointed at the lab port.
    probeGateway: (address: string, options: { timeoutMs: number; signal: AbortSignal }) =>
      probeGateway(address, { ...options, ports: [world.routerPort ?? 9] }),
    probeTargets: async (context: CheckContext): Promise<RoutedProbe[]> => {
      if (!world.proxied) return probeAllTargets(context, NO_PROXY);
      // The browser goes through an HTTP proxy: the probe's TCP connect times the way to the proxy, not the network.
      const target = context.profile.targets[0]!;
      const result = await probeTarget(target.url, { timeoutMs: 1000, ca: [LAB_CA] });
      const proxy = { url: 'http://127.0.0.1:3128' };
      const server = { scheme: 'http', host: '127.0.0.1', port: 3128 } as const;
      return [{ id: target.id, url: target.url, route: { decision: { kind: 'proxy' as const, server, decidedBy: 'env' as const }, proxy }, result: { ...result, proxy } }];
    },
  });
}

const WIFI_ROUTE: Route = { destination: 'default', gateway: '127.0.0.1', interface: 'wlp0s20f3', metric: 600 };
const CABLE: RawInterface[] = [
  { iface: 'lo', internal: true, operstate: 'unknown', ip4: '127.0.0.1' },
  { iface: 'eth0', default: true, operstate: 'up', type: 'wired', ip4: '192.0.2.2' },
];
const CABLE_ROUTE: Route = { destination: 'default', gateway: '127.0.0.1', interface: 'eth0' };

describe('pure parts', () => {
  it('median of samples', () => {
    expect(median([300, 100, 200])).toBe(200);
    expect(median([100, 300])).toBe(200);
    expect(median([])).toBeUndefined();
  });

  it("ChromeOS's latency thresholds", () => {
    expect(latencyLevel(500)).toBe('ok');
    expect(latencyLevel(501)).toBe('slow');
    expect(latencyLevel(1000)).toBe('slow');
    expect(latencyLevel(1001)).toBe('very-slow');
  });

  it('the default adapter follows the route, else systeminformation', () => {
    const adapters = classifyAdapters(siFixture('si-windows.json'));
    expect(pickDefaultAdapter(adapters, { destination: '0.0.0.0/0', interface: 'WLAN' })?.name).toBe('WLAN');
    expect(pickDefaultAdapter(adapters, { destination: '0.0.0.0/0', source: '192.168.1.23' })?.name).toBe('Ethernet');
    expect(pickDefaultAdapter(adapters, undefined)?.name).toBe('Ethernet 3');
  });

  it('is the connection step', () => {
    expect(connectionCheck).toMatchObject({ id: 'connection', step: 'connection', title: 'Internet connection' });
  });
});

describe('connection check (loopback lab)', () => {
  it('open network on a cable: pass, facts say answered and no portal', async () => {
    const [check, app, routerPort] = [await portal('204'), await site(), await router()];
    const world = deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort });
    const outcome = await createConnectionCheck(world).run(context(check.url, app.url));
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.connectivity).toMatchObject({ answered: true, portal: false, httpStatus: 204, latency: 'ok' });
    expect(outcome.facts?.connectivity?.networkRttMs).toBeGreaterThanOrEqual(0);
    expect(outcome.facts?.connectivity?.connectionSetupMs).toBeGreaterThanOrEqual(0);
    expect(outcome.summary).toMatch(/^You're connected by cable \(Ethernet, eth0\) and the internet answers normally \(\d+ ms to 127\.0\.0\.1:\d+\)\.$/);
    expect(outcome.evidence.latency).toMatchObject({ rttSamplesMs: [expect.any(Number)], setupSamplesMs: [expect.any(Number)] });
    // Timed on the sweep's own probe of the target: one request, not three.
    expect(app.requests).toBe(1);
    expect(outcome.evidence.gateway).toMatchObject({ address: '127.0.0.1', answering: true });
    expect(world.wifiReads).toBe(0);
  });

  for (const [mode, reason] of [
    ['302-login', /^302 redirect to http:\/\/127\.0\.0\.1:\d+\/login/],
    ['511', /^511/],
    ['200-page', /^200 with a page/],
  ] as const) {
    it(`captive portal (${mode}): fail, with the sign-in advice first`, async () => {
      const [check, app] = [await portal(mode), await site()];
      const outcome = await createConnectionCheck(deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort: await router() })).run(
        context(check.url, app.url),
      );
      expect(outcome.status).toBe('fail');
      expect(outcome.facts?.connectivity).toMatchObject({ answered: true, portal: true });
      // Where the person signs in: the portal's redirect target, else the intercepted address itself.
      expect(outcome.facts?.connectivity?.portalUrl).toBe(mode === '302-login' ? `${check.loginUrl}?continue=${encodeURIComponent(check.url)}` : check.url);
      expect(outcome.summary).toContain('This network is showing a sign-in page (a captive portal');
      expect((outcome.evidence.connectivityCheck as { reason: string }).reason).toMatch(reason);
    });
  }

  it('200 with an empty body counts as open', async () => {
    const [check, app] = [await portal('200-empty'), await site()];
    const outcome = await createConnectionCheck(deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort: await router() })).run(context(check.url, app.url));
    expect(outcome.facts?.connectivity).toMatchObject({ answered: true, portal: false, httpStatus: 200 });
  });

  it('weak Wi-Fi: warn and recommend a cable', async () => {
    const [check, app] = [await portal('204'), await site()];
    const world = deps({ routes: [WIFI_ROUTE], routerPort: await router(), wifi: [{ interface: 'wlp0s20f3', ssid: 'HomeNet', signalPercent: 22, security: 'WPA2', insecure: false }] });
    const outcome = await createConnectionCheck(world).run(context(check.url, app.url));
    expect(world.wifiReads).toBe(1);
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toMatch(/^Your Wi-Fi signal is weak \(22 %\)\. If you can, plug in an Ethernet cable or move closer to the router/);
    expect(outcome.evidence.wifi).toMatchObject({ ssid: 'HomeNet', signalPercent: 22 });
  });

  it('good but open Wi-Fi: warn about encryption', async () => {
    const [check, app] = [await portal('204'), await site()];
    const outcome = await createConnectionCheck(
      deps({ routes: [WIFI_ROUTE], routerPort: await router(), wifi: [{ interface: 'wlp0s20f3', ssid: 'Cafe', signalPercent: 80, security: 'Open', insecure: true }] }),
    ).run(context(check.url, app.url));
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toMatch(/^You're on Wi-Fi \(“Cafe”, signal 80 %\) and the internet answers normally .*not securely encrypted/);
  });

  it('a slow server is not a slow network: its answer time is not the latency', async () => {
    const check = await portal('204');
    const slow = await site({ kind: 'handler', handle: (_req, res) => setTimeout(() => res.writeHead(200).end('ok'), 700) });
    const outcome = await createConnectionCheck(deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort: await router() })).run(context(check.url, slow.url));
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.connectivity?.latency).toBe('ok');
    expect(outcome.facts?.connectivity?.connectionSetupMs).toBeLessThan(500);
    expect(outcome.summary).not.toContain('slow');
  });

  it('a slow link (TLS round trips of 600 ms): warn, with the set-up time as the latency', async () => {
    const check = await portal('204');
    const server = await startWebServer({ tls: 'leaf', behaviour: { kind: 'status', status: 200 } });
    cleanups.push(() => server.close());
    const link = await startSlowLink({ host: '127.0.0.1', port: server.port }, 300);
    cleanups.push(() => link.close());
    const outcome = await createConnectionCheck(deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort: await router() })).run(
      context(check.url, `https://127.0.0.1:${link.port}/`),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.facts?.connectivity?.latency).toBe('slow');
    expect(outcome.facts?.connectivity?.connectionSetupMs).toBeGreaterThan(500);
    expect(outcome.summary).toMatch(/is slow \(\d+ ms to connect; under 500 ms is normal\)/);
  }, 15_000);

  it('nothing answers and there is no route: fail within the deadline', async () => {
    const check = await portal('hang');
    const target = `http://127.0.0.1:${await closedPort()}/`;
    const started = Date.now();
    const outcome = await createConnectionCheck(deps({ adapters: [CABLE[0]!], routes: [] })).run(context(check.url, target, 1500));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.connectivity).toEqual({ answered: false, portal: false });
    expect(outcome.summary).toContain("This computer has no route to the internet");
    expect(outcome.evidence.connectivityCheck).toMatchObject({ error: 'ETIMEDOUT' });
    expect(outcome.evidence.latency).toMatchObject({ rttSamplesMs: [], errors: ['ECONNREFUSED'] });
  });

  it('the connectivity check blocked but the service completes TCP and TLS (certificate rejected): not "no internet"', async () => {
    const check = await portal('hang');
    const intercepted = await startWebServer({ tls: 'untrusted', behaviour: { kind: 'status', status: 200 } });
    cleanups.push(() => intercepted.close());
    const outcome = await createConnectionCheck(deps({ adapters: [CABLE[0]!], routes: [] })).run(context(check.url, intercepted.url, 1500));
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).not.toContain('no route to the internet');
    expect(outcome.summary).toContain('the service itself answered');
  });

  it('router silent and nothing answers: fail, advise restarting the router', async () => {
    const check = await portal('hang');
    const target = `http://127.0.0.1:${await closedPort()}/`;
    // A gateway probe that gets no answer (as a router that is off would).
    const silentRouter = async (address: string) => ({
      address,
      answering: false,
      attempts: [{ port: 53, outcome: 'no-answer' as const, detail: 'ETIMEDOUT', durationMs: 1500 }],
      durationMs: 1500,
    });
    const outcome = await createConnectionCheck({ ...deps({ adapters: CABLE, routes: [CABLE_ROUTE] }), probeGateway: silentRouter }).run(
      context(check.url, target, 1200),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toMatch(/^You're connected by cable \(Ethernet, eth0\)\. Your router \(127\.0\.0\.1\) does not answer/);
  });

  it('connectivity check blocked but the service answers: only a warning', async () => {
    const app = await site();
    const check = `http://127.0.0.1:${await closedPort()}/generate_204`;
    const outcome = await createConnectionCheck(deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort: await router() })).run(context(check, app.url));
    expect(outcome.status).toBe('warn');
    expect(outcome.facts?.connectivity).toMatchObject({ answered: false, portal: false });
  });

  it('through a proxy, latency is left to the proxy check', async () => {
    const [check, app] = [await portal('204'), await site()];
    const outcome = await createConnectionCheck(deps({ adapters: CABLE, routes: [CABLE_ROUTE], routerPort: await router(), proxied: true })).run(
      context(check.url, app.url),
    );
    expect(outcome.evidence.latency).toMatchObject({ rttSamplesMs: [], skipped: expect.stringContaining('proxy') });
    expect(outcome.facts?.connectivity?.networkRttMs).toBeUndefined();
    expect(outcome.status).toBe('pass');
  });
});
