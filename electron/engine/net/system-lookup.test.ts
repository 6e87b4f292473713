import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type LabDnsServer } from '../../../e2e/lab/dns-server.js';
import { netnsUnavailableReason, runInNetns } from '../../../e2e/lab/netns.js';
import {
  buildLookupChild,
  classifyChromiumError,
  classifyLookupError,
  classifyQueryError,
  combineRecords,
  isLookupHostname,
  queryDns,
  resolveHostBackend,
  setSystemLookupBackend,
  systemLookup,
  type ResolveHostFunction,
  type SystemLookupResult,
} from './system-lookup.js';

describe('buildLookupChild', () => {
  it('passes each name as its own argv element after --, never inside the script', () => {
    const child = buildLookupChild(['chatgpt.com', 'auth.openai.com'], { PATH: '/usr/bin' }, '/opt/app/electron');
    expect(child.command).toBe('/opt/app/electron');
    expect(child.args[0]).toBe('-e');
    expect(child.args.slice(2)).toEqual(['--', 'chatgpt.com', 'auth.openai.com']);
    expect(child.args[1]).not.toContain('chatgpt.com');
  });

  it('runs Electron as Node, sizes the thread pool to the names, drops NODE_OPTIONS', () => {
    const names = Array.from({ length: 9 }, (_, i) => `host${i}.example`);
    const child = buildLookupChild(names, { PATH: '/usr/bin', NODE_OPTIONS: '--import tsx' }, process.execPath);
    expect(child.env).toMatchObject({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', UV_THREADPOOL_SIZE: '9' });
    expect(child.env.NODE_OPTIONS).toBeUndefined();
    expect(buildLookupChild(['a.example'], {}, process.execPath).env.UV_THREADPOOL_SIZE).toBe('4');
  });

  it('refuses anything that is not a host name', () => {
    for (const bad of ['-e', '--inspect', "x');process.exit(1);('", 'a b', 'a..b', '', 'x'.repeat(64) + '.com', 'ünïcode.com']) {
      expect(isLookupHostname(bad), bad).toBe(false);
      expect(() => buildLookupChild([bad], {}, process.execPath)).toThrow(TypeError);
    }
    for (const good of ['chatgpt.com', 'cdn.oaistatic.com.', '_dmarc.example.org', 'xn--bcher-kva.example', 'localhost']) {
      expect(isLookupHostname(good), good).toBe(true);
    }
  });
});

describe('failure kinds', () => {
  it('classifies getaddrinfo codes (vague) and c-ares codes (precise)', () => {
    expect(classifyLookupError('ENOTFOUND')).toBe('nxdomain');
    expect(classifyLookupError('EAI_AGAIN')).toBe('error');
    expect(classifyLookupError('ETIMEOUT')).toBe('timeout');
    expect(classifyQueryError('ENOTFOUND')).toBe('nxdomain');
    expect(classifyQueryError('ESERVFAIL')).toBe('servfail');
    expect(classifyQueryError('EREFUSED')).toBe('refused');
    expect(classifyQueryError('ENODATA')).toBe('nodata');
    expect(classifyQueryError('ETIMEOUT')).toBe('timeout');
    expect(classifyQueryError('ECONNREFUSED')).toBe('unreachable');
    expect(classifyQueryError('EBADRESP')).toBe('error');
  });

  it('combines A and AAAA: any address is an answer, NXDOMAIN outranks the rest, no data only when both are empty', () => {
    const r = (kind: Parameters<typeof combineRecords>[0]['kind'], addresses: string[] = []) => ({ kind, addresses });
    expect(combineRecords(r('answer', ['192.0.2.1']), r('nodata'))).toBe('answer');
    expect(combineRecords(r('timeout'), r('answer', ['2001:db8::1']))).toBe('answer');
    expect(combineRecords(r('nodata'), r('nxdomain'))).toBe('nxdomain');
    expect(combineRecords(r('servfail'), r('nodata'))).toBe('servfail');
    expect(combineRecords(r('nodata'), r('timeout'))).toBe('timeout');
    expect(combineRecords(r('nodata'), r('nodata'))).toBe('nodata');
  });
});

describe('queryDns against a lab DNS server on loopback', () => {
  let server: LabDnsServer;
  beforeAll(async () => {
    server = await startDnsServer({
      zone: {
        'both.lab': { kind: 'answer', ipv4: ['127.0.0.1', '127.0.0.5'], ipv6: ['::1'] },
        'nx.lab': { kind: 'nxdomain' },
        'fail.lab': { kind: 'servfail' },
        'no.lab': { kind: 'refused' },
        'empty.lab': { kind: 'nodata' },
        'quiet.lab': { kind: 'silent' },
      },
    });
  });
  afterAll(() => server.close());

  it('returns IPv4 then IPv6 addresses with the time taken', async () => {
    const result = await queryDns('both.lab', { timeoutMs: 2_000, servers: [server.endpoint] });
    expect(result.kind).toBe('answer');
    expect(result.addresses).toEqual(['127.0.0.1', '127.0.0.5', '::1']);
    expect(result.servers).toEqual([server.endpoint]);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it('tells NXDOMAIN, SERVFAIL, REFUSED and no data apart', async () => {
    const kinds = await Promise.all(
      ['nx.lab', 'fail.lab', 'no.lab', 'empty.lab'].map(async (name) => (await queryDns(name, { timeoutMs: 2_000, servers: [server.endpoint] })).kind),
    );
    expect(kinds).toEqual(['nxdomain', 'servfail', 'refused', 'nodata']);
  });

  it('times out on a silent server at its own timeout', async () => {
    const started = Date.now();
    const result = await queryDns('quiet.lab', { timeoutMs: 300, servers: [server.endpoint] });
    expect(result.kind).toBe('timeout');
    expect(result.a.code).toBe('ETIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const result = await queryDns('quiet.lab', { timeoutMs: 5_000, servers: [server.endpoint], signal: controller.signal });
    expect(result.kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('says unreachable when nothing listens, and error for a malformed server', async () => {
    const closed = await startDnsServer({});
    const port = closed.port;
    await closed.close();
    expect((await queryDns('both.lab', { timeoutMs: 1_000, servers: [`127.0.0.1:${port}`] })).kind).toBe('unreachable');
    expect((await queryDns('both.lab', { timeoutMs: 1_000, servers: ['not an address'] })).kind).toBe('error');
  });
});

describe('systemLookup without DNS', () => {
  it('answers IP literals itself, without a child or a resolver', async () => {
    const results = await systemLookup(['127.0.0.9', '[::1]'], { timeoutMs: 1_000 });
    expect(results.get('127.0.0.9')).toMatchObject({ kind: 'answer', addresses: ['127.0.0.9'] });
    expect(results.get('[::1]')).toMatchObject({ kind: 'answer', addresses: ['::1'] });
  });
});

describe('systemLookup backends', () => {
  afterEach(() => setSystemLookupBackend(null));

  it('uses an installed backend for names (not for IP literals), and marks names it left out as unavailable', async () => {
    const asked: string[][] = [];
    setSystemLookupBackend(async (names) => {
      asked.push(names);
      return new Map([['a.example', { host: 'a.example', kind: 'answer', addresses: ['192.0.2.1'], durationMs: 3 }]]);
    });
    const results = await systemLookup(['a.example', 'b.example', '192.0.2.9', 'a.example'], { timeoutMs: 500 });
    expect(asked).toEqual([['a.example', 'b.example']]);
    expect(results.get('a.example')).toMatchObject({ kind: 'answer', addresses: ['192.0.2.1'] });
    expect(results.get('b.example')).toMatchObject({ kind: 'error', unavailable: true });
    expect(results.get('192.0.2.9')).toMatchObject({ kind: 'answer', addresses: ['192.0.2.9'] });
  });

  it('inside Electron without a backend, never spawns process.execPath (it could be the app itself)', async () => {
    Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true });
    try {
      const started = Date.now();
      const results = await systemLookup(['a.example'], { timeoutMs: 5_000 });
      expect(results.get('a.example')).toMatchObject({ kind: 'error', code: 'ENOBACKEND', unavailable: true });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      delete (process.versions as Record<string, string | undefined>).electron;
    }
  });

  it("wraps Electron's net.resolveHost: answers, Chromium errors, a hung request cut off at the timeout", async () => {
    const resolveHost: ResolveHostFunction = (host) => {
      if (host === 'ok.example') return Promise.resolve({ endpoints: [{ address: '192.0.2.1', family: 'ipv4' }, { address: '2001:db8::1', family: 'ipv6' }] });
      if (host === 'nx.example') return Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED'));
      return new Promise(() => {}); // never settles, as with a silent DNS server
    };
    const started = Date.now();
    const results = await resolveHostBackend(resolveHost)(['ok.example', 'nx.example', 'hung.example'], { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(results.get('ok.example')).toMatchObject({ kind: 'answer', addresses: ['192.0.2.1', '2001:db8::1'] });
    expect(results.get('nx.example')).toMatchObject({ kind: 'nxdomain', code: 'ERR_NAME_NOT_RESOLVED' });
    expect(results.get('hung.example')).toMatchObject({ kind: 'timeout', code: 'ETIMEOUT' });
  });

  it('stops the net.resolveHost backend when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const results = await resolveHostBackend(() => new Promise(() => {}))(['hung.example'], { timeoutMs: 5_000, signal: controller.signal });
    expect(results.get('hung.example')).toMatchObject({ kind: 'cancelled' });
  });

  it('classifies Chromium net errors', () => {
    expect(classifyChromiumError('net::ERR_DNS_TIMED_OUT')).toEqual({ kind: 'timeout', code: 'ERR_DNS_TIMED_OUT' });
    expect(classifyChromiumError('net::ERR_INTERNET_DISCONNECTED')).toEqual({ kind: 'unreachable', code: 'ERR_INTERNET_DISCONNECTED' });
    expect(classifyChromiumError('something else')).toEqual({ kind: 'error', code: 'ERR_FAILED' });
  });
});

// getaddrinfo asks the machine's own DNS servers: only inside a namespace pointed at a lab server.
const netnsReason = netnsUnavailableReason();
if (netnsReason) console.warn(`system-lookup: namespaced getaddrinfo tests skipped: ${netnsReason}`);

describe.skipIf(netnsReason !== null)('systemLookup through getaddrinfo (inside a network namespace)', () => {
  interface HelperOutput {
    lookups: { elapsedMs: number; results: Record<string, SystemLookupResult> };
    aborted: { elapsedMs: number; result: SystemLookupResult };
    systemServers: { kind: string; servers: string[] };
    queriesSeen: string[];
  }
  let output: HelperOutput;

  beforeAll(async () => {
    const helper = fileURLToPath(new URL('../../../e2e/engine/system-lookup.netns-helper.ts', import.meta.url));
    const run = await runInNetns([process.execPath, '--import', 'tsx', helper], {
      resolvConf: 'nameserver 127.0.0.2\noptions timeout:5 attempts:2\n',
      hosts: '127.0.0.1 localhost\n127.0.0.77 pinned.lab\n',
      timeoutMs: 30_000,
    });
    expect(run.code, run.stderr).toBe(0);
    output = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as HelperOutput;
  }, 40_000);

  it('resolves through the system resolver, and the hosts file wins without asking DNS', () => {
    const { results } = output.lookups;
    expect(results['both.lab']).toMatchObject({ kind: 'answer' });
    expect([...results['both.lab']!.addresses].sort()).toEqual(['127.0.0.1', '::1']);
    expect(results['pinned.lab']).toMatchObject({ kind: 'answer', addresses: ['127.0.0.77'] });
    expect(output.queriesSeen).not.toContain('pinned.lab');
    expect(results['127.0.0.9']).toMatchObject({ kind: 'answer', addresses: ['127.0.0.9'] });
  });

  it('reports getaddrinfo failures with its own codes', () => {
    const { results } = output.lookups;
    expect(results['nx.lab']).toMatchObject({ kind: 'nxdomain', code: 'ENOTFOUND' });
    // getaddrinfo cannot tell these apart from NXDOMAIN or a timeout: the direct query must.
    expect(results['empty.lab']!.code).toBe('ENOTFOUND');
    expect(results['fail.lab']).toMatchObject({ kind: 'error', code: 'EAI_AGAIN' });
    expect(output.systemServers).toMatchObject({ kind: 'nodata', servers: ['127.0.0.2'] });
  });

  it('cuts a silent server off at the timeout without holding back the other names', () => {
    expect(output.lookups.results['quiet.lab']).toMatchObject({ kind: 'timeout', code: 'ETIMEOUT', addresses: [] });
    expect(output.lookups.results['both.lab']!.durationMs).toBeLessThan(1_000);
    expect(output.lookups.elapsedMs).toBeGreaterThanOrEqual(1_400);
    expect(output.lookups.elapsedMs).toBeLessThan(2_500);
  });

  it('stops at once when the signal aborts', () => {
    expect(output.aborted.result).toMatchObject({ kind: 'cancelled', code: 'ECANCELLED' });
    expect(output.aborted.elapsedMs).toBeLessThan(1_000);
  });
});
