import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from './zod-issues.js';

describe('describeIssues', () => {
  it('names each failing path, at most three, on one line', () => {
    const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }), d: z.boolean(), e: z.boolean() });
    const result = schema.safeParse({ a: 1, b: { c: 'x' }, d: 'no', e: 'no' });
    expect(result.success).toBe(false);
    const text = describeIssues(result.error!);
    expect(text.split('; ')).toHaveLength(3);
    expect(text).toMatch(/^a: .+; b\.c: .+; d: .+$/);
    expect(text).not.toContain('\n');
  });

  it('says "(input)" for a problem with the value itself', () => {
    const result = z.string().safeParse(42);
    expect(describeIssues(result.error!)).toMatch(/^\(input\): /);
  });
});
