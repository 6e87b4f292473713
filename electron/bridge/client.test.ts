// The page-side client against the real bridge and engine, through Node's own fetch and ReadableStream (the
// same WHATWG APIs the browser gives it). The token/address-bar handling is covered in e2e/bridge.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../common/channels.js';
import type { EventPayload } from '../common/contract.js';
import { ReportSchema } from '../common/spec.js';
import { startBridgeServer, type BridgeServer } from './bridge-server.js';
import { closedPort, labProfile, makeRendererFixture } from '../../e2e/fixtures/bridge-test-kit.js';
import { createBridgeApi } from './client.js';

let status: StatusServer;
let bridge: BridgeServer;

beforeAll(async () => {
  status = await startStatusServer('major-outage');
  const fixture = makeRendererFixture();
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

describe('bridge client', () => {
  it('exposes exactly the contract methods on a frozen object', () => {
    const api = createBridgeApi({ token: bridge.token, baseUrl: bridge.origin });
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort());
    expect(() => {
      (api as unknown as Record<string, unknown>).getInfo = () => 'hijacked';
    }).toThrow(TypeError);
  });

  it('getInfo resolves with the engine info', async () => {
    const api = createBridgeApi({ token: bridge.token, baseUrl: bridge.origin });
    const info = await api.getInfo();
    expect(info.host).toBe('web-bridge');
    expect(info.profile.name).toBe('Lab Service');
  });

  it('runDiagnosis dispatches progress events to listeners before resolving, and unsubscribing stops them', async () => {
    const api = createBridgeApi({ token: bridge.token, baseUrl: bridge.origin });
    const seen: string[] = [];
    const dropped: unknown[] = [];
    const off = api.onProgress((event: EventPayload<'onProgress'>) => {
      seen.push(event.type === 'check-started' ? `started ${event.id}` : `finished ${event.result.id} ${event.result.status}`);
    });
    const offDropped = api.onProgress((event) => dropped.push(event));
    offDropped();
    // A listener that throws must not break the others or the call.
    const offThrowing = api.onProgress(() => {
      throw new Error('listener bug');
    });
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    let report;
    try {
      report = await api.runDiagnosis({ checks: ['status-page'], timeoutMs: 5000 });
    } finally {
      console.error = originalError;
    }
    offThrowing();
    expect(seen).toEqual(['started status-page', 'finished status-page fail']);
    expect(dropped).toEqual([]);
    expect(errors.length).toBe(2);
    expect(ReportSchema.parse(report).checks[0]!.status).toBe('fail');

    off();
    await api.runDiagnosis({ checks: ['status-page'], timeoutMs: 5000 });
    expect(seen).toHaveLength(2);
  });

  it("streams the watch's states to onWatch listeners, from the call that starts it to the one that stops it", async () => {
    const api = createBridgeApi({ token: bridge.token, baseUrl: bridge.origin });
    const states: EventPayload<'onWatch'>[] = [];
    let checked!: () => void;
    const firstCheck = new Promise<void>((resolve) => (checked = resolve));
    const off = api.onWatch((state) => {
      states.push(state);
      if (state.lastCheck) checked();
    });
    try {
      // Subscribing opened the stream; the first check comes a second after the start.
      const started = await api.startWatch({ firstCheckMs: 1_000 });
      expect(started.state).toBe('waiting');
      await firstCheck; // the lab target's port is closed: it does not work
      const sequence = states.map((s) => s.state);
      expect(sequence.slice(sequence.indexOf('checking'))).toEqual(['checking', 'waiting']);
      expect(states.at(-1)!.lastCheck).toMatchObject({
        works: false,
        statusPage: 'outage',
        summary: 'Lab Service still cannot be reached, and its status page still reports an outage (“Conversations unavailable”).',
      });
      const stopped = await api.stopWatch();
      expect(stopped?.state).toBe('stopped');
      for (let i = 0; states.at(-1)?.state !== 'stopped'; i += 1) {
        if (i > 100) throw new Error(`no stopped state: ${JSON.stringify(states.map((s) => s.state))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await api.getWatch()).toMatchObject({ state: 'stopped' });
    } finally {
      off();
    }
  });

  it('rejects with the bridge message when the token is missing or wrong', async () => {
    for (const token of [null, 'wrong-token']) {
      const api = createBridgeApi({ token, baseUrl: bridge.origin });
      await expect(api.getInfo()).rejects.toThrow(/refused getInfo \(HTTP 401\): missing or wrong token/);
    }
  });

  it('rejects with the validation message for bad input, and with the engine error for a failing call', async () => {
    const api = createBridgeApi({ token: bridge.token, baseUrl: bridge.origin });
    await expect(api.runDiagnosis({ timeoutMs: 'x' as unknown as number })).rejects.toThrow(/HTTP 400\): invalid input for runDiagnosis: timeoutMs/);
    await expect(api.runDiagnosis({ checks: ['no-such-check'] })).rejects.toThrow(/^unknown check: no-such-check$/);
  });

  it('rejects with a clear message when the bridge is gone', async () => {
    const api = createBridgeApi({ token: bridge.token, baseUrl: `http://127.0.0.1:${await closedPort()}` });
    await expect(api.getInfo()).rejects.toThrow(/Cannot reach the development bridge/);
  });

  it('reads lines split across chunks and rejects when the stream ends without an answer', async () => {
    // A hand-made stream (the server never splits lines this way on loopback, but a real network can).
    const encoder = new TextEncoder();
    const answer = (parts: string[]) =>
      (async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const part of parts) controller.enqueue(encoder.encode(part));
              controller.close();
            },
          }),
          { status: 200, headers: { 'content-type': 'application/x-ndjson' } },
        )) as unknown as typeof fetch;
    const events: unknown[] = [];
    const split = createBridgeApi({
      token: 't',
      fetch: answer(['{"event":"onProgress","pay', 'load":{"type":"x"}}\n{"event":"onUnknown","payload":1}\n{"resu', 'lt":{"ok":', 'true}}']),
    });
    split.onProgress((event) => events.push(event));
    await expect(split.getInfo()).resolves.toEqual({ ok: true });
    expect(events).toEqual([{ type: 'x' }]);

    const cut = createBridgeApi({ token: 't', fetch: answer(['{"event":"onProgress","payload":{}}\n']) });
    await expect(cut.getInfo()).rejects.toThrow(/closed the connection before answering getInfo/);
  });
});
