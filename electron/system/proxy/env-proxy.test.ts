import { describe, expect, it } from 'vitest';
import { decideProxy } from './proxy-config.js';
import { proxyConfigFromEnv, proxyEnvNamesSet } from './env-proxy.js';

const decide = (env: Record<string, string>, url: string) => {
  const config = proxyConfigFromEnv(env);
  return config ? decideProxy(config, new URL(url)) : null;
};

describe('proxy settings from the environment (Chromium semantics)', () => {
  it('is null when nothing is set', () => {
    expect(proxyConfigFromEnv({ PATH: '/usr/bin' })).toBeNull();
  });

  it('uses https_proxy for https URLs and http_proxy only for http URLs', () => {
    const env = { http_proxy: 'http://p1:3128', https_proxy: 'p2:3129' };
    expect(decide(env, 'https://chatgpt.com/')).toEqual({ kind: 'proxy', server: { scheme: 'http', host: 'p2', port: 3129 } });
    expect(decide(env, 'http://chatgpt.com/')).toEqual({ kind: 'proxy', server: { scheme: 'http', host: 'p1', port: 3128 } });
    expect(decide({ HTTP_PROXY: 'http://p1:3128' }, 'https://chatgpt.com/')).toEqual({ kind: 'direct', reason: 'no-rule-for-scheme' });
  });

  it('reads lower case first, then upper case', () => {
    expect(decide({ HTTPS_PROXY: 'http://upper:1' }, 'https://x.example/')).toMatchObject({ server: { host: 'upper' } });
    expect(decide({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' }, 'https://x.example/')).toMatchObject({ server: { host: 'lower' } });
  });

  it('lets all_proxy win over the per-scheme variables, as Chromium does', () => {
    expect(decide({ all_proxy: 'socks5://s:1080', https_proxy: 'http://p:3128' }, 'https://x.example/')).toEqual({
      kind: 'proxy',
      server: { scheme: 'socks5', host: 's', port: 1080 },
    });
  });

  it('falls back to SOCKS_SERVER (v5 unless SOCKS_VERSION=4)', () => {
    expect(decide({ SOCKS_SERVER: 's:1080' }, 'https://x.example/')).toMatchObject({ server: { scheme: 'socks5' } });
    expect(decide({ SOCKS_SERVER: 's:1080', SOCKS_VERSION: '4' }, 'https://x.example/')).toMatchObject({ server: { scheme: 'socks4' } });
  });

  it('honours no_proxy with suffix matching and the implicit loopback bypass', () => {
    const env = { https_proxy: 'http://p:3128', no_proxy: 'openai.com,.internal' };
    expect(decide(env, 'https://auth.openai.com/')).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decide(env, 'https://chatgpt.com/')).toMatchObject({ kind: 'proxy' });
    expect(decide({ https_proxy: 'http://p:3128' }, 'https://127.0.0.1:8443/')).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decide({ https_proxy: 'http://p:3128', NO_PROXY: '<-loopback>' }, 'https://127.0.0.1:8443/')).toMatchObject({ kind: 'proxy' });
  });

  it('treats no_proxy alone as an explicit "direct"', () => {
    expect(proxyConfigFromEnv({ no_proxy: '*' })).toMatchObject({ source: 'env', mode: 'direct' });
  });

  it('treats auto_proxy as a PAC script', () => {
    expect(decide({ auto_proxy: 'http://wpad/wpad.dat' }, 'https://x.example/')).toEqual({ kind: 'script', pacUrl: 'http://wpad/wpad.dat' });
  });

  it('ignores malformed values', () => {
    expect(proxyConfigFromEnv({ https_proxy: 'ftp://nope:21' })).toBeNull();
  });

  it('lists the variable names that are set, never their values', () => {
    expect(proxyEnvNamesSet({ HTTPS_PROXY: 'http://u:pw@p:1', no_proxy: 'x', empty: '' }).sort()).toEqual(['HTTPS_PROXY', 'no_proxy']);
  });
});

// The cases the engine's former curl-style reader was tested with, now answered by this one
// reader with Chromium's rules: where the two disagreed, the browser's answer is the one asserted.
describe('the environment cases every check now shares', () => {
  const proxy = { https_proxy: 'http://p:3128', http_proxy: 'http://p:3128' };
  const direct = (env: Record<string, string>, url: string) => decide(env, url)?.kind !== 'proxy';

  it('adds http:// to a bare host:port in all_proxy', () => {
    expect(decide({ ALL_PROXY: 'proxy.corp:3128' }, 'https://chatgpt.com/')).toEqual({
      kind: 'proxy',
      server: { scheme: 'http', host: 'proxy.corp', port: 3128 },
    });
  });

  it('reads socks and https:// proxies with their own scheme (the prober cannot speak them)', () => {
    expect(decide({ https_proxy: 'socks5://127.0.0.1:1080' }, 'https://chatgpt.com/')).toMatchObject({ server: { scheme: 'socks5' } });
    expect(decide({ https_proxy: 'https://proxy.corp:443' }, 'https://chatgpt.com/')).toMatchObject({ server: { scheme: 'https' } });
  });

  it('goes direct without a usable setting', () => {
    expect(decide({}, 'https://chatgpt.com/')).toBeNull();
    expect(decide({ https_proxy: '  ' }, 'https://chatgpt.com/')).toBeNull();
  });

  it('honours no_proxy: *, lists, leading dots and wildcards, ports, IPs and IPv4 ranges', () => {
    expect(direct({ ...proxy, no_proxy: '*' }, 'https://chatgpt.com/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: 'example.org, chatgpt.com' }, 'https://chatgpt.com/')).toBe(true);
    expect(direct({ ...proxy, NO_PROXY: '.oaistatic.com' }, 'https://cdn.oaistatic.com/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: '*.oaistatic.com' }, 'https://cdn.oaistatic.com/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: 'openai.com' }, 'https://auth.openai.com/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: 'openai.com' }, 'https://openai.org/')).toBe(false);
    expect(direct({ ...proxy, no_proxy: 'chatgpt.com:8443' }, 'https://chatgpt.com/')).toBe(false);
    expect(direct({ ...proxy, no_proxy: 'chatgpt.com:8443' }, 'https://chatgpt.com:8443/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: '10.0.0.0/8' }, 'http://10.1.2.3/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: '10.0.0.0/8' }, 'http://11.1.2.3/')).toBe(false);
    expect(direct({ ...proxy, no_proxy: '[2001:db8::1]' }, 'http://[2001:db8::1]/')).toBe(true);
    expect(direct({ ...proxy, no_proxy: '[2001:db8::1]' }, 'http://[2001:db8::2]/')).toBe(false);
  });

  it('never proxies loopback and link-local hosts', () => {
    for (const url of ['https://localhost/', 'https://app.localhost:3000/', 'http://127.0.0.1:8080/', 'http://127.9.9.9/', 'http://[::1]/', 'http://169.254.169.254/', 'http://[fe80::1]/']) {
      expect(decide(proxy, url), url).toEqual({ kind: 'direct', reason: 'bypass' });
    }
    expect(decide(proxy, 'https://chat.lab/')).toMatchObject({ kind: 'proxy' });
  });
});

