// Issue 7, end to end: in each scenario world (one per cause, and the two-fault worlds), the wizard in Chromium —
// served by the development bridge inside the world's own network namespace — tells one story: no step says
// "Problem found" for a cause that does not hold, no router or cable advice is visible while the local network
// is healthy, and no DNS switch is offered while a captive portal intercepts.
import { ReportSchema, STEPS, type Report } from '../electron/common/spec.js';
import { expect, test } from '@playwright/test';
import { serveWorld } from './fixtures/world-host.js';
import { netnsUnavailableReason } from './lab/netns.js';
import { localNetworkHealthy, oneVoiceProblems, ROUTER_ADVICE } from './scenarios/one-voice.js';
import { CAUSE_WORLDS, TWO_FAULT_WORLDS } from './scenarios/scenarios.js';

const unavailable = netnsUnavailableReason();

for (const scenario of [...CAUSE_WORLDS, ...TWO_FAULT_WORLDS]) {
  test(`${scenario.world.name}: every step agrees with the verdict (${scenario.cause})`, async ({ playwright }, testInfo) => {
    test.skip(unavailable !== null, `scenario worlds need a network namespace: ${unavailable}`);
    test.setTimeout(90_000);
    const world = await serveWorld(scenario.world, playwright.chromium, { headless: true, ...testInfo.project.use.launchOptions });
    try {
      const page = await world.browser.newPage();
      await page.goto(world.url);
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-cause', scenario.cause, { timeout: 30_000 });
      const exported = await page.evaluate(() => window.gatewayDoctor!.exportReport({ format: 'json', redact: false }));
      const report: Report = ReportSchema.parse(JSON.parse(exported.content));
      expect(oneVoiceProblems(report)).toEqual([]);
      const holding: string[] = [report.verdict.cause, ...report.verdict.alsoFound];
      const healthy = localNetworkHealthy(report);
      const portal = holding.includes('captive-portal');

      if (healthy) expect(await page.getByTestId('verdict').innerText()).not.toMatch(ROUTER_ADVICE);
      for (const { id } of STEPS) {
        await page.getByTestId(`step-${id}`).click();
        const panel = page.getByTestId('step-panel');
        await expect(panel).toHaveAttribute('data-step', id);
        const result = await page.getByTestId(`step-${id}`).getAttribute('data-result');
        await expect(panel.locator('.panel-head .badge')).toHaveAttribute('data-state', result!);
        const finding = panel.getByTestId('step-finding');
        if (result === 'problem') {
          expect(holding, `step ${id}`).toContain(await finding.getAttribute('data-cause'));
        }
        if (result === 'consequence') {
          // It points to the step that fixes it, and that step has the problem.
          await expect(finding.getByTestId('go-to-fix')).toBeVisible();
        }
        // What a person can read here (folded instructions are not shown).
        const text = await panel.innerText();
        if (healthy) expect(text, `step ${id}`).not.toMatch(ROUTER_ADVICE);
        if (id === 'dns' && portal) {
          await expect(panel.getByTestId('dns-switch')).toHaveCount(0);
          await expect(panel.getByTestId('dns-switch-blocked')).toBeVisible();
        }
        if (id === 'connection' && portal) {
          // The sign-in page the engine measured, shown and opened as such (not some other site).
          const signIn = report.facts?.connectivity?.portalUrl;
          expect(signIn).toBeDefined();
          await expect(panel.getByTestId('portal-url')).toHaveText(signIn!);
          const popup = page.waitForEvent('popup');
          await panel.getByTestId('open-portal').click();
          const opened = await popup;
          expect(opened.url()).toBe(signIn);
          await opened.close();
        }
      }
    } finally {
      await world.stop();
    }
  });
}
