import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyConnectOutcome, probeGateway } from './gateway-probe.js';

async function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function closedPort(): Promise<number> {
  const { port, close } = await listen();
  await close();
  return port;
}

describe('classifyConnectOutcome', () => {
  it('counts a connection or a refusal as an answer, silence and unreachable as none', () => {
    expect(classifyConnectOutcome(null)).toBe('answered');
    expect(classifyConnectOutcome('ECONNREFUSED')).toBe('answered');
    expect(classifyConnectOutcome('EHOSTUNREACH')).toBe('unreachable');
    expect(classifyConnectOutcome('ENETUNREACH')).toBe('unreachable');
    expect(classifyConnectOutcome('ETIMEDOUT')).toBe('no-answer');
  });
});

describe('probeGateway (loopback)', () => {
  it('answers when a port accepts, and stops the other attempts at once', async () => {
    const open = await listen();
    try {
      const result = await probeGateway('127.0.0.1', { timeoutMs: 5000, ports: [open.port] });
      expect(result).toMatchObject({ address: '127.0.0.1', answering: true });
      expect(result.attempts[0]).toMatchObject({ port: open.port, outcome: 'answered', detail: 'connected' });
    } finally {
      await open.close();
    }
  });

  it('answers when the port refuses (the host is alive)', async () => {
    const port = await closedPort();
    const result = await probeGateway('127.0.0.1', { timeoutMs: 5000, ports: [port] });
    expect(result.answering).toBe(true);
    expect(result.attempts[0]!.detail).toBe('ECONNREFUSED');
  });

  it('does not probe something that is not an address', async () => {
    expect(await probeGateway('router.local', { timeoutMs: 100 })).toMatchObject({ answering: false, attempts: [] });
  });

  it('stops when the sweep is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const port = await closedPort();
    const result = await probeGateway('127.0.0.1', { timeoutMs: 5000, ports: [port], signal: controller.signal });
    expect(result.attempts[0]!.detail).toBe('ECANCELLED');
    expect(result.answering).toBe(false);
  });
});
