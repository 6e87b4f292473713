// The vpn-proxy check. Proxy: real lab proxy and web servers on loopback, the proxy taken from environment
// variables exactly as the CLI reads them (NO_PROXY=<-loopback> lets loopback targets go through it, as in
// Chromium). VPN: captured adapter lists and routes (the real ones are exercised in vpn-proxy.netns.test.ts).
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_CA } from '../../../e2e/lab/certs/lab-certs.js';
import { startWebServer, type WebBehaviour } from '../../../e2e/lab/https-server.js';
import { startProxyServer, type ProxyMode } from '../../../e2e/lab/proxy-server.js';
import { ProfileSchema } from '../../common/spec.js';
import { classifyAdapters, type RawInterface } from '../../system/network/interfaces.js';
import type { Route } from '../../system/network/route.js';
import { readProxySettings } from '../../system/proxy/system-proxy.js';
import type { CheckContext } from '../check.js';
import type { TargetProbeResult } from '../probe/types.js';
import { defaultConnectionDeps } from './connection.js';
import { createVpnProxyCheck, defaultVpnProxyDeps, describeProxyFailure, failedAtProxy, proxyFailure, tunnelOfRoute, vpnProxyCheck, worksDirect, type VpnProxyDeps } from './vpn-proxy.js';
import { closedPort } from '../../../e2e/lab/ports.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

const siFixture = (name: string): RawInterface[] =>
  JSON.parse(readFileSync(new URL(`../../system/network/fixtures/${name}`, import.meta.url), 'utf8')) as RawInterface[];

async function site(behaviour: WebBehaviour = { kind: 'status', status: 200 }, tls: 'leaf' | false = false) {
  const server = await startWebServer({ behaviour, tls });
  cleanups.push(() => server.close());
  return server;
}

async function labProxy(mode: ProxyMode) {
  const server = await startProxyServer({ mode });
  cleanups.push(() => server.close());
  return server;
}

function context(targets: string[], deadlineInMs = 8000): CheckContext {
  return {
    profile: ProfileSchema.parse({ name: 'Lab Chat', targets: targets.map((url, i) => ({ id: `t${i}`, url })) }),
    signal: new AbortController().signal,
    deadline: Date.now() + deadlineInMs,
    extraCa: [LAB_CA],
  };
}

interface World {
  env?: Record<string, string>;
  adapters?: RawInterface[];
  defaults?: Route[];
  toTarget?: Route[];
  resolver?: VpnProxyDeps['resolver'];
}

const LAN: RawInterface[] = [
  { iface: 'lo', internal: true, operstate: 'unknown', ip4: '127.0.0.1' },
  { iface: 'eth0', default: true, operstate: 'up', type: 'wired', ip4: '192.0.2.2' },
];

function deps(world: World): Partial<VpnProxyDeps> {
  return {
    readProxy: () => readProxySettings({ env: world.env ?? {}, platform: 'linux', timeoutMs: 1000 }),
    resolver: world.resolver ?? null,
    readAdapters: async () => ({ adapters: classifyAdapters(world.adapters ?? LAN), durationMs: 100 }),
    readDefaultRoutes: async () => ({ routes: world.defaults ?? [{ destination: 'default', gateway: '192.0.2.1', interface: 'eth0' }], command: 'ip -j -4', durationMs: 2 }),
    readRouteTo: async (address) => ({
      routes: world.toTarget ?? [{ destination: address, gateway: '192.0.2.1', interface: 'eth0' }],
      command: 'ip -j -4',
      durationMs: 2,
    }),
  };
}

describe('pure parts', () => {
  const result = (over: Partial<TargetProbeResult>): TargetProbeResult => ({
    url: 'https://x/',
    failedLayer: null,
    dns: { ok: true, durationMs: 0, addresses: [] },
    totalMs: 1,
    ...over,
  });

  it('tells the proxy failing from the target failing', () => {
    expect(failedAtProxy(result({ failedLayer: 'tcp', proxy: { url: 'http://p:1', error: 'PROXY_AUTH_REQUIRED', status: 407 } }))).toBe(true);
    expect(failedAtProxy(result({ failedLayer: null, http: { ok: true, durationMs: 1, status: 502 }, proxy: { url: 'http://p:1', status: 200 } }))).toBe(false);
    // A tunnel that passes nothing back is the proxy's failure only when the same handshake works directly.
    const silentTunnel = result({ failedLayer: 'tls', tls: { ok: false, durationMs: 1, authorized: false, error: 'ETIMEDOUT' }, proxy: { url: 'http://p:1', status: 200 } });
    const handshakes = result({ http: { ok: true, durationMs: 1, status: 200 }, tls: { ok: true, durationMs: 1, authorized: true } });
    expect(proxyFailure(silentTunnel, handshakes)).toBe('PROXY_TUNNEL_SILENT');
    expect(proxyFailure(silentTunnel, result({ failedLayer: 'tls', tls: { ok: false, durationMs: 1, authorized: false, error: 'ETIMEDOUT' } }))).toBeUndefined();
    // A certificate the proxy substitutes is interception, not a hung proxy.
    const intercepted = result({ failedLayer: 'tls', tls: { ok: false, durationMs: 1, authorized: false, problem: 'unknown-issuer', error: 'SELF_SIGNED_CERT_IN_CHAIN' }, proxy: { url: 'http://p:1', status: 200 } });
    expect(proxyFailure(intercepted, handshakes)).toBeUndefined();
    expect(worksDirect(result({ http: { ok: true, durationMs: 1, status: 403 } }))).toBe(true);
    expect(worksDirect(result({ http: { ok: true, durationMs: 1, status: 502 } }))).toBe(false);
    expect(worksDirect(result({ failedLayer: 'tls' }))).toBe(false);
    expect(describeProxyFailure('PROXY_AUTH_REQUIRED')).toContain('407');
    // An unknown code stays in the evidence, not in the sentence.
    expect(describeProxyFailure('EWEIRD')).toBe('fails');
  });

  it('finds the tunnel a route leaves through, by name, alias or local address', () => {
    const linux = classifyAdapters(siFixture('si-linux.json'));
    expect(tunnelOfRoute({ destination: '104.18.32.47', interface: 'wg0' }, linux)?.kind).toBe('wireguard');
    expect(tunnelOfRoute({ destination: 'default', interface: 'wlp0s20f3' }, linux)).toBeNull();
    const windows = classifyAdapters(siFixture('si-windows.json'));
    expect(tunnelOfRoute({ destination: '0.0.0.0/1', interface: 'Ethernet 3' }, windows)?.kind).toBe('openvpn');
    expect(tunnelOfRoute({ destination: '0.0.0.0/0', source: '100.64.0.7' }, windows)?.kind).toBe('wireguard');
    // An interface the adapter list missed is still judged by its name.
    expect(tunnelOfRoute({ destination: 'default', interface: 'ppp0' }, [])?.kind).toBe('ppp');
  });

  it('is the vpn-proxy step', () => {
    expect(vpnProxyCheck).toMatchObject({ id: 'vpn-proxy', step: 'vpn-proxy' });
  });
});

describe('proxy (real lab proxy on loopback)', () => {
  it('no proxy set: pass, not in effect', async () => {
    const app = await site();
    const outcome = await createVpnProxyCheck(deps({})).run(context([app.url]));
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.proxy).toEqual({ inEffect: false, failsThroughProxy: false, worksDirect: false });
    expect(outcome.summary).toBe('No proxy is set. No VPN is active.');
  });

  it('Chromium never proxies loopback unless told: the lab proxy is not used without <-loopback>', async () => {
    const [app, proxy] = [await site(), await labProxy('works')];
    const outcome = await createVpnProxyCheck(deps({ env: { http_proxy: proxy.url } })).run(context([app.url]));
    expect(outcome.facts?.proxy?.inEffect).toBe(false);
    expect(proxy.requests).toEqual([]);
  });

  it('a working proxy: pass, probed through it and directly', async () => {
    const [app, proxy] = [await site(), await labProxy('works')];
    const outcome = await createVpnProxyCheck(deps({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '<-loopback>' } })).run(context([app.url]));
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.proxy).toEqual({ inEffect: true, source: 'env', failsThroughProxy: false, worksDirect: true });
    expect(proxy.requests).toEqual([`GET ${app.url}`]);
    expect(app.requests).toBe(2);
    expect(outcome.summary).toContain(`A proxy is in effect (http://127.0.0.1:${proxy.port}, from the proxy environment variables) and it forwards requests to Lab Chat normally`);
  });

  it('an https target through CONNECT', async () => {
    const [app, proxy] = [await site({ kind: 'status', status: 200 }, 'leaf'), await labProxy('works')];
    const outcome = await createVpnProxyCheck(deps({ env: { https_proxy: proxy.url, no_proxy: '<-loopback>' } })).run(context([app.url]));
    expect(proxy.requests).toEqual([`CONNECT 127.0.0.1:${app.port}`]);
    expect(outcome.facts?.proxy).toMatchObject({ inEffect: true, failsThroughProxy: false, worksDirect: true });
  });

  for (const [mode, words, failure] of [
    ['error', 'answers with an error of its own', 'PROXY_ERROR'],
    ['auth', 'asks for a user name and password (HTTP 407)', 'PROXY_AUTH_REQUIRED'],
    ['deny', 'refuses to forward the request', 'PROXY_DENIED'],
    ['close', 'closes the connection without answering', 'PROXY_CLOSED'],
  ] as const) {
    it(`a proxy that fails (${mode}) while the target works directly: fail, the proxy is the cause`, async () => {
      const [app, proxy] = [await site({ kind: 'status', status: 200 }, 'leaf'), await labProxy(mode)];
      const outcome = await createVpnProxyCheck(deps({ env: { https_proxy: proxy.url, no_proxy: '<-loopback>' } })).run(context([app.url]));
      expect(outcome.status).toBe('fail');
      expect(outcome.facts?.proxy).toEqual({ inEffect: true, source: 'env', failsThroughProxy: true, worksDirect: true, failure });
      expect(outcome.summary).toContain(`Your proxy (http://127.0.0.1:${proxy.port}, from the proxy environment variables) is what fails: it ${words}`);
    });
  }

  for (const [mode, url, words, failure] of [
    ['hang', 'https', 'takes the connection but never answers', 'PROXY_SILENT'],
    ['tunnel-hang', 'https', 'opens the connection but then passes nothing back', 'PROXY_TUNNEL_SILENT'],
    ['hang', 'http', 'takes the connection but never answers', 'PROXY_SILENT'],
  ] as const) {
    it(`a hung proxy (${mode}, ${url} target) while the target works directly: fail, the proxy is the cause`, async () => {
      const [app, proxy] = [await site({ kind: 'status', status: 200 }, url === 'https' ? 'leaf' : false), await labProxy(mode)];
      const started = Date.now();
      const outcome = await createVpnProxyCheck(deps({ env: { https_proxy: proxy.url, http_proxy: proxy.url, no_proxy: '<-loopback>' } })).run(context([app.url], 1_500));
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(outcome.status).toBe('fail');
      expect(outcome.facts?.proxy).toEqual({ inEffect: true, source: 'env', failsThroughProxy: true, worksDirect: true, failure, hung: true });
      expect(outcome.summary).toContain(`is what fails: it ${words}`);
      expect(outcome.summary).not.toContain('forwards requests');
    });
  }

  it('a proxy nobody listens on: fail, with credentials kept out of the evidence', async () => {
    const app = await site();
    const port = await closedPort();
    const outcome = await createVpnProxyCheck(deps({ env: { http_proxy: `http://alice:hunter2@127.0.0.1:${port}`, no_proxy: '<-loopback>' } })).run(context([app.url]));
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('refuses connections');
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });

  it('proxy and target both fail: only a warning, the proxy is not the (only) cause', async () => {
    const proxy = await labProxy('error');
    const target = `http://127.0.0.1:${await closedPort()}/`;
    const outcome = await createVpnProxyCheck(deps({ env: { http_proxy: proxy.url, no_proxy: '<-loopback>' } })).run(context([target]));
    expect(outcome.status).toBe('warn');
    expect(outcome.facts?.proxy).toEqual({ inEffect: true, source: 'env', failsThroughProxy: true, worksDirect: false, failure: 'PROXY_ERROR' });
  });

  it('only the targets that go through the proxy are probed through it', async () => {
    const [app, other, proxy] = [await site(), await site(), await labProxy('works')];
    const outcome = await createVpnProxyCheck(
      deps({ env: { http_proxy: proxy.url, no_proxy: `<-loopback>,127.0.0.1:${other.port}` } }),
    ).run(context([app.url, other.url]));
    expect(proxy.requests).toEqual([`GET ${app.url}`]);
    expect((outcome.evidence.proxy as { decisions: unknown[] }).decisions).toEqual([
      { id: 't0', route: 'proxy', decidedBy: 'env', proxy: `http://127.0.0.1:${proxy.port}` },
      { id: 't1', route: 'direct', decidedBy: 'env', reason: 'bypass' },
    ]);
  });

  it("the browser's own resolver (Electron) decides when installed", async () => {
    const [app, proxy] = [await site(), await labProxy('error')];
    const outcome = await createVpnProxyCheck(deps({ resolver: async () => `PROXY 127.0.0.1:${proxy.port}; DIRECT` })).run(context([app.url]));
    expect(outcome.facts?.proxy).toEqual({ inEffect: true, source: 'electron', failsThroughProxy: true, worksDirect: true, failure: 'PROXY_ERROR' });
    expect(outcome.summary).toContain("from the browser's proxy settings");
  });

  it('a SOCKS proxy or a PAC script cannot be tested here: warn, in effect', async () => {
    const app = await site();
    const socks = await createVpnProxyCheck(deps({ env: { all_proxy: 'socks5://127.0.0.1:1080', no_proxy: '<-loopback>' } })).run(context([app.url]));
    expect(socks.status).toBe('warn');
    expect(socks.facts?.proxy).toEqual({ inEffect: true, source: 'env', failsThroughProxy: false, worksDirect: false });
    expect(socks.summary).toContain('A SOCKS5 proxy is in effect');
    const pac = await createVpnProxyCheck(deps({ env: { auto_proxy: 'http://127.0.0.1:9/proxy.pac' } })).run(context([app.url]));
    expect(pac.facts?.proxy).toMatchObject({ inEffect: true, source: 'pac' });
    expect(app.requests).toBe(0);
  });

  it('stays within the deadline when the proxy hangs', async () => {
    // A proxy that accepts and never answers.
    const hang = net.createServer(() => {});
    const sockets: net.Socket[] = [];
    hang.on('connection', (s) => sockets.push(s));
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => hang.close(() => resolve()));
    });
    const app = await site({ kind: 'status', status: 200 }, 'leaf');
    const started = Date.now();
    const outcome = await createVpnProxyCheck(
      deps({ env: { https_proxy: `http://127.0.0.1:${(hang.address() as net.AddressInfo).port}`, no_proxy: '<-loopback>' } }),
    ).run(context([app.url], 1200));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.facts?.proxy).toMatchObject({ failsThroughProxy: true, worksDirect: true });
  });
});

describe('VPN (captured adapters and routes)', () => {
  const target = 'http://127.0.0.1:9/';

  it('a WireGuard policy route carries the traffic to the service: warn', async () => {
    const outcome = await createVpnProxyCheck(
      deps({
        adapters: siFixture('si-linux.json'),
        defaults: [{ destination: 'default', gateway: '192.168.178.1', interface: 'wlp0s20f3', metric: 600 }],
        toTarget: [{ destination: '127.0.0.1', interface: 'wg0', source: '10.64.12.7' }],
      }),
    ).run(context([target]));
    expect(outcome.status).toBe('warn');
    expect(outcome.facts?.vpn).toEqual({ tunnelInterfaces: ['wg0'], carriesTraffic: true });
    expect(outcome.summary).toBe(
      'Your traffic to Lab Chat goes through a WireGuard connection (wg0). If Lab Chat shows errors, disconnect the VPN and try again. No proxy is set.',
    );
  });

  it('a TAP adapter carrying the default route on Windows', async () => {
    const outcome = await createVpnProxyCheck(
      deps({
        adapters: siFixture('si-windows.json'),
        defaults: [{ destination: '0.0.0.0/0', gateway: '10.8.0.5', interface: 'Ethernet 3', metric: 0 }],
        toTarget: [{ destination: '0.0.0.0/1', gateway: '10.8.0.5', interface: 'Ethernet 3' }],
      }),
    ).run(context([target]));
    expect(outcome.facts?.vpn?.carriesTraffic).toBe(true);
    expect(outcome.facts?.vpn?.tunnelInterfaces).toEqual(['Ethernet 3', 'Local Area Connection']);
    expect(outcome.summary).toMatch(/^All your internet traffic goes through an OpenVPN connection \(Ethernet 3\)/);
  });

  it("macOS's system utun interfaces alone are not a VPN", async () => {
    const outcome = await createVpnProxyCheck(
      deps({
        adapters: siFixture('si-macos.json'),
        defaults: [{ destination: 'default', gateway: '192.168.1.1', interface: 'en0' }],
        toTarget: [{ destination: 'default', gateway: '192.168.1.1', interface: 'en0' }],
      }),
    ).run(context([target]));
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.vpn).toEqual({ tunnelInterfaces: ['utun0', 'utun4'], carriesTraffic: false });
    expect(outcome.summary).toContain('A VPN adapter exists (utun0, utun4), but traffic to Lab Chat does not go through it');
  });

  it('a name that does not resolve still gets the default route checked', async () => {
    const check = createVpnProxyCheck({
      ...deps({ adapters: siFixture('si-linux.json'), defaults: [{ destination: 'default', interface: 'wg0' }] }),
      resolveAddress: async () => null,
    });
    const outcome = await check.run(context(['https://chat.invalid/']));
    expect(outcome.facts?.vpn?.carriesTraffic).toBe(true);
    // The route to the first reference resolver (8.8.8.8 by default) stands in for the target's.
    expect((outcome.evidence.vpn as { routeToTarget: { host: string; address: string } }).routeToTarget).toMatchObject({
      host: expect.stringContaining('did not resolve'),
      address: '8.8.8.8',
    });
  });

  it('a name that does not resolve behind a VPN that splits the default route (0.0.0.0/1 + 128.0.0.0/1) is still seen', async () => {
    const check = createVpnProxyCheck({
      ...deps({
        adapters: siFixture('si-linux.json'),
        defaults: [{ destination: 'default', gateway: '192.0.2.1', interface: 'eth0' }],
        toTarget: [{ destination: '8.8.8.8', interface: 'wg0' }],
      }),
      resolveAddress: async () => null,
    });
    const outcome = await check.run(context(['https://chat.invalid/']));
    expect(outcome.facts?.vpn).toMatchObject({ carriesTraffic: true, tunnelInterfaces: expect.arrayContaining(['wg0']) });
  });
});

describe('shared readings', () => {
  const notLinux = process.platform !== 'linux' ? 'the real routing-table read needs Linux (iproute2)' : null;
  if (notLinux) console.warn(`vpn-proxy.test.ts: skipped: ${notLinux}`);
  it.skipIf(notLinux)('reads the default route once per sweep for this check and the connection check (a kernel lookup, no traffic)', async () => {
    const sweep = context(['https://chat.lab/']);
    const forVpn = defaultVpnProxyDeps.readDefaultRoutes(sweep, 3000);
    expect(defaultConnectionDeps.readDefaultRoutes(sweep, 3000)).toBe(forVpn);
    expect(defaultVpnProxyDeps.readDefaultRoutes(context(['https://chat.lab/']), 3000)).not.toBe(forVpn);
    expect((await forVpn).error).toBeUndefined();
  });
});
