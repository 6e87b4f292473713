// Through an HTTP proxy: the CONNECT request that opens a tunnel to an https target, and what a proxy's refusal
// means (407, another 4xx, its own 5xx, or silence).
import http from 'node:http';
import type { Socket } from 'node:net';
import { LayerError } from './budget.js';
import { keptHeaders } from './http-exchange.js';

export interface ConnectAnswer {
  status: number;
  headers: Record<string, string>;
  /** The start of the proxy's error page (non-2xx answers). */
  body: string;
  /** The tunnel, when the proxy answered 2xx. */
  tunnel?: Socket;
}

/** The proxy's own failure code for a status it answered instead of the target. */
export function proxyFailureCode(status: number): 'PROXY_AUTH_REQUIRED' | 'PROXY_DENIED' | 'PROXY_ERROR' {
  if (status === 407) return 'PROXY_AUTH_REQUIRED';
  if (status >= 400 && status < 500) return 'PROXY_DENIED';
  return 'PROXY_ERROR';
}

/** Proxy-Authorization for credentials in the proxy URL (http://user:pass@host:port). */
export function proxyAuthorization(proxyUrl: URL): Record<string, string> {
  if (!proxyUrl.username && !proxyUrl.password) return {};
  const credentials = `${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Sends CONNECT authority over a socket open to the proxy. Rejects (LayerError) when the proxy does not answer. */
export function openTunnel(
  proxySocket: Socket,
  authority: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<ConnectAnswer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new LayerError('EABORTED'));
      return;
    }
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = (): void =>
      settle(() => {
        request.destroy();
        proxySocket.destroy();
        reject(new LayerError('EABORTED'));
      });
    const request = http.request({
      method: 'CONNECT',
      path: authority,
      setHost: false,
      headers: { host: authority, 'user-agent': 'Mozilla/5.0 (compatible; gateway-doctor)', ...headers },
      createConnection: () => proxySocket,
    });
    // Node reports every answer to CONNECT here, whatever its status; `head` is what followed the headers.
    request.on('connect', (response: http.IncomingMessage, socket: Socket, head: Buffer) =>
      settle(() => {
        const status = response.statusCode ?? 0;
        const answer = { status, headers: keptHeaders(response.headers) };
        if (status >= 200 && status < 300) {
          if (head.length > 0) socket.unshift(head);
          resolve({ ...answer, body: '', tunnel: socket });
        } else {
          socket.destroy();
          resolve({ ...answer, body: head.toString('utf8') });
        }
      }),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle(() => {
        proxySocket.destroy();
        reject(new LayerError(error.code ?? 'EREQUEST', error.message));
      }),
    );
    signal.addEventListener('abort', onAbort, { once: true });
    request.end();
  });
}
