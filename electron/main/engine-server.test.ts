// The engine process's message handling, in-process over a real MessageChannel (structured clone, like
// Electron's parentPort), with the real engine service.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinProfile } from '../engine/profile.js';
import { createEngineService } from '../engine/service.js';
import { serveEngine } from './engine-server.js';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  const logs: string[] = [];
  serveEngine(
    { post: (message) => channel.port2.postMessage(message), onMessage: (listener) => void channel.port2.on('message', listener) },
    { createService: (profile) => createEngineService({ profile, host: 'electron' }), log: (line) => logs.push(line) },
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
  return { send: (message: unknown) => channel.port1.postMessage(message), next, logs, replies };
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
