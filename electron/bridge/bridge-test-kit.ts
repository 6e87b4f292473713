// Test support for the bridge's unit tests (not bundled): a loopback-only lab profile, a minimal renderer folder
// and raw HTTP requests whose Host, Origin and path the test controls exactly (fetch would normalize them).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProfileSchema, type Profile } from '../common/spec.js';

/** A loopback port nothing listens on (bound, then released). */
export { closedPort } from '../../e2e/lab/ports.js';

/** A profile whose every address is on loopback: the lab status page, and a closed port for everything else. */
export function labProfile(statusUrl: string, deadPort: number): Profile {
  const dead = `http://127.0.0.1:${deadPort}`;
  return ProfileSchema.parse({
    name: 'Lab Service',
    targets: [{ id: 'app', url: `${dead}/` }],
    statusPage: { url: statusUrl, components: ['Conversations', 'Login'] },
    referenceResolvers: [`127.0.0.1:${deadPort}`],
    connectivityCheck: `${dead}/generate_204`,
  });
}

export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

export const INDEX_HTML = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />
    <title>Lab</title>
    <script type="module" crossorigin src="./assets/app.js"></script>
    <link rel="stylesheet" href="./assets/style.css" />
  </head>
  <body><div id="root"></div></body>
</html>
`;

export const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

/** A temp folder holding `renderer/` (a small built page), `client.js`, and `secret.txt` beside them. */
export function makeRendererFixture(): { root: string; rendererDir: string; clientScript: string; secretFile: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'gd-bridge-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'document.title = "app";\n');
  writeFileSync(path.join(rendererDir, 'assets', 'style.css'), 'body { margin: 0 }\n');
  writeFileSync(path.join(rendererDir, '.env'), `TOKEN=${SECRET}\n`);
  const clientScript = path.join(root, 'client.js');
  writeFileSync(clientScript, 'window.__bridgeClient = true;\n');
  const secretFile = path.join(root, 'secret.txt');
  writeFileSync(secretFile, SECRET);
  return { root, rendererDir, clientScript, secretFile };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  /** Sent exactly as given (no normalization of `..` or escapes). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send no Host header at all (HTTP/1.1 requires one; the bridge must refuse). */
  noHost?: boolean;
  /** Called with each chunk of the body as it arrives. */
  onChunk?: (chunk: string) => void;
}

export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.noHost ? { ...options.headers } : { host: `127.0.0.1:${options.port}`, ...options.headers },
        setHost: !options.noHost,
        agent: false,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
          options.onChunk?.(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** POSTs `{input}` to /api/<method> with JSON content type and the given token. */
export function callApi(port: number, method: string, input: unknown, token: string | null, headers: Record<string, string> = {}) {
  return rawRequest({
    port,
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      'content-type': 'application/json',
      ...(token !== null ? { 'x-gateway-doctor-token': token } : {}),
      ...headers,
    },
    body: JSON.stringify(input === undefined ? {} : { input }),
  });
}

/** The NDJSON lines of a bridge answer, parsed. */
export function ndjson(body: string): Record<string, unknown>[] {
  return body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
