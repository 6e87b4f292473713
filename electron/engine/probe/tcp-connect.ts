// The TCP layer: one connection to one address, bounded by its own timeout and the probe's signal.
import net from 'node:net';
import { LayerError } from './budget.js';

/** Connects to an IP address (no name lookup here: the DNS layer did it). Rejects with a LayerError. */
export function connectTcp(address: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new LayerError('EABORTED'));
      return;
    }
    const socket = net.connect({ host: address, port });
    // A late error after a layer above stopped listening must not crash the process.
    socket.on('error', () => {});
    const finish = (error: LayerError | null): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('connect', onConnect);
      socket.removeListener('error', onError);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve(socket);
      }
    };
    const onConnect = (): void => finish(null);
    const onError = (error: NodeJS.ErrnoException): void => finish(new LayerError(error.code ?? 'ECONNECT', error.message));
    const onAbort = (): void => finish(new LayerError('EABORTED'));
    const timer = setTimeout(() => finish(new LayerError('ETIMEDOUT', `no connection within ${Math.round(timeoutMs)} ms`)), timeoutMs);
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
