// One TCP connection to one IP address (no name lookup here), bounded by its own timeout and the caller's abort
// signal. `connectTcp` hands the open socket to the layer above (the target probe's TLS and HTTP); `probeTcp`
// only asks whether the port answers, and closes at once (a DNS answer proven to work, the router alive).
import net from 'node:net';

export class TcpConnectError extends Error {
  constructor(
    /** The socket's code (ECONNREFUSED, EHOSTUNREACH…), ETIMEDOUT for our own timeout, ECANCELLED for the signal. */
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'TcpConnectError';
  }
}

export interface TcpConnectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Resolves with the connected socket (the caller owns it from then on); rejects with a TcpConnectError. */
export function connectTcp(address: string, port: number, options: TcpConnectOptions): Promise<net.Socket> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new TcpConnectError('ECANCELLED'));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    // A late error after the layer above stopped listening must not crash the process.
    socket.on('error', () => {});
    const finish = (error: TcpConnectError | null): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('connect', onConnect);
      socket.removeListener('error', onError);
      if (error) {
        // Only a socket nobody else holds yet is destroyed here: destroying one a TLS socket already wraps, as
        // well as that TLS socket, crashes Node 20 at exit.
        socket.destroy();
        reject(error);
      } else {
        resolve(socket);
      }
    };
    const onConnect = (): void => finish(null);
    const onError = (error: NodeJS.ErrnoException): void => finish(new TcpConnectError(error.code ?? 'ECONNECT', error.message));
    const onAbort = (): void => finish(new TcpConnectError('ECANCELLED'));
    const timer = setTimeout(
      () => finish(new TcpConnectError('ETIMEDOUT', `no connection within ${Math.round(options.timeoutMs)} ms`)),
      Math.max(0, options.timeoutMs),
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface TcpProbeResult {
  address: string;
  ok: boolean;
  /** Why it did not connect (absent when it did). */
  code?: string;
  durationMs: number;
}

/** Connects and closes at once; never throws. */
export async function probeTcp(address: string, port: number, options: TcpConnectOptions): Promise<TcpProbeResult> {
  const started = performance.now();
  const durationMs = (): number => Math.round(performance.now() - started);
  try {
    (await connectTcp(address, port, options)).destroy();
    return { address, ok: true, durationMs: durationMs() };
  } catch (error) {
    const code = error instanceof TcpConnectError ? error.code : 'ECONNECT';
    return { address, ok: false, code, durationMs: durationMs() };
  }
}
