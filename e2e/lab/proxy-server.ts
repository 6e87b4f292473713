// Lab: an HTTP forward proxy on loopback (CONNECT tunnels for https, absolute-URI requests for http), answering
// the way Squid does when it works, when it asks for credentials (407), denies (403), fails itself (502) or
// closes without a word. It only ever connects to loopback addresses (`hosts` maps lab names to them).
import { listenOnLoopback } from './listen.js';
import http from 'node:http';
import net, { type Socket } from 'node:net';

/** `hang`: takes the connection and never answers; `tunnel-hang`: opens the CONNECT tunnel, then relays nothing. */
export type ProxyMode = 'works' | 'auth' | 'deny' | 'error' | 'close' | 'hang' | 'tunnel-hang';

export interface ProxyServerOptions {
  mode?: ProxyMode;
  host?: string;
  /** Host name → loopback address the proxy connects to (IP literals in 127.0.0.0/8 and ::1 are used as they are). */
  hosts?: Record<string, string>;
  /** `user:password` the 'auth' mode accepts (anything else gets 407). */
  credentials?: string;
}

export interface LabProxyServer {
  /** http://127.0.0.1:port */
  url: string;
  port: number;
  mode: ProxyMode;
  /** What the proxy was asked, in order: `CONNECT host:port` or `GET http://…`. */
  requests: string[];
  close(): Promise<void>;
}

const VIA = '1.1 proxy.lab (squid/6.6)';

/** Squid's error page format (trimmed of its CSS). */
export function squidErrorPage(code: string, url: string, message: string, sysmsg?: string): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html><head>
<meta type="copyright" content="Copyright (C) 1996-2023 The Squid Software Foundation and contributors">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>ERROR: The requested URL could not be retrieved</title>
</head><body id=${code}>
<div id="titles">
<h1>ERROR</h1>
<h2>The requested URL could not be retrieved</h2>
</div>
<hr>

<div id="content">
<p>The following error was encountered while trying to retrieve the URL: <a href="${url}">${url}</a></p>

<blockquote id="error">
<p><b>${message}</b></p>
</blockquote>
${sysmsg ? `\n<p id="sysmsg">The system returned: <i>${sysmsg}</i></p>\n` : ''}
<p>Your cache administrator is <a href="mailto:webmaster?subject=CacheErrorInfo%20-%20${code}">webmaster</a>.</p>
<br>
</div>

<hr>
<div id="footer">
<p>Generated ${new Date().toUTCString()} by proxy.lab (squid/6.6)</p>
<!-- ${code} -->
</div>
</body></html>
`;
}

interface ProxyAnswer {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: string;
}

function squidAnswer(
  status: number,
  code: string,
  detail: number,
  url: string,
  message: string,
  sysmsg?: string,
  extraHeaders: Record<string, string> = {},
): ProxyAnswer {
  return {
    status,
    reason: http.STATUS_CODES[status] ?? 'Error',
    headers: {
      Server: 'squid/6.6',
      'Mime-Version': '1.0',
      'Content-Type': 'text/html;charset=utf-8',
      'X-Squid-Error': `${code} ${detail}`,
      Vary: 'Accept-Language',
      'Content-Language': 'en',
      'X-Cache': 'MISS from proxy.lab',
      Via: VIA,
      Connection: 'close',
      ...extraHeaders,
    },
    body: squidErrorPage(code, url, message, sysmsg),
  };
}

function writeRaw(socket: Socket, answer: ProxyAnswer): void {
  const headers = { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) };
  const head = [`HTTP/1.1 ${answer.status} ${answer.reason}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  socket.end(`${head}\r\n\r\n${answer.body}`);
}

function isLoopback(address: string): boolean {
  return net.isIP(address) === 4 ? address.startsWith('127.') : address === '::1';
}

export async function startProxyServer(options: ProxyServerOptions = {}): Promise<LabProxyServer> {
  const state = { mode: options.mode ?? ('works' as ProxyMode), requests: [] as string[] };
  const expectedAuth = options.credentials ? `Basic ${Buffer.from(options.credentials).toString('base64')}` : undefined;

  /** The loopback address for a target host, or null (the lab never leaves loopback). */
  const addressOf = (hostname: string): string | null => {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const mapped = options.hosts?.[host] ?? host;
    return net.isIP(mapped) !== 0 && isLoopback(mapped) ? mapped : null;
  };

  /** The proxy's own refusal for the current mode, or null to go ahead. */
  const refusal = (url: string, authorization: string | undefined): ProxyAnswer | null => {
    switch (state.mode) {
      case 'auth':
        if (expectedAuth && authorization === expectedAuth) return null;
        return squidAnswer(407, 'ERR_CACHE_ACCESS_DENIED', 0, url, 'Cache Access Denied.', undefined, {
          'Proxy-Authenticate': 'Basic realm="Squid proxy-caching web server"',
        });
      case 'deny':
        return squidAnswer(403, 'ERR_ACCESS_DENIED', 0, url, 'Access Denied.');
      case 'error':
        return squidAnswer(502, 'ERR_ZERO_SIZE_OBJECT', 0, url, 'Zero Sized Reply');
      default:
        return null;
    }
  };
  const connectFailed = (url: string, host: string, errno: string): ProxyAnswer =>
    squidAnswer(503, 'ERR_CONNECT_FAIL', errno === 'ECONNREFUSED' ? 111 : 110, url, `Connection to ${host} failed.`,
      errno === 'ECONNREFUSED' ? '(111) Connection refused' : '(110) Connection timed out');

  const server = http.createServer((request, response) => {
    const url = request.url ?? '';
    state.requests.push(`${request.method} ${url}`);
    if (state.mode === 'close') {
      request.socket.destroy();
      return;
    }
    if (state.mode === 'hang' || state.mode === 'tunnel-hang') return; // takes the request, never answers
    const refused = refusal(url, request.headers['proxy-authorization']);
    let target: URL | null = null;
    try {
      target = new URL(url);
    } catch {
      // origin-form request: not a proxy request
    }
    if (refused || !target || target.protocol !== 'http:') {
      const answer = refused ?? squidAnswer(400, 'ERR_INVALID_URL', 0, url, 'Invalid URL');
      response.writeHead(answer.status, answer.reason, answer.headers).end(answer.body);
      return;
    }
    const address = addressOf(target.hostname);
    if (!address) {
      const answer = squidAnswer(503, 'ERR_DNS_FAIL', 0, url, `Unable to determine IP address from host name ${target.hostname}`);
      response.writeHead(answer.status, answer.reason, answer.headers).end(answer.body);
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(
      { host: address, port: Number(target.port) || 80, path: `${target.pathname}${target.search}`, method: request.method, headers, setHost: false },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, { ...answer.headers, via: answer.headers.via ? `${answer.headers.via}, ${VIA}` : VIA });
        answer.pipe(response);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const answer = connectFailed(url, address, error.code ?? 'ECONNREFUSED');
      response.writeHead(answer.status, answer.reason, answer.headers).end(answer.body);
    });
    request.pipe(upstream);
  });

  server.on('connect', (request: http.IncomingMessage, client: Socket, head: Buffer) => {
    const authority = request.url ?? '';
    state.requests.push(`CONNECT ${authority}`);
    client.on('error', () => {});
    if (state.mode === 'close') {
      client.destroy();
      return;
    }
    if (state.mode === 'hang') return; // takes the connection, never answers
    if (state.mode === 'tunnel-hang') {
      // Says the tunnel is open, then swallows everything.
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      client.resume();
      return;
    }
    const refused = refusal(authority, request.headers['proxy-authorization']);
    if (refused) {
      writeRaw(client, refused);
      return;
    }
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(authority);
    const address = match ? addressOf(match[1]!) : null;
    if (!match || !address) {
      writeRaw(client, squidAnswer(503, 'ERR_DNS_FAIL', 0, authority, `Unable to determine IP address from host name ${match?.[1] ?? authority}`));
      return;
    }
    const upstream = net.connect({ host: address, port: Number(match[2]) });
    let connected = false;
    upstream.on('connect', () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) writeRaw(client, connectFailed(authority, address, error.code ?? 'ECONNREFUSED'));
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const listener = await listenOnLoopback(server, options.host ?? '127.0.0.1');
  return {
    url: `http://${listener.urlHost}:${listener.port}`,
    port: listener.port,
    get mode() {
      return state.mode;
    },
    set mode(value) {
      state.mode = value;
    },
    get requests() {
      return state.requests;
    },
    close: listener.close,
  };
}
