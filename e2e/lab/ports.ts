// Lab: a loopback port where nothing listens (a connection to it is refused at once).
import net from 'node:net';

/** A port that was free a moment ago and is closed now: connecting to it gets ECONNREFUSED. */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
