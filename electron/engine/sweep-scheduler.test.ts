// The sweep scheduler with a sweep that takes a set time (the real sweep is exercised through the engine service
// and the bench): sharing, replayed progress, the limit on concurrent sweeps and deadlines counted from the request.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent, Report } from '../common/spec.js';
import { createSweepScheduler, type SweepRequest } from './sweep-scheduler.js';

/** A sweep that reports two events and finishes after `ms` (or by its own time budget, whichever is first). */
function fakeSweeps(ms: number) {
  const calls: SweepRequest[] = [];
  const run = async (request: SweepRequest, onProgress: (event: ProgressEvent) => void): Promise<Report> => {
    calls.push(request);
    onProgress({ type: 'check-started', id: 'status-page', step: 'status-page', title: 'Status page' });
    await sleep(Math.min(ms, request.timeoutMs));
    onProgress({ type: 'check-started', id: 'targets', step: 'refresh', title: 'Targets' });
    return { durationMs: Math.min(ms, request.timeoutMs), checks: request.checkIds ?? ['all'] } as unknown as Report;
  };
  return { run, calls };
}

describe('sweep scheduler', () => {
  it('forty identical diagnoses at once share one sweep; each caller gets every progress event and the report', async () => {
    const sweeps = fakeSweeps(120);
    const scheduler = createSweepScheduler(sweeps.run);
    const seen: string[][] = [];
    const first = scheduler.run({ timeoutMs: 5_000 }, () => {});
    await sleep(30); // the others arrive after the first event was sent: it is replayed to them
    const reports = await Promise.all([
      first,
      ...Array.from({ length: 39 }, (_, i) => {
        seen[i] = [];
        return scheduler.run({ timeoutMs: 5_000 }, (event) => seen[i]!.push(event.type === 'check-started' ? event.id : event.type));
      }),
    ]);
    expect(sweeps.calls).toHaveLength(1);
    expect(new Set(reports).size).toBe(1);
    for (const events of seen) expect(events).toEqual(['status-page', 'targets']);
  });

  it('does not share a sweep that would finish after the newcomer needs its report', async () => {
    const sweeps = fakeSweeps(200);
    const scheduler = createSweepScheduler(sweeps.run);
    await Promise.all([scheduler.run({ timeoutMs: 5_000 }, () => {}), scheduler.run({ timeoutMs: 1_000 }, () => {})]);
    expect(sweeps.calls).toHaveLength(2);
  });

  it('does not share sweeps of different checks, and runs at most `maxConcurrent` at a time', async () => {
    const sweeps = fakeSweeps(150);
    const scheduler = createSweepScheduler(sweeps.run, { maxConcurrent: 2 });
    const runs = [['dns'], ['targets'], ['retry']].map((checkIds) => scheduler.run({ timeoutMs: 5_000, checkIds }, () => {}));
    await sleep(20);
    expect(scheduler.load).toEqual({ running: 2, waiting: 1 });
    await Promise.all(runs);
    expect(sweeps.calls.map((c) => c.checkIds)).toEqual([['dns'], ['targets'], ['retry']]);
    expect(scheduler.load).toEqual({ running: 0, waiting: 0 });
  });

  it('a waiting sweep gets only the time left before its deadline: the deadline holds under load', async () => {
    const sweeps = fakeSweeps(10_000); // every sweep uses all the time it is given
    const scheduler = createSweepScheduler(sweeps.run, { maxConcurrent: 1 });
    const started = Date.now();
    const elapsed: number[] = [];
    await Promise.all(
      [['dns'], ['targets']].map(async (checkIds) => {
        await scheduler.run({ timeoutMs: 400, checkIds }, () => {});
        elapsed.push(Date.now() - started);
      }),
    );
    // The second waited for the first's 400 ms and was then given the minimum, not 400 ms more.
    expect(sweeps.calls[1]!.timeoutMs).toBeLessThanOrEqual(100);
    expect(Math.max(...elapsed)).toBeLessThan(400 + 100 + 150);
  });

  it('a failing sweep fails every caller sharing it, and the next request starts afresh', async () => {
    let fail = true;
    let calls = 0;
    const scheduler = createSweepScheduler(async () => {
      calls += 1;
      await sleep(30);
      if (fail) throw new Error('boom');
      return {} as Report;
    });
    const results = await Promise.allSettled([scheduler.run({ timeoutMs: 1_000 }, () => {}), scheduler.run({ timeoutMs: 1_000 }, () => {})]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(scheduler.run({ timeoutMs: 1_000 }, () => {})).resolves.toEqual({});
    expect(calls).toBe(2);
  });

  it("a caller's broken progress listener does not cut the others off", async () => {
    const scheduler = createSweepScheduler(fakeSweeps(50).run);
    const events: string[] = [];
    await Promise.all([
      scheduler.run({ timeoutMs: 1_000 }, () => {
        throw new Error('listener bug');
      }),
      scheduler.run({ timeoutMs: 1_000 }, (event) => events.push(event.type)),
    ]);
    expect(events).toHaveLength(2);
  });

  it('never shares a sweep between two services (a switch of service meanwhile)', async () => {
    const sweeps = fakeSweeps(60);
    const scheduler = createSweepScheduler(sweeps.run);
    const chatgpt = { name: 'ChatGPT', targets: [{ id: 'app', url: 'https://chatgpt.com/' }], referenceResolvers: ['8.8.8.8'], connectivityCheck: 'http://c.lab/' };
    const claude = { ...chatgpt, name: 'Claude', targets: [{ id: 'app', url: 'https://claude.ai/' }] };
    await Promise.all([scheduler.run({ profile: chatgpt, timeoutMs: 5_000 }, () => {}), scheduler.run({ profile: claude, timeoutMs: 5_000 }, () => {})]);
    expect(sweeps.calls.map((c) => c.profile?.name).sort()).toEqual(['ChatGPT', 'Claude']);
  });
});
