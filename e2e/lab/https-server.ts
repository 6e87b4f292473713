// Lab: HTTPS (or plain HTTP) servers on loopback presenting a chosen lab certificate, with a switchable behaviour:
// plain statuses, Cloudflare's and nginx's real error page formats, a server that hangs, one that resets, and one
// that fails N times before it works (for the retry check).
import { listenOnLoopback } from './listen.js';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { labCert, type KeyPair, type LabCertName } from './certs/lab-certs.js';

export type WebBehaviour =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Cloudflare's error page with its You → Cloudflare → Host diagram (502, 504, 520–527…). */
  | { kind: 'cloudflare'; status: number; rayId?: string; errorSource?: 'browser' | 'cloudflare' | 'host' }
  /** The bare page Cloudflare's edge serves when it fails itself (`<center>cloudflare</center>`). */
  | { kind: 'cloudflare-bare'; status: number; rayId?: string }
  /** nginx's default error page. */
  | { kind: 'nginx'; status: number; version?: string }
  /** Accepts the request, never answers. */
  | { kind: 'hang' }
  /** Resets the connection once the request arrived. */
  | { kind: 'reset' }
  /** The first `failures` requests get `fail`, the later ones `then`. */
  | { kind: 'flaky'; failures: number; fail: WebBehaviour; then: WebBehaviour }
  | { kind: 'handler'; handle: (request: http.IncomingMessage, response: http.ServerResponse) => void };

const REASONS: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway time-out',
  520: 'Web server is returning an unknown error',
  521: 'Web server is down',
  522: 'Connection timed out',
  523: 'Origin is unreachable',
  524: 'A timeout occurred',
  525: 'SSL handshake failed',
  526: 'Invalid SSL certificate',
  527: 'Railgun Listener to origin error',
};

const WHAT_HAPPENED: Record<number, string> = {
  502: 'The web server reported a bad gateway error.',
  504: 'The web server reported a gateway time-out error.',
  520: 'There is an unknown connection issue between Cloudflare and the origin web server. As a result, the web page can not be displayed.',
  521: 'The web server is not returning a connection. As a result, the web page is not displaying.',
  522: 'The initial connection between Cloudflare\'s network and the origin web server timed out. As a result, the web page can not be displayed.',
  523: 'The origin web server is not reachable.',
  524: 'The origin web server timed out responding to this request.',
  525: 'Cloudflare is unable to establish an SSL connection to the origin server.',
  526: 'The origin web server does not have a valid SSL certificate.',
};

function statusBox(id: 'browser' | 'cloudflare' | 'host', label: string, name: string, failing: boolean, code: number, host: string): string {
  const link = `https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_${code}&utm_campaign=${host}`;
  const icon = { browser: 'cf-icon-browser', cloudflare: 'cf-icon-cloud', host: 'cf-icon-server' }[id];
  return `
<div id="cf-${id}-status" class="${failing ? 'cf-error-source ' : ' '}relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">
  <div class="relative mb-10 md:m-0">
    ${id === 'cloudflare' ? `<a href="${link}" target="_blank" rel="noopener noreferrer">` : ''}
    <span class="${icon} block md:hidden h-20 bg-center bg-no-repeat"></span>
    <span class="${failing ? 'cf-icon-error' : 'cf-icon-ok'} w-12 h-12 absolute left-1/2 md:left-auto md:right-0 md:top-0 -ml-6 -bottom-4"></span>
    ${id === 'cloudflare' ? '</a>' : ''}
  </div>
  <span class="md:block w-full truncate">${name}</span>
  <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">
    ${label}
  </h3>
  <span class="leading-1.3 text-2xl ${failing ? 'text-red-error">Error' : 'text-green-success">Working'}</span>
</div>`;
}

/** Cloudflare's 5xx error page, in the format its edge serves (trimmed of inline CSS). */
export function cloudflareErrorPage(options: { status: number; host: string; rayId: string; errorSource?: 'browser' | 'cloudflare' | 'host' }): string {
  const { status, host, rayId } = options;
  const reason = REASONS[status] ?? 'Error';
  const source = options.errorSource ?? (status === 502 || status === 504 || status >= 520 ? 'host' : 'cloudflare');
  return `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<!--[if IE 7]>    <html class="no-js ie7 oldie" lang="en-US"> <![endif]-->
<!--[if IE 8]>    <html class="no-js ie8 oldie" lang="en-US"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
<head>
<title>${host} | ${status}: ${reason}</title>
<meta charset="UTF-8" />
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta http-equiv="X-UA-Compatible" content="IE=Edge" />
<meta name="robots" content="noindex, nofollow" />
<meta name="viewport" content="width=device-width,initial-scale=1" />
<link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/main.css" />
</head>
<body>
<div id="cf-wrapper">
    <div id="cf-error-details" class="p-0">
        <header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
            <h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
              <span class="inline-block">${reason}</span>
              <span class="code-label">Error code ${status}</span>
            </h1>
            <div>
               Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_${status}&utm_campaign=${host}" target="_blank" rel="noopener noreferrer">cloudflare.com</a> for more information.
            </div>
            <div class="mt-3">${new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</div>
        </header>
        <div class="my-8 bg-gradient-gray">
            <div class="w-240 lg:w-full mx-auto">
                <div class="clearfix md:px-8">
${statusBox('browser', 'Browser', 'You', source === 'browser', status, host)}
${statusBox('cloudflare', 'Cloudflare', 'Frankfurt', source === 'cloudflare', status, host)}
${statusBox('host', 'Host', host, source === 'host', status, host)}
                </div>
            </div>
        </div>

        <div class="w-240 lg:w-full mx-auto mb-8 lg:px-8">
            <div class="clearfix">
                <div class="w-1/2 md:w-full float-left pr-6 md:pb-10 md:pr-0 leading-relaxed">
                    <h2 class="text-3xl font-normal leading-1.3 mb-4">What happened?</h2>
                    <p>${WHAT_HAPPENED[status] ?? 'There is an issue between Cloudflare\'s cache and your origin web server.'}</p>
                </div>
                <div class="w-1/2 md:w-full float-left leading-relaxed">
                    <h2 class="text-3xl font-normal leading-1.3 mb-4">What can I do?</h2>
                    <p class="mb-6">Please try again in a few minutes.</p>
                </div>
            </div>
        </div>

        <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
  <p class="text-13">
    <span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">${rayId}</strong></span>
    <span class="cf-footer-separator sm:hidden">&bull;</span>
    <span id="cf-footer-item-ip" class="cf-footer-item hidden sm:block sm:mb-1">
      Your IP:
      <button type="button" id="cf-footer-ip-reveal" class="cf-footer-ip-reveal-btn">Click to reveal</button>
      <span class="hidden" id="cf-footer-ip">203.0.113.7</span>
      <span class="cf-footer-separator sm:hidden">&bull;</span>
    </span>
    <span class="cf-footer-item sm:block sm:mb-1"><span>Performance &amp; security by</span> <a rel="noopener noreferrer" href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_${status}&utm_campaign=${host}" id="brand_link" target="_blank">Cloudflare</a></span>
  </p>
  <script>(function(){function d(){var b=a.getElementById("cf-footer-item-ip"),c=a.getElementById("cf-footer-ip-reveal");b&&"classList"in b&&(b.classList.remove("hidden"),c.addEventListener("click",function(){c.classList.add("hidden");a.getElementById("cf-footer-ip").classList.remove("hidden")}))}var a=document;document.addEventListener&&a.addEventListener("DOMContentLoaded",d)})();</script>
</div><!-- /.error-footer -->

    </div>
</div>
</body>
</html>
`;
}

const NGINX_TITLES: Record<number, string> = {
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** nginx's default error page (`server` names `center`'s text too); `server` 'cloudflare' gives Cloudflare's bare page. */
export function nginxErrorPage(status: number, server = 'nginx/1.24.0 (Ubuntu)'): string {
  const title = NGINX_TITLES[status] ?? `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
}

const CLOUDFLARE_HEADERS = {
  server: 'cloudflare',
  'content-type': 'text/html; charset=UTF-8',
  'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0',
  expires: 'Thu, 01 Jan 1970 00:00:01 GMT',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'SAMEORIGIN',
};

export interface WebServerOptions {
  /** A lab certificate name or key pair for HTTPS; false (default) for plain HTTP. */
  tls?: LabCertName | KeyPair | false;
  host?: string;
  behaviour?: WebBehaviour;
  /** Every answer waits this long (a slow server, or a long round trip). */
  delayMs?: number;
  /** A fixed port (0 or absent: a free one). A parking page on another address can then share the target's port. */
  port?: number;
}

export interface LabWebServer {
  /** Origin with a trailing slash, e.g. https://127.0.0.1:41234/ */
  url: string;
  host: string;
  port: number;
  behaviour: WebBehaviour;
  /** Requests received so far. */
  requests: number;
  /** Connections open right now (a probe must leave none behind). */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<LabWebServer> {
  const host = options.host ?? '127.0.0.1';
  const state = { behaviour: options.behaviour ?? ({ kind: 'status', status: 200 } as WebBehaviour), requests: 0 };
  let flakyCount = 0;

  const respond = (behaviour: WebBehaviour, request: http.IncomingMessage, response: http.ServerResponse): void => {
    const siteHost = (request.headers.host ?? host).replace(/:\d+$/, '');
    switch (behaviour.kind) {
      case 'status': {
        const body = behaviour.body ?? (behaviour.status < 400 ? '<!doctype html><title>Lab</title><p>It works.</p>' : '');
        response.writeHead(behaviour.status, { 'content-type': 'text/html; charset=utf-8', ...behaviour.headers }).end(body);
        return;
      }
      case 'cloudflare': {
        const rayId = behaviour.rayId ?? '8e8f0a6b2c3d4e5f';
        const page = cloudflareErrorPage({ status: behaviour.status, host: siteHost, rayId, ...(behaviour.errorSource ? { errorSource: behaviour.errorSource } : {}) });
        response.writeHead(behaviour.status, { ...CLOUDFLARE_HEADERS, 'cf-ray': `${rayId}-FRA` }).end(page);
        return;
      }
      case 'cloudflare-bare': {
        const rayId = behaviour.rayId ?? '8e8f0a6b2c3d4e60';
        response
          .writeHead(behaviour.status, { server: 'cloudflare', 'content-type': 'text/html', 'cf-ray': `${rayId}-FRA` })
          .end(nginxErrorPage(behaviour.status, 'cloudflare'));
        return;
      }
      case 'nginx': {
        const version = behaviour.version ?? 'nginx/1.24.0 (Ubuntu)';
        response.writeHead(behaviour.status, { server: version.split(' ')[0]!, 'content-type': 'text/html' }).end(nginxErrorPage(behaviour.status, version));
        return;
      }
      case 'hang':
        return;
      case 'reset': {
        const socket = request.socket as Socket & { resetAndDestroy?: () => void };
        // A real RST on plain TCP; a TLS socket can only be closed (Node resets TCP handles only).
        try {
          if (socket.resetAndDestroy) socket.resetAndDestroy();
          else socket.destroy();
        } catch {
          socket.destroy();
        }
        return;
      }
      case 'flaky':
        flakyCount += 1;
        respond(flakyCount <= behaviour.failures ? behaviour.fail : behaviour.then, request, response);
        return;
      case 'handler':
        behaviour.handle(request, response);
        return;
    }
  };

  const handler = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    state.requests += 1;
    request.resume();
    const behaviour = state.behaviour;
    if (options.delayMs) setTimeout(() => respond(behaviour, request, response), options.delayMs);
    else respond(behaviour, request, response);
  };
  const keys = options.tls ? (typeof options.tls === 'string' ? labCert(options.tls) : options.tls) : null;
  const server = keys ? https.createServer({ cert: keys.cert, key: keys.key }, handler) : http.createServer(handler);
  // A probe that rejects the certificate or times out closes mid-handshake: not the lab's problem.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_error, socket) => socket.destroy());
  const listener = await listenOnLoopback(server, host, options.port ?? 0);
  return {
    url: `${keys ? 'https' : 'http'}://${listener.urlHost}:${listener.port}/`,
    host,
    port: listener.port,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value) {
      state.behaviour = value;
      flakyCount = 0;
    },
    get requests() {
      return state.requests;
    },
    get openConnections() {
      return listener.openConnections;
    },
    close: listener.close,
  };
}
