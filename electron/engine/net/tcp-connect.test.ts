import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTcp, probeTcp, TcpConnectError } from './tcp-connect.js';

/**
 * A loopback port where a connect stays pending: a child process listens with a backlog of 1 and never accepts
 * (its event loop is blocked), and fillers take the queue, so the kernel drops further SYNs as a silent host would.
 */
async function silentPort(): Promise<{ port: number; close: () => void }> {
  const script =
    "const s = require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {" +
    " process.stdout.write(s.address().port + '\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000); });";
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = Number(await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (data: Buffer) => resolve(String(data).trim()));
    child.once('error', reject);
  }));
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 6; i += 1) {
    const filler = net.connect({ host: '127.0.0.1', port });
    filler.on('error', () => {});
    fillers.push(filler);
    const connected = await new Promise<boolean>((resolve) => {
      filler.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 300);
    });
    if (!connected) break;
  }
  return {
    port,
    close: () => {
      for (const filler of fillers) filler.destroy();
      child.kill('SIGKILL');
    },
  };
}

describe('connectTcp and probeTcp (real sockets on loopback)', () => {
  let server: net.Server;
  let port: number;
  let silent: { port: number; close: () => void };
  beforeAll(async () => {
    server = net.createServer((socket) => {
      // A probe closes at once: its reset is expected here.
      socket.on('error', () => {});
      socket.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    silent = await silentPort();
  });
  afterAll(async () => {
    silent.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('hands over a connected socket the caller reads from', async () => {
    const socket = await connectTcp('127.0.0.1', port, { timeoutMs: 1_000 });
    const data = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(String(chunk))));
    expect(data).toBe('hello');
    socket.destroy();
  });

  it('rejects a refusal with the socket code', async () => {
    const error = await connectTcp('127.0.0.66', port, { timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TcpConnectError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives up on a host that stays silent after its own timeout', async () => {
    const started = Date.now();
    await expect(connectTcp('127.0.0.1', silent.port, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops when the signal aborts, before or during the connect', async () => {
    const before = new AbortController();
    before.abort();
    await expect(connectTcp('127.0.0.1', port, { timeoutMs: 1_000, signal: before.signal })).rejects.toMatchObject({ code: 'ECANCELLED' });
    const during = new AbortController();
    setTimeout(() => during.abort(), 100);
    await expect(connectTcp('127.0.0.1', silent.port, { timeoutMs: 5_000, signal: during.signal })).rejects.toMatchObject({ code: 'ECANCELLED' });
  });

  it('probes: connects to a listener and is refused where nothing listens, never throwing', async () => {
    expect(await probeTcp('127.0.0.1', port, { timeoutMs: 1_000 })).toMatchObject({ address: '127.0.0.1', ok: true });
    expect(await probeTcp('127.0.0.66', port, { timeoutMs: 1_000 })).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    expect(await probeTcp('127.0.0.1', silent.port, { timeoutMs: 300 })).toMatchObject({ ok: false, code: 'ETIMEDOUT' });
  });

  it('probes: stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await probeTcp('127.0.0.1', port, { timeoutMs: 1_000, signal: controller.signal })).toMatchObject({ ok: false, code: 'ECANCELLED' });
  });
});
