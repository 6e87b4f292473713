// The watch's schedule and states, driven by a fake clock (no waiting), and a check whose answers the test picks.
import { describe, expect, it } from 'vitest';
import type { WatchCheck, WatchState } from '../../common/watch.js';
import { WatchStateSchema } from '../../common/watch.js';
import { WATCH_FIRST_CHECK } from '../../common/contract.js';
import { backoffDelayMs, startWatch, WATCH_MAX_INTERVAL_MS, type WatchTimers } from './watch.js';

/** Timers on a clock that moves only when the test says so. */
class FakeClock implements WatchTimers {
  time = Date.parse('2025-06-01T12:00:00.000Z');
  private tasks: { at: number; id: number; run: () => void }[] = [];
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (run: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.tasks.push({ at: this.time + ms, id, run });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.tasks = this.tasks.filter((task) => task.id !== handle);
  };
  get pending(): number {
    return this.tasks.length;
  }
  /** Moves the clock forward, running every task that falls due (and letting the checks' promises settle). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at || a.id - b.id);
      const task = this.tasks[0];
      if (!task || task.at > end) break;
      this.tasks.shift();
      this.time = task.at;
      task.run();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

const result = (works: boolean, summary = works ? 'Lab answers normally.' : 'Lab still answers with a server error (502).'): WatchCheck => ({
  at: new Date().toISOString(),
  works,
  summary,
  statusPage: 'none',
  targets: { answering: works ? 1 : 0, total: 1 },
});

/** A watch on the fake clock whose n-th check answers `answers[n]` (the last one repeats). */
function watchWith(clock: FakeClock, answers: boolean[], overrides: Partial<Parameters<typeof startWatch>[0]> = {}) {
  const states: WatchState[] = [];
  const checkTimes: number[] = [];
  const watch = startWatch({
    service: 'Lab',
    firstCheckMs: 30_000,
    intervalMs: 60_000,
    maxIntervalMs: 300_000,
    durationMs: 60 * 60_000,
    timers: clock,
    onChange: (state) => states.push(state),
    check: async () => {
      checkTimes.push(clock.now());
      return result(answers[Math.min(checkTimes.length - 1, answers.length - 1)]!);
    },
    ...overrides,
  });
  return { watch, states, checkTimes };
}

describe('watch backoff', () => {
  it('the app waits 30 s, then 60 s, 120 s, 240 s and then every 5 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, 2 * WATCH_FIRST_CHECK.default, WATCH_MAX_INTERVAL_MS));
    expect([WATCH_FIRST_CHECK.default, ...delays]).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('an interval above the ceiling is kept as it is (the CLI\'s --every 600)', () => {
    expect(backoffDelayMs(1, 600_000, 300_000)).toBe(600_000);
    expect(backoffDelayMs(3, 600_000, 300_000)).toBe(600_000);
  });
});

describe('startWatch', () => {
  it('re-checks with backoff, reports every change, and ends as "working" once the service works', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const { watch, states, checkTimes } = watchWith(clock, [false, false, false, true]);

    expect(watch.state()).toMatchObject({ state: 'waiting', checks: 0, lastCheck: null, nextCheckAt: new Date(start + 30_000).toISOString() });
    await clock.advance(29_999);
    expect(checkTimes).toEqual([]);
    await clock.advance(1);
    expect(checkTimes).toEqual([start + 30_000]);
    expect(watch.state()).toMatchObject({ state: 'waiting', checks: 1, nextCheckAt: new Date(start + 90_000).toISOString() });
    expect(watch.state().lastCheck?.summary).toBe('Lab still answers with a server error (502).');

    await clock.advance(10 * 60_000);
    expect(checkTimes.map((t) => (t - start) / 1000)).toEqual([30, 90, 210, 450]);
    const final = await watch.done;
    expect(final).toMatchObject({ state: 'working', checks: 4, nextCheckAt: null, lastCheck: { works: true } });
    expect(clock.pending).toBe(0);

    // Every state is valid for the IPC contract, and the sequence is what a UI shows.
    for (const state of states) WatchStateSchema.parse(state);
    expect(states.map((s) => s.state)).toEqual([
      'waiting',
      ...Array<string[]>(3).fill(['checking', 'waiting']).flat(),
      'checking',
      'working',
    ]);
  });

  it('expires when the time runs out, and schedules no check beyond it', async () => {
    const clock = new FakeClock();
    const { watch, checkTimes } = watchWith(clock, [false], { durationMs: 5 * 60_000 });
    await clock.advance(5 * 60_000);
    const final = await watch.done;
    expect(final.state).toBe('expired');
    // 30 s, 90 s, 210 s; the next (450 s) would be after the end.
    expect(checkTimes).toHaveLength(3);
    expect(final.lastCheck?.works).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('stop() ends it at once: timers cleared, the running check aborted, its late answer ignored', async () => {
    const clock = new FakeClock();
    let aborted = false;
    let answer!: (check: WatchCheck) => void;
    const states: WatchState[] = [];
    const watch = startWatch({
      service: 'Lab',
      firstCheckMs: 1_000,
      intervalMs: 2_000,
      maxIntervalMs: 300_000,
      durationMs: 60_000,
      timers: clock,
      onChange: (state) => states.push(state),
      check: (signal) =>
        new Promise<WatchCheck>((resolve) => {
          signal.addEventListener('abort', () => (aborted = true));
          answer = resolve;
        }),
    });
    await clock.advance(1_000);
    expect(watch.state().state).toBe('checking');
    watch.stop();
    expect(aborted).toBe(true);
    expect(clock.pending).toBe(0);
    expect(watch.state()).toMatchObject({ state: 'stopped', nextCheckAt: null });
    answer(result(true));
    await flush();
    expect(watch.state().state).toBe('stopped');
    expect((await watch.done).state).toBe('stopped');
    watch.stop();
    expect(states.at(-1)!.state).toBe('stopped');
    expect(states.filter((s) => s.state === 'stopped')).toHaveLength(1);
  });

  it('a check that throws counts as "does not work yet", and the watch goes on', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const watch = startWatch({
      service: 'Lab',
      firstCheckMs: 0,
      intervalMs: 1_000,
      maxIntervalMs: 300_000,
      durationMs: 60_000,
      timers: clock,
      check: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return result(true);
      },
    });
    await clock.advance(0);
    expect(watch.state()).toMatchObject({ state: 'waiting', checks: 1, lastCheck: { works: false, summary: 'The check could not run: boom' } });
    await clock.advance(1_000);
    expect((await watch.done).state).toBe('working');
  });

  it('a listener that throws does not stop the watch', async () => {
    const clock = new FakeClock();
    const { watch } = watchWith(clock, [true], {
      onChange: () => {
        throw new Error('listener broke');
      },
    });
    await clock.advance(30_000);
    expect((await watch.done).state).toBe('working');
  });
});
