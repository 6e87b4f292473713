// The terminal edge (ARCHITECTURE.md principle 8): text that came from outside (status pages, certificates, DNS
// answers, profiles, journals, interface names, file paths) is shown by a terminal, never obeyed by it. Every
// character a terminal could act on is replaced by its visible escape (`\u001b`, `\u009b`, `\u202e`…):
//   - C0 controls and DEL: ESC starts CSI/OSC sequences (clear the screen, retitle the window, write the clipboard),
//     CR moves back to overwrite the start of a line, BS erases, BEL rings;
//   - C1 controls (U+0080–U+009F): U+009B is a one-character CSI and U+009D an OSC on terminals that honour them;
//   - bidirectional overrides and isolates, which make a line read in another order than it is written;
//   - line and paragraph separators, which some terminals and editors break lines on.
// The escape is the JSON one, so a JSON document stays valid JSON with the same values after `printable`, and a
// person reading a summary sees exactly which bytes an attacker sent. Runs anywhere (no Node, no DOM).

/** What a terminal could act on; newline and tab are handled by the two functions below. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\n\t]/g;

const visible = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Multi-line text for a terminal: every control character and escape sequence neutralised, newlines and tabs
 * kept. For the CLI's own output, where the CLI put the newlines; fields from outside go through `printableLine`
 * first, so none of their newlines reach this point.
 */
export function printable(text: string): string {
  return text.replace(ACTIVE, visible);
}

/**
 * One field on one line: like `printable`, and a newline or tab inside becomes visible too, so a field can never
 * start a line of its own (a forged "Cause: browser"). With `maxLength`, a longer field is cut and ends in "…".
 */
export function printableLine(text: string, maxLength?: number): string {
  const cut = maxLength !== undefined && text.length > maxLength ? `${text.slice(0, Math.max(0, maxLength - 1))}…` : text;
  return printable(cut).replace(LINE_BREAKS, visible);
}

/** Every string inside a JSON-like value passed through `printableLine` (keys and non-strings unchanged). */
export function printableValue<T>(value: T): T {
  if (typeof value === 'string') return printableLine(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => printableValue(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printableValue(item)])) as T;
  }
  return value;
}
