// The timers' part of the wizard store: start, cancel, and ring (a desktop notification and a notice in the app)
// when due. Scheduled here, not in a component, so a timer keeps running whichever step is shown.
import type { StoreApi } from 'zustand/vanilla';
import type { StepId } from '../../../electron/common/spec.js';
import { askToNotify, notify } from '../notify.js';
import { remainingMs, startTimer, timerMessage, type StepTimer } from './timers.js';

export interface TimerSlice {
  timers: StepTimer[];
  /** Starts (or restarts) a step's timer; asks for permission to notify, in answer to the click. */
  startStepTimer(step: StepId, minutes: number): Promise<void>;
  cancelStepTimer(step: StepId): void;
  /** Schedules every timer not yet rung (after a reload, from the saved progress). */
  resumeTimers(timers: StepTimer[]): void;
}

export interface TimerEnvironment {
  now(): Date;
  /** The service's name, for the notification. */
  service(): string;
}

type SetState<S> = StoreApi<S>['setState'];
type GetState<S> = StoreApi<S>['getState'];

export function createTimerSlice<S extends TimerSlice>(set: SetState<S>, get: GetState<S>, env: TimerEnvironment): TimerSlice {
  const scheduled = new Map<StepId, ReturnType<typeof setTimeout>>();
  const patch = (timers: StepTimer[]): void => set({ timers } as Partial<S>);

  const ring = (step: StepId): void => {
    scheduled.delete(step);
    const timer = get().timers.find((t) => t.step === step);
    if (!timer || timer.done) return;
    const message = timerMessage(step, env.service());
    notify(message.title, message.body, `gateway-doctor-timer-${step}`);
    patch(get().timers.map((t) => (t.step === step ? { ...t, done: true } : t)));
  };

  const schedule = (timer: StepTimer): void => {
    clearTimeout(scheduled.get(timer.step));
    if (timer.done) return;
    // Long waits are re-armed in slices: a laptop that slept must not ring hours late, nor early.
    const wait = Math.min(remainingMs(timer, env.now()), 60_000);
    scheduled.set(
      timer.step,
      setTimeout(() => {
        const current = get().timers.find((t) => t.step === timer.step);
        if (!current) return;
        if (remainingMs(current, env.now()) === 0) ring(timer.step);
        else schedule(current);
      }, wait),
    );
  };

  return {
    timers: [],
    async startStepTimer(step, minutes) {
      const timer = startTimer(step, minutes, env.now());
      patch([...get().timers.filter((t) => t.step !== step), timer]);
      schedule(timer);
      await askToNotify();
    },
    cancelStepTimer(step) {
      clearTimeout(scheduled.get(step));
      scheduled.delete(step);
      patch(get().timers.filter((t) => t.step !== step));
    },
    resumeTimers(timers) {
      patch(timers);
      timers.forEach(schedule);
    },
  };
}
