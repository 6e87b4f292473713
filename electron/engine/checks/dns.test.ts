import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { netnsUnavailableReason, runInNetns } from '../../../e2e/lab/netns.js';
import { ProfileSchema } from '../../common/spec.js';
import type { DnsQueryResult, SystemLookupResult } from '../net/system-lookup.js';
import {
  assessDns,
  dnsCheck,
  latencyLevel,
  namesToCheck,
  referenceEndpoint,
  resolverLabel,
  type NameMeasurement,
} from './dns.js';
import type { ScenarioResult } from '../../../e2e/engine/dns.netns-helper.js';

// ---------- Pure parts ----------

describe('what the check resolves', () => {
  it('takes each distinct host name once with its port, and skips IP literals', () => {
    const profile = ProfileSchema.parse({
      name: 'P',
      targets: [
        { id: 'app', url: 'https://ChatGPT.com/' },
        { id: 'api', url: 'https://chatgpt.com/backend-api/' },
        { id: 'plain', url: 'http://cdn.example:8080/x' },
        { id: 'ip', url: 'https://192.0.2.10/' },
        { id: 'ip6', url: 'https://[2001:db8::1]/' },
      ],
    });
    expect(namesToCheck(profile)).toEqual([
      { host: 'chatgpt.com', port: 443, url: 'https://ChatGPT.com/', targetIds: ['app', 'api'] },
      { host: 'cdn.example', port: 8080, url: 'http://cdn.example:8080/x', targetIds: ['plain'] },
    ]);
  });

  it("turns the profile's resolver addresses into c-ares servers and names the well-known ones", () => {
    expect(referenceEndpoint('8.8.8.8')).toBe('8.8.8.8:53');
    expect(referenceEndpoint('127.0.0.2:5300')).toBe('127.0.0.2:5300');
    expect(referenceEndpoint('::1')).toBe('[::1]:53');
    expect(referenceEndpoint('[::1]:5300')).toBe('[::1]:5300');
    expect(referenceEndpoint('dns.google')).toBeNull();
    expect(resolverLabel('8.8.8.8')).toBe('Google Public DNS (8.8.8.8)');
    expect(resolverLabel('1.1.1.1')).toBe('Cloudflare DNS (1.1.1.1)');
    expect(resolverLabel('[2620:fe::9]:53')).toBe('Quad9 (2620:fe::9)');
    expect(resolverLabel('127.0.0.1:5300')).toBe('the reference DNS server 127.0.0.1:5300');
  });

  it("uses ChromeOS's latency thresholds", () => {
    expect(latencyLevel(null)).toBe('unknown');
    expect(latencyLevel(400)).toBe('normal');
    expect(latencyLevel(401)).toBe('slightly-high');
    expect(latencyLevel(500)).toBe('slightly-high');
    expect(latencyLevel(501)).toBe('significantly-high');
  });
});

function query(kind: DnsQueryResult['kind'], addresses: string[] = [], durationMs = 20): DnsQueryResult {
  const record = { kind, addresses: addresses.filter((a) => !a.includes(':')) };
  return { kind, addresses, a: record, aaaa: { kind: addresses.length ? 'nodata' : kind, addresses: [] }, durationMs, servers: ['192.0.2.53'] };
}

function lookup(host: string, kind: SystemLookupResult['kind'], addresses: string[] = []): SystemLookupResult {
  return { host, kind, addresses, durationMs: 15, ...(kind === 'answer' ? {} : { code: kind === 'nxdomain' ? 'ENOTFOUND' : 'EAI_AGAIN' }) };
}

function measurement(overrides: Partial<NameMeasurement> & Pick<NameMeasurement, 'system' | 'systemDns'>): NameMeasurement {
  return { host: 'chatgpt.com', port: 443, url: 'https://chatgpt.com/', targetIds: ['app'], references: [], hostsFile: [], ...overrides };
}

describe('assessDns', () => {
  const google = (kind: DnsQueryResult['kind'], addresses: string[] = []) => ({ ...query(kind, addresses), resolver: '8.8.8.8' });

  it('passes when the system and the reference agree, and says so', () => {
    const result = assessDns({
      systemServers: ['192.0.2.53'],
      names: [measurement({ system: lookup('chatgpt.com', 'answer', ['104.18.32.47']), systemDns: query('answer', ['104.18.32.47']), references: [google('answer', ['104.18.32.47', '172.64.155.209'])] })],
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('Your DNS server (192.0.2.53) found chatgpt.com in 20 ms on average, with the same addresses as Google Public DNS (8.8.8.8).');
    expect(result.facts).toEqual({
      systemFailed: false,
      systemBadAnswers: false,
      referenceAnswered: true,
      referenceWorks: false,
      agreesWithReference: true,
      names: [{ host: 'chatgpt.com', system: 'answer', agrees: true, systemWorks: null, referenceWorks: null }],
    });
  });

  it('names the precise failure kind even where getaddrinfo only said "try again"', () => {
    const result = assessDns({
      systemServers: ['192.0.2.53'],
      names: [
        measurement({
          system: lookup('chatgpt.com', 'error'),
          systemDns: query('servfail'),
          references: [google('answer', ['104.18.32.47'])],
          connect: { system: [], reference: [{ address: '104.18.32.47', ok: true, provenBy: 'tls', durationMs: 12 }] },
        }),
      ],
    });
    expect(result.status).toBe('fail');
    expect(result.names[0]!.systemKind).toBe('servfail');
    expect(result.summary).toContain('failed to look up chatgpt.com (server failure), while Google Public DNS (8.8.8.8) found it');
    expect(result.facts).toMatchObject({ systemFailed: true, referenceWorks: true });
  });

  it('does not call different answers bad when the system ones work (CDNs answer by region)', () => {
    const result = assessDns({
      systemServers: [],
      names: [
        measurement({
          system: lookup('cdn.oaistatic.com', 'answer', ['198.51.100.7']),
          systemDns: query('answer', ['198.51.100.7']),
          references: [google('answer', ['203.0.113.9'])],
          connect: { system: [{ address: '198.51.100.7', ok: true, provenBy: 'tls', durationMs: 9 }], reference: [{ address: '203.0.113.9', ok: true, provenBy: 'tls', durationMs: 30 }] },
        }),
      ],
    });
    expect(result.status).toBe('pass');
    expect(result.facts).toMatchObject({ systemBadAnswers: false, agreesWithReference: false });
    expect(result.summary).toContain('differ from Google Public DNS (8.8.8.8)');
  });

  it('reports several failing names in one sentence', () => {
    const failing = (host: string) =>
      measurement({ host, system: lookup(host, 'nxdomain'), systemDns: query('nxdomain'), references: [google('nxdomain')] });
    const result = assessDns({ systemServers: ['192.0.2.53'], names: [failing('a.example'), failing('b.example'), failing('c.example')] });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('could not find it either');
    expect(result.summary).toContain('b.example and c.example are affected too.');
    expect(result.facts).toMatchObject({ systemFailed: true, referenceAnswered: true, referenceWorks: false });
  });

  it('without getaddrinfo (Electron with no backend) uses the hosts file, then the direct query', () => {
    const unavailable: SystemLookupResult = { host: 'chatgpt.com', kind: 'error', addresses: [], code: 'ENOBACKEND', durationMs: 0, unavailable: true };
    const fromHosts = assessDns({
      systemServers: [],
      names: [measurement({ system: unavailable, systemDns: query('answer', ['104.18.32.47']), hostsFile: ['192.0.2.66'], references: [google('answer', ['104.18.32.47'])] })],
    });
    expect(fromHosts.names[0]).toMatchObject({ systemKind: 'answer', systemAddresses: ['192.0.2.66'], fromHostsFile: true, agrees: false });
    const fromDns = assessDns({ systemServers: [], names: [measurement({ system: unavailable, systemDns: query('nxdomain'), references: [google('answer', ['104.18.32.47'])] })] });
    expect(fromDns.names[0]).toMatchObject({ systemKind: 'nxdomain', problem: 'failed' });
  });

  it('is an error without facts when every lookup was cut off by the deadline', () => {
    const result = assessDns({
      systemServers: [],
      names: [measurement({ system: lookup('chatgpt.com', 'cancelled'), systemDns: query('cancelled'), references: [google('cancelled')] })],
    });
    expect(result.status).toBe('error');
    expect(result.facts).toBeUndefined();
  });

  it('warns about significantly high latency', () => {
    const result = assessDns({
      systemServers: ['192.0.2.53'],
      names: [measurement({ system: lookup('chatgpt.com', 'answer', ['104.18.32.47']), systemDns: query('answer', ['104.18.32.47'], 820), references: [google('answer', ['104.18.32.47'])] })],
    });
    expect(result.status).toBe('warn');
    expect(result.latency).toMatchObject({ systemMs: 820, level: 'significantly-high' });
    expect(result.summary).toContain('significantly high (above 500 ms)');
  });
});

describe('dnsCheck without names to resolve', () => {
  it('skips a profile whose targets are IP addresses (no lookup is made)', async () => {
    const profile = ProfileSchema.parse({ name: 'IP', targets: [{ id: 'a', url: 'https://127.0.0.1:9/' }], referenceResolvers: ['127.0.0.1:9'] });
    const outcome = await dnsCheck.run({ profile, signal: new AbortController().signal, deadline: Date.now() + 1_000 });
    expect(outcome.status).toBe('skip');
  });
});

// ---------- The whole check, with the system pointed at a lab DNS server ----------

const netnsReason = netnsUnavailableReason();
if (netnsReason) console.warn(`dns check: namespaced tests skipped: ${netnsReason}`);

describe.skipIf(netnsReason !== null)('dnsCheck inside a network namespace (system resolver → lab server)', () => {
  let results: Record<string, ScenarioResult>;
  let referenceEndpointInLab: string;
  const scenario = (name: string): ScenarioResult => {
    const result = results[name];
    if (!result) throw new Error(`scenario ${name} did not run`);
    return result;
  };
  const names = (name: string) => scenario(name).outcome.evidence.names as Array<Record<string, unknown>>;

  beforeAll(async () => {
    const helper = fileURLToPath(new URL('../../../e2e/engine/dns.netns-helper.ts', import.meta.url));
    const run = await runInNetns([process.execPath, '--import', 'tsx', helper], {
      resolvConf: 'nameserver 127.0.0.2\n',
      hosts: '127.0.0.1 localhost\n127.0.0.66 stale.chat.lab\n',
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { referenceEndpoint: string; results: Record<string, ScenarioResult> };
    results = output.results;
    referenceEndpointInLab = output.referenceEndpoint;
  }, 70_000);

  it('healthy: every name resolves the same way as the reference → pass', () => {
    const { outcome } = scenario('healthy');
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: false, systemBadAnswers: false, referenceAnswered: true, referenceWorks: false, agreesWithReference: true });
    expect(outcome.summary).toContain('(127.0.0.2) found chat.lab and auth.chat.lab');
    expect(names('healthy').map((n) => n.host)).toEqual(['chat.lab', 'auth.chat.lab']);
    expect(outcome.evidence.systemServers).toEqual(['127.0.0.2']);
    expect(outcome.evidence.serversInEffect).toEqual([{ source: 'resolv.conf', servers: ['127.0.0.2'] }]);
  });

  it('NXDOMAIN on the system while the reference works → a DNS failure the reference would fix', () => {
    const { outcome } = scenario('nxdomain');
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: true, referenceAnswered: true, referenceWorks: true, agreesWithReference: false });
    expect(outcome.summary).toBe(
      `Your DNS server (127.0.0.2) says chat.lab does not exist, while the reference DNS server ${referenceEndpointInLab} found it and its address works: changing DNS will likely fix this.`,
    );
    expect(names('nxdomain')[0]).toMatchObject({ result: 'nxdomain', problem: 'failed', systemResolver: { code: 'ENOTFOUND' } });
  });

  it('SERVFAIL, REFUSED and an empty answer are told apart', () => {
    expect(names('servfail')[0]).toMatchObject({ result: 'servfail', problem: 'failed', systemDns: { a: { code: 'ESERVFAIL' } } });
    expect(names('refused')[0]).toMatchObject({ result: 'refused', problem: 'failed' });
    expect(names('nodata')[0]).toMatchObject({ result: 'nodata', problem: 'failed' });
    for (const name of ['servfail', 'refused', 'nodata']) expect(scenario(name).outcome.facts?.dns).toMatchObject({ systemFailed: true, referenceWorks: true });
  });

  it('a silent system resolver is a timeout, reported well within the deadline', () => {
    const { outcome, elapsedMs, budgetMs } = scenario('system-silent');
    expect(outcome.status).toBe('fail');
    expect(names('system-silent')[0]).toMatchObject({ result: 'timeout', systemResolver: { kind: 'timeout' } });
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: true, referenceWorks: true });
    expect(elapsedMs).toBeLessThan(budgetMs);
  });

  it('a hijacked answer (127.0.0.66, where nothing listens) while the reference answer works → systemBadAnswers', () => {
    const { outcome } = scenario('hijacked');
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: false, systemBadAnswers: true, referenceAnswered: true, referenceWorks: true, agreesWithReference: false });
    expect(outcome.summary).toContain('sends chat.lab to 127.0.0.66, which does not answer');
    expect(names('hijacked')[0]).toMatchObject({
      problem: 'bad-answer',
      connect: { system: [{ address: '127.0.0.66', ok: false, code: 'ECONNREFUSED' }], reference: [{ address: '127.0.0.1', ok: true, provenBy: 'tls' }] },
    });
  });

  it('an answer that leads to a parking page (TCP accepted, another site\'s certificate) does not work → systemBadAnswers', () => {
    const { outcome } = scenario('parking');
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.dns).toMatchObject({ systemBadAnswers: true, referenceWorks: true, agreesWithReference: false });
    expect(outcome.facts?.dns?.names?.[0]).toEqual({ host: 'chat.lab', system: 'answer', agrees: false, systemWorks: false, referenceWorks: true, provenBy: 'tls' });
    expect(names('parking')[0]).toMatchObject({
      problem: 'bad-answer',
      connect: { system: [{ address: '127.0.0.77', ok: false, code: 'wrong-host', provenBy: 'tls' }], reference: [{ address: '127.0.0.1', ok: true }] },
    });
    expect(outcome.summary).toContain('sends chat.lab to 127.0.0.77, which answers as another site');
  });

  it('a stale hosts-file entry is a bad answer, and the summary points at the hosts file', () => {
    const { outcome } = scenario('hosts-file');
    expect(outcome.facts?.dns).toMatchObject({ systemBadAnswers: true, referenceWorks: true });
    expect(outcome.summary).toContain("This computer's hosts file sends stale.chat.lab to 127.0.0.66");
    expect(names('hosts-file')[0]).toMatchObject({ fromHostsFile: true, systemDns: { addresses: ['127.0.0.1'] } });
  });

  it('different answers that work are not bad answers', () => {
    const { outcome } = scenario('cdn');
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.dns).toMatchObject({ systemBadAnswers: false, agreesWithReference: false });
  });

  it('silent reference resolvers → referenceAnswered false, the system still passes', () => {
    const { outcome, elapsedMs, budgetMs } = scenario('reference-silent');
    expect(outcome.status).toBe('pass');
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: false, referenceAnswered: false, agreesWithReference: false });
    expect(outcome.summary).toContain('reference DNS servers did not answer');
    expect(elapsedMs).toBeLessThan(budgetMs);
  });

  it('NXDOMAIN everywhere: the reference answered, but changing DNS would not help', () => {
    const { outcome } = scenario('both-nxdomain');
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: true, referenceAnswered: true, referenceWorks: false });
    expect(outcome.summary).toContain('changing DNS will not help');
  });

  it('every DNS server silent: still an outcome before the deadline', () => {
    const { outcome, elapsedMs, budgetMs } = scenario('all-silent');
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: true, referenceAnswered: false, referenceWorks: false });
    expect(elapsedMs).toBeLessThan(budgetMs);
  });

  it('a slow system resolver (450 ms) → warn with the measured latency', () => {
    const { outcome } = scenario('slow');
    expect(outcome.status).toBe('warn');
    const latency = outcome.evidence.latency as { systemAverageMs: number; level: string };
    expect(latency.systemAverageMs).toBeGreaterThanOrEqual(450);
    expect(latency.level).not.toBe('normal');
    expect(outcome.summary).toMatch(/works but is slow: it took \d+ ms on average/);
    expect(outcome.facts?.dns).toMatchObject({ systemFailed: false, agreesWithReference: true });
  });

  it('stops promptly when the sweep aborts, reporting an error rather than a guess', () => {
    const { outcome, elapsedMs } = scenario('aborted');
    expect(outcome.status).toBe('error');
    expect(outcome.facts).toBeUndefined();
    expect(elapsedMs).toBeLessThan(1_000);
  });
});
