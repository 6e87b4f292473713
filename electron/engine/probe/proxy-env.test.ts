import { describe, expect, it } from 'vitest';
import { isImplicitlyBypassed, proxyForUrl, redactProxyUrl } from './proxy-env.js';

describe('proxyForUrl', () => {
  it('uses https_proxy for https URLs and http_proxy for http ones, lower case first', () => {
    const env = { https_proxy: 'http://secure.proxy:3128', HTTPS_PROXY: 'http://upper:1', http_proxy: 'http://plain.proxy:8080' };
    expect(proxyForUrl('https://chatgpt.com/', env)).toEqual({ url: 'http://secure.proxy:3128', variable: 'https_proxy', supported: true });
    expect(proxyForUrl('http://chatgpt.com/', env)).toEqual({ url: 'http://plain.proxy:8080', variable: 'http_proxy', supported: true });
    expect(proxyForUrl('https://chatgpt.com/', { HTTPS_PROXY: 'http://upper:1' })?.variable).toBe('HTTPS_PROXY');
  });

  it('falls back to all_proxy and adds http:// to a bare host:port', () => {
    expect(proxyForUrl('https://chatgpt.com/', { ALL_PROXY: 'proxy.corp:3128' })).toEqual({
      url: 'http://proxy.corp:3128', variable: 'ALL_PROXY', supported: true,
    });
  });

  it('marks proxies it cannot speak as unsupported', () => {
    expect(proxyForUrl('https://chatgpt.com/', { https_proxy: 'socks5://127.0.0.1:1080' })?.supported).toBe(false);
    expect(proxyForUrl('https://chatgpt.com/', { https_proxy: 'https://proxy.corp:443' })?.supported).toBe(false);
  });

  it('returns null without a setting', () => {
    expect(proxyForUrl('https://chatgpt.com/', {})).toBeNull();
    expect(proxyForUrl('https://chatgpt.com/', { https_proxy: '  ' })).toBeNull();
    expect(proxyForUrl('https://chatgpt.com/', { http_proxy: 'http://plain:1' })).toBeNull();
  });

  it('honours no_proxy: *, suffixes with or without a dot, ports, IPs and IPv4 ranges', () => {
    const proxy = { https_proxy: 'http://p:3128', http_proxy: 'http://p:3128' };
    expect(proxyForUrl('https://chatgpt.com/', { ...proxy, no_proxy: '*' })).toBeNull();
    expect(proxyForUrl('https://chatgpt.com/', { ...proxy, no_proxy: 'example.org, chatgpt.com' })).toBeNull();
    expect(proxyForUrl('https://cdn.oaistatic.com/', { ...proxy, NO_PROXY: '.oaistatic.com' })).toBeNull();
    expect(proxyForUrl('https://cdn.oaistatic.com/', { ...proxy, no_proxy: '*.oaistatic.com' })).toBeNull();
    expect(proxyForUrl('https://auth.openai.com/', { ...proxy, no_proxy: 'openai.com' })).toBeNull();
    expect(proxyForUrl('https://notopenai.com/', { ...proxy, no_proxy: 'openai.com' })).not.toBeNull();
    expect(proxyForUrl('https://chatgpt.com/', { ...proxy, no_proxy: 'chatgpt.com:8443' })).not.toBeNull();
    expect(proxyForUrl('https://chatgpt.com:8443/', { ...proxy, no_proxy: 'chatgpt.com:8443' })).toBeNull();
    expect(proxyForUrl('http://10.1.2.3/', { ...proxy, no_proxy: '10.0.0.0/8' })).toBeNull();
    expect(proxyForUrl('http://11.1.2.3/', { ...proxy, no_proxy: '10.0.0.0/8' })).not.toBeNull();
    expect(proxyForUrl('http://[2001:db8::1]/', { ...proxy, no_proxy: '[2001:db8::1]' })).toBeNull();
  });

  it('never proxies loopback and link-local hosts, as Chromium does', () => {
    const proxy = { https_proxy: 'http://p:3128', http_proxy: 'http://p:3128' };
    for (const url of ['https://localhost/', 'https://app.localhost:3000/', 'http://127.0.0.1:8080/', 'http://127.9.9.9/', 'http://[::1]/', 'http://169.254.169.254/']) {
      expect(proxyForUrl(url, proxy), url).toBeNull();
    }
    expect(isImplicitlyBypassed('fe80::1')).toBe(true);
    expect(isImplicitlyBypassed('chat.lab')).toBe(false);
  });

  it('ignores non-http URLs', () => {
    expect(proxyForUrl('ftp://example.org/', { all_proxy: 'http://p:1' })).toBeNull();
    expect(proxyForUrl('not a url', { all_proxy: 'http://p:1' })).toBeNull();
  });
});

describe('redactProxyUrl', () => {
  it('drops credentials and keeps host and port', () => {
    expect(redactProxyUrl('http://alice:s3cret@proxy.corp:3128')).toBe('http://proxy.corp:3128');
    expect(redactProxyUrl('http://proxy.corp:3128/')).toBe('http://proxy.corp:3128');
  });
});
