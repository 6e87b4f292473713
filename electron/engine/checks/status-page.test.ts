import { afterEach, describe, expect, it } from 'vitest';
import { startStatusServer, type StatusScenario, type StatusServer } from '../../../e2e/lab/status-server.js';
import { parseProfile } from '../profile.js';
import type { CheckContext } from '../check.js';
import { statusPageCheck } from './status-page.js';

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
