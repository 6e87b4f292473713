import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayerError } from './budget.js';
import { connectTcp } from './tcp-connect.js';

describe("the target probe's TCP layer (loopback)", () => {
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resolves with the open socket', async () => {
    const socket = await connectTcp('127.0.0.1', port, 1_000, new AbortController().signal);
    expect(socket.remotePort).toBe(port);
    socket.destroy();
  });

  it('rejects with LayerErrors: the socket code, and EABORTED when the budget signal stops it', async () => {
    const refused = await connectTcp('127.0.0.66', port, 1_000, new AbortController().signal).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LayerError);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    const controller = new AbortController();
    controller.abort();
    const aborted = await connectTcp('127.0.0.1', port, 1_000, controller.signal).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(LayerError);
    expect(aborted).toMatchObject({ code: 'EABORTED' });
  });
});
