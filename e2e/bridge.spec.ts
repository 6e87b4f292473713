// The development bridge in a real browser, with a stand-in page (e2e/fixtures/minimal-renderer) so that a
// failure here is the bridge's, not the wizard's: the injected client, the token's life in the tab, streaming
// through fetch under the renderer's CSP, and the refusals a browser can provoke.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../electron/common/channels.js';
import { AppInfoSchema } from '../electron/common/contract.js';
import { ReportSchema } from '../electron/common/spec.js';
import { expect, test } from './fixtures/bridge.js';
import { LAB_SERVICE_NAME } from './fixtures/lab-world.js';

const MINIMAL_RENDERER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'minimal-renderer');
test.use({ bridgeRendererDir: MINIMAL_RENDERER });

test('the page gets a frozen window.gatewayDoctor before its own scripts, and the token leaves the address bar', async ({ page, bridge }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(bridge.url);
  await expect(page.locator('#status')).toHaveText('ready');
  await expect(page.locator('body')).toHaveAttribute('data-bridge-at-start', 'object');
  expect(page.url()).toBe(`${bridge.origin}/`);
  const shape = await page.evaluate(() => ({
    frozen: Object.isFrozen(window.gatewayDoctor),
    keys: Object.keys(window.gatewayDoctor!).sort(),
    replaced: (() => {
      try {
        (window as unknown as { gatewayDoctor: unknown }).gatewayDoctor = {};
      } catch {
        // strict-mode assignment to a read-only property
      }
      return Object.isFrozen(window.gatewayDoctor);
    })(),
    stored: sessionStorage.getItem('gateway-doctor-bridge-token'),
  }));
  expect(shape).toMatchObject({ frozen: true, keys: [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort(), replaced: true, stored: bridge.token });
  const info = AppInfoSchema.parse(await page.evaluate(() => window.gatewayDoctor!.getInfo()));
  expect(info).toMatchObject({ host: 'web-bridge', profile: { name: LAB_SERVICE_NAME } });
  expect(violations).toEqual([]);
});

test('a reload keeps working: the token stays in the tab, not in the address', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await page.reload();
  expect(page.url()).toBe(`${bridge.origin}/`);
  const info = await page.evaluate(() => window.gatewayDoctor!.getInfo());
  expect(info.host).toBe('web-bridge');
});

test('runDiagnosis streams progress to listeners before it resolves with the report', async ({ page, bridge, lab }) => {
  await lab.setScenario('major-outage');
  await page.goto(bridge.url);
  const outcome = await page.evaluate(async () => {
    const log: string[] = [];
    const api = window.gatewayDoctor!;
    const off = api.onProgress((event) => log.push(event.type === 'check-started' ? `started:${event.id}` : `finished:${event.result.id}:${event.result.status}`));
    const ignored = api.onProgress(() => log.push('unsubscribed listener called'));
    ignored();
    const report = await api.runDiagnosis({ checks: ['status-page'], timeoutMs: 5000 });
    log.push('resolved');
    off();
    return { log, report };
  });
  expect(outcome.log).toEqual(['started:status-page', 'finished:status-page:fail', 'resolved']);
  const report = ReportSchema.parse(outcome.report);
  expect(report.checks[0]).toMatchObject({ id: 'status-page', status: 'fail' });
  expect(report.checks[0]!.summary).toContain('Conversations unavailable');
});

test('bad input and engine failures reject with the bridge message', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const messages = await page.evaluate(async () => {
    const api = window.gatewayDoctor!;
    const settle = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => error.message);
    return [
      await settle(api.runDiagnosis({ timeoutMs: 'x' as unknown as number })),
      await settle(api.runDiagnosis({ checks: ['no-such-check'], timeoutMs: 2000 })),
    ];
  });
  expect(messages[0]).toMatch(/HTTP 400\): invalid input for runDiagnosis: timeoutMs/);
  expect(messages[1]).toBe('unknown check: no-such-check');
});

test('without the token the API is refused', async ({ page, bridge }) => {
  const refused = page.waitForResponse((response) => response.url().endsWith('/api/getInfo') && response.status() === 401);
  await page.goto(`${bridge.origin}/`);
  const message = await page.evaluate(() => window.gatewayDoctor!.getInfo().then(() => 'resolved', (error: Error) => error.message));
  await refused;
  expect(message).toMatch(/HTTP 401\): missing or wrong token/);
});

test('a page on another origin cannot call the API, even holding the token', async ({ page, bridge, lab }) => {
  // The lab site plays the attacker: another origin on loopback, its page without any CSP of its own.
  const failures: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().startsWith(`${bridge.origin}/api/`)) failures.push(request.failure()?.errorText ?? '?');
  });
  await page.goto(`${lab.siteOrigin}/`);
  const results = await page.evaluate(
    async ({ origin, token }) => {
      const attempt = (init: RequestInit) =>
        fetch(`${origin}/api/getInfo`, { method: 'POST', body: '{}', ...init }).then(
          (response) => `answered ${response.type} ${response.status}`,
          (error: Error) => `blocked: ${error.message}`,
        );
      return [
        // With the token header: the CORS preflight carries the foreign Origin and gets no CORS grant.
        await attempt({ headers: { 'content-type': 'application/json', 'x-gateway-doctor-token': token } }),
        // A "simple" request needs no preflight: the bridge refuses it (403, foreign Origin), and its
        // Cross-Origin-Resource-Policy keeps even that opaque answer from the page.
        await attempt({ mode: 'no-cors', headers: { 'content-type': 'text/plain' } }),
      ];
    },
    { origin: bridge.origin, token: bridge.token },
  );
  expect(results).toEqual(['blocked: Failed to fetch', 'blocked: Failed to fetch']);
  expect(failures).toEqual(['net::ERR_FAILED', 'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin']);
});

test('a name rebound to 127.0.0.1 gets 421, not the page (DNS rebinding)', async ({ page, bridge }) => {
  const response = await page.goto(`http://rebinding.test:${bridge.port}/`);
  expect(response?.status()).toBe(421);
  await expect(page.locator('body')).not.toContainText('ready');
  const api = await page.evaluate(async () => {
    const answer = await fetch('/api/getInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return answer.status;
  });
  expect(api).toBe(421);
});
