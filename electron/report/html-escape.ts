// Outside text as HTML that stays text (ARCHITECTURE.md principle 8, the HTML edge): the five characters that can
// open markup or leave an attribute are escaped everywhere, in text and attributes alike.
import { multiLine, oneLine } from './plain.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** One line of outside text for an element or an attribute. */
export const htmlLine = (text: string): string => escapeHtml(oneLine(text));

/** Multi-line outside text for a <pre>. */
export const htmlBlock = (text: string): string => escapeHtml(multiLine(text));
