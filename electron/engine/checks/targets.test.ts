// The targets check against real lab servers on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_CA } from '../../../e2e/lab/certs/lab-certs.js';
import { startWebServer, type WebBehaviour } from '../../../e2e/lab/https-server.js';
import { startProxyServer, type ProxyMode } from '../../../e2e/lab/proxy-server.js';
import { ProfileSchema } from '../../common/spec.js';
import type { CheckContext } from '../check.js';
import type { ProxyLookup } from '../probe/browser-route.js';
import type { TargetFacts } from '../../common/facts.js';
import { createTargetsCheck, targetsCheck } from './targets.js';
import { closedPort } from '../../../e2e/lab/ports.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function site(behaviour: WebBehaviour, tls: 'leaf' | false = 'leaf') {
  const server = await startWebServer({ tls, behaviour });
  cleanups.push(() => server.close());
  return server;
}

async function labProxy(mode: ProxyMode) {
  const server = await startProxyServer({ mode, hosts: { 'chat.lab': '127.0.0.1' } });
  cleanups.push(() => server.close());
  return server;
}

function context(targets: { id: string; url: string }[], deadlineInMs = 8000, signal = new AbortController().signal): CheckContext {
  return {
    profile: ProfileSchema.parse({ name: 'Lab Chat', targets }),
    signal,
    deadline: Date.now() + deadlineInMs,
    extraCa: [LAB_CA],
  };
}

/** Proxy settings from exactly this environment (no OS setting, no browser resolver), whatever the machine has. */
const fromEnv = (env: Record<string, string>): ProxyLookup => ({ env, platform: 'linux', resolver: null });
const NO_PROXY = fromEnv({});

describe('targets check', () => {
  it('is the "refresh" step\'s check', () => {
    expect(targetsCheck).toMatchObject({ id: 'targets', step: 'refresh', title: 'Reaching the service' });
  });

  it('probes every target concurrently and reports each one with its layers', async () => {
    const app = await site({ kind: 'cloudflare', status: 502 });
    const auth = await site({ kind: 'status', status: 200 });
    const assets = await closedPort();
    const check = createTargetsCheck({ proxy: NO_PROXY });
    const outcome = await check.run(
      context([
        { id: 'app', url: app.url },
        { id: 'auth', url: auth.url },
        { id: 'assets', url: `https://127.0.0.1:${assets}/` },
      ]),
    );
    expect(outcome.status).toBe('fail');
    // Round-trip timings vary: only their presence is checked.
    const targets = outcome.facts?.targets?.map(({ tcpConnectMs, tlsHandshakeMs, ...rest }) => {
      expect(tcpConnectMs === undefined || tcpConnectMs >= 0).toBe(true);
      expect(tlsHandshakeMs === undefined || tlsHandshakeMs >= 0).toBe(true);
      return rest;
    });
    expect(targets).toEqual<TargetFacts[]>([
      {
        id: 'app',
        url: app.url,
        failedLayer: null,
        httpStatus: 502,
        serverError: true,
        reachable: false,
        responder: { kind: 'edge-origin-error', vendor: 'cloudflare', failingSide: 'origin' },
      },
      { id: 'auth', url: auth.url, failedLayer: null, httpStatus: 200, serverError: false, reachable: true, responder: { kind: 'origin' } },
      { id: 'assets', url: `https://127.0.0.1:${assets}/`, failedLayer: 'tcp', serverError: false, reachable: false },
    ]);
    expect(outcome.facts?.targets?.[0]?.tcpConnectMs).toBeGreaterThanOrEqual(0);
    expect(outcome.facts?.targets?.[0]?.tlsHandshakeMs).toBeGreaterThanOrEqual(0);
    expect(outcome.facts?.targets?.[2]?.tcpConnectMs).toBeUndefined();
    const evidence = outcome.evidence.targets as Record<string, unknown>[];
    expect(evidence.map((t) => t.id)).toEqual(['app', 'auth', 'assets']);
    expect(evidence[0]).toMatchObject({ failedLayer: null, tls: { ok: true }, http: { status: 502, signature: 'edge-origin-error' } });
    expect(evidence[2]).toMatchObject({ failedLayer: 'tcp', tcp: { error: 'ECONNREFUSED' } });
    expect(outcome.summary).toContain(`server error 502`);
    expect(outcome.summary).toContain('Cloudflare');
    expect(outcome.summary).toContain('the connection was refused');
    expect(outcome.summary).toContain('One other address answers normally');
  });

  it('passes when every target answers with a reachable status', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const auth = await site({ kind: 'status', status: 302, headers: { location: '/login' } });
    const outcome = await createTargetsCheck({ proxy: NO_PROXY }).run(context([{ id: 'app', url: app.url }, { id: 'auth', url: auth.url }]));
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toMatch(/^All 2 of Lab Chat's addresses answer this computer normally/);
    expect(outcome.facts?.targets?.every((t) => t.reachable)).toBe(true);
  });

  it('warns on an answer that is neither reachable nor a server error (404)', async () => {
    const app = await site({ kind: 'status', status: 404 });
    const outcome = await createTargetsCheck({ proxy: NO_PROXY }).run(context([{ id: 'app', url: app.url }]));
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('HTTP 404');
  });

  it('names an unknown issuer in its summary', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const ctx = { ...context([{ id: 'app', url: app.url }]), extraCa: [] };
    const outcome = await createTargetsCheck({ proxy: NO_PROXY }).run(ctx);
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.targets?.[0]).toMatchObject({ failedLayer: 'tls', tlsProblem: 'unknown-issuer' });
    expect(outcome.summary).toContain('“Gateway Doctor Lab CA”, which this computer does not trust');
  });

  it('goes through the proxy the environment names, as the browser would', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const proxy = await labProxy('works');
    const url = `https://chat.lab:${app.port}/`;
    const env = { https_proxy: proxy.url, no_proxy: 'example.org' };
    const outcome = await createTargetsCheck({ proxy: fromEnv(env) }).run(context([{ id: 'app', url }]));
    expect(outcome.status).toBe('pass');
    expect(proxy.requests).toEqual([`CONNECT chat.lab:${app.port}`]);
    expect((outcome.evidence.targets as Record<string, unknown>[])[0]).toMatchObject({
      proxy: { url: proxy.url, status: 200 },
      proxySetting: { url: proxy.url, decidedBy: 'env' },
    });
  });

  it('follows the same proxy decision as the vpn-proxy check: all_proxy wins over https_proxy, as in Chromium', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const chosen = await labProxy('works');
    const ignored = await labProxy('works');
    const env = { all_proxy: chosen.url, https_proxy: ignored.url };
    const outcome = await createTargetsCheck({ proxy: fromEnv(env) }).run(context([{ id: 'app', url: `https://chat.lab:${app.port}/` }]));
    expect(outcome.status).toBe('pass');
    expect(chosen.requests).toEqual([`CONNECT chat.lab:${app.port}`]);
    expect(ignored.requests).toEqual([]);
  });

  it("follows the browser's own resolver when the app installed one, whatever the environment says", async () => {
    const app = await site({ kind: 'status', status: 200 });
    const proxy = await labProxy('works');
    const asked: string[] = [];
    const resolver = async (url: string) => {
      asked.push(url);
      return `PROXY 127.0.0.1:${proxy.port}; DIRECT`;
    };
    const url = `https://chat.lab:${app.port}/`;
    const outcome = await createTargetsCheck({ proxy: { env: { no_proxy: '*' }, platform: 'linux', resolver } }).run(context([{ id: 'app', url }]));
    expect(asked).toEqual([url]);
    expect(outcome.status).toBe('pass');
    expect(proxy.requests).toEqual([`CONNECT chat.lab:${app.port}`]);
    expect((outcome.evidence.targets as Record<string, unknown>[])[0]).toMatchObject({ proxySetting: { url: proxy.url, decidedBy: 'electron' } });
  });

  it('goes direct, and says so, when the proxy in effect is SOCKS or a PAC script', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const socks = await createTargetsCheck({ proxy: fromEnv({ all_proxy: 'socks5://u:pw@127.0.0.1:1080', no_proxy: '<-loopback>' }) }).run(
      context([{ id: 'app', url: app.url }]),
    );
    expect(socks.status).toBe('pass');
    const socksTarget = (socks.evidence.targets as Record<string, unknown>[])[0]!;
    expect(socksTarget.proxy).toBeUndefined(); // the probe went direct
    expect(socksTarget.proxySetting).toEqual({
      url: 'socks5://***@127.0.0.1:1080',
      decidedBy: 'env',
      note: 'Only HTTP proxies can be tested: this request went direct.',
    });
    const pac = await createTargetsCheck({ proxy: fromEnv({ auto_proxy: 'http://127.0.0.1:9/proxy.pac?token=s3cret' }) }).run(
      context([{ id: 'app', url: app.url }]),
    );
    expect(pac.status).toBe('pass');
    const pacTarget = (pac.evidence.targets as Record<string, unknown>[])[0]!;
    expect(pacTarget.proxy).toBeUndefined();
    expect(pacTarget.proxySetting).toMatchObject({ decidedBy: 'env', note: expect.stringContaining('PAC') });
    expect(JSON.stringify(pacTarget)).not.toContain('s3cret');
    expect(app.requests).toBe(2);
  });

  it("reports the proxy's own refusal (407) as the reason the target is unreachable", async () => {
    const app = await site({ kind: 'status', status: 200 });
    const proxy = await labProxy('auth');
    const outcome = await createTargetsCheck({ proxy: fromEnv({ HTTPS_PROXY: proxy.url }) }).run(context([{ id: 'app', url: `https://chat.lab:${app.port}/` }]));
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.targets?.[0]).toMatchObject({ failedLayer: 'tcp', reachable: false, serverError: false });
    expect(outcome.summary).toContain('asks for a user name and password (HTTP 407)');
    expect(app.requests).toBe(0);
  });

  it('never sends loopback targets to the proxy', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const proxy = await labProxy('works');
    const outcome = await createTargetsCheck({ proxy: fromEnv({ https_proxy: proxy.url }) }).run(context([{ id: 'app', url: app.url }]));
    expect(outcome.status).toBe('pass');
    expect(proxy.requests).toEqual([]);
  });

  it('finishes by the deadline when a target never answers', async () => {
    const app = await site({ kind: 'hang' });
    const fine = await site({ kind: 'status', status: 200 });
    const started = Date.now();
    const outcome = await createTargetsCheck({ proxy: NO_PROXY }).run(
      context([{ id: 'app', url: app.url }, { id: 'auth', url: fine.url }], 700),
    );
    expect(Date.now() - started).toBeLessThan(1100);
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.targets?.[0]).toMatchObject({ failedLayer: 'http' });
    expect(outcome.facts?.targets?.[1]).toMatchObject({ reachable: true });
    expect(outcome.summary).toContain('accepted the connection but did not answer in time');
  });
});
