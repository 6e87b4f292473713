import { afterEach, describe, expect, it } from 'vitest';
import { ReportSchema } from '../common/spec.js';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import type { CheckDefinition } from './check.js';
import { diagnose, UnknownCheckError } from './diagnose.js';
import { parseProfile } from './profile.js';

let server: StatusServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const profileFor = (statusUrl: string) =>
  parseProfile(
    { name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url: statusUrl, components: ['Conversations'] } },
    'test',
  );

/** A check that never finishes and ignores its abort signal: the worst a probe can do. */
const stuck: CheckDefinition = { id: 'stuck', step: 'connection', title: 'Stuck', run: () => new Promise(() => {}) };
const broken: CheckDefinition = {
  id: 'broken',
  step: 'dns',
  title: 'Broken',
  run: async () => {
    throw new Error('boom');
  },
};

describe('diagnose', () => {
  it('produces a schema-valid report with the status-page result and the outage verdict', async () => {
    server = await startStatusServer('major-outage');
    const events: string[] = [];
    const report = await diagnose({ profile: profileFor(server.url), timeoutMs: 5_000, checkIds: ['status-page'], onProgress: (e) => events.push(e.type) });
    expect(ReportSchema.parse(report)).toBeTruthy();
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([['status-page', 'fail']]);
    expect(report.verdict.cause).toBe('service-outage');
    expect(report.verdict.nextSteps[0]?.step).toBe('status-page');
    expect(events).toEqual(['check-started', 'check-finished']);
  });

  it('returns a complete report by the deadline even when checks never answer', async () => {
    server = await startStatusServer('hang');
    const started = Date.now();
    const report = await diagnose({
      profile: profileFor(server.url),
      timeoutMs: 1_000,
      checks: [stuck, broken, (await import('./checks/status-page.js')).statusPageCheck],
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThanOrEqual(1_200); // the deadline, plus timer lateness on a busy machine
    expect(report.checks.map((c) => c.status)).toEqual(['error', 'error', 'error']);
    expect(report.checks[0]!.summary).toMatch(/did not finish within the 1 s deadline/);
    expect(report.checks[1]!.summary).toMatch(/could not run: boom/);
    expect(report.verdict.cause).toBe('unknown');
    expect(ReportSchema.safeParse(report).success).toBe(true);
  });

  it('refuses an unknown check id', async () => {
    await expect(diagnose({ profile: profileFor('http://127.0.0.1:9/'), timeoutMs: 1_000, checkIds: ['nope'] })).rejects.toBeInstanceOf(UnknownCheckError);
  });
});
