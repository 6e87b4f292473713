// The development bridge's HTTP server: serves the renderer and its bridge script, and the engine's API, to
// pages on its own loopback origin only (the protocol is described at the top of server.ts).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Profile } from '../common/spec.js';
import { createEngineService, type EngineService } from '../engine/service.js';
import type { EmitEvent } from '../engine/service.js';
import { ApiError, createEventStreams, EVENTS_PATH_NAME, isInvokeMethod, parseCallBody, readJsonBody, streamCall } from './api.js';
import { hostAllowed, originAllowed, tokenMatches } from './request-guard.js';
import { BRIDGE_SCRIPT_PATH, contentTypeOf, cspHeaderFor, injectBridgeScript, resolveStaticFile } from './static-files.js';

export const TOKEN_HEADER = 'x-gateway-doctor-token';

export interface BridgeServerOptions {
  profile: Profile;
  /** 0: a random free port. */
  port: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The built bridge client (dist/bridge/client.js). */
  clientScript: string;
  /** For tests: another engine service, made with the bridge's broadcast (events outside any call). */
  service?: EngineService | ((broadcast: EmitEvent) => EngineService);
  /** For tests: a fixed token. */
  token?: string;
  /** A watch's first re-check when the page does not say (tests shorten the app's 30 s). */
  watchFirstCheckMs?: number;
}

export interface BridgeServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/?token=TOKEN`: what the user opens. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // The first page load carries the token in its URL: never leak it to other sites in a Referer.
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
} as const;

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

function sendJsonError(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify({ error: { message } }));
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const events = createEventStreams();
  const service =
    typeof options.service === 'function'
      ? options.service(events.broadcast)
      : (options.service ??
        createEngineService({
          profile: options.profile,
          host: 'web-bridge',
          broadcast: events.broadcast,
          ...(options.watchFirstCheckMs !== undefined ? { watchFirstCheckMs: options.watchFirstCheckMs } : {}),
        }));
  const indexFile = path.join(options.rendererDir, 'index.html');
  let port = 0;

  const readIndex = async (): Promise<string | null> => readFile(indexFile, 'utf8').catch(() => null);
  // The CSP the page declares, refreshed whenever index.html is served (the renderer may be rebuilt meanwhile).
  let csp = cspHeaderFor(await readIndex());

  const handleApi = async (request: IncomingMessage, response: ServerResponse, name: string): Promise<void> => {
    if (!tokenMatches(request.headers[TOKEN_HEADER], token)) {
      throw new ApiError(401, 'missing or wrong token: open the address that "npm run web" printed (it carries ?token=…)');
    }
    if (name === EVENTS_PATH_NAME) {
      if (request.method !== 'POST') throw new ApiError(405, 'events must be asked for with POST', { allow: 'POST' });
      await readJsonBody(request);
      events.open(response); // stays open: the page reads it as long as it listens
      return;
    }
    if (!isInvokeMethod(name)) throw new ApiError(404, `unknown method "${name}"`);
    if (request.method !== 'POST') throw new ApiError(405, `${name} must be called with POST`, { allow: 'POST' });
    const input = parseCallBody(name, await readJsonBody(request));
    await streamCall(response, service, name, input);
  };

  const handleStatic = async (request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'only GET and HEAD are served here', { allow: 'GET, HEAD' });
      return;
    }
    const head = request.method === 'HEAD';
    if (pathname === '/' || pathname === '/index.html') {
      const html = await readIndex();
      if (html === null) {
        sendText(response, 404, `The renderer is not built (no ${indexFile}): run "node scripts/build.mjs --only renderer,bridge".`);
        return;
      }
      csp = cspHeaderFor(html);
      const body = Buffer.from(injectBridgeScript(html), 'utf8');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'content-security-policy': csp });
      response.end(head ? undefined : body);
      return;
    }
    const lookup =
      pathname === BRIDGE_SCRIPT_PATH
        ? { kind: 'file' as const, file: options.clientScript }
        : await resolveStaticFile(options.rendererDir, pathname);
    if (lookup.kind === 'forbidden') {
      sendText(response, 403, 'forbidden path');
      return;
    }
    if (lookup.kind === 'not-found') {
      sendText(response, 404, 'not found');
      return;
    }
    const body = await readFile(lookup.file).catch(() => null);
    if (body === null) {
      sendText(response, 404, 'not found');
      return;
    }
    response.writeHead(200, { 'content-type': contentTypeOf(lookup.file), 'content-length': body.length });
    response.end(head ? undefined : body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
    response.setHeader('content-security-policy', csp);
    const host = request.headers.host;
    if (!hostAllowed(host, port)) {
      sendText(response, 421, `this server answers only http://127.0.0.1:${port} and http://localhost:${port}`);
      return;
    }
    const origin = request.headers.origin;
    if (!originAllowed(origin, host!)) {
      sendText(response, 403, 'requests from other origins are refused');
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', `http://${host}`).pathname;
    } catch {
      sendText(response, 400, 'bad request path');
      return;
    }
    if (pathname.startsWith('/api/')) {
      try {
        await handleApi(request, response, pathname.slice('/api/'.length));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // Unread request bodies would otherwise stall a keep-alive connection.
        if (!request.complete) response.setHeader('connection', 'close');
        sendJsonError(response, error.status, error.message, error.headers);
      }
      return;
    }
    await handleStatic(request, response, pathname);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendText(response, 500, `internal error: ${(error as Error).message ?? String(error)}`);
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
