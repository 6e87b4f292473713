// The engine client against the real engine-host.ts, run as a Node child process (Electron's utilityProcess
// cannot run here; the host speaks the same protocol over Node's IPC channel). The profile points at a lab
// status server on loopback.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import type { ProgressEvent } from '../common/spec.js';
import { parseProfile } from '../engine/profile.js';
import { createEngineClient, type EngineClient, type EngineProcess } from './engine-client.js';

const HOST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'engine-host.ts');

let status: StatusServer;
const children: ChildProcess[] = [];
const clients: EngineClient[] = [];

function spawnHost(): EngineProcess {
  const child = fork(HOST, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced', // structured clone, as Electron's postMessage
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('error', () => {}); // sending to a dead child: the client sees the exit instead
  children.push(child);
  return {
    send: (message) => void child.send(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}

function newClient(logs: string[] = []): EngineClient {
  const profile = parseProfile(
    {
      name: 'Lab service',
      targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }],
      statusPage: { url: status.url, components: ['Conversations'] },
      referenceResolvers: ['127.0.0.1:9'],
      connectivityCheck: 'http://127.0.0.1:9/generate_204',
    },
    'test profile',
  );
  const client = createEngineClient({ spawn: spawnHost, profile, log: (line) => logs.push(line) });
  clients.push(client);
  return client;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

beforeAll(async () => {
  status = await startStatusServer('major-outage');
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  for (const child of children.splice(0)) {
    if (child.signalCode === 'SIGSTOP' || child.exitCode === null) child.kill('SIGKILL');
    await exited(child);
  }
});
afterAll(async () => {
  await status.close();
});

describe('engine client + engine host', () => {
  it('answers getInfo from the engine process with the profile it was given', async () => {
    const client = newClient();
    const info = await client.call('getInfo', undefined);
    expect(info.host).toBe('electron');
    expect(info.profile.name).toBe('Lab service');
    expect(info.steps[0]).toEqual({ id: 'status-page', title: "Check the service's status page" });
    expect(children).toHaveLength(1);
  });

  it('runs a diagnosis and forwards its progress events while the call runs', async () => {
    const client = newClient();
    const events: ProgressEvent[] = [];
    const report = await client.call(
      'runDiagnosis',
      { checks: ['status-page'], timeoutMs: 5_000 },
      { onEvent: (method, payload) => method === 'onProgress' && events.push(payload as ProgressEvent) },
    );
    expect(report.schemaVersion).toBe(1);
    expect(report.checks.map((c) => c.id)).toEqual(['status-page']);
    expect(report.checks[0]!.status).toBe('fail'); // the lab page reports a major outage of Conversations
    expect(events.map((e) => e.type)).toEqual(['check-started', 'check-finished']);
    expect(status.requests).toBeGreaterThan(0);

    // The engine process keeps that report for export.
    const exported = await client.call('exportReport', { format: 'json', redact: false });
    expect(JSON.parse(exported.content)).toMatchObject({ schemaVersion: 1, profile: { name: 'Lab service' } });
  });

  it('passes on the engine’s refusal of bad input and of an unknown check', async () => {
    const client = newClient();
    await expect(client.call('runDiagnosis', { timeoutMs: 5 })).rejects.toThrow(/Invalid input for runDiagnosis: timeoutMs/);
    await expect(client.call('runDiagnosis', { checks: ['no-such-check'] })).rejects.toThrow(/unknown check: no-such-check/);
    // The process survived both.
    await expect(client.call('getInfo', undefined)).resolves.toMatchObject({ host: 'electron' });
    expect(children).toHaveLength(1);
  });

  it('fails a pending call clearly when the engine process dies, and restarts it for the next call', async () => {
    status.scenario = 'hang';
    try {
      const client = newClient();
      let started!: () => void;
      const checkStarted = new Promise<void>((resolve) => (started = resolve));
      const call = client.call('runDiagnosis', { checks: ['status-page'], timeoutMs: 20_000 }, { onEvent: () => started() });
      await checkStarted; // the call is in flight inside the engine
      children[0]!.kill('SIGKILL');
      await expect(call).rejects.toThrow(/diagnostics engine stopped unexpectedly .*"runDiagnosis"/);
      const info = await client.call('getInfo', undefined);
      expect(info.profile.name).toBe('Lab service');
      expect(children).toHaveLength(2);
      // A fresh engine has no report yet, and says so.
      await expect(client.call('exportReport', { format: 'md', redact: true })).rejects.toThrow(/run a diagnosis first/);
      expect(children[1]!.pid).not.toBe(children[0]!.pid);
    } finally {
      status.scenario = 'major-outage';
    }
  });

  it('gives up on an engine that stops answering, kills it and starts a fresh one', async () => {
    const logs: string[] = [];
    const client = newClient(logs);
    await client.call('getInfo', undefined);
    children[0]!.kill('SIGSTOP'); // alive but frozen, like an engine stuck in a blocking call
    const started = Date.now();
    await expect(client.call('getInfo', undefined, { timeoutMs: 500 })).rejects.toThrow(/did not answer "getInfo" within 1 s and was restarted/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await exited(children[0]!);
    await expect(client.call('getInfo', undefined)).resolves.toMatchObject({ host: 'electron' });
    expect(children).toHaveLength(2);
    expect(logs.some((line) => line.includes('restarting the engine'))).toBe(true);
  });

  it('refuses calls after dispose and stops the process', async () => {
    const client = newClient();
    await client.call('getInfo', undefined);
    client.dispose();
    await exited(children[0]!);
    await expect(client.call('getInfo', undefined)).rejects.toThrow(/shut down/);
  });
});

describe('engine client against a misbehaving engine', () => {
  // An engine process that answers with whatever the test scripts: for answers a real engine never sends.
  function scriptedEngine(answer: (message: unknown, reply: (raw: unknown) => void) => void): () => EngineProcess {
    return () => {
      let listener: (message: unknown) => void = () => {};
      return {
        send: (message) => queueMicrotask(() => answer(message, (raw) => listener(raw))),
        onMessage: (l) => void (listener = l),
        onExit: () => {},
        kill: () => {},
      };
    };
  }
  const profile = parseProfile({ name: 'x', targets: [{ id: 'a', url: 'http://127.0.0.1:9/' }] }, 'test');

  it('rejects an answer that does not match the contract, and drops malformed messages and bad events', async () => {
    const logs: string[] = [];
    const seen: unknown[] = [];
    const client = createEngineClient({
      profile,
      log: (line) => logs.push(line),
      spawn: scriptedEngine((message, reply) => {
        if (typeof message !== 'object' || message === null || !('id' in message)) return; // init
        const id = (message as { id: number }).id;
        reply('garbage');
        reply({ id }); // no result key
        reply({ id, event: { method: 'onProgress', payload: { type: 'nonsense' } } });
        reply({ id, result: { name: 'Gateway Doctor' } }); // not an AppInfo
      }),
    });
    await expect(client.call('getInfo', undefined, { onEvent: (_m, p) => seen.push(p) })).rejects.toThrow(
      /invalid answer to "getInfo"/,
    );
    expect(seen).toEqual([]);
    expect(logs.filter((l) => l.startsWith('dropped'))).toHaveLength(3);
    client.dispose();
  });
});
