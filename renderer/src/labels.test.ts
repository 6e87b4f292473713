import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../electron/common/spec.js';
import { CAUSE_HEADLINES, CAUSE_NAMES, RESULT_LABELS } from './labels.js';

describe('labels', () => {
  it('has a headline and a name for every cause of SPEC.md', () => {
    expect(Object.keys(CAUSE_HEADLINES).sort()).toEqual([...CAUSES].sort());
    expect(Object.keys(CAUSE_NAMES).sort()).toEqual([...CAUSES].sort());
    expect(CAUSE_HEADLINES['service-outage']('ChatGPT')).toBe('ChatGPT is having an outage');
  });

  it('words every step result the sidebar can show', () => {
    expect(Object.keys(RESULT_LABELS).sort()).toEqual(
      ['pending', 'running', 'pass', 'warn', 'fail', 'error', 'skip', 'manual-ok', 'manual-failed'].sort(),
    );
  });
});
