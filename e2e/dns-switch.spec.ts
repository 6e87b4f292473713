// The DNS step's one-click switch in Debian's Chromium, against the real engine behind the development bridge,
// changing DNS for real: the bridge, the lab resolvers and Chromium live in a network namespace with only `lo`,
// whose /etc/resolv.conf is a bind-mounted temp file (the resolv.conf backend rewrites it). In the lab the target
// chat.lab fails on the system resolver (127.0.0.1:53) and resolves on 127.0.0.2:53. Google's servers cannot be
// reached from the namespace (no route: nothing leaves it), so a switch to them fails its verification and must
// revert by itself. Outside a namespace these tests are skipped: they would change this machine's DNS.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DnsStatusSchema, type DnsStatus } from '../electron/common/dns-schema.js';
import { JOURNAL_FILE, JournalSchema, writeJournal } from '../electron/system/dns/journal.js';
import { rewriteResolvConf, savedCopyDigest } from '../electron/system/dns/resolv-conf.js';
import { expect, LAB_RESOLV_CONF, RENDERER_DIR, test, type Lab, type LabHost } from './fixtures/bridge.js';
import { LAB_DNS_HOST, LAB_GOOD_RESOLVER } from './fixtures/lab-world.js';
import { netnsUnavailableReason } from './lab/netns.js';

const netnsReason = netnsUnavailableReason();
if (netnsReason) console.warn(`e2e dns-switch: skipped, a real DNS switch runs only inside a network namespace (${netnsReason})`);

// The DNS check finishes early in the page-load diagnosis, but that diagnosis shares two cores with Chromium.
const CHECK_TIMEOUT = 15_000;

function resolvConf(host: LabHost): string {
  return readFileSync(host.resolvConfFile!, 'utf8');
}

async function dnsStatus(lab: Lab): Promise<DnsStatus> {
  const lines = await lab.call('dnsStatus');
  return DnsStatusSchema.parse(lines.at(-1)!.result);
}

async function openDnsStep(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('step-dns').click();
  await expect(page.getByTestId('dns-panel')).toBeVisible();
  // The panel shows the namespace's resolv.conf as the engine read it.
  await expect(page.getByTestId('dns-current')).toContainText('/etc/resolv.conf');
}

// A worker of its own: the lab world is a worker fixture.
test.use({ labWorld: 'dns-switch' });

test.describe('the DNS step switches DNS in one click, verified, and reverts', () => {
  test.skip(netnsReason !== null, `a real DNS switch runs only inside a network namespace (${netnsReason})`);

  test.beforeAll(() => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`${RENDERER_DIR}/index.html is missing: run "node scripts/build.mjs --only renderer,bridge" first (npm test builds first)`);
    }
  });

  test.afterEach(async ({ labHost, lab }) => {
    // Every test leaves DNS exactly as it found it; if one failed half-way, put it back for the next.
    if ((await dnsStatus(lab)).change) await lab.call('dnsRevert');
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);
  });

  test('switch to a working resolver: confirmation, progress, verified; Revert restores the file byte for byte', async ({ page, bridge, lab, labHost }) => {
    await openDnsStep(page, bridge.url);
    const current = page.getByTestId('dns-current');
    await expect(current).toContainText('127.0.0.1 (set manually)');
    const comparison = page.getByTestId('dns-comparison');
    await expect(comparison).toHaveAttribute('data-tone', 'helps', { timeout: CHECK_TIMEOUT });
    await expect(comparison).toContainText(`The reference DNS server ${LAB_GOOD_RESOLVER} answered where yours failed — switching is likely to help.`);
    await expect(comparison).toContainText('Server failure');

    const switchButton = page.getByTestId('dns-switch');
    await expect(switchButton).toHaveText('Switch to Google DNS');
    await page.getByTestId('dns-preset-custom').check();
    const servers = page.getByTestId('dns-custom-servers');
    await servers.fill(`${LAB_GOOD_RESOLVER};reboot`);
    await expect(page.getByTestId('dns-custom-problem')).toHaveText('"reboot" is not an IPv4 or IPv6 address.');
    await expect(switchButton).toBeDisabled();
    await servers.fill(LAB_GOOD_RESOLVER);
    await expect(switchButton).toHaveText(`Switch to ${LAB_GOOD_RESOLVER}`);
    await switchButton.click();

    const dialog = page.getByRole('dialog', { name: `Switch to ${LAB_GOOD_RESOLVER}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('data-testid', 'dns-confirm-dialog');
    const plan = dialog.getByTestId('dns-plan-interface');
    await expect(plan).toHaveAttribute('data-interface', '/etc/resolv.conf');
    await expect(plan.getByRole('row', { name: /^IPv4/ })).toHaveText(`IPv4now: 127.0.0.1 (set manually)→after: ${LAB_GOOD_RESOLVER}`);
    await expect(plan.getByRole('row', { name: /^IPv6/ })).toContainText('after: none (unchanged)');
    await expect(dialog).toContainText(`check that ${LAB_DNS_HOST} resolves through the new servers`);
    // Root changes DNS without a prompt.
    await expect(dialog.getByTestId('dns-plan-elevation')).toHaveCount(0);
    // Focus starts on Cancel and stays inside the dialog.
    await expect(page.getByTestId('dns-cancel')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('dns-confirm')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('dns-cancel')).toBeFocused();
    // Planning changed nothing.
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);

    await page.getByTestId('dns-confirm').click();
    await expect(page.getByTestId('dns-confirm-dialog')).toHaveCount(0);
    const result = page.getByTestId('dns-result');
    await expect(result).toHaveAttribute('data-outcome', 'verified');
    await expect(result).toContainText('DNS switched and verified');
    await expect(result.getByTestId('dns-verified-host')).toHaveAttribute('data-ok', 'true');
    await expect(result.getByTestId('dns-verified-host')).toContainText(`${LAB_DNS_HOST}→ 127.0.0.1`);
    await expect(page.getByTestId('dns-progress')).toContainText(`Setting DNS to ${LAB_GOOD_RESOLVER} (/etc/resolv.conf)`);
    await expect(page.getByTestId('dns-progress')).toContainText(`Asking the new servers for ${LAB_DNS_HOST}`);

    // Really switched, and on record for Revert.
    expect(resolvConf(labHost)).toContain(`\nnameserver ${LAB_GOOD_RESOLVER}\n`);
    expect((await dnsStatus(lab)).change).toMatchObject({ state: 'active', servers: [LAB_GOOD_RESOLVER] });
    await expect(current).toContainText(`${LAB_GOOD_RESOLVER} (set manually)`);

    // Revert stays until reverted, wherever the user goes.
    const revert = page.getByTestId('dns-revert');
    await expect(revert).toHaveText('Revert to previous DNS');
    await page.getByTestId('step-vpn-proxy').click();
    await expect(page.getByTestId('step-dns').getByTestId('dns-changed-tag')).toBeVisible();
    await page.getByTestId('step-dns').click();
    await expect(revert).toBeVisible();
    // Revert first shows what it will write back; Cancel writes nothing.
    await revert.click();
    const confirmRevert = page.getByTestId('dns-revert-confirm');
    await expect(confirmRevert.getByTestId('dns-revert-lines')).toHaveText(
      ['/etc/resolv.conf will hold again:', ...LAB_RESOLV_CONF.replace(/\n$/, '').split('\n').map((line) => `  ${line}`)].join('\n'),
    );
    await confirmRevert.getByTestId('dns-revert-cancel').click();
    await expect(confirmRevert).toHaveCount(0);
    expect(resolvConf(labHost)).toContain(`\nnameserver ${LAB_GOOD_RESOLVER}\n`);
    await revert.click();
    await page.getByTestId('dns-revert-confirm-button').click();
    await expect(page.getByTestId('dns-revert-result')).toHaveAttribute('data-reverted', 'true');
    await expect(page.getByTestId('dns-revert')).toHaveCount(0);
    await expect(page.getByTestId('dns-changed-tag')).toHaveCount(0);
    await expect(current).toContainText('127.0.0.1 (set manually)');
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);
    expect((await dnsStatus(lab)).change).toBeNull();
    await expect(page.getByTestId('dns-error')).toHaveCount(0);
  });

  test('Google DNS cannot be reached from the namespace: verification fails and the switch reverts by itself', async ({ page, bridge, lab, labHost }) => {
    await openDnsStep(page, bridge.url);
    await page.getByTestId('dns-switch').click();
    const dialog = page.getByTestId('dns-confirm-dialog');
    await expect(dialog).toContainText('Switch to Google DNS?');
    const plan = dialog.getByTestId('dns-plan-interface');
    await expect(plan.getByRole('row', { name: /^IPv4/ })).toContainText('after: 8.8.8.8, 8.8.4.4');
    // resolv.conf is read for three nameservers: exactly those are written, and nothing alarming is said.
    await expect(plan.getByRole('row', { name: /^IPv6/ })).toContainText('after: 2001:4860:4860::8888');
    await expect(plan.getByRole('row', { name: /^IPv6/ })).not.toContainText('2001:4860:4860::8844');
    await expect(dialog.getByTestId('dns-plan-warnings')).toHaveCount(0);
    await page.getByTestId('dns-confirm').click();

    const result = page.getByTestId('dns-result');
    await expect(result).toHaveAttribute('data-outcome', 'reverted');
    await expect(result).toContainText('Switch undone — your DNS is as it was');
    await expect(result).toContainText(`Gateway Doctor reverted the change by itself because the new DNS servers did not resolve ${LAB_DNS_HOST}`);
    await expect(result.getByTestId('dns-verified-host')).toHaveAttribute('data-ok', 'false');
    await expect(page.getByTestId('dns-progress')).toContainText('Putting the previous DNS settings back');
    // Nothing kept, nothing to revert.
    await expect(page.getByTestId('dns-revert')).toHaveCount(0);
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);
    expect((await dnsStatus(lab)).change).toBeNull();
  });

  test('the view follows the change: re-checked after the switch ("works now"), and after Revert (DNS fails again)', async ({ page, bridge, labHost }) => {
    await openDnsStep(page, bridge.url);
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-cause', 'dns', { timeout: CHECK_TIMEOUT });
    await expect(page.getByTestId('step-dns')).toHaveAttribute('data-result', 'problem');

    await page.getByTestId('dns-preset-custom').check();
    await page.getByTestId('dns-custom-servers').fill(LAB_GOOD_RESOLVER);
    await page.getByTestId('dns-switch').click();
    await page.getByTestId('dns-confirm').click();
    await expect(page.getByTestId('dns-result')).toHaveAttribute('data-outcome', 'verified');

    // DNS and the target were measured again by themselves: the fix is acknowledged, in the verdict and the step.
    await expect(verdict).toHaveAttribute('data-state', 'resolved', { timeout: CHECK_TIMEOUT });
    await expect(verdict).toContainText('Lab Service works now');
    await expect(verdict).toContainText('Switching DNS fixed it');
    await expect(page.getByTestId('check-dns')).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId('rechecked-dns')).toContainText('Checked again at');
    await expect(page.getByTestId('dns-comparison')).not.toHaveAttribute('data-tone', 'helps');
    // What was not measured again says when it was measured.
    await page.getByTestId('step-connection').click();
    await expect(page.getByTestId('stale-connection')).toContainText('before the DNS switch');
    // A full re-run keeps saying what fixed it.
    await page.getByTestId('run-diagnosis').click();
    await expect(page.getByTestId('run-diagnosis')).toBeEnabled({ timeout: 20_000 });
    await expect(verdict).toHaveAttribute('data-state', 'resolved');
    await expect(page.getByTestId('stale-connection')).toHaveCount(0);

    // Back to the broken DNS: re-checked again, and the step no longer says OK.
    await page.getByTestId('step-dns').click();
    await page.getByTestId('dns-revert').click();
    await page.getByTestId('dns-revert-confirm-button').click();
    await expect(page.getByTestId('dns-revert-result')).toHaveAttribute('data-reverted', 'true');
    await expect(verdict).toHaveAttribute('data-state', 'diagnosed', { timeout: CHECK_TIMEOUT });
    await expect(verdict).toHaveAttribute('data-cause', 'dns');
    await expect(page.getByTestId('step-dns')).toHaveAttribute('data-result', 'problem');
    await expect(page.getByTestId('check-dns')).toHaveAttribute('data-state', 'problem');
    await expect(page.getByTestId('dns-comparison')).toHaveAttribute('data-tone', 'helps');
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);
  });

  test('Cancel (or Esc) in the confirmation changes nothing', async ({ page, bridge, lab, labHost }) => {
    await openDnsStep(page, bridge.url);
    const switchButton = page.getByTestId('dns-switch');
    await switchButton.click();
    await expect(page.getByTestId('dns-confirm-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('dns-confirm-dialog')).toHaveCount(0);
    await expect(switchButton).toBeFocused();

    await switchButton.click();
    await page.getByTestId('dns-cancel').click();
    await expect(page.getByTestId('dns-confirm-dialog')).toHaveCount(0);
    await expect(page.getByTestId('dns-result')).toHaveCount(0);
    await expect(page.getByTestId('dns-progress')).toHaveCount(0);
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);
    expect((await dnsStatus(lab)).change).toBeNull();
    expect(existsSync(path.join(labHost.dataDir!, JOURNAL_FILE))).toBe(false);
  });

  test('a switch a crash left half-done is offered for revert at start, on every step, until restored', async ({ page, bridge, lab, labHost }) => {
    // What a switch killed between apply and verify leaves: the new resolv.conf and an "applied" journal.
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const saved = { kind: 'resolv-conf', path: '/etc/resolv.conf', target: '/etc/resolv.conf', contentBase64: Buffer.from(LAB_RESOLV_CONF).toString('base64'), mode: 0o644 };
    // Sealed as Gateway Doctor's own, with no process start recorded (its process is gone).
    const journal = JournalSchema.parse({
      version: 1,
      state: 'applied',
      pid: process.pid,
      createdAt: hourAgo,
      updatedAt: hourAgo,
      backend: 'resolv-conf',
      servers: [LAB_GOOD_RESOLVER],
      interfaces: ['/etc/resolv.conf'],
      original: saved,
      before: saved,
      previous: null,
    });
    mkdirSync(labHost.dataDir!, { recursive: true });
    await writeJournal(labHost.dataDir!, journal);
    // The file as the switch left it: its marker line records the digest of the saved copy.
    writeFileSync(labHost.resolvConfFile!, rewriteResolvConf(LAB_RESOLV_CONF, [LAB_GOOD_RESOLVER], savedCopyDigest(Buffer.from(LAB_RESOLV_CONF))));
    expect((await dnsStatus(lab)).change?.state).toBe('interrupted');

    await page.goto(bridge.url);
    const banner = page.getByTestId('dns-interrupted-banner');
    await expect(banner).toContainText('A DNS change was interrupted before it finished');
    await expect(banner).toContainText(`A switch to ${LAB_GOOD_RESOLVER} on /etc/resolv.conf`);
    await page.getByTestId('step-refresh').click();
    await expect(banner).toBeVisible();
    await page.getByTestId('step-dns').click();
    await expect(banner).toBeVisible();
    // No new switch on top of an unfinished one; the DNS step offers Revert too.
    await expect(page.getByTestId('dns-switch')).toBeDisabled();
    await expect(page.getByTestId('dns-panel')).toContainText('restore the previous DNS first');
    await expect(page.getByTestId('dns-revert')).toBeVisible();

    await banner.getByTestId('dns-interrupted-revert').click();
    await expect(banner.getByTestId('dns-revert-lines')).toContainText('/etc/resolv.conf will hold again:');
    await banner.getByTestId('dns-revert-confirm-button').click();
    await expect(page.getByTestId('dns-restored-banner')).toContainText('Your previous DNS settings are back.');
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('dns-revert')).toHaveCount(0);
    await expect(page.getByTestId('dns-switch')).toBeEnabled();
    expect(resolvConf(labHost)).toBe(LAB_RESOLV_CONF);
    expect((await dnsStatus(lab)).change).toBeNull();
  });
});
