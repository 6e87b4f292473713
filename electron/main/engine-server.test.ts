// The engine process's message handling, in-process over a real MessageChannel (structured clone, like
// Electron's parentPort), with the real engine service.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinProfile, parseProfile } from '../engine/profile.js';
import { createEngineService } from '../engine/service.js';
import type { SystemProxyResolver } from '../system/proxy/resolver-hook.js';
import { serveEngine } from './engine-server.js';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function connect(proxyTimeoutMs?: number) {
  const channel = new MessageChannel();
  channels.push(channel);
  const logs: string[] = [];
  const installed: (SystemProxyResolver | null)[] = [];
  serveEngine(
    { post: (message) => channel.port2.postMessage(message), onMessage: (listener) => void channel.port2.on('message', listener) },
    {
      createService: (profile, broadcast) => createEngineService({ profile, host: 'electron', broadcast }),
      log: (line) => logs.push(line),
      installProxyResolver: (resolver) => installed.push(resolver),
      ...(proxyTimeoutMs !== undefined ? { proxyTimeoutMs } : {}),
    },
  );
  const replies: unknown[] = [];
  const waiters: (() => void)[] = [];
  channel.port1.on('message', (message) => {
    replies.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = async (count: number) => {
    while (replies.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return replies.slice(0, count);
  };
  return { send: (message: unknown) => channel.port1.postMessage(message), next, logs, replies, installed };
}

describe('serveEngine', () => {
  it('refuses requests until it has a profile, then answers them', async () => {
    const engine = connect();
    engine.send({ id: 1, method: 'getInfo', input: undefined });
    engine.send({ init: { profile: builtinProfile() } });
    engine.send({ id: 2, method: 'getInfo', input: undefined });
    const [first, second] = await engine.next(2);
    expect(first).toEqual({ id: 1, error: { message: 'The diagnostics engine was not given a profile yet.' } });
    expect(second).toMatchObject({ id: 2, result: { host: 'electron', profile: { name: 'ChatGPT' } } });
  });

  it('validates request input again and reports engine errors as messages', async () => {
    const engine = connect();
    engine.send({ init: { profile: builtinProfile() } });
    engine.send({ id: 1, method: 'runDiagnosis', input: { timeoutMs: 'soon' } });
    engine.send({ id: 2, method: 'exportReport', input: { format: 'md', redact: true } });
    const replies = await engine.next(2);
    expect(replies).toContainEqual({ id: 1, error: { message: expect.stringMatching(/^Invalid input for runDiagnosis: timeoutMs/) } });
    expect(replies).toContainEqual({ id: 2, error: { message: expect.stringMatching(/run a diagnosis first/) } });
  });

  it("sends a watch's states as broadcasts (no call id), and stops the watch when a new init replaces the service", async () => {
    const engine = connect();
    engine.send({ init: { profile: builtinProfile() } });
    engine.send({ id: 1, method: 'startWatch', input: { firstCheckMs: 30_000 } });
    const [broadcast, answer] = await engine.next(2);
    expect(broadcast).toEqual({ event: { method: 'onWatch', payload: expect.objectContaining({ state: 'waiting', service: 'ChatGPT', checks: 0 }) } });
    expect(answer).toMatchObject({ id: 1, result: { state: 'waiting' } });
    engine.send({ init: { profile: builtinProfile() } });
    const [, , stopped] = await engine.next(3);
    expect(stopped).toEqual({ event: { method: 'onWatch', payload: expect.objectContaining({ state: 'stopped' }) } });
  });

  it('drops malformed messages and unknown methods without answering', async () => {
    const engine = connect();
    engine.send({ init: { profile: builtinProfile() } });
    engine.send('hello');
    engine.send({ id: 1, method: 'deleteEverything', input: {} });
    engine.send({ init: { profile: { name: 'no targets' } } });
    engine.send({ id: 2, method: 'getInfo', input: undefined });
    const [only] = await engine.next(1);
    expect(only).toMatchObject({ id: 2, result: { profile: { name: 'ChatGPT' } } });
    expect(engine.logs).toHaveLength(3);
    expect(engine.replies).toHaveLength(1);
  });
});

describe("serveEngine's proxy relay to main", () => {
  const profile = parseProfile(
    { name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }, { id: 'auth', url: 'https://auth.lab/' }] },
    'test profile',
  );
  const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: Error) => ({ error: error.message }));
  const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
  /** An engine that was told main resolves proxies (once it answered a first request, the init was handled). */
  const relaying = async (proxyTimeoutMs?: number) => {
    const engine = connect(proxyTimeoutMs);
    engine.send({ init: { profile, resolvesProxies: true } });
    engine.send({ id: 1, method: 'getInfo', input: undefined });
    await engine.next(1);
    return { engine, resolver: engine.installed[0]! };
  };

  it('installs nothing unless main says it resolves proxies', async () => {
    const engine = connect();
    engine.send({ init: { profile } });
    engine.send({ id: 1, method: 'getInfo', input: undefined });
    await engine.next(1);
    expect(engine.installed).toEqual([null]);
  });

  it("asks main about the profile's targets and resolves with its answer, or rejects with its refusal", async () => {
    const { engine, resolver } = await relaying();
    expect(resolver).toBeTypeOf('function');

    const app = settle(resolver('https://CHAT.lab'));
    const auth = settle(resolver('https://auth.lab/'));
    const [, askApp, askAuth] = (await engine.next(3)) as [unknown, { id: number }, { id: number }];
    expect(askApp).toEqual({ type: 'resolve-proxy', id: expect.any(Number), url: 'https://chat.lab/' });
    expect(askAuth).toMatchObject({ type: 'resolve-proxy', url: 'https://auth.lab/' });
    expect(askAuth.id).not.toBe(askApp.id);
    // Answers may come in any order; each settles its own question.
    engine.send({ type: 'proxy-resolved', id: askAuth.id, error: 'the session is gone' });
    engine.send({ type: 'proxy-resolved', id: askApp.id, rules: 'PROXY proxy.corp:8080; DIRECT' });
    expect(await app).toEqual({ value: 'PROXY proxy.corp:8080; DIRECT' });
    expect(await auth).toEqual({ error: 'the session is gone' });
  });

  it('asks about the targets of the service in use after a switch, and no longer about the old ones', async () => {
    const { engine, resolver } = await relaying();
    engine.send({ id: 2, method: 'selectService', input: { service: 'claude' } });
    const [, switched] = await engine.next(2);
    expect(switched).toMatchObject({ id: 2, result: { serviceId: 'claude' } });
    expect(await settle(resolver('https://chat.lab/'))).toEqual({ error: expect.stringContaining("only the profile's targets") });
    const claude = settle(resolver('https://claude.ai/'));
    const [, , ask] = (await engine.next(3)) as [unknown, unknown, { id: number; url: string }];
    expect(ask).toMatchObject({ type: 'resolve-proxy', url: 'https://claude.ai/' });
    engine.send({ type: 'proxy-resolved', id: ask.id, rules: 'DIRECT' });
    expect(await claude).toEqual({ value: 'DIRECT' });
  });

  it('never asks main about another URL', async () => {
    const { engine, resolver } = await relaying();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'https://chat.lab/other']) {
      expect(await settle(resolver(url))).toEqual({ error: expect.stringContaining("only the profile's targets") });
    }
    await tick();
    expect(engine.replies).toHaveLength(1); // getInfo's answer only
  });

  it('gives up after its timeout, and ignores the late answer', async () => {
    const { engine, resolver } = await relaying(150);
    const started = Date.now();
    const answer = settle(resolver('https://chat.lab/'));
    const [, ask] = (await engine.next(2)) as [unknown, { id: number }];
    expect(await answer).toEqual({ error: 'the main process did not resolve the proxy within 150 ms' });
    expect(Date.now() - started).toBeLessThan(1_000);
    engine.send({ type: 'proxy-resolved', id: ask.id, rules: 'DIRECT' });
    engine.send({ type: 'proxy-resolved', id: 999, rules: 'DIRECT' });
    engine.send({ type: 'proxy-resolved', id: 5, rules: 'PROXY a:1\r\nX-Injected: 1' });
    await tick();
    expect(engine.logs).toEqual([expect.stringContaining('dropped a malformed message')]); // only the bad one
  });
});
