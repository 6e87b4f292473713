import { describe, expect, it } from 'vitest';
import { describeProxyServer, parsePacResult, parseProxyServer, parseProxyServerList, proxyServerUrl, redactProxyUrl } from './proxy-server.js';

describe('parseProxyServer', () => {
  it('reads the forms proxy settings use', () => {
    expect(parseProxyServer('proxy.corp.example:3128')).toEqual({ scheme: 'http', host: 'proxy.corp.example', port: 3128 });
    expect(parseProxyServer('http://proxy:80')).toEqual({ scheme: 'http', host: 'proxy', port: 80 });
    expect(parseProxyServer('http://proxy/')).toEqual({ scheme: 'http', host: 'proxy', port: 80 });
    expect(parseProxyServer('https://secure-proxy:8443')).toEqual({ scheme: 'https', host: 'secure-proxy', port: 8443 });
    expect(parseProxyServer('socks5h://127.0.0.1:9050')).toEqual({ scheme: 'socks5', host: '127.0.0.1', port: 9050 });
    expect(parseProxyServer('socks://gw')).toEqual({ scheme: 'socks4', host: 'gw', port: 1080 });
    expect(parseProxyServer('[::1]:8080')).toEqual({ scheme: 'http', host: '::1', port: 8080 });
    expect(parseProxyServer('http://alice:p%40ss@proxy:3128')).toEqual({ scheme: 'http', host: 'proxy', port: 3128, username: 'alice', password: 'p@ss' });
  });

  it('rejects what is not a proxy address', () => {
    for (const bad of ['', 'ftp://proxy:21', 'proxy:99999', 'http://proxy:3128/path', 'pro xy:80', 'http://:80']) {
      expect(parseProxyServer(bad), bad).toBeNull();
    }
  });

  it('keeps credentials for the prober but never shows them', () => {
    const server = parseProxyServer('http://alice:secret@proxy:3128')!;
    expect(proxyServerUrl(server)).toBe('http://alice:secret@proxy:3128');
    expect(describeProxyServer(server)).toBe('http://***@proxy:3128');
    expect(describeProxyServer(parseProxyServer('[::1]:3128')!)).toBe('http://[::1]:3128');
  });
});

describe('redactProxyUrl (what a probe result records)', () => {
  it('drops credentials and keeps scheme, host and port', () => {
    expect(redactProxyUrl('http://alice:s3cret@proxy.corp:3128')).toBe('http://proxy.corp:3128');
    expect(redactProxyUrl('http://proxy.corp:3128/')).toBe('http://proxy.corp:3128');
    expect(redactProxyUrl('http://u:p@[::1]:8080/')).toBe('http://[::1]:8080');
  });

  it('never shows credentials, even in a URL it cannot read as a proxy', () => {
    expect(redactProxyUrl('ftp://alice:s3cret@proxy.corp:21/x')).toBe('ftp://proxy.corp:21/x');
    expect(redactProxyUrl('http://alice:s3cret@proxy.corp:3128/path')).not.toContain('s3cret');
  });
});

describe('parseProxyServerList (Windows ProxyServer)', () => {
  it('reads one proxy for every scheme', () => {
    expect(parseProxyServerList('proxy.corp.example:8080')).toEqual({ all: { scheme: 'http', host: 'proxy.corp.example', port: 8080 } });
  });
  it('reads the per-scheme form; socks= is SOCKS4 as WinINet uses it', () => {
    expect(parseProxyServerList('http=proxy:8080;https=proxy:8443;socks=socks:1080;ftp=ftp:21')).toEqual({
      http: { scheme: 'http', host: 'proxy', port: 8080 },
      https: { scheme: 'http', host: 'proxy', port: 8443 },
      socks: { scheme: 'socks4', host: 'socks', port: 1080 },
    });
  });
  it('is empty for an empty value', () => {
    expect(parseProxyServerList('  ')).toEqual({});
  });
});

describe('parsePacResult (Chromium resolveProxy)', () => {
  it('reads entries in order', () => {
    expect(parsePacResult('PROXY proxy:3128; HTTPS secure:443; SOCKS5 s:1080; SOCKS s4:1080; DIRECT')).toEqual([
      { kind: 'proxy', server: { scheme: 'http', host: 'proxy', port: 3128 } },
      { kind: 'proxy', server: { scheme: 'https', host: 'secure', port: 443 } },
      { kind: 'proxy', server: { scheme: 'socks5', host: 's', port: 1080 } },
      { kind: 'proxy', server: { scheme: 'socks4', host: 's4', port: 1080 } },
      { kind: 'direct' },
    ]);
    expect(parsePacResult('DIRECT')).toEqual([{ kind: 'direct' }]);
    expect(parsePacResult('QUIC q:443; bogus')).toEqual([]);
  });
});
