import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startStatusServer, type StatusScenario, type StatusServer } from '../../../e2e/lab/status-server.js';
import { parseProfile } from '../profile.js';
import type { CheckContext } from '../check.js';
import { statusPageCheck } from './status-page.js';
import { assessSummary, StatuspageSummarySchema } from './status-summary.js';

/** Real-format summary.json bodies (see e2e/lab/fixtures/statuspage/README.md). */
const summaryFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../e2e/lab/fixtures/statuspage/${name}`, import.meta.url), 'utf8'));

let server: StatusServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function contextFor(url: string, timeoutMs = 5_000, components = ['Conversations', 'Login']): CheckContext {
  const profile = parseProfile(
    { name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url, components } },
    'test',
  );
  return { profile, signal: new AbortController().signal, deadline: Date.now() + timeoutMs };
}

async function runScenario(scenario: StatusScenario, timeoutMs?: number) {
  server = await startStatusServer(scenario);
  return statusPageCheck.run(contextFor(server.url, timeoutMs));
}

describe('status-page check against a real Statuspage server on loopback', () => {
  it('passes when everything is operational', async () => {
    const outcome = await runScenario('operational');
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toMatch(/operational/);
    expect(outcome.evidence.indicator).toBe('none');
    expect(outcome.facts?.statusPage).toMatchObject({ reachable: true, outage: false });
  });

  it('fails on a major outage of a listed component and names the incident', async () => {
    const outcome = await runScenario('major-outage');
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('Conversations unavailable');
    expect(outcome.facts?.statusPage).toMatchObject({ reachable: true, outage: true, indicator: 'major' });
    expect(outcome.facts?.statusPage?.incidents).toEqual(['Conversations unavailable']);
  });

  it('matches an incident that lists no components by its title', async () => {
    const outcome = await runScenario('incident-no-components');
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.statusPage?.incidents).toEqual(['Increased error rates in Conversations']);
  });

  it('treats a degraded listed component as trouble for the service', async () => {
    const outcome = await runScenario('component-degraded');
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('Login has degraded performance');
  });

  it('only warns about a minor incident in a component the profile does not use', async () => {
    const outcome = await runScenario('minor-unrelated');
    expect(outcome.status).toBe('warn');
    expect(outcome.facts?.statusPage?.outage).toBe(false);
  });

  it('reports HTTP 500 as an error with a clear summary', async () => {
    const outcome = await runScenario('http-500');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('HTTP 500');
    expect(outcome.facts?.statusPage?.reachable).toBe(false);
  });

  it('reports malformed JSON as an error, not a crash', async () => {
    const outcome = await runScenario('malformed');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/not with a status summary/);
  });

  it('gives up on a hanging server within its time budget', async () => {
    const started = Date.now();
    const outcome = await runScenario('hang', 800);
    const elapsed = Date.now() - started;
    expect(outcome.status).toBe('error');
    expect(outcome.evidence.error).toBe('ETIMEDOUT');
    expect(elapsed).toBeLessThan(2_000);
  });

  it('reports a refused connection as an error', async () => {
    server = await startStatusServer('operational');
    const url = server.url;
    await server.close();
    server = undefined;
    const outcome = await statusPageCheck.run(contextFor(url));
    expect(outcome.status).toBe('error');
    expect(outcome.evidence.error).toBe('ECONNREFUSED');
    expect(outcome.summary).toMatch(/refused/);
  });

  it('skips when the profile has no status page', async () => {
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] }, 'test');
    const outcome = await statusPageCheck.run({ profile, signal: new AbortController().signal, deadline: Date.now() + 1000 });
    expect(outcome.status).toBe('skip');
  });
});

describe('status summaries are read tolerantly (SPEC.md: third-party data)', () => {
  it('a maintenance in progress on a profile component is an outage, named once despite its group', async () => {
    const outcome = await runScenario('maintenance');
    expect(outcome.status).toBe('fail');
    expect(outcome.facts?.statusPage).toMatchObject({ reachable: true, outage: true, maintenance: true, indicator: 'maintenance' });
    expect(outcome.facts?.statusPage?.maintenances).toEqual(['Database upgrade']);
    expect(outcome.summary).toContain('Database upgrade');
    expect(outcome.summary).toContain('Conversations is under maintenance');
    // The group "ChatGPT" sums up Conversations and Login: it is not listed beside them.
    expect(outcome.summary).not.toContain('ChatGPT');
    expect((outcome.evidence.components as { name: string }[]).map((c) => c.name)).toEqual(['Conversations', 'Login']);
  });

  it('a wanted group stands for its members, each listed once', () => {
    const summary = StatuspageSummarySchema.parse(summaryFixture('maintenance-in-progress.json'));
    const assessment = assessSummary(summary, ['ChatGPT', 'Conversations']);
    expect(assessment.components.map((c) => c.name)).toEqual(['Conversations', 'Login']);
    expect(assessment.troubled.map((c) => c.name)).toEqual(['Conversations']);
    expect(assessment.missingComponents).toEqual([]);
  });

  it('a maintenance elsewhere on the page only warns', () => {
    const summary = StatuspageSummarySchema.parse(summaryFixture('maintenance-in-progress.json'));
    const assessment = assessSummary(summary, ['API']);
    expect(assessment).toMatchObject({ outage: false, maintenance: false, minor: true });
    expect(assessment.maintenances.map((m) => m.name)).toEqual(['Database upgrade']);
  });

  it('the bare maintenance indicator (which parts, the page does not say) counts for the profile', () => {
    const summary = StatuspageSummarySchema.parse(summaryFixture('indicator-only-maintenance.json'));
    expect(assessSummary(summary, ['Conversations'])).toMatchObject({ indicator: 'maintenance', maintenance: true, outage: true });
  });

  it('missing keys, extra keys, unknown values and malformed entries never make the page unreadable', () => {
    const summary = StatuspageSummarySchema.parse(summaryFixture('incident-io-tolerant.json'));
    const assessment = assessSummary(summary, ['Conversations', 'Login']);
    // incident.io's "full_outage" is not a Statuspage value: it counts as not operational.
    expect(assessment.troubled).toEqual([{ id: 'cmp-login', name: 'Login', status: 'full_outage' }]);
    expect(assessment).toMatchObject({ outage: true, incidents: [] });
  });

  it('an indicator word this app does not know warns, it is not an outage by itself', () => {
    const summary = StatuspageSummarySchema.parse({ status: { indicator: 'purple', description: '?' }, components: [{ name: 'Conversations', status: 'operational' }] });
    expect(assessSummary(summary, ['Conversations'])).toMatchObject({ indicator: 'purple', outage: false, minor: true });
  });

  it('JSON that says nothing a status page says is still unreadable', () => {
    expect(StatuspageSummarySchema.safeParse({ hello: 'world' }).success).toBe(false);
    expect(StatuspageSummarySchema.safeParse([1, 2]).success).toBe(false);
  });
});

