// The wizard's timers: step 2's "wait a few minutes" and step 11's "wait 15–20 minutes", ended by a notification.
// Pure helpers over the stored end times, so a reload (or a restart, with the saved progress) resumes them.
import type { StepId } from '../../../electron/common/spec.js';

export interface StepTimer {
  step: StepId;
  minutes: number;
  /** When it rings (ISO time). */
  endsAt: string;
  /** It rang (the notification was sent, or the wait ended while the app was closed). */
  done: boolean;
}

/** The choices each timed step offers, in minutes. */
export const TIMER_CHOICES: Partial<Record<StepId, readonly number[]>> = {
  'wait-retry': [5, 10],
  'sign-in': [15, 20],
};

export function startTimer(step: StepId, minutes: number, now: Date): StepTimer {
  return { step, minutes, endsAt: new Date(now.getTime() + minutes * 60_000).toISOString(), done: false };
}

/** Milliseconds left (0 once it is due). */
export function remainingMs(timer: StepTimer, now: Date): number {
  return Math.max(0, Date.parse(timer.endsAt) - now.getTime());
}

/** "14:05" (minutes:seconds) for what is left. */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What the notification says when a step's timer rings. */
export function timerMessage(step: StepId, service: string): { title: string; body: string } {
  return step === 'sign-in'
    ? { title: `Time to sign in to ${service} again`, body: `The ${service} wait is over: open ${service} and sign in.` }
    : { title: `Try ${service} again`, body: `A few minutes have passed: reload ${service} to see whether the error is gone.` };
}

/** A timer saved at an earlier launch: its minutes from the choices, rung already if it ended meanwhile (the
 * notification is not sent late; the step says the wait is over). */
export function restoredTimer(saved: { step: StepId; endsAt: string }, now: Date): StepTimer {
  const left = Math.max(0, Date.parse(saved.endsAt) - now.getTime());
  const choices = TIMER_CHOICES[saved.step] ?? [Math.ceil(left / 60_000)];
  const minutes = choices.find((m) => m * 60_000 >= left) ?? choices[choices.length - 1]!;
  return { step: saved.step, minutes, endsAt: saved.endsAt, done: left === 0 };
}
