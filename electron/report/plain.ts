// Text for one line of a report, whatever sent it: line breaks and other control characters (C0, C1, DEL), and
// the invisible characters that reorder or hide text (bidirectional overrides, zero-width joiners), never reach a
// report. Every format applies this before its own escaping.

// Line and paragraph separators of every kind, tabs and form feeds: a one-line field stays on one line.
const BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;
// Other control characters, bidirectional embeddings, overrides and isolates, zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line of text: breaks become spaces, invisible and control characters go, runs of spaces shrink to one. */
export function oneLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(BREAKS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Multi-line text (evidence): line breaks kept as \n, every other control or invisible character removed. */
export function multiLine(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(/[\t\v\f]/g, ' ').replace(INVISIBLE, '');
}
