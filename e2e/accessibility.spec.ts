// Accessibility of every step, checked by axe-core in Chromium: no serious or critical violation in the light and
// dark themes, at 1200×800 and at 800×600; and at 800×600 the current step's content is on screen without
// scrolling past the step list.
import AxeBuilder from '@axe-core/playwright';
import { STEPS } from '../electron/common/spec.js';
import { expect, test } from './fixtures/bridge.js';

const RESULT_TIMEOUT = 20_000;
const SIZES = [
  { width: 1200, height: 800 },
  { width: 800, height: 600 },
] as const;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`every step passes axe in the ${colorScheme} theme at ${size.width}×${size.height}`, async ({ page, bridge, lab }) => {
      test.setTimeout(120_000);
      // An outage: the steps show problems, consequences and steps not needed, not only "OK".
      await lab.setScenario('major-outage');
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.goto(bridge.url);
      await expect(page.getByTestId('verdict')).toBeVisible({ timeout: RESULT_TIMEOUT });
      await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
      for (const { id } of STEPS) {
        await page.getByTestId(`step-${id}`).click();
        await expect(page.getByTestId('step-panel')).toHaveAttribute('data-step', id);
        // The report preview is the saved HTML report in a script-less sandbox (axe cannot run inside it): its own
        // accessibility is checked on the report itself (e2e/report.spec.ts).
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .exclude('[data-testid="report-preview"]')
          .analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
        expect(serious, `step ${id}`).toEqual([]);
      }
      await lab.setScenario('operational');
    });
  }
}

test('at 800×600 the current step’s content is in view, not below the step list', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(bridge.url);
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: RESULT_TIMEOUT });
  for (const id of ['status-page', 'dns', 'support'] as const) {
    await page.getByTestId(`step-${id}`).click();
    const title = page.locator('#step-panel-title');
    await expect(title).toBeInViewport();
    // The step list takes one row here, above the panel.
    const list = await page.locator('.steps').boundingBox();
    expect(list!.height).toBeLessThan(120);
  }
});

test('a skip link leads keyboard users straight to the current step', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the current step' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-content')).toBeFocused();
});
