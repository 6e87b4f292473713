// The layered probe against real servers on loopback: the lab's HTTPS servers, DNS server and proxy.
import net from 'node:net';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAB_CA } from '../../../e2e/lab/certs/lab-certs.js';
import { startDnsServer, type LabDnsServer } from '../../../e2e/lab/dns-server.js';
import { startWebServer, type LabWebServer, type WebBehaviour, type WebServerOptions } from '../../../e2e/lab/https-server.js';
import { startProxyServer, type ProxyMode } from '../../../e2e/lab/proxy-server.js';
import { toTargetFacts } from './status-class.js';
import { probeTarget } from './target-probe.js';
import { closedPort } from '../../../e2e/lab/ports.js';

const CA = [LAB_CA];
const NO_IPV6_LOOPBACK = Object.values(os.networkInterfaces()).flat().some((i) => i?.address === '::1')
  ? null
  : 'this machine has no ::1 loopback address';
if (NO_IPV6_LOOPBACK) console.warn(`Skipping the IPv6 probe test: ${NO_IPV6_LOOPBACK}`);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function web(tls: WebServerOptions['tls'], behaviour: WebBehaviour): Promise<LabWebServer> {
  const server = await startWebServer({ tls, behaviour });
  cleanups.push(() => server.close());
  return server;
}

/** A loopback port nothing listens on. */
/** Waits until the server has no open connection left (the probe must close everything it opened). */
async function expectNoConnectionsLeft(server: LabWebServer): Promise<void> {
  for (let i = 0; i < 50 && server.openConnections > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(server.openConnections).toBe(0);
}

describe('probeTarget, directly', () => {
  it('times every layer of a healthy HTTPS target and reads its certificate', async () => {
    const server = await web('leaf', { kind: 'status', status: 200 });
    const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(result.failedLayer).toBeNull();
    expect(result.dns).toMatchObject({ ok: true, addresses: ['127.0.0.1'], skipped: true });
    expect(result.tcp).toMatchObject({ ok: true, address: '127.0.0.1', port: server.port });
    expect(result.tls).toMatchObject({
      ok: true,
      authorized: true,
      hostMatches: true,
      issuerName: 'Gateway Doctor Lab CA',
      subject: 'CN=chat.lab, O=Gateway Doctor Lab',
      validTo: '2036-01-01T00:00:00.000Z',
    });
    expect(result.tls?.subjectAltNames).toContain('DNS:chat.lab');
    expect(result.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.http).toMatchObject({ ok: true, status: 200, signature: 'origin', bodyTruncated: false });
    for (const layer of [result.tcp!, result.tls!, result.http!]) expect(layer.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.totalMs).toBeGreaterThanOrEqual(result.tcp!.durationMs + result.tls!.durationMs);
    expect(server.requests).toBe(1);
    await expectNoConnectionsLeft(server);
  });

  describe('reachability classes', () => {
    let server: LabWebServer;
    beforeAll(async () => {
      server = await startWebServer({ tls: 'leaf' });
    });
    afterAll(() => server.close());

    const reachable: [number, WebBehaviour][] = [
      [200, { kind: 'status', status: 200 }],
      [301, { kind: 'status', status: 301, headers: { location: 'https://chat.lab/auth/login' } }],
      [401, { kind: 'status', status: 401, headers: { 'www-authenticate': 'Bearer' } }],
      [403, { kind: 'status', status: 403 }],
      [429, { kind: 'status', status: 429, headers: { 'retry-after': '30' } }],
    ];
    it.each(reachable)('%i means reachable', async (status, behaviour) => {
      server.behaviour = behaviour;
      const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
      expect(result.http?.status).toBe(status);
      expect(toTargetFacts('app', result)).toMatchObject({ failedLayer: null, httpStatus: status, reachable: true, serverError: false });
    });

    const serverErrors: [number, WebBehaviour][] = [
      [500, { kind: 'status', status: 500, body: 'Internal Server Error' }],
      [502, { kind: 'nginx', status: 502 }],
      [503, { kind: 'status', status: 503, headers: { 'retry-after': '120' } }],
      [504, { kind: 'nginx', status: 504 }],
      ...[520, 521, 522, 523, 524, 525, 526, 527].map((s): [number, WebBehaviour] => [s, { kind: 'cloudflare', status: s }]),
    ];
    it.each(serverErrors)('%i is a server error', async (status, behaviour) => {
      server.behaviour = behaviour;
      const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
      expect(toTargetFacts('app', result)).toMatchObject({ failedLayer: null, httpStatus: status, reachable: false, serverError: true });
    });
  });

  it('tells a Cloudflare 502 (origin behind it failing) from an nginx 502 and names 520 as an origin error', async () => {
    const server = await web('leaf', { kind: 'cloudflare', status: 502, rayId: '8e8f0a6b2c3d4e5f' });
    const cloudflare = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(cloudflare.http).toMatchObject({ status: 502, signature: 'edge-origin-error', headers: { server: 'cloudflare', 'cf-ray': '8e8f0a6b2c3d4e5f-FRA' } });
    expect(cloudflare.http?.signatureDetail).toMatchObject({ failingSide: 'origin', rayId: '8e8f0a6b2c3d4e5f-FRA' });

    server.behaviour = { kind: 'cloudflare-bare', status: 502 };
    expect((await probeTarget(server.url, { timeoutMs: 3000, ca: CA })).http?.signature).toBe('edge');

    server.behaviour = { kind: 'nginx', status: 502 };
    const nginx = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(nginx.http).toMatchObject({ status: 502, signature: 'origin-proxy', headers: { server: 'nginx/1.24.0' } });

    server.behaviour = { kind: 'cloudflare', status: 520 };
    const origin = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(origin.http).toMatchObject({ status: 520, signature: 'edge-origin-error' });
    expect(origin.http?.signatureDetail?.errorCode).toBe(520);
  });

  describe('DNS through a lab DNS server', () => {
    let dns: LabDnsServer;
    beforeAll(async () => {
      dns = await startDnsServer({
        zone: {
          'chat.lab': { kind: 'answer', ipv4: ['127.0.0.1'] },
          'broken.lab': { kind: 'servfail' },
          'silent.lab': { kind: 'silent' },
        },
        fallback: { kind: 'nxdomain' },
      });
    });
    afterAll(() => dns.close());

    it('resolves the target with the given servers, then reaches it by name (SNI and certificate name)', async () => {
      const server = await web('leaf', { kind: 'status', status: 200 });
      const result = await probeTarget(`https://chat.lab:${server.port}/`, { timeoutMs: 3000, ca: CA, dnsServers: [dns.endpoint] });
      expect(result.dns).toMatchObject({ ok: true, addresses: ['127.0.0.1'], servers: [dns.endpoint] });
      expect(result.dns.skipped).toBeUndefined();
      expect(result.failedLayer).toBeNull();
      expect(result.tls?.hostMatches).toBe(true);
      expect(dns.queries.some((q) => q.name === 'chat.lab')).toBe(true);
    });

    it('stops at DNS on NXDOMAIN and SERVFAIL', async () => {
      const nx = await probeTarget('https://missing.lab/', { timeoutMs: 3000, dnsServers: [dns.endpoint] });
      expect(nx).toMatchObject({ failedLayer: 'dns', dns: { ok: false, error: 'ENOTFOUND', addresses: [] } });
      expect(nx.tcp).toBeUndefined();
      const servfail = await probeTarget('https://broken.lab/', { timeoutMs: 3000, dnsServers: [dns.endpoint] });
      expect(servfail).toMatchObject({ failedLayer: 'dns', dns: { error: 'ESERVFAIL' } });
    });

    it('gives up on a silent resolver within the timeout', async () => {
      const result = await probeTarget('https://silent.lab/', { timeoutMs: 600, dnsServers: [dns.endpoint] });
      expect(result).toMatchObject({ failedLayer: 'dns', dns: { error: 'ETIMEOUT' } });
      expect(result.totalMs).toBeLessThan(1100);
    });

    it('a silent resolver costs the DNS layer its own cap (3 s), not the whole probe budget', async () => {
      const result = await probeTarget('https://silent.lab/', { timeoutMs: 8_000, dnsServers: [dns.endpoint] });
      expect(result).toMatchObject({ failedLayer: 'dns', dns: { error: 'ETIMEOUT' } });
      expect(result.totalMs).toBeGreaterThanOrEqual(2_900);
      expect(result.totalMs).toBeLessThan(4_500);
    }, 10_000);
  });

  it('skips DNS with the address option and still checks the certificate against the URL host', async () => {
    const server = await web('leaf', { kind: 'status', status: 200 });
    const result = await probeTarget(`https://chat.lab:${server.port}/`, { timeoutMs: 3000, ca: CA, address: '127.0.0.1' });
    expect(result.dns).toMatchObject({ ok: true, skipped: true, addresses: ['127.0.0.1'] });
    expect(result.failedLayer).toBeNull();
    const wrongName = await probeTarget(`https://elsewhere.test:${server.port}/`, { timeoutMs: 3000, ca: CA, address: '127.0.0.1' });
    expect(wrongName).toMatchObject({ failedLayer: 'tls', tls: { problem: 'wrong-host', hostMatches: false } });
  });

  it('stops at TCP when the port is closed', async () => {
    const port = await closedPort();
    const result = await probeTarget(`https://127.0.0.1:${port}/`, { timeoutMs: 3000 });
    expect(result).toMatchObject({ failedLayer: 'tcp', tcp: { ok: false, error: 'ECONNREFUSED', address: '127.0.0.1', port } });
    expect(result.tls).toBeUndefined();
  });

  it('times out on a server that accepts but never answers, within the timeout', async () => {
    const server = await web('leaf', { kind: 'hang' });
    const result = await probeTarget(server.url, { timeoutMs: 700, ca: CA });
    expect(result).toMatchObject({ failedLayer: 'http', http: { ok: false, error: 'ETIMEDOUT' } });
    expect(result.tls?.ok).toBe(true);
    expect(result.totalMs).toBeGreaterThanOrEqual(650);
    expect(result.totalMs).toBeLessThan(1200);
    await expectNoConnectionsLeft(server);
  });

  it('times out in the TLS layer on a port that never speaks TLS', async () => {
    const sockets: net.Socket[] = [];
    const mute = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    });
    const { port } = mute.address() as net.AddressInfo;
    const result = await probeTarget(`https://127.0.0.1:${port}/`, { timeoutMs: 500, ca: CA });
    expect(result).toMatchObject({ failedLayer: 'tls', tcp: { ok: true }, tls: { ok: false, error: 'ETIMEDOUT' } });
    expect(result.totalMs).toBeLessThan(1000);
  });

  it('names an unknown issuer and does not send the request', async () => {
    const server = await web('untrusted', { kind: 'status', status: 200 });
    const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(result).toMatchObject({
      failedLayer: 'tls',
      tls: { ok: false, authorized: false, problem: 'unknown-issuer', issuerName: 'Gateway Doctor Untrusted CA', hostMatches: true },
    });
    expect(result.tls?.error).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/);
    expect(result.http).toBeUndefined();
    expect(server.requests).toBe(0);
    await expectNoConnectionsLeft(server);

    // The lab's own CA is unknown too until it is passed as trusted.
    const trustedOnlyWithCa = await web('leaf', { kind: 'status', status: 200 });
    const withoutCa = await probeTarget(trustedOnlyWithCa.url, { timeoutMs: 3000 });
    expect(withoutCa.tls).toMatchObject({ problem: 'unknown-issuer', issuerName: 'Gateway Doctor Lab CA' });
  });

  it('names a certificate for another host', async () => {
    const server = await web('wrong-host', { kind: 'status', status: 200 });
    const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(result).toMatchObject({
      failedLayer: 'tls',
      tls: { problem: 'wrong-host', hostMatches: false, error: 'ERR_TLS_CERT_ALTNAME_INVALID', subject: 'CN=other.example, O=Gateway Doctor Lab' },
    });
    expect(server.requests).toBe(0);
  });

  it('names an expired certificate', async () => {
    const server = await web('expired', { kind: 'status', status: 200 });
    const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(result).toMatchObject({
      failedLayer: 'tls',
      tls: { problem: 'expired', error: 'CERT_HAS_EXPIRED', validTo: '2021-01-01T00:00:00.000Z' },
    });
    expect(server.requests).toBe(0);
  });

  it('stops at HTTP when the server resets the connection', async () => {
    const server = await web(false, { kind: 'reset' });
    const result = await probeTarget(server.url, { timeoutMs: 3000 });
    expect(result).toMatchObject({ failedLayer: 'http', tcp: { ok: true }, http: { ok: false, error: 'ECONNRESET' } });
  });

  it('stops at once when the caller cancels, and says so', async () => {
    const server = await web('leaf', { kind: 'hang' });
    const controller = new AbortController();
    // Cancel once the request has reached the server (not after a fixed time: a busy machine may still be in TLS).
    let abortedAt = 0;
    void (async () => {
      while (server.requests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      abortedAt = performance.now();
      controller.abort();
    })();
    const result = await probeTarget(server.url, { timeoutMs: 10_000, ca: CA, signal: controller.signal });
    expect(result).toMatchObject({ failedLayer: 'http', http: { error: 'ECANCELLED' } });
    expect(performance.now() - abortedAt).toBeLessThan(500);
  });

  it('reads at most 64 KiB of the body', async () => {
    const server = await web(false, { kind: 'status', status: 200, body: 'x'.repeat(300 * 1024) });
    const result = await probeTarget(server.url, { timeoutMs: 3000 });
    expect(result.http).toMatchObject({ status: 200, bodyTruncated: true, bodyBytes: 64 * 1024 });
    await expectNoConnectionsLeft(server);
  });

  it.skipIf(NO_IPV6_LOOPBACK !== null)('reaches an IPv6 literal and matches it against the certificate', async () => {
    const server = await startWebServer({ tls: 'leaf', host: '::1' });
    cleanups.push(() => server.close());
    const result = await probeTarget(server.url, { timeoutMs: 3000, ca: CA });
    expect(result).toMatchObject({ failedLayer: null, tcp: { address: '::1' }, tls: { hostMatches: true }, http: { status: 200 } });
  });

  it('reports a malformed URL as a result, not an exception', async () => {
    const result = await probeTarget('not a url', { timeoutMs: 1000 });
    expect(result).toMatchObject({ failedLayer: 'dns', dns: { error: 'ERR_INVALID_URL' } });
  });
});

describe('probeTarget, through an HTTP proxy', () => {
  async function proxy(mode: ProxyMode, credentials?: string) {
    const server = await startProxyServer({ mode, hosts: { 'chat.lab': '127.0.0.1' }, ...(credentials ? { credentials } : {}) });
    cleanups.push(() => server.close());
    return server;
  }

  it('tunnels https with CONNECT: the proxy resolves the target, TLS and HTTP run end to end', async () => {
    const site = await web('leaf', { kind: 'status', status: 200 });
    const lab = await proxy('works');
    const result = await probeTarget(`https://chat.lab:${site.port}/c/abc`, { timeoutMs: 3000, ca: CA, proxy: { url: lab.url } });
    expect(result.failedLayer).toBeNull();
    expect(result.proxy).toEqual({ url: lab.url, status: 200 });
    expect(result.tcp).toMatchObject({ ok: true, port: lab.port });
    expect(result.tls).toMatchObject({ ok: true, hostMatches: true });
    expect(result.http?.status).toBe(200);
    expect(lab.requests).toEqual([`CONNECT chat.lab:${site.port}`]);
    await expectNoConnectionsLeft(site);
  });

  it('sends absolute-URI requests for http targets and keeps the Via header', async () => {
    const site = await web(false, { kind: 'status', status: 200 });
    const lab = await proxy('works');
    const url = `http://chat.lab:${site.port}/c/abc?x=1`;
    const result = await probeTarget(url, { timeoutMs: 3000, proxy: { url: lab.url } });
    expect(result).toMatchObject({ failedLayer: null, http: { status: 200, headers: { via: '1.1 proxy.lab (squid/6.6)' } }, proxy: { status: 200 } });
    expect(lab.requests).toEqual([`GET ${url}`]);
  });

  it('a proxy that never answers CONNECT, or opens a tunnel that stays quiet, costs its layer 4 s, not the budget', async () => {
    const site = await web('leaf', { kind: 'status', status: 200 });
    const [hang, quiet] = [await proxy('hang'), await proxy('tunnel-hang')];
    const url = `https://chat.lab:${site.port}/`;
    const [silent, tunnel] = await Promise.all([
      probeTarget(url, { timeoutMs: 9_000, ca: CA, proxy: { url: hang.url } }),
      probeTarget(url, { timeoutMs: 9_000, ca: CA, proxy: { url: quiet.url } }),
    ]);
    expect(silent).toMatchObject({ failedLayer: 'tcp', proxy: { error: 'PROXY_SILENT' } });
    expect(tunnel).toMatchObject({ failedLayer: 'tls', tls: { ok: false, error: 'ETIMEDOUT' }, proxy: { status: 200 } });
    for (const result of [silent, tunnel]) expect(result.totalMs).toBeLessThan(5_500);
  }, 12_000);

  it("keeps the site's own 502 relayed by the proxy as the site's server error", async () => {
    const site = await web(false, { kind: 'nginx', status: 502 });
    const lab = await proxy('works');
    const result = await probeTarget(`http://chat.lab:${site.port}/`, { timeoutMs: 3000, proxy: { url: lab.url } });
    expect(result).toMatchObject({ failedLayer: null, http: { status: 502, signature: 'origin-proxy' } });
    expect(result.proxy?.error).toBeUndefined();
    expect(toTargetFacts('app', result).serverError).toBe(true);
  });

  it('records a 407 from the proxy (https and http) and gets through with credentials', async () => {
    const site = await web('leaf', { kind: 'status', status: 200 });
    const lab = await proxy('auth', 'alice:s3cret');
    const https = await probeTarget(`https://chat.lab:${site.port}/`, { timeoutMs: 3000, ca: CA, proxy: { url: lab.url } });
    expect(https).toMatchObject({ failedLayer: 'tcp', tcp: { ok: false, error: 'PROXY_AUTH_REQUIRED' }, proxy: { error: 'PROXY_AUTH_REQUIRED', status: 407, signature: 'proxy' } });
    expect(https.proxy?.headers?.['proxy-authenticate']).toContain('Basic');
    expect(https.tls).toBeUndefined();
    expect(site.requests).toBe(0);

    const plain = await web(false, { kind: 'status', status: 200 });
    const http = await probeTarget(`http://chat.lab:${plain.port}/`, { timeoutMs: 3000, proxy: { url: lab.url } });
    expect(http).toMatchObject({ failedLayer: 'tcp', proxy: { error: 'PROXY_AUTH_REQUIRED', status: 407 } });
    expect(http.http).toBeUndefined();

    const withCredentials = `http://alice:s3cret@127.0.0.1:${lab.port}`;
    const allowed = await probeTarget(`https://chat.lab:${site.port}/`, { timeoutMs: 3000, ca: CA, proxy: { url: withCredentials } });
    expect(allowed).toMatchObject({ failedLayer: null, http: { status: 200 } });
    expect(allowed.proxy?.url).toBe(lab.url); // never the password
  });

  it('records a proxy that refuses connections', async () => {
    const port = await closedPort();
    const result = await probeTarget('https://chat.lab/', { timeoutMs: 3000, proxy: { url: `http://127.0.0.1:${port}` } });
    expect(result).toMatchObject({ failedLayer: 'tcp', tcp: { error: 'ECONNREFUSED', port }, proxy: { error: 'ECONNREFUSED' } });
  });

  it("records the proxy's own 502, 403 and silence", async () => {
    const site = await web('leaf', { kind: 'status', status: 200 });
    const lab = await proxy('error');
    const target = `https://chat.lab:${site.port}/`;
    expect(await probeTarget(target, { timeoutMs: 3000, ca: CA, proxy: { url: lab.url } })).toMatchObject({
      failedLayer: 'tcp',
      proxy: { error: 'PROXY_ERROR', status: 502, signature: 'proxy' },
    });
    lab.mode = 'deny';
    expect(await probeTarget(target, { timeoutMs: 3000, ca: CA, proxy: { url: lab.url } })).toMatchObject({
      failedLayer: 'tcp',
      proxy: { error: 'PROXY_DENIED', status: 403 },
    });
    lab.mode = 'close';
    expect(await probeTarget(target, { timeoutMs: 3000, ca: CA, proxy: { url: lab.url } })).toMatchObject({
      failedLayer: 'tcp',
      proxy: { error: 'PROXY_CLOSED' },
    });
    // Over plain http, the proxy's own 502 page is recognised as the proxy's, not the site's.
    const plain = await web(false, { kind: 'status', status: 200 });
    lab.mode = 'error';
    const http = await probeTarget(`http://chat.lab:${plain.port}/`, { timeoutMs: 3000, proxy: { url: lab.url } });
    expect(http).toMatchObject({ failedLayer: 'tcp', proxy: { error: 'PROXY_ERROR', status: 502 } });
    expect(toTargetFacts('app', http).serverError).toBe(false);
    expect(site.requests + plain.requests).toBe(0);
  });

  it('records a proxy that cannot reach the target (Squid answers 503 ERR_CONNECT_FAIL)', async () => {
    const port = await closedPort();
    const lab = await proxy('works');
    const result = await probeTarget(`https://chat.lab:${port}/`, { timeoutMs: 3000, ca: CA, proxy: { url: lab.url } });
    expect(result).toMatchObject({ failedLayer: 'tcp', proxy: { error: 'PROXY_ERROR', status: 503, headers: { 'x-squid-error': 'ERR_CONNECT_FAIL 111' } } });
  });
});
