// A step's timer (step 2: "wait a few minutes"; step 11: "wait 15–20 minutes"): start it, see what is left, and
// get a notification when it is over. It keeps running whichever step is shown.
import { useEffect, useState } from 'react';
import type { StepId } from '../../../electron/common/spec.js';
import { notificationPermission } from '../notify.js';
import { formatRemaining, remainingMs, TIMER_CHOICES } from '../timers/timers.js';
import { useWizard } from '../use-wizard.js';

export function StepTimer({ step, service }: { step: StepId; service: string }) {
  const timer = useWizard((s) => s.timers.find((t) => t.step === step));
  const start = useWizard((s) => s.startStepTimer);
  const cancel = useWizard((s) => s.cancelStepTimer);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timer || timer.done) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [timer]);
  const choices = TIMER_CHOICES[step];
  if (!choices) return null;

  if (timer && !timer.done) {
    return (
      <div className="step-timer" data-testid="step-timer" data-state="running">
        <p role="timer" aria-live="off">
          Time left: <strong data-testid="timer-left">{formatRemaining(remainingMs(timer, new Date(now)))}</strong> of {timer.minutes} minutes.{' '}
          {notificationPermission() === 'granted' ? 'You will get a notification when it is over.' : 'Keep this window open: it will say here when it is over.'}
        </p>
        <button type="button" className="button button--small" data-testid="timer-cancel" onClick={() => cancel(step)}>
          Cancel the timer
        </button>
      </div>
    );
  }
  return (
    <div className="step-timer" data-testid="step-timer" data-state={timer?.done ? 'done' : 'idle'}>
      {timer?.done && (
        <p className="step-timer-done" role="status" data-testid="timer-done">
          {step === 'sign-in' ? `The wait is over: sign in to ${service} again.` : `The wait is over: try ${service} again.`}
        </p>
      )}
      <div className="step-timer-choices">
        {choices.map((minutes) => (
          <button key={minutes} type="button" className="button button--small" data-testid={`timer-start-${minutes}`} onClick={() => void start(step, minutes)}>
            {timer?.done ? `Wait another ${minutes} minutes` : `Start a ${minutes}-minute timer`}
          </button>
        ))}
      </div>
    </div>
  );
}
