// "Watch until it is back": re-checks a service with backoff until it works, the time runs out, or someone stops
// it, and reports every change of state. The clock and timers are injectable, so tests drive it without waiting;
// the check itself is a parameter (watch-check.ts in the app and the CLI).
import type { WatchCheck, WatchState, WatchStateName } from '../../common/watch.js';

/** The backoff's ceiling (issue 8): re-checks grow from the first interval up to every 5 minutes. */
export const WATCH_MAX_INTERVAL_MS = 5 * 60_000;

export interface WatchTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: WatchTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WatchOptions {
  /** The watched service's name (in every state). */
  service: string;
  /** Before the first check (0: at once). */
  firstCheckMs: number;
  /** After the first check; doubled after each later one (backoff). */
  intervalMs: number;
  /** The backoff's ceiling. */
  maxIntervalMs: number;
  /** The watch expires this long after it started. */
  durationMs: number;
  /** One re-check; must stop promptly when the signal aborts. */
  check: (signal: AbortSignal) => Promise<WatchCheck>;
  /** Told of every change of state (a listener that throws is ignored). */
  onChange?: (state: WatchState) => void;
  timers?: WatchTimers;
}

export interface Watch {
  /** The state now (a copy). */
  state(): WatchState;
  /** Stops at once: timers cleared, a running check aborted. No-op once the watch is over. */
  stop(): void;
  /** Settles with the final state (working, stopped or expired). */
  done: Promise<WatchState>;
}

/** The wait after the n-th check (n ≥ 1): interval, 2×, 4×… up to the ceiling. */
export function backoffDelayMs(checksDone: number, intervalMs: number, maxIntervalMs: number): number {
  return Math.min(intervalMs * 2 ** Math.max(0, checksDone - 1), Math.max(intervalMs, maxIntervalMs));
}

export function startWatch(options: WatchOptions): Watch {
  const timers = options.timers ?? REAL_TIMERS;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const startedAt = timers.now();
  const until = startedAt + options.durationMs;
  const state: WatchState = {
    state: 'waiting',
    service: options.service,
    startedAt: iso(startedAt),
    until: iso(until),
    checks: 0,
    lastCheck: null,
    nextCheckAt: null,
  };
  let checkTimer: unknown = null;
  let expiryTimer: unknown = null;
  let running: AbortController | null = null;
  let over = false;
  let settle!: (state: WatchState) => void;
  const done = new Promise<WatchState>((resolve) => (settle = resolve));

  const snapshot = (): WatchState => structuredClone(state);
  const report = (): void => {
    try {
      options.onChange?.(snapshot());
    } catch {
      // A broken listener must not stop the watch.
    }
  };

  const finish = (name: Exclude<WatchStateName, 'waiting' | 'checking'>): void => {
    if (over) return;
    over = true;
    if (checkTimer !== null) timers.clearTimeout(checkTimer);
    timers.clearTimeout(expiryTimer);
    checkTimer = null;
    running?.abort();
    running = null;
    state.state = name;
    state.nextCheckAt = null;
    report();
    settle(snapshot());
  };

  /** Waits `delayMs` for the next check, unless the watch expires first (then it just waits for that). `from` is
   * the moment it counts from (the start itself for the first check, so the times shown agree to the millisecond). */
  const scheduleCheck = (delayMs: number, from = timers.now()): void => {
    const at = from + delayMs;
    state.state = 'waiting';
    if (at >= until) {
      state.nextCheckAt = null;
      return;
    }
    state.nextCheckAt = iso(at);
    checkTimer = timers.setTimeout(() => void runCheck(), delayMs);
  };

  const runCheck = async (): Promise<void> => {
    checkTimer = null;
    if (over) return;
    const controller = new AbortController();
    running = controller;
    state.state = 'checking';
    state.nextCheckAt = null;
    report();
    let result: WatchCheck;
    try {
      result = await options.check(controller.signal);
    } catch (error) {
      result = {
        at: iso(timers.now()),
        works: false,
        summary: `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
        statusPage: 'unknown',
        targets: { answering: 0, total: 0 },
      };
    }
    // Stopped or expired meanwhile: that state stands, and this result is of no use to anyone.
    if (over || controller.signal.aborted) return;
    running = null;
    state.checks += 1;
    state.lastCheck = result;
    if (result.works) {
      finish('working');
      return;
    }
    scheduleCheck(backoffDelayMs(state.checks, options.intervalMs, options.maxIntervalMs));
    report();
  };

  expiryTimer = timers.setTimeout(() => finish('expired'), options.durationMs);
  scheduleCheck(options.firstCheckMs, startedAt);
  report();

  return {
    state: snapshot,
    stop: () => finish('stopped'),
    done,
  };
}
