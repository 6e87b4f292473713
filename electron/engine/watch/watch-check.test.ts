// One re-check: the pure assessment of the two checks' facts, and the real thing against lab servers on loopback
// (a world in an outage that heals by itself after a few seconds).
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_CA } from '../../../e2e/lab/certs/lab-certs.js';
import { startHealingWorld, type HealingWorld } from '../../../e2e/lab/healing-world.js';
import type { TargetFacts } from '../../common/facts.js';
import { ProfileSchema } from '../../common/spec.js';
import type { WatchState } from '../../common/watch.js';
import type { ProxyLookup } from '../probe/browser-route.js';
import { startWatch } from './watch.js';
import { assessWatchCheck, checkServiceOnce } from './watch-check.js';

/** Proxy settings of an empty environment: the machine's own never leak into a test. */
const NO_PROXY: ProxyLookup = { env: {}, platform: 'linux', resolver: null };

const profile = (withStatusPage: boolean, targets = 1) =>
  ProfileSchema.parse({
    name: 'Lab Chat',
    targets: Array.from({ length: targets }, (_, i) => ({ id: `t${i}`, url: `https://chat.lab/${i}` })),
    ...(withStatusPage ? { statusPage: { url: 'https://status.lab/api/v2/summary.json' } } : {}),
  });

const target = (overrides: Partial<TargetFacts>): TargetFacts => ({
  id: 't0',
  url: 'https://chat.lab/0',
  failedLayer: null,
  httpStatus: 200,
  serverError: false,
  reachable: true,
  ...overrides,
});
const serverError = (status = 502) => target({ httpStatus: status, serverError: true, reachable: false });
const refused = () => target({ failedLayer: 'tcp', reachable: false, httpStatus: undefined });

describe('assessWatchCheck', () => {
  it('works when every target answers and the status page shows no outage', () => {
    expect(assessWatchCheck(profile(true), { reachable: true, outage: false, incidents: [] }, [target({})])).toEqual({
      works: true,
      statusPage: 'operational',
      targets: { answering: 1, total: 1 },
      summary: 'Lab Chat answers normally, and its status page reports no outage.',
    });
    expect(assessWatchCheck(profile(false), undefined, [target({})])).toMatchObject({ works: true, statusPage: 'none', summary: 'Lab Chat answers normally.' });
  });

  it('a status page that cannot be read shows no outage: the targets decide, and the sentence says so', () => {
    const check = assessWatchCheck(profile(true), { reachable: false, outage: false, incidents: [] }, [target({})]);
    expect(check).toMatchObject({ works: true, statusPage: 'unknown', summary: 'Lab Chat answers normally (its status page could not be read).' });
  });

  it('does not work while the status page reports an outage, even when the targets answer', () => {
    const check = assessWatchCheck(profile(true), { reachable: true, outage: true, incidents: ['Conversations unavailable'] }, [target({})]);
    expect(check).toMatchObject({ works: false, statusPage: 'outage', summary: 'Lab Chat answers, but its status page still reports an outage (“Conversations unavailable”).' });
  });

  it('names the server error, an unreachable service, and a partial failure', () => {
    expect(assessWatchCheck(profile(false), undefined, [serverError(502)]).summary).toBe('Lab Chat still answers with a server error (502).');
    expect(assessWatchCheck(profile(false), undefined, [refused()]).summary).toBe('Lab Chat still cannot be reached.');
    expect(assessWatchCheck(profile(false), undefined, [target({ httpStatus: 404, reachable: false })]).summary).toBe('Lab Chat does not answer normally yet.');
    const partial = assessWatchCheck(profile(false, 3), undefined, [target({}), serverError(503), target({ id: 't2' })]);
    expect(partial).toMatchObject({ works: false, targets: { answering: 2, total: 3 }, summary: 'Lab Chat still answers with a server error (503) (1 of 3 addresses).' });
    const both = assessWatchCheck(profile(true), { reachable: true, outage: true, incidents: [] }, [serverError(502)]);
    expect(both.summary).toBe('Lab Chat still answers with a server error (502), and its status page still reports an outage.');
  });

  it('a target that was not measured never counts as working', () => {
    expect(assessWatchCheck(profile(false), undefined, [])).toMatchObject({ works: false, summary: 'Lab Chat could not be checked.' });
    expect(assessWatchCheck(profile(false, 2), undefined, [target({})]).works).toBe(false);
  });
});

let world: HealingWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('checkServiceOnce and a real watch (lab servers on loopback)', () => {
  it('reads the status page and the target: an outage, then the same world healed', async () => {
    world = await startHealingWorld({ healAfterMs: null });
    const labProfile = ProfileSchema.parse(world.profile);
    const signal = new AbortController().signal;
    const down = await checkServiceOnce({ profile: labProfile, signal, extraCa: [LAB_CA], proxy: NO_PROXY });
    expect(down).toMatchObject({
      works: false,
      statusPage: 'outage',
      targets: { answering: 0, total: 1 },
      summary: 'Lab Chat still answers with a server error (502), and its status page still reports an outage (“Conversations unavailable”).',
    });
    expect(world.target.requests).toBe(1);
    expect(world.status.requests).toBe(1);
  });

  it('a watch against a world that heals after a few seconds reports the change and ends as "working"', async () => {
    world = await startHealingWorld({ healAfterMs: 2_500 });
    const labProfile = ProfileSchema.parse(world.profile);
    const states: WatchState[] = [];
    const watch = startWatch({
      service: labProfile.name,
      firstCheckMs: 200,
      intervalMs: 500,
      maxIntervalMs: 1_000,
      durationMs: 30_000,
      onChange: (state) => states.push(state),
      check: (signal) => checkServiceOnce({ profile: labProfile, signal, extraCa: [LAB_CA], proxy: NO_PROXY }),
    });
    const final = await watch.done;
    expect(final.state).toBe('working');
    expect(final.lastCheck).toMatchObject({ works: true, statusPage: 'operational', summary: 'Lab Chat answers normally, and its status page reports no outage.' });
    expect(Date.parse(final.lastCheck!.at)).toBeGreaterThanOrEqual(world.healsAt);
    const failing = states.filter((s) => s.lastCheck && !s.lastCheck.works);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing[0]!.lastCheck!.statusPage).toBe('outage');
    // Nothing keeps running once it is over: no more requests reach the lab.
    const requests = world.target.requests;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(world.target.requests).toBe(requests);
  }, 20_000);

  it('stopping a watch mid-check aborts its probes at once', async () => {
    world = await startHealingWorld({ healAfterMs: null });
    world.target.behaviour = { kind: 'hang' };
    const labProfile = ProfileSchema.parse(world.profile);
    const watch = startWatch({
      service: labProfile.name,
      firstCheckMs: 0,
      intervalMs: 1_000,
      maxIntervalMs: 1_000,
      durationMs: 30_000,
      check: (signal) => checkServiceOnce({ profile: labProfile, signal, extraCa: [LAB_CA], proxy: NO_PROXY }),
    });
    while (world.target.requests === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(world.target.openConnections).toBe(1);
    const stoppedAt = performance.now();
    watch.stop();
    expect((await watch.done).state).toBe('stopped');
    while (world.target.openConnections > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(performance.now() - stoppedAt).toBeLessThan(1_000);
  });
});
