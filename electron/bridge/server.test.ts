// The bridge against real sockets: the real engine behind a profile that points at a lab status page on loopback.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import { AppInfoSchema, ExportedReportSchema } from '../common/contract.js';
import { ProgressEventSchema, ReportSchema } from '../common/spec.js';
import { createEngineService, type EngineService } from '../engine/service.js';
import { MAX_BODY_BYTES } from './api.js';
import { startBridgeServer, type BridgeServer } from './bridge-server.js';
import { EXTERNAL_LINK_REFUSED } from '../common/external-links.js';
import { callApi, closedPort, labProfile, makeRendererFixture, ndjson, PAGE_CSP, rawRequest, SECRET } from '../../e2e/fixtures/bridge-test-kit.js';

let status: StatusServer;
let bridge: BridgeServer;
let fixture: ReturnType<typeof makeRendererFixture>;

beforeAll(async () => {
  status = await startStatusServer('operational');
  fixture = makeRendererFixture();
  // A symlink inside the renderer folder that leads out of it must not be followed.
  symlinkSync(fixture.secretFile, path.join(fixture.rendererDir, 'assets', 'linked.txt'));
  bridge = await startBridgeServer({
    profile: labProfile(status.url, await closedPort()),
    port: 0,
    rendererDir: fixture.rendererDir,
    clientScript: fixture.clientScript,
  });
});

afterAll(async () => {
  await bridge?.close();
  await status?.close();
});

describe('bridge: start', () => {
  it('listens on 127.0.0.1 with a 24-byte base64url token in its URL', () => {
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
  });
});

describe('bridge: every request', () => {
  it('refuses a foreign Host with 421 (DNS rebinding), on pages and on the API', async () => {
    const page = await rawRequest({ port: bridge.port, path: '/', headers: { host: `evil.example:${bridge.port}` } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('<html');
    const api = await callApi(bridge.port, 'getInfo', undefined, bridge.token, { host: `evil.example:${bridge.port}` });
    expect(api.status).toBe(421);
    expect(api.body).not.toContain('Lab Service');
    for (const host of [`127.0.0.1:${bridge.port + 1}`, '127.0.0.1', `localhost.evil.example:${bridge.port}`, `127.0.0.1:${bridge.port}.evil.example`]) {
      expect((await rawRequest({ port: bridge.port, path: '/', headers: { host } })).status, host).toBe(421);
    }
    // Node itself answers 400 to an HTTP/1.1 request without Host; either way nothing is served.
    expect([400, 421]).toContain((await rawRequest({ port: bridge.port, path: '/', noHost: true })).status);
  });

  it('accepts localhost:PORT as the Host', async () => {
    const response = await rawRequest({ port: bridge.port, path: '/', headers: { host: `localhost:${bridge.port}` } });
    expect(response.status).toBe(200);
  });

  it('refuses a foreign Origin with 403, even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${bridge.port}`, `https://127.0.0.1:${bridge.port}`]) {
      const response = await callApi(bridge.port, 'getInfo', undefined, bridge.token, { origin });
      expect(response.status, origin).toBe(403);
      expect(response.body).not.toContain('Lab Service');
    }
    const same = await callApi(bridge.port, 'getInfo', undefined, bridge.token, { origin: `http://127.0.0.1:${bridge.port}` });
    expect(same.status).toBe(200);
  });
});

describe('bridge: static files', () => {
  it('serves index.html with the bridge script injected before the first script, and the page CSP as a header', async () => {
    for (const pathname of ['/', '/index.html', '/?token=abc']) {
      const response = await rawRequest({ port: bridge.port, path: pathname });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const bridgeAt = response.body.indexOf('<script src="./gateway-doctor-bridge.js"></script>');
      expect(bridgeAt).toBeGreaterThan(0);
      expect(bridgeAt).toBeLessThan(response.body.indexOf('<script type="module"'));
      expect(response.headers['content-security-policy']).toBe(`${PAGE_CSP}; frame-ancestors 'none'`);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves the bridge client and assets with their content types and the same security headers', async () => {
    const client = await rawRequest({ port: bridge.port, path: '/gateway-doctor-bridge.js' });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(client.body).toContain('__bridgeClient');
    const script = await rawRequest({ port: bridge.port, path: '/assets/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await rawRequest({ port: bridge.port, path: '/assets/style.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('margin: 0');
    for (const response of [client, script, css]) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const head = await rawRequest({ port: bridge.port, method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await rawRequest({ port: bridge.port, path: '/assets/missing.js' })).status).toBe(404);
    expect((await rawRequest({ port: bridge.port, path: '/assets' })).status).toBe(404);
    expect((await rawRequest({ port: bridge.port, method: 'DELETE', path: '/index.html' })).status).toBe(405);
  });

  it('refuses path traversal, dotfiles and symlinks that lead out of the renderer folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..%252f..%252fsecret.txt',
      '/%00/../secret.txt',
      '/.env',
      '/assets/linked.txt',
      '/%E0%A4%A',
      `/${'../'.repeat(8)}etc/passwd`,
    ];
    for (const attempt of attempts) {
      const response = await rawRequest({ port: bridge.port, path: attempt });
      expect([400, 403, 404], attempt).toContain(response.status);
      expect(response.body, attempt).not.toContain(SECRET);
      expect(response.body, attempt).not.toContain('root:');
    }
    expect((await rawRequest({ port: bridge.port, path: '/..%2fsecret.txt' })).status).toBe(403);
    expect((await rawRequest({ port: bridge.port, path: '/assets/linked.txt' })).status).toBe(403);
  });
});

describe('bridge: API refusals', () => {
  it('refuses a missing or wrong token with 401', async () => {
    const wrongSameLength = bridge.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [null, '', 'wrong', wrongSameLength, `${bridge.token}x`]) {
      const response = await callApi(bridge.port, 'getInfo', undefined, token);
      expect(response.status, String(token)).toBe(401);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(response.body).error.message).toMatch(/token/);
      expect(response.body).not.toContain('Lab Service');
    }
  });

  it('answers 404 for an unknown method and 405 for GET', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor', '']) {
      const response = await callApi(bridge.port, name, undefined, bridge.token);
      expect(response.status, name).toBe(404);
    }
    const get = await rawRequest({ port: bridge.port, path: '/api/getInfo', headers: { 'x-gateway-doctor-token': bridge.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('guards the event stream like every call: token, POST, JSON', async () => {
    expect((await callApi(bridge.port, 'events', undefined, null)).status).toBe(401);
    const get = await rawRequest({ port: bridge.port, path: '/api/events', headers: { 'x-gateway-doctor-token': bridge.token } });
    expect(get.status).toBe(405);
    const form = await rawRequest({
      port: bridge.port,
      method: 'POST',
      path: '/api/events',
      headers: { 'content-type': 'text/plain', 'x-gateway-doctor-token': bridge.token },
      body: 'x',
    });
    expect(form.status).toBe(415);
  });

  it('refuses a body that is not JSON, too big, or of the wrong type', async () => {
    const post = (body: string | Buffer, contentType = 'application/json') =>
      rawRequest({
        port: bridge.port,
        method: 'POST',
        path: '/api/runDiagnosis',
        headers: { 'content-type': contentType, 'x-gateway-doctor-token': bridge.token },
        body,
      });
    expect((await post('{"input":{}}', 'text/plain')).status).toBe(415);
    const notJson = await post('{"input":');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const big = await post(JSON.stringify({ input: { checks: ['a'], pad: 'x'.repeat(MAX_BODY_BYTES) } }));
    expect(big.status).toBe(413);
  });

  it('refuses malformed input with 400 and a message naming the field', async () => {
    const response = await callApi(bridge.port, 'runDiagnosis', { timeoutMs: 'x' }, bridge.token);
    expect(response.status).toBe(400);
    const message = JSON.parse(response.body).error.message as string;
    expect(message).toMatch(/^invalid input for runDiagnosis: timeoutMs: /);
    expect(status.requests).toBe(0); // nothing ran

    const unknownKey = await callApi(bridge.port, 'runDiagnosis', { timeoutMs: 5000, rm: '-rf' }, bridge.token);
    expect(unknownKey.status).toBe(400);
    const envelope = await rawRequest({
      port: bridge.port,
      method: 'POST',
      path: '/api/getInfo',
      headers: { 'content-type': 'application/json', 'x-gateway-doctor-token': bridge.token },
      body: '{"input":null,"extra":1}',
    });
    expect(envelope.status).toBe(400);
    expect(JSON.parse(envelope.body).error.message).toMatch(/invalid request body/);
  });
});

describe('bridge: API calls on the real engine', () => {
  it('getInfo answers with the profile, as the web bridge', async () => {
    const response = await callApi(bridge.port, 'getInfo', undefined, bridge.token);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = ndjson(response.body);
    expect(lines).toHaveLength(1);
    const info = AppInfoSchema.parse(lines[0]!.result);
    expect(info.host).toBe('web-bridge');
    expect(info.profile.name).toBe('Lab Service');
    expect(info.steps).toHaveLength(12);
  });

  it('runDiagnosis streams progress events, then a report that fails the status page during a major outage', async () => {
    status.scenario = 'major-outage';
    const response = await callApi(bridge.port, 'runDiagnosis', { checks: ['status-page'], timeoutMs: 5000 }, bridge.token);
    expect(response.status).toBe(200);
    const lines = ndjson(response.body);
    const last = lines.at(-1)!;
    expect(Object.keys(last)).toEqual(['result']);
    const events = lines.slice(0, -1);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const line of events) {
      expect(line.event).toBe('onProgress');
      ProgressEventSchema.parse(line.payload);
    }
    const types = events.map((line) => (line.payload as { type: string }).type);
    expect(types[0]).toBe('check-started');
    expect(types).toContain('check-finished');

    const report = ReportSchema.parse(last.result);
    const check = report.checks.find((c) => c.id === 'status-page')!;
    expect(check.status).toBe('fail');
    expect(check.summary).toContain('Conversations unavailable');
    expect(report.verdict.cause).toBe('service-outage');
    const finished = events.find((line) => (line.payload as { type: string }).type === 'check-finished')!;
    expect((finished.payload as { result: { summary: string } }).result.summary).toBe(check.summary);
  });

  it('exportReport renders the latest diagnosis, after validating its input', async () => {
    expect((await callApi(bridge.port, 'exportReport', { format: 'pdf', redact: true }, bridge.token)).status).toBe(400);
    const response = await callApi(bridge.port, 'exportReport', { format: 'json', redact: true }, bridge.token);
    const exported = ExportedReportSchema.parse(ndjson(response.body).at(-1)!.result);
    expect(exported.mimeType).toMatch(/json/);
    expect(ReportSchema.parse(JSON.parse(exported.content)).checks[0]!.summary).toContain('Conversations unavailable');
  });

  it('runDiagnosis passes the status page when everything is operational', async () => {
    status.scenario = 'operational';
    const response = await callApi(bridge.port, 'runDiagnosis', { checks: ['status-page'], timeoutMs: 5000 }, bridge.token);
    const report = ReportSchema.parse(ndjson(response.body).at(-1)!.result);
    expect(report.checks.find((c) => c.id === 'status-page')!.status).toBe('pass');
  });

  it('an engine failure ends the stream with an error line', async () => {
    const response = await callApi(bridge.port, 'runDiagnosis', { checks: ['no-such-check'], timeoutMs: 5000 }, bridge.token);
    expect(response.status).toBe(200);
    expect(ndjson(response.body).at(-1)).toEqual({ error: { message: 'unknown check: no-such-check' } });
  });
});

describe('bridge: links and progress (the page opens links and keeps progress itself)', () => {
  it('openExternal only checks an address (the page opens it): one that is not allowed is refused', async () => {
    const refused = await callApi(bridge.port, 'openExternal', { url: 'javascript:alert(1)' }, bridge.token);
    expect(ndjson(refused.body).at(-1)).toEqual({ error: { message: EXTERNAL_LINK_REFUSED } });
    expect((await callApi(bridge.port, 'openExternal', { href: 'https://x/' }, bridge.token)).status).toBe(400);
  });

  it('keeps progress in memory only, and caps what a call may send', async () => {
    const progress = { service: null, steps: [], currentStep: 'refresh', timers: [], lastReport: null };
    expect(ndjson((await callApi(bridge.port, 'saveProgress', progress, bridge.token)).body).at(-1)).toMatchObject({ result: { savedAt: expect.any(String) } });
    expect(ndjson((await callApi(bridge.port, 'loadProgress', undefined, bridge.token)).body).at(-1)).toMatchObject({ result: { progress: { currentStep: 'refresh' } } });
    expect(ndjson((await callApi(bridge.port, 'clearProgress', undefined, bridge.token)).body).at(-1)).toEqual({ result: { cleared: true } });
    expect(ndjson((await callApi(bridge.port, 'loadProgress', undefined, bridge.token)).body).at(-1)).toEqual({ result: { progress: null } });
  });
});

describe('bridge: streaming', () => {
  it('delivers each event while the call is still running', async () => {
    // A controllable service: the call finishes only once the test has seen its first event on the wire.
    let sawEvent!: () => void;
    const eventSeen = new Promise<void>((resolve) => (sawEvent = resolve));
    const profile = labProfile(status.url, await closedPort());
    const real = createEngineService({ profile, host: 'web-bridge' });
    const service: EngineService = {
      ...real,
      runDiagnosis: async (_input, emit) => {
        emit('onProgress', { type: 'check-started', id: 'status-page', step: 'status-page', title: 'Status' });
        await eventSeen;
        return real.runDiagnosis({ checks: ['status-page'], timeoutMs: 2000 }, () => {});
      },
    };
    const streaming = await startBridgeServer({
      profile,
      port: 0,
      rendererDir: fixture.rendererDir,
      clientScript: fixture.clientScript,
      service,
    });
    try {
      const response = await rawRequest({
        port: streaming.port,
        method: 'POST',
        path: '/api/runDiagnosis',
        headers: { 'content-type': 'application/json', 'x-gateway-doctor-token': streaming.token },
        body: '{"input":{}}',
        onChunk: (chunk) => {
          if (chunk.includes('"event":"onProgress"')) sawEvent();
        },
      });
      const lines = ndjson(response.body);
      expect(lines[0]).toMatchObject({ event: 'onProgress', payload: { type: 'check-started' } });
      ReportSchema.parse(lines.at(-1)!.result);
    } finally {
      await streaming.close();
    }
  });
});
