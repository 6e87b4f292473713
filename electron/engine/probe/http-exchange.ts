// The HTTP layer: one GET over a socket that is already open (plain, TLS, or a proxy's), reading the status, the
// headers and the start of the body, then closing.
import http from 'node:http';
import type { Socket } from 'node:net';
import { LayerError } from './budget.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** Headers kept as evidence. Never cookies or anything else personal. */
const KEPT_HEADERS = [
  'server',
  'cf-ray',
  'cf-cache-status',
  'cf-mitigated',
  'via',
  'x-cache',
  'x-squid-error',
  'x-served-by',
  'content-type',
  'location',
  'retry-after',
  'proxy-authenticate',
  'www-authenticate',
];

export interface HttpExchange {
  status: number;
  /** The kept headers (lower-case names). */
  headers: Record<string, string>;
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  /** The body ended normally (false when it was cut by the size cap, the budget or the peer). */
  bodyComplete: boolean;
  timeToHeadersMs: number;
  durationMs: number;
}

export interface HttpRequestSpec {
  /** Origin-form path (/x?y) for a server, absolute URI for a proxy. */
  path: string;
  /** The Host header (host[:port] of the target). */
  host: string;
  headers?: Record<string, string>;
  maxBodyBytes?: number;
}

export function keptHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = raw[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

export function exchangeHttp(socket: Socket, spec: HttpRequestSpec, signal: AbortSignal): Promise<HttpExchange> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const maxBody = spec.maxBodyBytes ?? MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new LayerError('EABORTED'));
      return;
    }
    let settled = false;
    let response: http.IncomingMessage | undefined;
    let timeToHeadersMs = 0;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;

    const done = (error: LayerError | null, complete = false): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      // A probe reads one answer: the connection is never reused.
      request.destroy();
      socket.destroy();
      if (error && !response) {
        reject(error);
        return;
      }
      const body = Buffer.concat(chunks).subarray(0, maxBody);
      resolve({
        status: response!.statusCode ?? 0,
        headers: keptHeaders(response!.headers),
        body: body.toString('utf8'),
        bodyBytes: body.length,
        bodyTruncated: truncated,
        bodyComplete: complete,
        timeToHeadersMs,
        durationMs: elapsed(),
      });
    };
    const onAbort = (): void => done(new LayerError('EABORTED'));

    const request = http.request({
      method: 'GET',
      path: spec.path,
      setHost: false,
      headers: {
        host: spec.host,
        'user-agent': 'Mozilla/5.0 (compatible; gateway-doctor)',
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        'accept-encoding': 'identity',
        connection: 'close',
        ...spec.headers,
      },
      createConnection: () => socket,
    });
    request.on('response', (res) => {
      response = res;
      timeToHeadersMs = elapsed();
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBody) {
          // Stop at the cap: what follows cannot change the signature.
          truncated = true;
          done(null, false);
        }
      });
      res.on('end', () => done(null, true));
      res.on('error', (error: NodeJS.ErrnoException) => done(new LayerError(error.code ?? 'ERESPONSE', error.message)));
      // Closed before the end of the body: keep what arrived (the status is known).
      res.on('close', () => done(new LayerError('ECONNRESET')));
    });
    request.on('error', (error: NodeJS.ErrnoException) => done(new LayerError(error.code ?? 'EREQUEST', error.message)));
    signal.addEventListener('abort', onAbort, { once: true });
    request.end();
  });
}
