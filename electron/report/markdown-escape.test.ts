// The Markdown edge (issue 10, finding 3): outside text rendered by a Markdown library (markdown-it with raw HTML
// and bare-address links on, the most permissive setting a viewer uses) stays text: the same characters come
// out, and nothing but text and code is made of them, at the start of a line, after a label, in a table cell.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { mdCode, mdFence, mdInline, mdLine } from './markdown-escape.js';
import { oneLine } from './plain.js';

const markdown = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof markdown.parse>[number];
// Bare host names, e-mail and IP addresses become links too, as in the most eager viewers.
markdown.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });

const HOSTILE = [
  '# heading',
  '## heading ##',
  'Heading\n===',
  'text\n---',
  '1. ordered',
  '1) ordered',
  '- item',
  '+ item',
  '* item',
  '> quote',
  '    indented code',
  '***',
  '```\nfenced',
  '~~~\nfenced',
  '[ref]: https://evil.example/',
  '[link](https://evil.example/)',
  '[link](javascript:alert(1))',
  '[ref link][ref]',
  '![image](https://evil.example/pixel.png)',
  '<https://evil.example/>',
  '<admin@evil.example>',
  'https://evil.example/path?q=1',
  'www.evil.example',
  'evil.example and xn--80ak6aa92e.com and пример.рф and google.com',
  'DNS server 192.0.2.53, 198.51.100.7:8080 and 6.18.44-fc',
  'admin@evil.example',
  'http://user:password@proxy.evil.example:8080/',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>',
  '<details open><summary>x</summary>',
  '&copy; &#x3C;script&#x3E; &amp;',
  '*emphasis* _emphasis_ **strong** __strong__',
  '~~strike~~ ~single~',
  '`code` ``code`` ```code```',
  '| a | b |',
  '$x^2$ and $$y$$',
  '@mention #123 :smile: ^sup^ ==mark== ++ins++ {#id .class}',
  'ends with a backslash \\',
  'two trailing spaces  ',
  'a\nb\r\nc\rd\u2028e\u2029f\u0085g',
  'bidi \u202egnp.exe\u202c and zero\u200bwidth',
  'escape \u001b[31mred\u001b[0m and \u009b31m',
  '\\*not emphasis\\* already escaped',
];

/** What a viewer shows of inline tokens: text and code only (anything else is named, to fail the test). */
function shown(children: Token[]): string {
  return children.map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : `<${c.type}>`)).join('');
}

function paragraphOf(md: string): string {
  const tokens = markdown.parse(md, {});
  expect(tokens.map((t) => t.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
  return shown(tokens[1]!.children ?? []);
}

describe('outside text as Markdown', () => {
  it.each(HOSTILE)('%j stays one line of the same text, at the start of a line', (input) => {
    const md = mdLine(input);
    expect(md).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    expect(paragraphOf(md)).toBe(oneLine(input));
  });

  it.each(HOSTILE)('%j stays the same text after a label', (input) => {
    const tokens = markdown.parse(`- **Label:** ${mdInline(input)}`, {});
    const inline = tokens.find((t) => t.type === 'inline')!;
    expect(shown(inline.children!)).toBe(`<strong_open>Label:<strong_close> ${oneLine(input)}`);
    expect(tokens.filter((t) => t.type === 'list_item_open')).toHaveLength(1);
  });

  it.each(HOSTILE)('%j stays in its table cell', (input) => {
    const tokens = markdown.parse(`| A | B |\n| --- | --- |\n| ${mdInline(input)} | ${mdCode(input)} |\n`, {});
    const cells = tokens.filter((t) => t.type === 'inline').slice(2);
    expect(cells.map((c) => shown(c.children!))).toEqual([oneLine(input), oneLine(input)]);
    expect(tokens.filter((t) => t.type === 'tr_open')).toHaveLength(2);
  });

  it('turns addresses into code, so no viewer links them', () => {
    expect(mdInline('see https://evil.example/a_b, www.evil.example or admin@evil.example.')).toBe(
      'see `https://evil.example/a_b`, `www.evil.example` or `admin@evil.example`.',
    );
    expect(mdInline('chat.lab:41249 answers; e.g. 1.5 s')).toBe('`chat.lab:41249` answers; e.g. 1.5 s');
    expect(mdInline('Your DNS server (127.0.0.2) on Linux 6.18.44')).toBe('Your DNS server (`127.0.0.2`) on Linux 6.18.44');
  });

  it('a code span cannot be closed from inside', () => {
    expect(mdCode('a ` b `` c')).toBe('``` a ` b `` c ```'.replace(/^``` /, '```').replace(/ ```$/, '```'));
    expect(paragraphOf(mdCode('`x`'))).toBe('`x`');
  });
});

describe('fenced evidence', () => {
  it('a fence that no backtick run inside can close', () => {
    const content = '{\n  "page": "```\\n# injected",\n  "more": "````"\n}\n````\n## not a heading';
    const md = [...mdFence(content, 'json'), '', 'after'].join('\n');
    const tokens = markdown.parse(md, {});
    expect(tokens[0]).toMatchObject({ type: 'fence', info: 'json', content: `${content}\n` });
    expect(tokens.filter((t) => t.type === 'heading_open')).toHaveLength(0);
    expect(tokens.at(-2)).toMatchObject({ type: 'inline', content: 'after' });
  });

  it('keeps line breaks and drops control characters', () => {
    const [, body] = mdFence('a\r\nb\u001b[31m\u202ec', '');
    expect(body).toBe('a\nb[31mc');
  });
});
