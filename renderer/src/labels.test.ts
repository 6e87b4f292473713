import { describe, expect, it } from 'vitest';
import { STEP_STATES } from '../../electron/common/explain/words.js';
import { clockTime, RESULT_LABELS, RESULT_SYMBOLS } from './labels.js';

describe('labels', () => {
  it('words and marks every state a step can show, never with colour alone', () => {
    const states = ['pending', 'running', ...STEP_STATES].sort();
    expect(Object.keys(RESULT_LABELS).sort()).toEqual(states);
    expect(Object.keys(RESULT_SYMBOLS).sort()).toEqual(states);
    expect(RESULT_LABELS.problem).toBe('Problem found');
    expect(RESULT_LABELS.consequence).toBe('Affected');
  });

  it('shows times as a clock, and anything else as it is', () => {
    expect(clockTime('2026-12-01T10:03:00.000Z', 'en-GB')).toMatch(/^\d{2}:03$/);
    expect(clockTime('not a date')).toBe('not a date');
  });
});
