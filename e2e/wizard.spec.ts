// The wizard (dist/renderer) in Debian's Chromium, served by the development bridge with the real engine behind
// it, diagnosing a healthy loopback world whose status page the test switches between scenarios.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CAUSES, ReportSchema, STEPS } from '../electron/common/spec.js';
import { expect, RENDERER_DIR, test, type Lab } from './fixtures/bridge.js';

// A full sweep on page load has its own 10 s deadline (DIAGNOSE_TIMEOUT.default); results can take that long.
const RESULT_TIMEOUT = 20_000;

test.beforeAll(() => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run "node scripts/build.mjs --only renderer,bridge" first (npm test builds first)`);
  }
});

/** The status-page check's summary as the engine words it for the lab's current scenario. */
async function statusPageSummary(lab: Lab): Promise<string> {
  const lines = await lab.call('runDiagnosis', { checks: ['status-page'], timeoutMs: 5000 });
  const report = ReportSchema.parse(lines.at(-1)!.result);
  return report.checks.find((check) => check.id === 'status-page')!.summary;
}

test('the sidebar lists the twelve steps of SPEC.md, in order', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await expect(page.getByTestId('wizard')).toBeVisible();
  const ids = new Set<string>(STEPS.map((step) => `step-${step.id}`));
  const listed = await page.locator('[data-testid^="step-"]').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-testid')));
  expect(listed.filter((id) => id !== null && ids.has(id))).toEqual(STEPS.map((step) => `step-${step.id}`));
  for (const step of STEPS) {
    const item = page.getByTestId(`step-${step.id}`);
    await expect(item).toContainText(step.title);
    await expect(item).toHaveAttribute('data-result', /^(pending|running|problem|consequence|note|ok|try|not-needed|unchecked|manual)$/);
  }
});

test('during a major outage the status-page step fails and its check shows the summary', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  const summary = await statusPageSummary(lab);
  expect(summary).toContain('Conversations unavailable');

  await page.goto(bridge.url);
  await expect(page.getByTestId('step-status-page')).toHaveAttribute('data-result', 'problem', { timeout: RESULT_TIMEOUT });
  await page.getByTestId('step-status-page').click();
  await expect(page.getByTestId('step-panel')).toHaveAttribute('data-step', 'status-page');
  const check = page.getByTestId('step-panel').getByTestId('check-status-page');
  await expect(check).toHaveAttribute('data-status', 'fail');
  await expect(check).toHaveAttribute('data-state', 'problem');
  await expect(check).toContainText(summary);
  // Everything else in the lab answers as a healthy network does: the service's own outage is the cause.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-cause', 'service-outage', { timeout: RESULT_TIMEOUT });
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
});

test('when everything is operational the status-page step passes, and Run diagnoses again', async ({ page, bridge, lab }) => {
  await lab.setScenario('operational');
  await page.goto(bridge.url);
  const step = page.getByTestId('step-status-page');
  await expect(step).toHaveAttribute('data-result', 'ok', { timeout: RESULT_TIMEOUT });
  await step.click();
  await expect(page.getByTestId('check-status-page')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('check-status-page')).toContainText(await statusPageSummary(lab));
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-cause', new RegExp(`^(${CAUSES.join('|')})$`));
  expect(await verdict.getAttribute('data-cause')).not.toBe('service-outage');

  // The page changes nothing by itself: a new run is what picks up the outage.
  await lab.setScenario('major-outage');
  const run = page.getByTestId('run-diagnosis');
  await expect(run).toBeEnabled({ timeout: RESULT_TIMEOUT });
  const requestsBefore = (await lab.stats()).statusRequests;
  await run.click();
  await expect(step).toHaveAttribute('data-result', 'problem', { timeout: RESULT_TIMEOUT });
  expect((await lab.stats()).statusRequests).toBeGreaterThan(requestsBefore);
});

test('clicking a sidebar step shows its panel', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const panel = page.getByTestId('step-panel');
  await expect(panel).toHaveAttribute('data-step', 'status-page');
  for (const id of ['dns', 'support', 'private-window', 'status-page'] as const) {
    await page.getByTestId(`step-${id}`).click();
    await expect(panel).toHaveAttribute('data-step', id);
    await expect(panel).toContainText(STEPS.find((step) => step.id === id)!.title);
  }
});

test('a page opened without the token shows the refusal, not results', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  const refused = page.waitForResponse((response) => response.url().startsWith(`${bridge.origin}/api/`) && response.status() === 401);
  const requestsBefore = (await lab.stats()).statusRequests;
  await page.goto(`${bridge.origin}/`);
  await refused;
  const errorBar = page.getByTestId('error-bar');
  await expect(errorBar).toBeVisible();
  await expect(errorBar).toContainText(/token/i);
  await expect(page.locator('[data-testid^="check-"][data-status]')).toHaveCount(0);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  expect((await lab.stats()).statusRequests).toBe(requestsBefore); // the engine never ran
});

test('"That fixed it" turns the verdict into the resolved state, with what fixed it', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await page.goto(bridge.url);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-cause', 'service-outage', { timeout: RESULT_TIMEOUT });
  await expect(verdict).toHaveAttribute('data-state', 'diagnosed');
  await page.getByTestId('step-wait-retry').click();
  await page.getByTestId('manual-ok').click();
  await expect(verdict).toHaveAttribute('data-state', 'resolved');
  await expect(verdict).toContainText('Lab Service works now');
  await expect(verdict).toContainText('You said “Wait for server issues to resolve (retry later)” fixed it.');
  await expect(page.getByTestId('step-wait-retry')).toHaveAttribute('data-mark', 'fixed');
  // A new run that still fails outvotes the earlier word.
  await page.getByTestId('run-diagnosis').click();
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  await expect(verdict).toHaveAttribute('data-state', 'diagnosed');
  await lab.setScenario('operational');
});

test('"Test this step again" re-runs that step’s checks only and the verdict follows', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await page.goto(bridge.url);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-cause', 'service-outage', { timeout: RESULT_TIMEOUT });
  await lab.setScenario('operational');
  const siteBefore = (await lab.stats()).siteRequests;
  await page.getByTestId('recheck-step').click();
  await expect(page.getByTestId('step-status-page')).toHaveAttribute('data-result', 'ok', { timeout: RESULT_TIMEOUT });
  await expect(verdict).not.toHaveAttribute('data-cause', 'service-outage');
  // Only the status page was asked again: the service's site was not.
  expect((await lab.stats()).siteRequests).toBe(siteBefore);
});

test('the support step previews the report exactly as saved, and copies a short summary for the support page', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.origin });
  await page.goto(bridge.url);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-cause', 'service-outage', { timeout: RESULT_TIMEOUT });
  await page.getByTestId('step-refresh').click();
  await page.getByTestId('manual-failed').click();
  await page.getByTestId('step-support').click();

  // The preview is the HTML report, styled (its stylesheet allowed by hash), with the verdict in words and what was tried.
  const preview = page.frameLocator('[data-testid="report-preview"]');
  await expect(preview.locator('h1')).toContainText('Lab Service');
  await expect(preview.locator('body')).toContainText('Lab Service is having an outage');
  await expect(preview.locator('body')).toContainText('Refresh the page');
  // Unstyled, the page would be in the browser's default serif font.
  expect(await preview.locator('body').evaluate((body) => getComputedStyle(body).fontFamily)).toMatch(/^system-ui/);
  expect(await page.getByTestId('report-preview').getAttribute('sandbox')).toBe('');

  const summary = page.getByTestId('report-summary');
  await expect(summary).toContainText('Lab Service is having an outage');
  const lines = (await summary.innerText()).trim().split('\n');
  expect(lines.length).toBeLessThanOrEqual(15);

  await page.getByTestId('copy-summary').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe((await summary.innerText()).trim() + '\n');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  const popup = page.waitForEvent('popup');
  await page.getByTestId('open-support').click();
  expect((await popup).url()).toMatch(/\/support$/);
  // Copied before the page opened.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('Lab Service is having an outage');
  await lab.setScenario('operational');
});
