import { describe, expect, it } from 'vitest';
import { DNS_CHANGE_LIMIT_MS, PROMPT_TIMEOUT_MS, QUIT_WAIT_FOR_CHANGE_MS, VERIFY_DEADLINE_MS } from './limits.js';

describe('DNS change limits', () => {
  it("main's IPC limit outlasts a change that prompts twice (apply, then undo) and verifies in between", () => {
    expect(DNS_CHANGE_LIMIT_MS).toBeGreaterThan(2 * PROMPT_TIMEOUT_MS + VERIFY_DEADLINE_MS + 30_000);
  });

  it('quitting waits long enough for an applied change to verify, and not for a prompt', () => {
    expect(QUIT_WAIT_FOR_CHANGE_MS).toBeGreaterThanOrEqual(VERIFY_DEADLINE_MS + 10_000);
    expect(QUIT_WAIT_FOR_CHANGE_MS).toBeLessThan(PROMPT_TIMEOUT_MS);
  });
});
