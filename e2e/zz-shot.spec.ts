import { expect, test } from './fixtures/bridge.js';
test('shots', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(bridge.url);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: 20000 });
  await page.getByTestId('step-wait-retry').click();
  await page.screenshot({ path: '/tmp/shot-wait.png' });
  await page.getByTestId('step-support').click();
  await page.screenshot({ path: '/tmp/shot-support.png', fullPage: true });
  await page.getByTestId('change-service').click();
  await page.screenshot({ path: '/tmp/shot-picker.png' });
  await lab.setScenario('operational');
});
