// Issue 11 and issue 10 (finding 3), in Chromium: the HTML report and the Markdown report (rendered by
// markdown-it, as a viewer would) of three worlds — an outage, a DNS failure fixed by a switch, a failing proxy —
// read in the order a support engineer needs, at 700 px, light and dark, and in print; and a report full of
// hostile outside text makes no request and no element beyond the report's own. The reports are real engine
// reports (electron/report/fixtures/README.md). Screenshots and PDFs are kept under test-results/.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import MarkdownIt from 'markdown-it';
import { explainReport } from '../electron/common/explain/explain.js';
import { STEP_STATE_LABELS, STEP_STATE_SYMBOLS } from '../electron/common/explain/words.js';
import type { Report } from '../electron/common/spec.js';
import { renderReport } from '../electron/report/formats.js';
import { REPORT_STYLE_HASH } from '../electron/report/html-style.js';
import { MARKDOWN_SECTIONS } from '../electron/report/markdown.js';
import { HOSTILE_INCIDENT, HOSTILE_TARGET, hostileReport, loadWorld, type ReportWorld } from '../electron/report/report-test-kit.js';

const WORLDS: { world: ReportWorld; failedAt: string[] }[] = [
  { world: 'outage', failedAt: ['HTTP', 'HTTP'] },
  { world: 'dns-fixed', failedAt: ['', ''] },
  { world: 'proxy', failedAt: ['TCP', 'TCP'] },
];

/** The most eager Markdown viewer: raw HTML passes, bare addresses (hosts, e-mail, IPs) become links. */
function renderMarkdown(md: string): string {
  const markdown = new MarkdownIt({ html: true, linkify: true });
  markdown.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Markdown report</title></head><body><article>${markdown.render(md)}</article></body></html>`;
}

/** Every request the page makes (each is refused) and every dialog a script would open. */
async function watch(page: Page): Promise<{ requests: string[]; dialogs: string[] }> {
  const seen = { requests: [] as string[], dialogs: [] as string[] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => route.abort());
  return seen;
}

/** Counts of the elements hostile text would have made. */
const foreignElements = (page: Page) =>
  page.evaluate(() => ({
    img: document.querySelectorAll('img, picture, svg, video, audio, object, embed').length,
    script: document.querySelectorAll('script').length,
    frames: document.querySelectorAll('iframe, frame').length,
    links: document.querySelectorAll('a').length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript" i]').length,
    forms: document.querySelectorAll('form, input, button').length,
    h1: document.querySelectorAll('h1').length,
    styles: document.querySelectorAll('style').length,
    eventAttributes: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  }));

const NO_FOREIGN = { img: 0, script: 0, frames: 0, links: 0, javascriptLinks: 0, forms: 0, eventAttributes: 0 };

function sectionsOf(report: Report): string[] {
  return ['header', 'verdict', ...(report.session ? ['tried'] : []), 'targets', 'steps', 'checks', 'environment', 'evidence'];
}

test.describe('the HTML report', () => {
  for (const { world, failedAt } of WORLDS) {
    test(`${world}: sections in reading order, verdict in words, one line per target, evidence folded last`, async ({ page }, testInfo) => {
      const report = loadWorld(world);
      const explained = explainReport(report);
      const seen = await watch(page);
      await page.setViewportSize({ width: 700, height: 900 });
      await page.setContent(renderReport(report, 'html'));

      expect(await page.locator('main > [data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')))).toEqual(sectionsOf(report));
      await expect(page.locator('h1')).toHaveText('Gateway Doctor report — Lab Chat');
      const header = page.locator('[data-section="header"] dl');
      for (const label of ['Service', 'Targets', 'Checked', 'Computer', 'Connection', 'Report']) await expect(header.locator('dt', { hasText: label })).toHaveCount(1);
      await expect(header).toContainText('2026-12-01 10:0');
      await expect(header).toContainText('Linux 6.18.44-fc-v857 (x64)');

      const verdict = page.locator('[data-section="verdict"]');
      await expect(verdict).toHaveAttribute('data-cause', report.verdict.cause);
      await expect(verdict.locator('h2')).toHaveText(explained.verdict.headline);
      await expect(verdict).toContainText(explained.verdict.summary);
      if (explained.verdict.state === 'diagnosed') await expect(verdict.locator('.kicker')).toContainText(`Diagnosis · ${explained.verdict.confidence}`);
      else await expect(verdict.locator('.kicker')).toContainText('Fixed · at 10:03:00 UTC');
      await expect(verdict.locator('ol > li')).toHaveText(explained.verdict.nextSteps.map((n) => new RegExp(`^${n.action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — step \\d+`)));

      const targets = page.locator('[data-section="targets"] .targets > li');
      expect(await targets.evaluateAll((els) => els.map((e) => e.getAttribute('data-failed-at')))).toEqual(failedAt);
      for (const [index, layer] of failedAt.entries()) {
        if (layer) await expect(targets.nth(index).locator('.layer-failed')).toContainText(`✕${layer}`);
        await expect(targets.nth(index).locator('.layer')).toHaveCount(4);
      }

      const steps = page.locator('[data-section="steps"] tbody tr');
      await expect(steps).toHaveCount(12);
      for (const [index, step] of Object.values(explained.steps).entries()) {
        // Status in words and symbol, not colour alone.
        await expect(steps.nth(index).locator('.state')).toHaveText(`${STEP_STATE_SYMBOLS[step.state]}${STEP_STATE_LABELS[step.state]}`);
      }
      await expect(page.locator('[data-section="checks"] tbody tr')).toHaveCount(report.checks.length);
      expect(await page.locator('[data-section="environment"] th').allTextContents()).toEqual(['Operating system', 'Network adapters', 'DNS servers', 'Proxy', 'VPN']);

      const evidence = page.locator('[data-section="evidence"] details');
      await expect(evidence).toHaveCount(report.checks.length + 2);
      expect(await evidence.evaluateAll((els) => els.filter((e) => (e as HTMLDetailsElement).open).length)).toBe(0);
      await expect(page.locator('[data-section="evidence"] pre').first()).toBeHidden();

      if (world === 'dns-fixed') {
        const tried = page.locator('[data-section="tried"] li');
        expect(await tried.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['run', 'mark', 'change', 'run']);
        await expect(tried.locator('time')).toHaveText(['10:02:00', '10:02:40', '10:03:00', '10:04:00']);
        await expect(tried.nth(0)).toContainText('Your DNS server is failing to find the site');
        await expect(tried.nth(2)).toContainText('DNS switched to 8.8.8.8, 8.8.4.4 on eth0, verified.');
        await expect(tried.nth(3)).toContainText('Lab Chat works from this computer');
      }

      // Readable at 700 px: nothing wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(700);
      await page.screenshot({ path: testInfo.outputPath(`${world}-light-700px.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 23, 28)');
      await page.screenshot({ path: testInfo.outputPath(`${world}-dark-700px.png`), fullPage: true });
      expect(seen.requests).toEqual([]);
    });
  }

  test('accessible in light and dark: contrast, table headers, landmarks (axe-core, WCAG 2.1 AA)', async ({ page }) => {
    await page.setContent(renderReport(loadWorld('dns-fixed'), 'html'));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      // Folded evidence opened, so its text is checked too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });

  test('prints on A4 and Letter, with page breaks between the parts', async ({ page }, testInfo) => {
    await page.setContent(renderReport(loadWorld('outage'), 'html'));
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('main > [data-section]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-section'), getComputedStyle(e).breakBefore])),
    );
    expect(breaks).toMatchObject({ verdict: 'auto', targets: 'auto', steps: 'page', environment: 'page', evidence: 'page' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, path: testInfo.outputPath(`outage-${format}.pdf`) });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
      expect(pages, format).toBeGreaterThanOrEqual(4);
    }
  });

  test('previewed in a sandboxed frame under the app\'s policy, it keeps its style only when the policy allows its hash', async ({ page }) => {
    const html = renderReport(loadWorld('outage'), 'html');
    const frameSrcdoc = html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const host = (styleSrc: string) =>
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${styleSrc}; frame-src 'self'"></head>` +
      `<body><iframe sandbox="" title="Report preview" style="width:700px;height:600px" srcdoc="${frameSrcdoc}"></iframe></body></html>`;
    const verdictBorder = async () => {
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      await frame.waitForSelector('[data-section="verdict"]');
      return frame.evaluate(() => getComputedStyle(document.querySelector('[data-section="verdict"]')!).borderLeftWidth);
    };
    const seen = await watch(page);
    await page.setContent(host(`'self' ${REPORT_STYLE_HASH}`));
    expect(await verdictBorder()).not.toBe('0px');
    await page.setContent(host("'self'"));
    expect(await verdictBorder()).toBe('0px');
    expect(seen.requests).toEqual([]);
  });
});

test.describe('the Markdown report, rendered by markdown-it', () => {
  for (const { world } of WORLDS) {
    test(`${world}: sections in reading order, the verdict in words, statuses in words`, async ({ page }, testInfo) => {
      const report = loadWorld(world);
      const explained = explainReport(report);
      const seen = await watch(page);
      await page.setViewportSize({ width: 700, height: 900 });
      await page.setContent(renderMarkdown(renderReport(report, 'md')));
      await expect(page.locator('h1')).toHaveText(['Gateway Doctor report — Lab Chat']);
      const label = explained.verdict.state === 'resolved' ? 'Fixed' : 'Diagnosis';
      const symbol = explained.verdict.state === 'resolved' ? '✓' : report.verdict.cause === 'proxy' ? '!' : '✕';
      await expect(page.locator('h2')).toHaveText([
        `${symbol} ${label}: ${explained.verdict.headline}`,
        ...(report.session ? [MARKDOWN_SECTIONS.tried] : []),
        MARKDOWN_SECTIONS.targets,
        MARKDOWN_SECTIONS.steps,
        MARKDOWN_SECTIONS.checks,
        MARKDOWN_SECTIONS.environment,
        MARKDOWN_SECTIONS.evidence,
      ]);
      const article = page.locator('article');
      await expect(article).toContainText(explained.verdict.summary);
      for (const next of explained.verdict.nextSteps) await expect(article.locator('ol li', { hasText: next.action })).toHaveCount(1);
      // The steps table: one row per step, its state in words with its symbol.
      const stepRows = page.locator('table').nth(report.session ? 1 : 0).locator('tbody tr');
      await expect(stepRows).toHaveCount(12);
      await expect(stepRows.locator('td:nth-child(2)')).toHaveText(Object.values(explained.steps).map((s) => `${STEP_STATE_SYMBOLS[s.state]} ${STEP_STATE_LABELS[s.state]}`));
      // One line per target, the failing layer in bold.
      const targetItems = page.locator('h2:has-text("Where it fails") + p + ul > li');
      await expect(targetItems).toHaveCount(2);
      for (const target of report.facts!.targets!) {
        const failing = target.failedLayer ? target.failedLayer.toUpperCase() : target.reachable ? null : 'HTTP';
        if (failing) await expect(targetItems.locator('strong', { hasText: failing })).toHaveCount(report.facts!.targets!.filter((t) => (t.failedLayer ? t.failedLayer.toUpperCase() : t.reachable ? null : 'HTTP') === failing).length);
      }
      if (world === 'dns-fixed') {
        const rows = page.locator('h2:has-text("What was tried") + table tbody tr');
        await expect(rows.locator('td:first-child')).toHaveText(['10:02:00', '10:02:40', '10:03:00', '10:04:00']);
        await expect(rows.nth(2)).toContainText('DNS switched to 8.8.8.8, 8.8.4.4 on eth0, verified.');
      }
      // Evidence last, folded.
      await expect(page.locator('details')).toHaveCount(report.checks.length + 2);
      expect(await page.evaluate(() => document.querySelector('article')!.lastElementChild!.tagName)).toBe('DETAILS');
      expect(await page.locator('details').evaluateAll((els) => els.filter((e) => (e as HTMLDetailsElement).open).length)).toBe(0);
      expect(await foreignElements(page)).toMatchObject({ ...NO_FOREIGN, h1: 1 });
      await page.screenshot({ path: testInfo.outputPath(`${world}-markdown-700px.png`), fullPage: true });
      expect(seen.requests).toEqual([]);
    });
  }
});

test.describe('hostile outside text makes no request and no element (issue 10, finding 3)', () => {
  const report = hostileReport();
  const incidentLine = HOSTILE_INCIDENT.replace(/\s+/g, ' ');

  test('Markdown: the incident name and the target URL stay text; the next sections are intact', async ({ page }, testInfo) => {
    const seen = await watch(page);
    await page.setContent(renderMarkdown(renderReport(report, 'md')));
    expect(await foreignElements(page)).toEqual({ ...NO_FOREIGN, h1: 1, styles: 0 });
    await expect(page.locator('h2')).toHaveText([
      /^✕ Diagnosis: Lab Chat <img src=x onerror=alert\(5\)> ## \[x\]\(https:\/\/evil\.example\/\) is having an outage$/,
      MARKDOWN_SECTIONS.targets,
      MARKDOWN_SECTIONS.steps,
      MARKDOWN_SECTIONS.checks,
      MARKDOWN_SECTIONS.environment,
      MARKDOWN_SECTIONS.evidence,
    ]);
    const article = page.locator('article');
    // The hostile text is shown as what it is, on one line.
    await expect(article.locator('p', { hasText: 'reports an incident' })).toContainText(incidentLine);
    await expect(article.locator('li', { hasText: 'Targets:' })).toContainText(HOSTILE_TARGET);
    await expect(page.locator('table')).toHaveCount(3);
    await expect(page.locator('details')).toHaveCount(report.checks.length + 2);
    await page.screenshot({ path: testInfo.outputPath('hostile-markdown.png'), fullPage: true });
    expect(seen).toEqual({ requests: [], dialogs: [] });
  });

  test('HTML: the same report makes no request, no element beyond its own, runs nothing', async ({ page }, testInfo) => {
    const seen = await watch(page);
    await page.setContent(renderReport(report, 'html'));
    expect(await foreignElements(page)).toEqual({ ...NO_FOREIGN, h1: 1, styles: 1 });
    expect(await page.locator('main > [data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')))).toEqual(sectionsOf(report));
    await expect(page.locator('[data-section="verdict"] p').nth(1)).toContainText(incidentLine);
    await expect(page.locator('[data-section="header"] dd code').nth(2)).toHaveText(HOSTILE_TARGET);
    await page.screenshot({ path: testInfo.outputPath('hostile-html.png'), fullPage: true });
    expect(seen).toEqual({ requests: [], dialogs: [] });
  });
});
