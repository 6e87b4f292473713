import { describe, expect, it } from 'vitest';
import { cloudflareErrorPage, nginxErrorPage } from '../../../e2e/lab/https-server.js';
import { squidErrorPage } from '../../../e2e/lab/proxy-server.js';
import { readCapture } from '../../../e2e/lab/http-capture.js';
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
    expect(signature).toMatchObject({ kind: 'edge-origin-error', failingSide: 'origin', errorCode: 502, behindCloudflare: true, rayId: '8e8f0a6b2c3d4e5f-FRA' });
  });

  it.each([520, 521, 522, 523, 524, 525, 526, 527])('reads Cloudflare %i as the origin failing behind Cloudflare', (status) => {
    const body = cloudflareErrorPage({ status, host: 'chatgpt.com', rayId: 'abcdef0123456789' });
    expect(identifyResponder(status, CF_HEADERS, body)).toMatchObject({ kind: 'edge-origin-error', errorCode: status });
  });

  it('takes the code from the page and the Ray ID from its footer when headers were stripped', () => {
    const body = cloudflareErrorPage({ status: 522, host: 'chatgpt.com', rayId: '7d1e2f3a4b5c6d7e' });
    expect(identifyResponder(522, {}, body)).toMatchObject({ kind: 'edge-origin-error', errorCode: 522, rayId: '7d1e2f3a4b5c6d7e', behindCloudflare: true });
  });

  it('reads a Cloudflare 500 page whose diagram marks Cloudflare itself as failing as an edge error', () => {
    const body = cloudflareErrorPage({ status: 500, host: 'chatgpt.com', rayId: '8e8f0a6b2c3d4e5f', errorSource: 'cloudflare' });
    expect(identifyResponder(500, CF_HEADERS, body)).toMatchObject({ kind: 'edge', failingSide: 'edge' });
  });

  it("reads Cloudflare's bare nginx-style 502 page as the edge failing itself", () => {
    const signature = identifyResponder(502, { server: 'cloudflare', 'cf-ray': '8e8f0a6b2c3d4e60-FRA' }, nginxErrorPage(502, 'cloudflare'));
    expect(signature).toMatchObject({ kind: 'edge', failingSide: 'edge', errorCode: 502 });
  });

  it("reads Cloudflare's 1020 block page as Cloudflare refusing the browser", () => {
    expect(identifyResponder(403, CF_HEADERS, CLOUDFLARE_1020)).toMatchObject({ kind: 'edge', errorCode: 1020 });
  });

  it("reads nginx's and OpenResty's default pages as nginx", () => {
    expect(identifyResponder(502, { server: 'nginx/1.24.0' }, nginxErrorPage(502))).toMatchObject({ kind: 'origin-proxy', vendor: 'nginx', failingSide: 'origin' });
    expect(identifyResponder(504, { server: 'openresty' }, nginxErrorPage(504, 'openresty'))).toMatchObject({ kind: 'origin-proxy', vendor: 'nginx' });
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

/** A captured HTTP answer (fixtures/*.http). */
const capture = (name: string) => readCapture(new URL(`./fixtures/${name}`, import.meta.url));
const identify = (name: string) => {
  const { status, headers, body } = capture(name);
  return identifyResponder(status, headers, body);
};

describe('identifyResponder on real third-party answers (fixtures/README.md)', () => {
  it("Cloudflare 1101 is the site's own Worker failing, not Cloudflare", () => {
    const signature = identify('cloudflare-1101-worker.http');
    expect(signature).toMatchObject({ kind: 'edge-origin-error', vendor: 'cloudflare', errorCode: 1101, failingSide: 'origin', rayId: '967ffbecfa3a98d2-FRA' });
    expect(signature.detail).not.toMatch(/Cloudflare's own servers/);
  });

  it.each(['cloudflare-relayed-json-401.http', 'cloudflare-relayed-json-500.http'])(
    "%s: the site's own error relayed by Cloudflare is the site's, not Cloudflare's",
    (name) => {
      const signature = identify(name);
      expect(signature).toMatchObject({ kind: 'relayed-origin', vendor: 'cloudflare', failingSide: 'origin', behindCloudflare: true });
      expect(signature.detail).toMatch(/site's own server sent this error/);
      expect(signature.detail).not.toMatch(/Cloudflare's own servers/);
    },
  );

  it("CloudFront's own 504 page blames the origin behind it", () => {
    expect(identify('cloudfront-504-origin.http')).toMatchObject({ kind: 'edge-origin-error', vendor: 'cloudfront', failingSide: 'origin', requestId: '2C_ihMAiSIS48zAh-qaSd8uvP8vHT4jOZ9wCPyDmw2UgP9DSWLm6_w==' });
  });

  it.each([
    ['cloudfront-relayed-json-500.http', 'cloudfront'],
    ['fastly-relayed-json-500.http', 'fastly'],
  ])('%s: a CDN in the Via header is a CDN relaying the site, not a forward proxy', (name, vendor) => {
    const signature = identify(name);
    expect(signature).toMatchObject({ kind: 'relayed-origin', vendor, failingSide: 'origin' });
    expect(signature.kind).not.toBe('proxy');
  });

  it.each(['varnish-503-builtin.http', 'varnish-503-xhtml.http'])("%s: Varnish's synthetic page is the site's cache failing to fetch", (name) => {
    expect(identify(name)).toMatchObject({ kind: 'origin-proxy', vendor: 'varnish', failingSide: 'origin' });
  });

  it("Fastly serves Varnish's page too: then it is the CDN's page blaming the site", () => {
    const { body } = capture('varnish-503-builtin.http');
    const fastly = identifyResponder(503, { via: '1.1 varnish', 'x-served-by': 'cache-fra-eddf8230046-FRA' }, body);
    expect(fastly).toMatchObject({ kind: 'edge-origin-error', vendor: 'fastly', failingSide: 'origin' });
  });

  it("an AWS load balancer's own 502 blames its targets (and is not nginx, despite the look-alike page)", () => {
    expect(identify('aws-alb-502.http')).toMatchObject({ kind: 'edge-origin-error', vendor: 'aws-elb', failingSide: 'origin' });
  });

  it("Akamai's Access Denied is Akamai refusing the request, with its reference", () => {
    expect(identify('akamai-403-access-denied.http')).toMatchObject({ kind: 'edge', vendor: 'akamai', failingSide: 'browser', requestId: '18.e834768.1638849804.2c1382d' });
  });

  it.each(['google-502-robot.http', 'google-lb-502.http'])("%s: Google's front end says the servers behind it failed", (name) => {
    const signature = identify(name);
    expect(signature).toMatchObject({ kind: 'edge-origin-error', vendor: 'google', failingSide: 'origin' });
    expect(signature.kind).not.toBe('proxy');
  });

  it("Envoy's local reply is the site's own gateway failing to reach what runs behind it", () => {
    expect(identify('envoy-503-reset.http')).toMatchObject({ kind: 'origin-proxy', vendor: 'envoy', failingSide: 'origin' });
  });
});
