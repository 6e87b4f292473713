// Outside text (a service's name, an incident's title) shown where one plain line is expected: a window title, a
// desktop notification, a line of the CLI's watch. Control and bidirectional-format characters become spaces (a
// terminal never obeys them, a title never hides text behind them), whitespace is collapsed, length is capped.
// Runs anywhere. (Issue 10's terminal-neutralising function may replace it for the CLI.)

// C0 and C1 controls, DEL, zero-width and bidi marks, line/paragraph separators and bidi embeddings/isolates.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/g;

export function oneLine(text: string, max = 200): string {
  const flat = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
