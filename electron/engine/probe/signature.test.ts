import { describe, expect, it } from 'vitest';
import { cloudflareErrorPage, nginxErrorPage } from '../../../e2e/lab/https-server.js';
import { squidErrorPage } from '../../../e2e/lab/proxy-server.js';
import { identifyResponder } from './signature.js';

const CF_HEADERS = { server: 'cloudflare', 'cf-ray': '8e8f0a6b2c3d4e5f-FRA', 'content-type': 'text/html; charset=UTF-8' };

// Cloudflare's 1xxx block page (Error 1020, served with 403): a different template from the 5xx one.
const CLOUDFLARE_1020 = `<!DOCTYPE html>
<html class="no-js" lang="en-US"> <!--<![endif]-->
<head>
<title>Access denied | chatgpt.com used Cloudflare to restrict access</title>
</head>
<body>
  <div id="cf-wrapper">
    <div id="cf-error-details" class="cf-error-details-wrapper">
      <div class="cf-wrapper cf-header cf-error-overview">
        <h1><span class="cf-error-type" data-translate="error">Error</span><span class="cf-error-code">1020</span></h1>
        <h2 class="cf-subheadline" data-translate="error_desc">Access denied</h2>
      </div>
      <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
        <p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">8e8f0a6b2c3d4e61</strong></span></p>
      </div>
    </div>
  </div>
</body>
</html>`;

describe('identifyResponder', () => {
  it('reads a Cloudflare 502 page whose diagram marks the host as failing as an origin error behind Cloudflare', () => {
    const body = cloudflareErrorPage({ status: 502, host: 'chatgpt.com', rayId: '8e8f0a6b2c3d4e5f' });
    const signature = identifyResponder(502, CF_HEADERS, body);
    expect(signature).toMatchObject({ kind: 'cloudflare-origin-error', failingSide: 'origin', errorCode: 502, behindCloudflare: true, rayId: '8e8f0a6b2c3d4e5f-FRA' });
  });

  it.each([520, 521, 522, 523, 524, 525, 526, 527])('reads Cloudflare %i as the origin failing behind Cloudflare', (status) => {
    const body = cloudflareErrorPage({ status, host: 'chatgpt.com', rayId: 'abcdef0123456789' });
    expect(identifyResponder(status, CF_HEADERS, body)).toMatchObject({ kind: 'cloudflare-origin-error', errorCode: status });
  });

  it('takes the code from the page and the Ray ID from its footer when headers were stripped', () => {
    const body = cloudflareErrorPage({ status: 522, host: 'chatgpt.com', rayId: '7d1e2f3a4b5c6d7e' });
    expect(identifyResponder(522, {}, body)).toMatchObject({ kind: 'cloudflare-origin-error', errorCode: 522, rayId: '7d1e2f3a4b5c6d7e', behindCloudflare: true });
  });

  it('reads a Cloudflare 500 page whose diagram marks Cloudflare itself as failing as an edge error', () => {
    const body = cloudflareErrorPage({ status: 500, host: 'chatgpt.com', rayId: '8e8f0a6b2c3d4e5f', errorSource: 'cloudflare' });
    expect(identifyResponder(500, CF_HEADERS, body)).toMatchObject({ kind: 'cloudflare-edge', failingSide: 'edge' });
  });

  it("reads Cloudflare's bare nginx-style 502 page as the edge failing itself", () => {
    const signature = identifyResponder(502, { server: 'cloudflare', 'cf-ray': '8e8f0a6b2c3d4e60-FRA' }, nginxErrorPage(502, 'cloudflare'));
    expect(signature).toMatchObject({ kind: 'cloudflare-edge', failingSide: 'edge', errorCode: 502 });
  });

  it("reads Cloudflare's 1020 block page as Cloudflare refusing the browser", () => {
    expect(identifyResponder(403, CF_HEADERS, CLOUDFLARE_1020)).toMatchObject({ kind: 'cloudflare-edge', errorCode: 1020 });
  });

  it("reads nginx's and OpenResty's default pages as nginx", () => {
    expect(identifyResponder(502, { server: 'nginx/1.24.0' }, nginxErrorPage(502))).toMatchObject({ kind: 'nginx', failingSide: 'origin' });
    expect(identifyResponder(504, { server: 'openresty' }, nginxErrorPage(504, 'openresty'))).toMatchObject({ kind: 'nginx' });
    // The header alone proves nothing: nginx also relays the application's own error pages.
    expect(identifyResponder(502, { server: 'nginx' }, '{"error":"upstream"}').kind).toBe('unknown');
  });

  it("reads Squid's own error page as the proxy's", () => {
    const body = squidErrorPage('ERR_CONNECT_FAIL', 'http://chat.lab/', 'Connection to 127.0.0.1 failed.', '(111) Connection refused');
    const headers = { server: 'squid/6.6', 'x-squid-error': 'ERR_CONNECT_FAIL 111', via: '1.1 proxy.lab (squid/6.6)' };
    expect(identifyResponder(503, headers, body)).toMatchObject({ kind: 'proxy', failingSide: 'proxy' });
    expect(identifyResponder(503, headers, body).detail).toContain('ERR_CONNECT_FAIL');
    // Even without the headers, the page's footer gives Squid away.
    expect(identifyResponder(503, {}, body).kind).toBe('proxy');
  });

  it('reads an unrecognised error with a Via header as a possible proxy error, and without as unknown', () => {
    expect(identifyResponder(502, { via: '1.1 gateway.corp' }, '<h1>Bad Gateway</h1>').kind).toBe('proxy');
    expect(identifyResponder(502, {}, '<h1>Bad Gateway</h1>').kind).toBe('unknown');
  });

  it('calls regular answers origin, noting Cloudflare in front', () => {
    expect(identifyResponder(200, CF_HEADERS, '<!doctype html><title>ChatGPT</title>')).toMatchObject({ kind: 'origin', behindCloudflare: true });
    expect(identifyResponder(301, { server: 'nginx' }, nginxErrorPage(301))).toMatchObject({ kind: 'origin', behindCloudflare: false });
  });
});
