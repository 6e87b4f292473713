import { expect, test } from './fixtures/bridge.js';
test('shots', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(bridge.url);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: 20000 });
  await page.getByTestId('step-refresh').click();
  await page.screenshot({ path: '/tmp/shot-refresh.png', fullPage: true });
  await page.getByTestId('step-status-page').click();
  await page.screenshot({ path: '/tmp/shot-status.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('step-connection').click();
  await page.screenshot({ path: '/tmp/shot-conn-dark.png', fullPage: true });
  await lab.setScenario('operational');
});
