// Outside text as Markdown that stays text (ARCHITECTURE.md principle 8, the Markdown edge): whatever a status
// page, a certificate, a server or a profile sent becomes neither a heading, a list, a link, an image, raw HTML, a
// table cell nor a code fence, in any CommonMark/GFM viewer (GitHub, GitLab, markdown-it with html and linkify on).
// - one-line fields have no line breaks (oneLine), so nothing can start a block of its own;
// - every character with a meaning in Markdown or its common extensions is backslash-escaped;
// - URLs, host names, e-mail and IPv4 addresses become code spans: viewers that turn bare addresses into links
//   (GFM autolinks, linkify) leave code alone, so the report carries no link at all;
// - multi-line content (evidence) goes into a fence longer than any backtick run inside it.
import { multiLine, oneLine } from './plain.js';

// ASCII punctuation with a meaning somewhere in Markdown (emphasis, code, links, images, raw HTML, entities,
// headings, tables, strikethrough, math, mentions, attribute and mark extensions). All are escapable (CommonMark 2.4).
const ACTIVE = /[\\`*_{}[\]<>#+!|~&$^=@]/g;
// At the start of a line, these open a list item or a setext underline.
const LINE_START = /^(\d{1,9})([.)])|^([-+=])/;

const URL_PART = String.raw`[a-z][a-z0-9+.\-]*:\/\/[^\s<>\x60|]*`;
const EMAIL_PART = String.raw`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?`;
// A host name: two labels or more, the last starting with a letter and two characters long at least (so "e.g."
// and "1.5" stay prose), with an optional port.
const HOST_PART = String.raw`(?<![\p{L}\p{N}.\-@])(?:${LABEL}\.)+\p{L}[\p{L}\p{N}\-]*[\p{L}\p{N}](?::\d{1,5})?(?![\p{L}\p{N}\-])`;
// An IPv4 address (linkify's fuzzyIP turns it into a link), with an optional port.
const IP4_PART = String.raw`(?<![\p{L}\p{N}.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\p{L}\p{N}]|\.\d)`;
const ADDRESS = new RegExp(`${URL_PART}|${EMAIL_PART}|${HOST_PART}|${IP4_PART}`, 'giu');
// Punctuation that ends a sentence rather than the address before it.
const TRAILING = /[.,;:!?)\]'"”’»]+$/u;

function escapeText(text: string, atLineStart: boolean): string {
  const escaped = text.replace(ACTIVE, (c) => `\\${c}`);
  if (!atLineStart) return escaped;
  return escaped.replace(LINE_START, (_m, digits: string | undefined, mark: string | undefined, lead: string | undefined) =>
    digits !== undefined ? `${digits}\\${mark}` : `\\${lead}`,
  );
}

/**
 * A code span that nothing inside can close: its fence is longer than every backtick run in it. Text with a pipe
 * is escaped instead (a pipe ends a GFM table cell even inside a code span).
 */
export function mdCode(text: string): string {
  const content = oneLine(text);
  if (content.includes('|')) return escapeText(content, true);
  if (content === '') return '';
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

function inline(text: string, atLineStart: boolean): string {
  const line = oneLine(text);
  let out = '';
  let last = 0;
  for (const match of line.matchAll(ADDRESS)) {
    const address = match[0].replace(TRAILING, '');
    if (address === '') continue;
    const start = match.index;
    out += escapeText(line.slice(last, start), atLineStart && last === 0) + mdCode(address);
    last = start + address.length;
  }
  return out + escapeText(line.slice(last), atLineStart && last === 0);
}

/**
 * One line of outside text as inline Markdown after other text on its line (a list item's label, a table cell, a
 * heading's prefix): every active character escaped, addresses as code spans, no line break.
 */
export const mdInline = (text: string): string => inline(text, false);

/** The same, for text that starts a line (a paragraph): "1. " or "- " at its start opens no list. */
export const mdLine = (text: string): string => inline(text, true);

/** A fenced code block that no content can close (a backtick fence longer than any backtick run inside). */
export function mdFence(content: string, lang: string): string[] {
  const body = multiLine(content);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang.replace(/[^a-z0-9-]/gi, '')}`, body, fence];
}
