// Lab: a connectivity-check endpoint on loopback (like connectivitycheck.gstatic.com/generate_204), switchable
// between an open network and the ways captive portals answer: 200 with a page, a 302 to a login page, 511,
// or silence. Also answers the portal's own login page so a followed redirect would land somewhere real.
import { listenOnLoopback } from './listen.js';
import http from 'node:http';

export type ConnectivityMode = '204' | '200-empty' | '200-page' | '302-login' | '511' | 'hang';

export const PORTAL_PAGE = '<!doctype html><html><head><title>Hotel Wi-Fi</title></head><body><form action="/login">Room number <input name="room"><button>Connect</button></form></body></html>';

export interface ConnectivityServer {
  /** The check URL (…/generate_204) a profile's connectivityCheck points at. */
  url: string;
  /** The portal's login page (where 302-login redirects). */
  loginUrl: string;
  mode: ConnectivityMode;
  requests: number;
  close(): Promise<void>;
}

export async function startConnectivityServer(initial: ConnectivityMode, host = '127.0.0.1', options: { delayMs?: number } = {}): Promise<ConnectivityServer> {
  const state: ConnectivityServer = {
    url: '',
    loginUrl: '',
    mode: initial,
    requests: 0,
    close: async () => {},
  };
  const server = http.createServer((request, response) => {
    state.requests += 1;
    if (options.delayMs) setTimeout(() => answer(request, response), options.delayMs);
    else answer(request, response);
  });
  const answer = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    if (request.url?.startsWith('/login')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PORTAL_PAGE);
      return;
    }
    switch (state.mode) {
      case '204':
        response.writeHead(204).end();
        return;
      case '200-empty':
        response.writeHead(200, { 'content-length': '0' }).end();
        return;
      case '200-page':
        // The portal answers the check itself with its page (no redirect).
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PORTAL_PAGE);
        return;
      case '302-login':
        response.writeHead(302, { location: `${state.loginUrl}?continue=${encodeURIComponent(state.url)}`, 'content-length': '0' }).end();
        return;
      case '511':
        // RFC 6585: Network Authentication Required, with a page that links to the login.
        response
          .writeHead(511, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<html><head><meta http-equiv="refresh" content="0; url=${state.loginUrl}"></head><body>Sign in to the network.</body></html>`);
        return;
      case 'hang':
        return; // accept, never answer
    }
  };
  const listener = await listenOnLoopback(server, host);
  state.close = listener.close;
  const origin = `http://${listener.urlHost}:${listener.port}`;
  state.url = `${origin}/generate_204`;
  state.loginUrl = `${origin}/login`;
  return state;
}
