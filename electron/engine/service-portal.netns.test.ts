// The captive portal the engine measured is the one plain-http address the app opens (and only while measured):
// the real connection check against a lab portal, in a network namespace (service-portal.netns-helper.ts).
import { fileURLToPath } from 'node:url';
import { browserHelpPages } from '../common/browser-help.js';
import { describe, expect, it } from 'vitest';
import { netnsUnavailableReason, runInNetns } from '../../e2e/lab/netns.js';
import { EXTERNAL_LINK_REFUSED } from '../common/external-links.js';

const reason = netnsUnavailableReason();
if (reason) console.warn(`service-portal.netns.test.ts: skipped: ${reason}`);

describe.skipIf(reason)('engine service: the measured captive portal', () => {
  it('is allowed out after a connection check measured it, exactly, and no longer once the network is open', async () => {
    const helper = fileURLToPath(new URL('../../e2e/engine/service-portal.netns-helper.ts', import.meta.url));
    const run = await runInNetns([process.execPath, '--import', 'tsx', helper], { resolvConf: 'nameserver 127.0.0.2\n', timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    const steps = Object.fromEntries(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { step: string } & Record<string, unknown>)
        .map((s) => [s.step, s]),
    );
    const origins = ['https://chat.lab', 'https://status.chat.lab'];

    expect(steps.before).toMatchObject({ links: { origins, portal: null }, portalLogin: { refused: EXTERNAL_LINK_REFUSED } });

    const measured = steps.portal!;
    expect(measured.verdict).toMatchObject({ verdict: 'portal', httpStatus: 302 });
    expect(measured.links).toEqual({ origins, portal: measured.loginUrl, pages: browserHelpPages() });
    expect(measured.portalLogin).toEqual({ url: measured.loginUrl, opened: false });
    expect(String(measured.loginUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?continue=/);
    expect(measured.otherPageOfPortal).toEqual({ refused: EXTERNAL_LINK_REFUSED });
    expect(measured.statusHome).toEqual({ url: 'https://status.chat.lab/', opened: false });

    expect(steps.open).toMatchObject({ links: { origins, portal: null }, portalLogin: { refused: EXTERNAL_LINK_REFUSED } });
  }, 90_000);
});
