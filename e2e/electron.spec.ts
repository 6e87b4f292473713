// Smoke test of the real Electron app: main process, utility-process engine, sandboxed preload and renderer,
// with a profile that points at a lab status server on loopback. Skips (and says why) where the Electron binary
// is not installed: node_modules/electron downloads it on first use, which must not be attempted from a test.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_METHODS, INVOKE_METHODS, type GatewayDoctorApi } from '../electron/common/contract.js';
import { STEPS } from '../electron/common/spec.js';
import { startStatusServer, type StatusServer } from './lab/status-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainBundle = path.join(root, 'dist', 'main', 'main.cjs');

/** Why Electron cannot run here, or null when it can. Mirrors node_modules/electron/index.js, minus the download. */
function electronUnavailable(): string | null {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  if (executable === '' && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return 'the Electron binary is not installed (node_modules/electron/path.txt is missing; run "npx install-electron" with internet access)';
  }
  if (!existsSync(path.join(distDir, executable || 'electron'))) {
    return `the Electron binary is not installed (${path.join(distDir, executable || 'electron')} is missing)`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (run the tests under xvfb-run)';
  }
  return null;
}

const unavailable = electronUnavailable();
if (unavailable !== null) console.log(`[e2e/electron.spec.ts] skipping the Electron smoke test: ${unavailable}.`);

test.describe('Electron app', () => {
  test.skip(unavailable !== null, `Electron smoke test skipped: ${unavailable}`);

  let status: StatusServer;
  let tmp: string;
  let app: ElectronApplication | undefined;

  test.beforeAll(async () => {
    status = await startStatusServer('operational');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gd-electron-'));
  });
  test.afterAll(async () => {
    await app?.close();
    await status?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('opens the wizard with the given profile, sandboxed, engine in a utility process', async () => {
    test.setTimeout(120_000); // a cold Electron start on two cores
    expect(existsSync(mainBundle), `${mainBundle} is missing: run "npm run build" first`).toBe(true);
    const origin = new URL(status.url).origin;
    const profileFile = path.join(tmp, 'lab-profile.json');
    writeFileSync(
      profileFile,
      JSON.stringify({
        name: 'Lab service',
        targets: [{ id: 'app', url: `${origin}/` }],
        statusPage: { url: status.url, components: ['Conversations', 'Login'] },
        // Nothing here may leave the machine: closed loopback ports for everything else.
        referenceResolvers: ['127.0.0.1:9'],
        connectivityCheck: 'http://127.0.0.1:9/generate_204',
      }),
    );

    // No executablePath: Playwright then resolves node_modules/electron itself (present, checked above) and
    // preloads its loader, which holds the app's `ready` until the test is attached.
    app = await electron.launch({
      args: [
        root,
        '--profile',
        profileFile,
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        // Chromium's own resolver resolves nothing (the page loads no remote content anyway).
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
      cwd: root,
      timeout: 60_000,
    });
    const page = await app.firstWindow();

    await expect(page.locator('[data-testid="wizard"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator(`[data-testid="step-${STEPS[0].id}"]`)).toContainText(STEPS[0].title);
    expect(await page.title()).toBe('Gateway Doctor');

    // The page has no Node, and exactly the contract's named methods.
    const surface = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((window as unknown as { gatewayDoctor: object }).gatewayDoctor).sort(),
    }));
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', api: [...INVOKE_METHODS, ...EVENT_METHODS].sort() });

    // The preload reaches the engine, which runs the profile given on the command line.
    const info = await page.evaluate(() => (window as unknown as { gatewayDoctor: GatewayDoctorApi }).gatewayDoctor.getInfo());
    expect(info).toMatchObject({ host: 'electron', profile: { name: 'Lab service' } });

    // The engine runs in its own utility process (ForkOptions.serviceName is the metric's name).
    const engineProcess = await app.evaluate(({ app: electronApp }) =>
      electronApp.getAppMetrics().some((metric) => metric.type === 'Utility' && metric.name === 'Gateway Doctor engine'),
    );
    expect(engineProcess).toBe(true);

    // Remote content is refused: navigation away is prevented, the page stays the app.
    await page.evaluate(() => {
      window.location.href = 'http://127.0.0.1:9/';
    });
    await page.waitForTimeout(500);
    expect(new URL(page.url()).protocol).toBe('file:');
    await expect(page.locator('[data-testid="wizard"]')).toBeVisible();
  });
});
