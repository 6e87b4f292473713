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
