import { describe, expect, it } from 'vitest';
import { printable, printableLine, printableValue } from './printable.js';

// What a hostile status page or certificate sends: retitle the terminal (OSC 0 … BEL), write the clipboard
// (OSC 52), clear the screen (CSI 2J), an 8-bit CSI, a carriage return that overwrites the line, a right-to-left
// override, and a newline that forges a line of the CLI's own.
const HOSTILE = 'Evil\x1b]0;pwned\x07\x1b]52;c;ZWNobyBoaQ==\x07\x1b[2J\x9b31m\rok\u202etxt.exe\n# Verdict: browser';

/** What a terminal could act on, anywhere in a string. */
// eslint-disable-next-line no-control-regex
const ACTIONABLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('printable', () => {
  it('shows every escape sequence and control character instead of passing it on', () => {
    const shown = printable(HOSTILE);
    expect(shown).not.toMatch(ACTIONABLE);
    expect(shown).toBe(
      'Evil\\u001b]0;pwned\\u0007\\u001b]52;c;ZWNobyBoaQ==\\u0007\\u001b[2J\\u009b31m\\u000dok\\u202etxt.exe\n# Verdict: browser',
    );
  });

  it('keeps the newlines and tabs of multi-line output, and plain text unchanged', () => {
    expect(printable('a\tb\nc')).toBe('a\tb\nc');
    expect(printable('Wi-Fi “Home” — 80 %, 東京, ü')).toBe('Wi-Fi “Home” — 80 %, 東京, ü');
  });

  it('keeps JSON valid and its values equal', () => {
    const value = { name: HOSTILE, nested: ['\u0085\u2028', 'plain'] };
    const json = printable(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(ACTIONABLE);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('printableLine', () => {
  it('keeps a field on one line: a forged line cannot start', () => {
    const shown = printableLine(HOSTILE);
    expect(shown).not.toContain('\n');
    expect(shown).not.toMatch(ACTIONABLE);
    expect(shown.endsWith('\\u000a# Verdict: browser')).toBe(true);
    expect(printableLine('a\tb')).toBe('a\\u0009b');
  });

  it('cuts a field at a length', () => {
    expect(printableLine('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(printableLine('short', 10)).toBe('short');
  });
});

describe('printableValue', () => {
  it('neutralises every string of a nested value, and nothing else', () => {
    expect(printableValue({ a: ['x\ny', 3, null], b: { c: '\x1b[2J', d: true } })).toEqual({ a: ['x\\u000ay', 3, null], b: { c: '\\u001b[2J', d: true } });
  });
});
