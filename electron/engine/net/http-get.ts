// One HTTP(S) GET with a hard deadline, a size cap and timings: the primitive every web probe builds on.
import http from 'node:http';
import https from 'node:https';
import { createLookup, LookupError } from './lookup.js';

export interface HttpGetOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Bodies above this size are cut (the cut is recorded, not an error). */
  maxBodyBytes?: number;
  /** Extra trusted CA certificates (PEM), e.g. the test lab's. */
  ca?: string[];
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  durationMs: number;
}

/** A failure below HTTP (DNS, TCP, TLS, timeout) with the Node error code that names it. */
export class HttpGetError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly durationMs: number,
    /** The host name could not be resolved (the code is then the DNS failure's, e.g. a refused DNS query). */
    readonly dnsFailure = false,
  ) {
    super(message);
    this.name = 'HttpGetError';
  }
}

const DEFAULT_MAX_BODY = 1024 * 1024;

export function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (code: string, message: string, dnsFailure = false): void => {
      if (settled) return;
      settled = true;
      cleanup();
      request.destroy();
      reject(new HttpGetError(message, code, elapsed(), dnsFailure));
    };
    const timer = setTimeout(() => fail('ETIMEDOUT', `no complete answer within ${options.timeoutMs} ms`), options.timeoutMs);
    const onAbort = (): void => fail('ECANCELLED', 'cancelled: the diagnosis deadline was reached');
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    const request = client.get(
      target,
      {
        headers: { 'user-agent': 'gateway-doctor', accept: '*/*', ...options.headers },
        lookup: createLookup({ timeoutMs: options.timeoutMs, signal: options.signal }) as never,
        agent: false,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        response.on('data', (chunk: Buffer) => {
          if (size >= maxBody) {
            truncated = true;
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ERESPONSE', error.message));
        response.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          const body = Buffer.concat(chunks);
          resolve({
            url,
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
            ),
            body: body.subarray(0, maxBody).toString('utf8'),
            bodyTruncated: truncated || body.length > maxBody,
            durationMs: elapsed(),
          });
        });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code ?? 'EREQUEST', error.message, error instanceof LookupError || error.syscall === 'getaddrinfo'),
    );
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
