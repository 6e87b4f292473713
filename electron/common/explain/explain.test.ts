import { describe, expect, it } from 'vitest';
import type { PartialFacts, TargetFacts } from '../facts.js';
import { STEPS, type CheckResult, type CheckStatus, type Report, type Session, type StepId } from '../spec.js';
import { decideVerdict } from '../verdict.js';
import { explainReport } from './explain.js';

const PROFILE = { name: 'ChatGPT', targets: [{ id: 'app', url: 'https://chatgpt.com/' }], referenceResolvers: ['8.8.8.8'], connectivityCheck: 'http://c.lab/generate_204' };

const target = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  id: 'app',
  url: 'https://chatgpt.com/',
  failedLayer: null,
  httpStatus: 200,
  serverError: false,
  reachable: true,
  ...over,
});
const down = (layer: 'dns' | 'tcp' | 'tls', over: Partial<TargetFacts> = {}): TargetFacts =>
  target({ failedLayer: layer, httpStatus: undefined, reachable: false, ...over });

function healthyFacts(): PartialFacts {
  return {
    statusPage: { reachable: true, outage: false, indicator: 'none', incidents: [] },
    targets: [target()],
    retry: { attempts: 1, serverErrors: 0, persistent: false },
    connectivity: { answered: true, portal: false, httpStatus: 204 },
    dns: { systemFailed: false, systemBadAnswers: false, referenceAnswered: true, referenceWorks: true, agreesWithReference: true },
    proxy: { inEffect: false, failsThroughProxy: false, worksDirect: true },
    vpn: { tunnelInterfaces: [], carriesTraffic: false },
  };
}

const CHECK_STEPS: Record<string, StepId> = {
  'status-page': 'status-page',
  retry: 'wait-retry',
  targets: 'refresh',
  browsers: 'other-browser',
  connection: 'connection',
  dns: 'dns',
  'vpn-proxy': 'vpn-proxy',
};

/** A report as the engine makes it: the verdict decided from the facts; checks with the statuses given. */
function reportOf(facts: PartialFacts, statuses: Partial<Record<string, CheckStatus>> = {}, startedAt = '2026-12-01T10:00:00.000Z'): Report {
  const checks: CheckResult[] = Object.entries(CHECK_STEPS).map(([id, step]) => ({
    id,
    step,
    title: id,
    status: statuses[id] ?? 'pass',
    summary: `${id} summary (restart your router)`,
    durationMs: 10,
    evidence: {},
  }));
  return {
    schemaVersion: 1,
    generator: { name: 'gateway-doctor', version: 'test' },
    startedAt,
    durationMs: 100,
    profile: { name: PROFILE.name, targets: PROFILE.targets.map((t) => t.url) },
    environment: { os: { platform: 'linux', release: '6', arch: 'x64' }, adapters: [], dnsServers: [], proxy: null, vpn: null, redacted: false },
    checks,
    verdict: decideVerdict(facts, PROFILE),
    facts,
  };
}

/** The invariant of issue 7: a step says "Problem found" only for a cause that holds, and is fixed there. */
function expectOneVoice(report: Report): void {
  const explanation = explainReport(report);
  const holding = [report.verdict.cause, ...report.verdict.alsoFound];
  for (const step of STEPS) {
    const e = explanation.steps[step.id];
    if (e.state === 'problem') expect(holding).toContain(e.cause);
    if (e.state === 'consequence') {
      expect(holding).toContain(e.cause);
      expect(e.seeStep).toBeDefined();
      expect(explanation.steps[e.seeStep!].state).toBe('problem');
    }
  }
  for (const line of Object.values(explanation.checks)) {
    if (line.state === 'problem' || line.state === 'consequence') expect(holding).toContain(line.cause);
  }
}

describe('explainReport: every step agrees with the verdict', () => {
  it('server error: the wait step has the problem; the failing page is its consequence; the connection is fine', () => {
    const facts = healthyFacts();
    facts.targets = [target({ httpStatus: 504, serverError: true, reachable: false })];
    facts.retry = { attempts: 3, serverErrors: 3, persistent: true };
    const report = reportOf(facts, { targets: 'fail', retry: 'fail' });
    expect(report.verdict.cause).toBe('server-error');
    const e = explainReport(report);
    expect(e.steps['wait-retry'].state).toBe('problem');
    expect(e.steps.refresh).toMatchObject({ state: 'consequence', seeStep: 'wait-retry' });
    expect(e.steps.refresh.headline).toMatch(/chatgpt\.com answers with a server error \(HTTP 504\), because ChatGPT's servers are returning errors: see step 2/);
    expect(e.steps.connection.state).toBe('ok');
    expect(e.steps['clear-cache'].state).toBe('not-needed');
    expectOneVoice(report);
  });

  it('silent DNS: the connection check that got no answer points to the DNS step, not to the router', () => {
    const facts = healthyFacts();
    facts.dns = { systemFailed: true, systemBadAnswers: false, referenceAnswered: true, referenceWorks: true, agreesWithReference: false };
    facts.targets = [down('dns')];
    facts.connectivity = { answered: false, portal: false };
    facts.retry = { attempts: 1, serverErrors: 0, persistent: false };
    const report = reportOf(facts, { connection: 'fail', targets: 'fail', dns: 'fail', retry: 'skip' });
    expect(report.verdict.cause).toBe('dns');
    const e = explainReport(report);
    expect(e.steps.dns.state).toBe('problem');
    expect(e.steps.connection).toMatchObject({ state: 'consequence', seeStep: 'dns' });
    expect(e.steps.connection.headline).not.toMatch(/router/);
    expect(e.checks.connection!.line).toMatch(/see step 9/);
    expect(e.steps['wait-retry']).toMatchObject({ state: 'consequence', seeStep: 'dns' });
    expect(e.offerDnsSwitch).toBe(true);
    expectOneVoice(report);
  });

  it('VPN black hole: the VPN step has the problem, the connection step only its consequence', () => {
    const facts = healthyFacts();
    facts.vpn = { tunnelInterfaces: ['tun0'], carriesTraffic: true };
    facts.targets = [down('tcp')];
    facts.connectivity = { answered: false, portal: false };
    facts.dns = { systemFailed: true, systemBadAnswers: false, referenceAnswered: false, referenceWorks: false, agreesWithReference: false };
    const report = reportOf(facts, { connection: 'fail', targets: 'fail', 'vpn-proxy': 'warn', dns: 'fail' });
    expect(report.verdict.cause).toBe('vpn');
    const e = explainReport(report);
    expect(e.steps['vpn-proxy'].state).toBe('problem');
    expect(e.steps.connection).toMatchObject({ state: 'consequence', seeStep: 'vpn-proxy' });
    expect(e.steps.dns).toMatchObject({ state: 'consequence', seeStep: 'vpn-proxy' });
    expect(e.offerDnsSwitch).toBe(false);
    expectOneVoice(report);
  });

  it('captive portal: certificate errors and DNS answers are the portal’s doing, and no DNS switch is offered', () => {
    const facts = healthyFacts();
    facts.connectivity = { answered: true, portal: true, httpStatus: 302 };
    facts.targets = [down('tls', { tlsProblem: 'wrong-host' })];
    const report = reportOf(facts, { connection: 'fail', targets: 'fail' });
    expect(report.verdict.cause).toBe('captive-portal');
    const e = explainReport(report);
    expect(e.steps.connection.state).toBe('problem');
    expect(e.steps.refresh).toMatchObject({ state: 'consequence', cause: 'captive-portal', seeStep: 'connection' });
    expect(e.steps.dns).toMatchObject({ state: 'consequence', seeStep: 'connection' });
    expect(e.offerDnsSwitch).toBe(false);
  });

  it('healthy: the browser steps are worth trying, nothing is a problem, one browser is no warning', () => {
    const report = reportOf(healthyFacts(), { browsers: 'warn' });
    expect(report.verdict.cause).toBe('browser');
    const e = explainReport(report);
    for (const step of ['refresh', 'clear-cache', 'extensions', 'private-window', 'other-browser', 'sign-in'] as const) {
      expect(e.steps[step].state).toBe('try');
    }
    expect(Object.values(e.steps).some((s) => s.state === 'problem')).toBe(false);
    expect(e.checks.browsers!.state).toBe('ok');
    expect(e.verdict.state).toBe('diagnosed');
  });

  it('an also-found cause is a problem at its own step, in the verdict’s words', () => {
    const facts = healthyFacts();
    facts.dns = { systemFailed: true, systemBadAnswers: false, referenceAnswered: true, referenceWorks: true, agreesWithReference: false };
    facts.targets = [down('dns')];
    facts.statusPage = { reachable: true, outage: true, indicator: 'major', incidents: ['Conversations unavailable'] };
    const report = reportOf(facts, { dns: 'fail', 'status-page': 'fail', targets: 'fail' });
    expect(report.verdict).toMatchObject({ cause: 'dns', alsoFound: ['service-outage'] });
    const e = explainReport(report);
    expect(e.steps['status-page']).toMatchObject({ state: 'problem', cause: 'service-outage' });
    expect(e.steps.dns.state).toBe('problem');
    expectOneVoice(report);
  });

  it('unknown: no step is a problem; the generic steps are worth trying', () => {
    const facts = healthyFacts();
    facts.targets = [target({ httpStatus: 404, reachable: false })];
    const report = reportOf(facts, { targets: 'warn' });
    expect(report.verdict.cause).toBe('unknown');
    const e = explainReport(report);
    expect(e.steps.refresh.state).toBe('note');
    expect(e.steps['clear-cache'].state).toBe('try');
    expect(Object.values(e.steps).some((s) => s.state === 'problem' || s.state === 'consequence')).toBe(false);
  });
});

describe('explainReport: the view follows what the person did', () => {
  const dnsFacts = (): PartialFacts => {
    const facts = healthyFacts();
    facts.dns = { systemFailed: true, systemBadAnswers: false, referenceAnswered: true, referenceWorks: true, agreesWithReference: false };
    facts.targets = [down('dns')];
    return facts;
  };

  it('a DNS switch, then a run where everything works: "works now", fixed by the switch', () => {
    const report = reportOf(healthyFacts(), {}, '2026-12-01T10:05:00.000Z');
    const session: Session = {
      steps: [],
      changes: [{ kind: 'dns-switch', at: '2026-12-01T10:03:00.000Z', summary: 'DNS switched to 8.8.8.8' }],
      runs: [
        { startedAt: '2026-12-01T10:00:00.000Z', cause: 'dns' },
        { startedAt: '2026-12-01T10:05:00.000Z', cause: 'browser' },
      ],
    };
    const e = explainReport(report, { session });
    expect(e.verdict).toMatchObject({ state: 'resolved', tone: 'success', headline: 'ChatGPT works now', fixedBy: { step: 'dns' } });
    expect(e.verdict.summary).toMatch(/Switching DNS fixed it/);
    expect(e.verdict.nextSteps.map((n) => n.step)).toContain('dns');
  });

  it('"That fixed it" after the latest measurement resolves; a later failing run outvotes it', () => {
    const report = reportOf(dnsFacts(), { dns: 'fail', targets: 'fail' });
    const marked: Session = { steps: [{ step: 'refresh', result: 'fixed', at: '2026-12-01T10:01:00.000Z' }], changes: [], runs: [] };
    expect(explainReport(report, { session: marked }).verdict).toMatchObject({ state: 'resolved', fixedBy: { step: 'refresh' } });
    const later = reportOf(dnsFacts(), { dns: 'fail', targets: 'fail' }, '2026-12-01T10:02:00.000Z');
    expect(explainReport(later, { session: marked }).verdict.state).toBe('diagnosed');
  });

  it('results measured before a DNS change are marked with when they were measured', () => {
    const report = reportOf(dnsFacts(), { dns: 'fail', targets: 'fail' });
    report.checks.find((c) => c.id === 'dns')!.measuredAt = '2026-12-01T10:04:00.000Z';
    const session: Session = { steps: [], changes: [{ kind: 'dns-revert', at: '2026-12-01T10:03:00.000Z', summary: 'restored' }], runs: [] };
    const e = explainReport(report, { session });
    expect(e.checks.targets!.measuredBefore).toEqual({ kind: 'dns-revert', at: '2026-12-01T10:03:00.000Z', measuredAt: report.startedAt });
    expect(e.checks.dns!.measuredBefore).toBeUndefined();
  });

  it('an outage that ended while the person waited: works again, the outage is over', () => {
    const report = reportOf(healthyFacts(), {}, '2026-12-01T10:30:00.000Z');
    const session: Session = { steps: [], changes: [], runs: [{ startedAt: '2026-12-01T10:00:00.000Z', cause: 'service-outage' }] };
    const e = explainReport(report, { session });
    expect(e.verdict).toMatchObject({ state: 'resolved', fixedBy: { step: 'status-page' } });
    expect(e.verdict.summary).toMatch(/the outage is over/);
  });
});
