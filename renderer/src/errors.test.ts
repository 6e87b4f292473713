import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../electron/common/spec.js';
import { cleanErrorMessage } from './errors.js';

describe('cleanErrorMessage', () => {
  it('removes the wrapper Electron puts around errors from the main process', () => {
    const error = new Error("Error invoking remote method 'diagnose:run': Error: the engine process exited (code 1)");
    expect(cleanErrorMessage(error)).toBe('the engine process exited (code 1)');
    expect(cleanErrorMessage(new Error("Error invoking remote method 'report:export': TypeError: boom"))).toBe('boom');
  });

  it('keeps the bridge’s own messages intact', () => {
    const message = 'Cannot reach the development bridge (is "npm run web" still running?): Failed to fetch';
    expect(cleanErrorMessage(new Error(message))).toBe(message);
  });

  it('summarises a schema failure by its first problem', () => {
    const parsed = ReportSchema.safeParse({ schemaVersion: 2 });
    expect(parsed.success).toBe(false);
    expect(cleanErrorMessage(parsed.error)).toMatch(/^the engine sent an answer this window cannot read at schemaVersion \(.+\)\.$/);
  });

  it('never returns an empty message', () => {
    expect(cleanErrorMessage(new Error(''))).toBe('something went wrong, without an error message.');
    expect(cleanErrorMessage('plain string')).toBe('plain string');
  });
});
