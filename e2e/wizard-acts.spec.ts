// Issue 8 in Chromium through the development bridge: the wizard does the waiting, the opening and the
// remembering. Desktop notifications go through the browser's Notification API, with permission granted to the
// page; a wrapper records what was shown.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/bridge.js';

const RESULT_TIMEOUT = 20_000;

/** Grants notifications to the bridge's page and records every notification it shows. */
async function recordNotifications(page: Page, origin: string): Promise<void> {
  await page.context().grantPermissions(['notifications'], { origin });
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    window.Notification = Recorded as typeof Notification;
  });
}

const shownNotifications = (page: Page): Promise<{ title: string; body: string }[]> =>
  page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications);

test('step 11’s 15-minute timer counts down, survives switching steps, and ends with a notification', async ({ page, bridge }) => {
  await recordNotifications(page, bridge.origin);
  await page.clock.install();
  await page.goto(bridge.url);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  await page.getByTestId('step-sign-in').click();
  await page.getByTestId('timer-start-15').click();
  await expect(page.getByTestId('step-timer')).toHaveAttribute('data-state', 'running');
  await page.clock.fastForward('05:00');
  await expect(page.getByTestId('timer-left')).toHaveText('10:00');
  // Another step meanwhile: the timer goes on.
  await page.getByTestId('step-status-page').click();
  await page.clock.fastForward('10:01');
  await expect.poll(() => shownNotifications(page)).toEqual([
    { title: 'Time to sign in to Lab Service again', body: 'The Lab Service wait is over: open Lab Service and sign in.' },
  ]);
  await page.getByTestId('step-sign-in').click();
  await expect(page.getByTestId('timer-done')).toContainText('The wait is over: sign in to Lab Service again.');
});

test('a timer can be cancelled, and then never rings', async ({ page, bridge }) => {
  await recordNotifications(page, bridge.origin);
  await page.clock.install();
  await page.goto(bridge.url);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  await page.getByTestId('step-wait-retry').click();
  await page.getByTestId('timer-start-5').click();
  await page.getByTestId('timer-cancel').click();
  await page.clock.fastForward('06:00');
  await expect(page.getByTestId('step-timer')).toHaveAttribute('data-state', 'idle');
  expect(await shownNotifications(page)).toEqual([]);
});

test('progress is kept: after a reload the same step, marks, results and timer are back; Start over clears them', async ({ page, bridge, lab }) => {
  await page.goto(bridge.url);
  const verdict = page.getByTestId('verdict');
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  const cause = await verdict.getAttribute('data-cause');
  await page.getByTestId('step-refresh').click();
  await page.getByTestId('manual-failed').click(); // moves on to step 4
  await page.getByTestId('step-sign-in').click();
  await page.getByTestId('timer-start-20').click();
  const runsBefore = (await lab.stats()).siteRequests;
  await page.waitForTimeout(500); // the wizard saves a moment after a change

  await page.reload();
  await expect(page.getByTestId('restored-notice')).toBeVisible();
  await expect(page.getByTestId('step-panel')).toHaveAttribute('data-step', 'sign-in');
  await expect(page.getByTestId('step-refresh')).toHaveAttribute('data-mark', 'not-fixed');
  await expect(verdict).toHaveAttribute('data-cause', cause!);
  await expect(page.getByTestId('step-timer')).toHaveAttribute('data-state', 'running');
  // Where the person left off: nothing was diagnosed again by itself.
  expect((await lab.stats()).siteRequests).toBe(runsBefore);

  await page.getByTestId('start-over').click();
  await expect(page.getByTestId('step-panel')).toHaveAttribute('data-step', 'status-page');
  await expect(page.getByTestId('step-refresh')).not.toHaveAttribute('data-mark', /./);
  await expect(page.getByTestId('restored-notice')).toHaveCount(0);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('step-sign-in')).toBeVisible();
  await page.getByTestId('step-sign-in').click();
  await expect(page.getByTestId('step-timer')).toHaveAttribute('data-state', 'idle');
});

test('the browser steps list the browsers installed here, with what the app can do in each', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  // Debian's Chromium is installed on the test machine (the browser these tests drive).
  await page.getByTestId('step-private-window').click();
  const panel = page.getByTestId('step-panel');
  const chromium = panel.getByTestId('browser-chromium');
  await expect(chromium).toBeVisible();
  await expect(chromium.getByTestId('browser-chromium-private')).toHaveText('Open Lab Service in an Incognito window');
  await expect(chromium.getByRole('link', { name: 'About its private windows' })).toHaveAttribute('href', 'https://support.google.com/chrome/answer/95464');
  await page.getByTestId('step-extensions').click();
  // Chromium takes no extensions page on its command line: the step says how to get there by hand.
  await expect(panel.getByTestId('browser-chromium')).toContainText('chrome://extensions');
  await expect(panel.getByTestId('extensions-chromium')).toBeVisible();
});

test('any service: a built-in one or a typed address, named everywhere, and remembered after a reload', async ({ page, bridge, lab }) => {
  await page.goto(bridge.url);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });

  await page.getByTestId('change-service').click();
  const picker = page.getByTestId('service-picker');
  await expect(picker).toBeVisible();
  await expect(picker.getByTestId('service-chatgpt')).toContainText('chatgpt.com');
  await picker.getByTestId('service-claude').click();
  await expect(page.getByTestId('service-name')).toHaveText('Claude');
  await expect(page).toHaveTitle('Gateway Doctor — Claude');
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  // Every sentence names the chosen service: here its status page, on the first step.
  await expect(page.getByTestId('step-panel')).toContainText('Claude status page');

  // Any other site, by its address: here the lab's own page.
  await page.getByTestId('change-service').click();
  await picker.getByTestId('service-url').fill('file:///etc/passwd');
  await picker.getByTestId('service-url-go').click();
  await expect(picker.getByTestId('service-url-problem')).toHaveText('Only http: and https: addresses can be checked, not file:.');
  const host = new URL(lab.siteOrigin).host;
  await picker.getByTestId('service-url').fill(`${lab.siteOrigin}/`);
  await picker.getByTestId('service-url-go').click();
  await expect(page.getByTestId('service-name')).toHaveText(host);
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
  // Its page answers (the refresh step's check reached it); the default connectivity check does not, in the lab.
  await page.getByTestId('step-refresh').click();
  await expect(page.getByTestId('check-targets')).toContainText(`${host} answers normally`);
  const cause = await page.getByTestId('verdict').getAttribute('data-cause');
  await page.waitForTimeout(500); // saved a moment after the change

  await page.reload();
  await expect(page.getByTestId('service-name')).toHaveText(host);
  await expect(page.getByTestId('restored-notice')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-cause', cause!);
  await expect(page.getByTestId('step-panel')).toHaveAttribute('data-step', 'refresh');

  // The profile the app was started with stays one click away.
  await page.getByTestId('change-service').click();
  await picker.getByTestId('service-start-profile').click();
  await expect(page.getByTestId('service-name')).toHaveText('Lab Service');
  await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: RESULT_TIMEOUT });
});

test('"Tell me when it works" during an outage: watched with backoff, notified when it is back, and the verdict follows', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await recordNotifications(page, bridge.origin);
  await page.goto(bridge.url);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-cause', 'service-outage', { timeout: RESULT_TIMEOUT });

  await verdict.getByTestId('watch-start').click();
  const watch = verdict.getByTestId('watch-panel');
  await expect(watch).toHaveAttribute('data-state', /^(waiting|checking)$/);
  // The first re-check comes (1 s in these tests, 30 s in the app) and finds it still failing.
  await expect(watch.getByTestId('watch-status')).toContainText('Last check at', { timeout: 10_000 });
  // The watch survives switching steps.
  await page.getByTestId('step-wait-retry').click();
  await expect(page.getByTestId('step-panel').getByTestId('watch-panel')).toHaveAttribute('data-state', /^(waiting|checking)$/);

  await lab.setScenario('operational');
  await expect.poll(() => shownNotifications(page), { timeout: 20_000 }).toEqual([
    expect.objectContaining({ title: 'Lab Service works again' }),
  ]);
  // Diagnosed again by itself: the outage is over.
  await expect(verdict).toHaveAttribute('data-state', 'resolved', { timeout: RESULT_TIMEOUT });
  await expect(verdict).toContainText('the outage is over');
});
