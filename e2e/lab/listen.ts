// Lab: starts a server on a loopback address and keeps track of its connections, so that `close()` ends at once
// even while clients hold keep-alive or hanging connections (a lab server must never keep a test waiting).
import type { AddressInfo, Server, Socket } from 'node:net';

export interface LabListener {
  port: number;
  /** The host as it goes into a URL ([::1] for IPv6). */
  urlHost: string;
  /** Connections open right now. */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server, host = '127.0.0.1', port = 0): Promise<LabListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    port: bound,
    urlHost: host.includes(':') ? `[${host}]` : host,
    get openConnections() {
      return sockets.size;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
