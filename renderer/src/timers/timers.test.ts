import { describe, expect, it } from 'vitest';
import { formatRemaining, remainingMs, startTimer, timerMessage } from './timers.js';

describe('step timers', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');

  it('ends after the chosen minutes and counts down to zero', () => {
    const timer = startTimer('sign-in', 15, now);
    expect(timer).toEqual({ step: 'sign-in', minutes: 15, endsAt: '2026-12-01T10:15:00.000Z', done: false });
    expect(remainingMs(timer, now)).toBe(15 * 60_000);
    expect(formatRemaining(remainingMs(timer, new Date('2026-12-01T10:00:55.500Z')))).toBe('14:05');
    expect(remainingMs(timer, new Date('2026-12-01T10:20:00.000Z'))).toBe(0);
  });

  it('says what to do when it rings, with the service’s name', () => {
    expect(timerMessage('sign-in', 'Claude').title).toBe('Time to sign in to Claude again');
    expect(timerMessage('wait-retry', 'ChatGPT').body).toMatch(/reload ChatGPT/);
  });
});
