// End-to-end tests: the wizard in Debian's Chromium, served by the development bridge against loopback lab
// servers; and (another project) the packaged app in Electron where its binary exists. Browsers are never
// downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1): the system's Chromium is used.
import { defineConfig } from '@playwright/test';

const CHROMIUM = process.env.GATEWAY_DOCTOR_CHROMIUM ?? '/usr/bin/chromium';

const launchOptions = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Tests talk to loopback only: no host name resolves (so nothing can reach the network by name), except
    // `rebinding.test`, which stands for an attacker's name pointed at 127.0.0.1 (the DNS-rebinding test).
    '--host-resolver-rules=MAP rebinding.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  forbidOnly: true,
  // Two cores: one browser at a time, and the bridge's engine runs beside it.
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: /electron\.spec\.ts$/,
      use: { browserName: 'chromium', launchOptions },
    },
    {
      // e2e/electron.spec.ts launches Electron itself (`_electron`); it needs no browser from this config.
      name: 'electron',
      testMatch: /electron\.spec\.ts$/,
      use: { launchOptions },
    },
  ],
});
