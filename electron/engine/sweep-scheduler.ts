// Diagnoses asked for at once share one sweep, and only a few different sweeps run at a time: on a small machine
// forty concurrent sweeps (each with its child processes, worker and probes) starve each other's timers and overshoot
// their deadlines. A request joins a sweep of the same checks already running (or waiting) when that sweep's deadline
// comes no later than its own, and gets its progress so far replayed; otherwise it waits for a free slot, and the
// wait counts against its deadline, so the deadline holds whatever the load.
import type { ProgressEvent, Profile, Report } from '../common/spec.js';

export interface SweepRequest {
  /** The service diagnosed: only requests for the same one share a sweep. */
  profile?: Profile;
  timeoutMs: number;
  /** Only these checks (all when absent). */
  checkIds?: string[];
}

/** Runs one sweep with the time it has left. */
export type RunSweep = (request: SweepRequest, onProgress: (event: ProgressEvent) => void) => Promise<Report>;

export interface SweepSchedulerOptions {
  /** Different sweeps running at once (the others wait). */
  maxConcurrent?: number;
  /** Epoch milliseconds (tests may pass a fake clock). */
  now?: () => number;
}

/** A sweep never starts with less than this, however late its turn: it then reports what it could not finish. */
const MIN_SWEEP_MS = 100;

interface Sweep {
  key: string;
  profile?: Profile;
  checkIds?: string[];
  /** Epoch ms by which its report is due (the earliest deadline of the requests sharing it). */
  deadlineAt: number;
  events: ProgressEvent[];
  listeners: Set<(event: ProgressEvent) => void>;
  report: Promise<Report>;
  start: () => void;
  started: boolean;
}

export interface SweepScheduler {
  run(request: SweepRequest, onProgress: (event: ProgressEvent) => void): Promise<Report>;
  /** Sweeps running and waiting right now (for tests and the bench). */
  readonly load: { running: number; waiting: number };
}

const keyOf = (request: SweepRequest): string =>
  `${JSON.stringify(request.profile ?? null)}|${request.checkIds ? [...new Set(request.checkIds)].sort().join(',') : '*'}`;

export function createSweepScheduler(runSweep: RunSweep, options: SweepSchedulerOptions = {}): SweepScheduler {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 2);
  const now = options.now ?? Date.now;
  const running = new Set<Sweep>();
  const waiting: Sweep[] = [];

  const startNext = (): void => {
    while (running.size < maxConcurrent && waiting.length > 0) waiting.shift()!.start();
  };

  const newSweep = (request: SweepRequest, deadlineAt: number): Sweep => {
    let begin!: () => void;
    const begun = new Promise<void>((resolve) => (begin = resolve));
    const sweep: Sweep = {
      key: keyOf(request),
      ...(request.profile ? { profile: request.profile } : {}),
      ...(request.checkIds ? { checkIds: request.checkIds } : {}),
      deadlineAt,
      events: [],
      listeners: new Set(),
      started: false,
      start: () => {
        sweep.started = true;
        running.add(sweep);
        begin();
      },
      report: begun.then(() => {
        const timeoutMs = Math.max(MIN_SWEEP_MS, sweep.deadlineAt - now());
        return runSweep({ ...(sweep.profile ? { profile: sweep.profile } : {}), timeoutMs, ...(sweep.checkIds ? { checkIds: sweep.checkIds } : {}) }, (event) => {
          sweep.events.push(event);
          for (const listener of sweep.listeners) {
            try {
              listener(event);
            } catch {
              // One caller's broken listener must not cut the others off.
            }
          }
        });
      }),
    };
    const done = (): void => {
      running.delete(sweep);
      startNext();
    };
    sweep.report.then(done, done);
    return sweep;
  };

  return {
    run(request, onProgress) {
      const deadlineAt = now() + request.timeoutMs;
      const key = keyOf(request);
      // Share a sweep of the same checks that will be done no later than this request needs it.
      let sweep = [...running, ...waiting].find((s) => s.key === key && s.deadlineAt <= deadlineAt);
      if (!sweep) {
        sweep = newSweep(request, deadlineAt);
        waiting.push(sweep);
        startNext();
      }
      for (const event of sweep.events) onProgress(event);
      sweep.listeners.add(onProgress);
      const listeners = sweep.listeners;
      return sweep.report.finally(() => listeners.delete(onProgress));
    },
    get load() {
      return { running: running.size, waiting: waiting.length };
    },
  };
}
