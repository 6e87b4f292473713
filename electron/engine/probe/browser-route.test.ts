// The browser's route against real lab servers on loopback: one reading of the proxy settings per sweep, shared
// by the targets and retry checks, and the route each probe then takes.
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer } from '../../../e2e/lab/https-server.js';
import { startProxyServer, type ProxyMode } from '../../../e2e/lab/proxy-server.js';
import { ProfileSchema } from '../../common/spec.js';
import { CommandError, type RunOptions } from '../../system/run-command.js';
import type { CheckContext } from '../check.js';
import { createRetryCheck } from '../checks/retry.js';
import { createTargetsCheck } from '../checks/targets.js';
import { browserRoute, proxyEvidence, routeProbeOptions, type ProxyLookup } from './browser-route.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function labProxy(mode: ProxyMode = 'works', credentials?: string) {
  const server = await startProxyServer({ mode, hosts: { 'chat.lab': '127.0.0.1', 'auth.lab': '127.0.0.1' }, ...(credentials ? { credentials } : {}) });
  cleanups.push(() => server.close());
  return server;
}

async function plainSite() {
  const server = await startWebServer({ behaviour: { kind: 'status', status: 200 } });
  cleanups.push(() => server.close());
  return server;
}

function context(urls: string[], deadlineInMs = 5000): CheckContext {
  return {
    profile: ProfileSchema.parse({ name: 'Lab Chat', targets: urls.map((url, i) => ({ id: `t${i}`, url })) }),
    signal: new AbortController().signal,
    deadline: Date.now() + deadlineInMs,
  };
}

/** `scutil --proxy` as macOS prints it with manual HTTP and HTTPS proxies (see system/proxy/fixtures). */
function scutilProxy(port: number): string {
  return `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  ExcludeSimpleHostnames : 1
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : ${port}
  HTTPProxy : 127.0.0.1
  HTTPSEnable : 1
  HTTPSPort : ${port}
  HTTPSProxy : 127.0.0.1
  ProxyAutoConfigEnable : 0
  SOCKSEnable : 0
}
`;
}

/** A macOS machine whose only proxy setting is scutil's (the command is faked: it cannot run here). */
function macWithProxy(port: number) {
  const calls: string[][] = [];
  const lookup: ProxyLookup = {
    env: {},
    platform: 'darwin',
    resolver: null,
    run: async (argv: readonly string[], _options: RunOptions) => {
      calls.push([...argv]);
      if (argv[0] !== 'scutil') throw new CommandError(`${argv[0]}: not found`, 'ENOENT', argv);
      return { stdout: scutilProxy(port), stderr: '', durationMs: 2 };
    },
  };
  return { lookup, calls };
}

describe('browserRoute', () => {
  it('reads the proxy settings once per sweep, for every target of the targets and retry checks', async () => {
    const site = await plainSite();
    const proxy = await labProxy();
    const { lookup, calls } = macWithProxy(proxy.port);
    const urls = [`http://chat.lab:${site.port}/`, `http://auth.lab:${site.port}/`, `http://chat.lab:${site.port}/c/new`];
    const sweep = context(urls);
    const [targets, retry] = await Promise.all([
      createTargetsCheck({ proxy: lookup }).run(sweep),
      createRetryCheck({ proxy: lookup }).run(sweep),
    ]);
    expect(calls).toEqual([['scutil', '--proxy']]);
    expect(targets.status).toBe('pass');
    expect(retry.status).toBe('pass');
    // The retry check's first attempt is the targets check's probe of the first target: one request each.
    expect(proxy.requests.sort()).toEqual(urls.map((u) => `GET ${u}`).sort());
    expect(retry.evidence.proxySetting).toEqual({ url: proxy.url, decidedBy: 'scutil' });

    // A new sweep reads afresh.
    await createTargetsCheck({ proxy: lookup }).run(context(urls.slice(0, 1)));
    expect(calls).toHaveLength(2);
  });

  it('gives the probe the HTTP proxy with its credentials, and the evidence without them', async () => {
    const site = await plainSite();
    const proxy = await labProxy('auth', 'alice:s3cret');
    const url = `http://chat.lab:${site.port}/`;
    const sweep = context([url]);
    const route = await browserRoute(url, sweep, { env: { http_proxy: `http://alice:s3cret@127.0.0.1:${proxy.port}` }, platform: 'linux', resolver: null });
    expect(route.proxy).toEqual({ url: `http://alice:s3cret@127.0.0.1:${proxy.port}` });
    expect(proxyEvidence(route)).toEqual({ url: `http://***@127.0.0.1:${proxy.port}`, decidedBy: 'env' });
    const outcome = await createTargetsCheck({ proxy: { env: { http_proxy: `http://alice:s3cret@127.0.0.1:${proxy.port}` }, platform: 'linux', resolver: null } }).run(sweep);
    expect(outcome.status).toBe('pass'); // the proxy accepted the credentials
    expect(JSON.stringify(outcome)).not.toContain('s3cret');
  });

  it('goes direct when the decision is direct, a SOCKS or https proxy, or a PAC script', async () => {
    const url = 'https://chat.lab/';
    const route = (lookup: ProxyLookup) => browserRoute(url, context([url]), { platform: 'linux', resolver: null, ...lookup });
    const direct = await route({ env: { https_proxy: 'http://127.0.0.1:3128', no_proxy: '.lab' } });
    expect(direct).toEqual({ decision: { kind: 'direct', reason: 'bypass', decidedBy: 'env' } });
    expect(proxyEvidence(direct)).toBeUndefined();
    for (const [server, described] of [
      ['socks5://127.0.0.1:1080', 'socks5://127.0.0.1:1080'],
      ['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
    ] as const) {
      const unspoken = await route({ env: { all_proxy: server } });
      expect(unspoken.proxy, server).toBeUndefined();
      expect(proxyEvidence(unspoken)).toEqual({ url: described, decidedBy: 'env', note: 'Only HTTP proxies can be tested: this request went direct.' });
    }
    const pac = await route({ env: { auto_proxy: 'http://127.0.0.1:9/wpad.dat' } });
    expect(pac.proxy).toBeUndefined();
    expect(proxyEvidence(pac)).toEqual({
      pacUrl: 'http://127.0.0.1:9/wpad.dat',
      decidedBy: 'env',
      note: 'A proxy script (PAC) decides, and it cannot be run here: this request went direct.',
    });
    expect(routeProbeOptions(pac, context([url]), 3000)).not.toHaveProperty('proxy');
  });

  it("lets the browser's resolver decide, and falls back to the settings when it does not answer in time", async () => {
    const url = 'https://chat.lab/';
    const env = { https_proxy: 'http://127.0.0.1:3128' };
    const answered = await browserRoute(url, context([url]), { env, platform: 'linux', resolver: async () => 'DIRECT' });
    expect(answered.decision).toEqual({ kind: 'direct', reason: 'no-proxy', decidedBy: 'electron' });
    const sweep = context([url], 600);
    const started = Date.now();
    const silent = await browserRoute(url, sweep, { env, platform: 'linux', resolver: () => new Promise<string>(() => {}) });
    expect(Date.now() - started).toBeLessThan(1000); // bounded by the sweep's deadline
    expect(silent).toMatchObject({ decision: { kind: 'proxy', decidedBy: 'env' }, proxy: { url: 'http://127.0.0.1:3128' } });
  });

  it("asks the browser's resolver once per sweep and URL, however many checks need the route", async () => {
    const site = await plainSite();
    const url = `http://127.0.0.1:${site.port}/`;
    let asked = 0;
    const lookup: ProxyLookup = {
      env: {},
      platform: 'linux',
      resolver: async () => {
        asked += 1;
        return 'DIRECT';
      },
    };
    const sweep = context([url]);
    const [first, second] = await Promise.all([browserRoute(url, sweep, lookup), browserRoute(url, sweep, lookup)]);
    expect(first).toEqual(second);
    expect((await createTargetsCheck({ proxy: lookup }).run(sweep)).status).toBe('pass');
    expect(asked).toBe(1);
    await browserRoute(url, context([url]), lookup); // the next sweep asks again
    expect(asked).toBe(2);
  });

  it("gives each probe what is left of the sweep's time, less the margin", () => {
    const sweep = context(['https://chat.lab/'], 2000);
    const options = routeProbeOptions({ decision: { kind: 'direct', reason: 'no-proxy', decidedBy: 'env' } }, sweep, 8000);
    expect(options.timeoutMs).toBeGreaterThan(1500);
    expect(options.timeoutMs).toBeLessThanOrEqual(1900);
    expect(routeProbeOptions({ decision: { kind: 'direct', reason: 'no-proxy', decidedBy: 'env' } }, sweep, 300).timeoutMs).toBe(300);
    expect(routeProbeOptions({ decision: { kind: 'direct', reason: 'no-proxy', decidedBy: 'env' } }, context(['https://chat.lab/'], -5), 300).timeoutMs).toBe(1);
  });
});
