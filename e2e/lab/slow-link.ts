// Lab: a TCP relay on loopback that adds latency to every byte in each direction, like a long or congested link:
// a TLS handshake through it takes its round trips, and so does the request. (A TCP connect to it is still
// immediate: the kernel accepts; only what follows crosses the "link".)
import net, { type Socket } from 'node:net';
import { listenOnLoopback } from './listen.js';

export interface SlowLink {
  port: number;
  close(): Promise<void>;
}

/** Relays 127.0.0.1:<port> to `to`, each chunk delayed by `oneWayMs` (so a round trip costs twice that). */
export async function startSlowLink(to: { host: string; port: number }, oneWayMs: number): Promise<SlowLink> {
  const delayed = (from: Socket, into: Socket): void => {
    from.on('data', (chunk) => {
      setTimeout(() => {
        if (!into.destroyed) into.write(chunk);
      }, oneWayMs);
    });
    from.on('end', () => setTimeout(() => into.end(), oneWayMs));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(to.port, to.host);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    delayed(client, upstream);
    delayed(upstream, client);
  });
  const listener = await listenOnLoopback(server, '127.0.0.1');
  return { port: listener.port, close: listener.close };
}
