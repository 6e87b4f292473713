// The report formats on real engine reports (fixtures/README.md): what a support engineer reads first, in every
// format, is what the shared explanation says; the text summary fits a chat box; runs over time are listed.
import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { explainReport } from '../common/explain/explain.js';
import { CAUSE_HEADLINES, STEP_STATE_LABELS, STEP_STATE_SYMBOLS } from '../common/explain/words.js';
import { REPORT_FORMATS } from '../common/contract.js';
import { ReportSchema, type Report } from '../common/spec.js';
import { renderReport, REPORT_MIME_TYPES, reportFileName } from './formats.js';
import { REPORT_CSP, REPORT_STYLE, REPORT_STYLE_HASH } from './html-style.js';
import { MARKDOWN_SECTIONS } from './markdown.js';
import { derivedVerdict, HOSTILE_INCIDENT, hostileReport, loadWorld, REPORT_WORLDS, textSummaryProblems } from './report-test-kit.js';

const markdown = new MarkdownIt({ html: true, linkify: true });

/** What a reader of the rendered Markdown sees: the text, without markup. */
function visibleText(md: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return markdown
    .render(md)
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!);
}

/** The text of every heading of a Markdown document, as a viewer renders it, with its level. */
function headings(md: string): { level: number; text: string }[] {
  const tokens = markdown.parse(md, {});
  return tokens.flatMap((t, i) => (t.type === 'heading_open' ? [{ level: Number(t.tag.slice(1)), text: tokens[i + 1]!.content }] : []));
}

describe('the report worlds are real engine reports', () => {
  it.each(REPORT_WORLDS)('%s: the verdict is the one the rules derive from its facts, and the report validates', (world) => {
    const report = loadWorld(world);
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.verdict).toEqual(derivedVerdict(report));
  });
});

describe('JSON', () => {
  it('stays the schema: round-trips and validates, session included', () => {
    const report = loadWorld('dns-fixed');
    expect(ReportSchema.parse(JSON.parse(renderReport(report, 'json')))).toEqual(report);
  });
});

describe('file names and types', () => {
  it('offers every format, the text summary as a .txt file', () => {
    const report = loadWorld('outage');
    expect(REPORT_FORMATS).toEqual(['json', 'md', 'html', 'text']);
    expect(reportFileName(report, 'text')).toBe('gateway-doctor-lab-chat-2026-12-01T100200Z.txt');
    expect(reportFileName(report, 'html')).toBe('gateway-doctor-lab-chat-2026-12-01T100200Z.html');
    expect(REPORT_MIME_TYPES.text).toBe('text/plain');
    for (const format of REPORT_FORMATS) expect(renderReport(report, format).length).toBeGreaterThan(100);
  });
});

describe('the text summary (Copy summary, report --format text)', () => {
  it.each(REPORT_WORLDS)('%s: at most 15 lines, naming the cause and the layer that failed', (world) => {
    const report = loadWorld(world);
    expect(textSummaryProblems(report)).toEqual([]);
  });

  it('names the failing layer with its code, and what to do', () => {
    const text = renderReport(loadWorld('dns-failing'), 'text');
    expect(text).toMatch(/^Where it fails: chat\.lab:41249 fails at DNS \(ENOTFOUND · 148 ms\) · auth\.chat\.lab:46355 answers \(HTTP 200\)$/m);
    expect(text).toMatch(/^What to do next: 1\. Switch this computer to Google DNS .* — step 9 \(Change DNS settings\)$/m);
    expect(text).toMatch(/^Diagnosis: Your DNS server is failing to find the site \(High confidence; cause: DNS\)$/m);
  });

  it('a proxy world names the proxy, its answer and the layer', () => {
    const text = renderReport(loadWorld('proxy'), 'text');
    expect(text).toContain('chat.lab:39145 fails at TCP (PROXY_AUTH_REQUIRED · 407');
    expect(text).toMatch(/proxy: https: http:\/\/127\.0\.0\.30:\d+ \(from environment variables\)/);
  });

  it('after a DNS switch that fixed it: fixed, and what was tried with times', () => {
    const text = renderReport(loadWorld('dns-fixed'), 'text');
    expect(text).toMatch(/^Fixed: Lab Chat works now \(at 10:03:00 UTC\)$/m);
    expect(text).toMatch(/^Switching DNS fixed it/m);
    expect(text).toMatch(
      /^Tried \(UTC\): 10:02 diagnosis: Your DNS server is failing to find the site · 10:02 tried “Refresh the page”: not fixed · 10:03 DNS switched to 8\.8\.8\.8, 8\.8\.4\.4 on eth0, verified · 10:04 diagnosis: Lab Chat works from this computer$/m,
    );
  });

  it('without a session, says nothing of what was tried', () => {
    expect(renderReport(loadWorld('outage'), 'text')).not.toMatch(/^Tried/m);
  });

  it('stays within 15 lines with many targets, next steps and session entries', () => {
    const report = loadWorld('dns-fixed');
    const base = report.facts!.targets![0]!;
    report.facts!.targets = Array.from({ length: 20 }, (_, i) => ({ ...base, id: `t${i}`, url: `https://t${i}.chat.lab/` }));
    report.verdict = { ...report.verdict, alsoFound: ['dns', 'server-error'] };
    report.session!.steps = Array.from({ length: 40 }, (_, i) => ({ step: 'refresh' as const, result: 'not-fixed' as const, at: new Date(Date.parse('2026-12-01T09:00:00Z') + i * 60_000).toISOString() }));
    const text = renderReport(report, 'text');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
    expect(text).toContain('and 18 more'); // 2 probed in the evidence, 20 in the facts
    expect(text).toMatch(/Tried \(UTC\): 35 earlier… · /);
  });
});

describe('Markdown for a reader', () => {
  it.each(REPORT_WORLDS)('%s: the sections in reading order, the verdict in words, statuses in words with symbols', (world) => {
    const report = loadWorld(world);
    const md = renderReport(report, 'md');
    const explained = explainReport(report);
    const found = headings(md);
    expect(found.filter((h) => h.level === 1).map((h) => h.text)).toEqual(['Gateway Doctor report — Lab Chat']);
    const sections = found.filter((h) => h.level === 2).map((h) => h.text);
    const label = explained.verdict.state === 'resolved' ? 'Fixed' : 'Diagnosis';
    expect(sections).toEqual([
      expect.stringContaining(`${label}: ${explained.verdict.headline}`),
      ...(report.session ? [MARKDOWN_SECTIONS.tried] : []),
      MARKDOWN_SECTIONS.targets,
      MARKDOWN_SECTIONS.steps,
      MARKDOWN_SECTIONS.checks,
      MARKDOWN_SECTIONS.environment,
      MARKDOWN_SECTIONS.evidence,
    ]);
    // Never the codes the old report showed: the verdict's id, a bare status, the environment as JSON up front.
    const beforeEvidence = md.slice(0, md.indexOf(`## ${MARKDOWN_SECTIONS.evidence}`));
    expect(beforeEvidence).not.toMatch(/Verdict: [a-z-]+|\| (fail|warn|pass|skip|error) \|/);
    expect(beforeEvidence).not.toContain('```');
    for (const step of Object.values(explained.steps)) {
      expect(md).toContain(`${STEP_STATE_SYMBOLS[step.state]} ${STEP_STATE_LABELS[step.state]}`);
    }
    for (const next of explained.verdict.nextSteps) expect(visibleText(md)).toContain(next.action);
    expect(visibleText(md)).toContain(explained.verdict.summary);
  });

  it('lists the runs over time with their verdicts, interleaved with the change and the mark', () => {
    const md = renderReport(loadWorld('dns-fixed'), 'md');
    const tried = md.slice(md.indexOf(`## ${MARKDOWN_SECTIONS.tried}`), md.indexOf(`## ${MARKDOWN_SECTIONS.targets}`));
    expect(tried.split('\n').filter((l) => /^\| \d/.test(l))).toEqual([
      `| 10:02:00 | Diagnosis: ${CAUSE_HEADLINES.dns('Lab Chat')}. |`,
      '| 10:02:40 | Tried step 3 (Refresh the page): it did not help. |',
      '| 10:03:00 | DNS changed: DNS switched to `8.8.8.8`, `8.8.4.4` on eth0, verified. |',
      '| 10:04:00 | Diagnosis: Lab Chat works from this computer. |',
    ]);
  });

  it('a single run lists only what was tried (the run is the report itself)', () => {
    const report: Report = { ...loadWorld('dns-failing'), session: { steps: [{ step: 'refresh', result: 'not-fixed', at: '2026-12-01T10:01:00.000Z' }], changes: [], runs: [{ startedAt: '2026-12-01T10:02:00.000Z', cause: 'dns' }] } };
    const md = renderReport(report, 'md');
    expect(md).toContain('| 10:01:00 | Tried step 3 (Refresh the page): it did not help. |');
    expect(md).not.toContain('| Diagnosis:');
  });

  it('says since when the same cause is found when the person re-ran the diagnosis', () => {
    const report: Report = {
      ...loadWorld('dns-failing'),
      session: { steps: [], changes: [], runs: ['09:58', '10:00', '10:02'].map((t) => ({ startedAt: `2026-12-01T${t}:00.000Z`, cause: 'dns' as const })) },
    };
    expect(renderReport(report, 'md')).toContain('**High confidence** · cause: DNS · First found at 09:58:00, in 3 runs in a row');
  });

  it('one line per target names the layer that failed, with codes and timings', () => {
    const md = renderReport(loadWorld('dns-failing'), 'md');
    expect(md).toContain('- ✕ `chat.lab:41249` fails at **DNS** — DNS ✕ ENOTFOUND · 148 ms → TCP – not tried → TLS – not tried → HTTP – not tried');
    expect(md).toContain('- ✓ `auth.chat.lab:46355` answers (HTTP 200) — DNS ✓ 114 ms → TCP ✓ 70 ms → TLS ✓ TLSv1.3 · 155 ms → HTTP ✓ 200 · 16 ms');
    const outage = renderReport(loadWorld('outage'), 'md');
    expect(outage).toMatch(/- ✕ `chat\.lab:44813` fails at \*\*HTTP\*\*: server error 502 — DNS ✓ \d+ ms → TCP ✓ \d+ ms → TLS ✓ TLSv1\.3 · \d+ ms → HTTP ✕ 502 · cloudflare-origin-error · \d+ ms/);
  });

  it('the environment is a short table, not JSON; the evidence is folded, last', () => {
    const md = renderReport(loadWorld('proxy'), 'md');
    const env = md.slice(md.indexOf(`## ${MARKDOWN_SECTIONS.environment}`), md.indexOf(`## ${MARKDOWN_SECTIONS.evidence}`));
    expect(env).toMatch(/\| \*\*Proxy\*\* \| https: `http:\/\/127\.0\.0\.30:\d+` \(from environment variables\) \|/);
    expect(env).toContain('| **VPN** | None active |');
    expect(env).toContain('| **DNS servers** | `127.0.0.2` |');
    const evidence = md.slice(md.indexOf(`## ${MARKDOWN_SECTIONS.evidence}`));
    expect(evidence.match(/<details>/g)).toHaveLength(loadWorld('proxy').checks.length + 2);
    expect(markdown.render(evidence)).toContain('<summary>VPN and proxy (vpn-proxy)</summary>');
  });

  it('a check measured before the latest change says so', () => {
    const report = loadWorld('dns-failing');
    report.session = { steps: [], changes: [{ kind: 'dns-switch', at: '2026-12-01T10:03:00.000Z', summary: 'DNS switched to 8.8.8.8, verified.' }], runs: [] };
    report.checks.find((c) => c.id === 'dns')!.measuredAt = '2026-12-01T10:03:05.000Z';
    const md = renderReport(report, 'md');
    expect(md).toMatch(/\| Service's status page \| step 1 \| [^|]+ \| [^|]+\(Measured before the change at 10:03:00 \(DNS changed\)\.\) \|/);
    expect(md).not.toMatch(/\| DNS resolution \|[^\n]*Measured before/);
    expect(md).toContain('(some checks again at 10:03:05)');
  });
});

describe('HTML page', () => {
  it('allows exactly its own stylesheet, by hash, and nothing else', () => {
    const html = renderReport(loadWorld('outage'), 'html');
    expect(REPORT_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'/);
    expect(html).toContain(`<style>${REPORT_STYLE}</style>`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|style="/i);
  });
});

describe('outside text in every format (issue 10, finding 3)', () => {
  const report = hostileReport();

  it('the hostile incident reaches the verdict the rules derive (the test is not hand-made)', () => {
    expect(report.verdict.cause).toBe('service-outage');
    expect(report.verdict.summary).toContain(HOSTILE_INCIDENT);
  });

  it('HTML: every piece of outside text escaped, no markup of its own', () => {
    const html = renderReport(report, 'html');
    expect(html).not.toMatch(/<(img|script|iframe|a)\b/i);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('Markdown: no line of outside text starts a block; no raw HTML; headings are only the report\'s own', () => {
    const md = renderReport(report, 'md');
    const found = headings(md);
    expect(found.filter((h) => h.level === 1)).toHaveLength(1);
    expect(found.filter((h) => h.level === 2).map((h) => h.text)).toEqual([
      expect.stringMatching(/^✕ Diagnosis: Lab Chat /),
      MARKDOWN_SECTIONS.targets,
      MARKDOWN_SECTIONS.steps,
      MARKDOWN_SECTIONS.checks,
      MARKDOWN_SECTIONS.environment,
      MARKDOWN_SECTIONS.evidence,
    ]);
    const tokens = markdown.parse(md, {}).flatMap((t) => [t, ...(t.children ?? [])]);
    expect(tokens.filter((t) => /^(link_open|image|html_inline)$/.test(t.type))).toEqual([]);
    // Raw HTML only as the report's own folded evidence.
    for (const block of tokens.filter((t) => t.type === 'html_block')) {
      expect(block.content).toMatch(/^(<details>\n<summary>[^<>]*<\/summary>|<\/details>)\n$/);
    }
  });

  it('text: the hostile name stays on its line, control characters gone', () => {
    expect(textSummaryProblems(report)).toEqual([]);
  });
});
