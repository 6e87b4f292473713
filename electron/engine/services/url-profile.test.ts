// Any URL makes a profile; its status page is probed for real against lab servers on loopback.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { netnsUnavailableReason, runInNetns } from '../../../e2e/lab/netns.js';
import { startStatusServer, type StatusScenario, type StatusServer } from '../../../e2e/lab/status-server.js';
import { chooseService, UnknownServiceError } from './choose.js';
import { isStatuspageSummary, profileFromUrl, ServiceUrlError } from './url-profile.js';
import { ProfileError } from '../profile.js';

let server: StatusServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function statusPage(scenario: StatusScenario): Promise<string> {
  server = await startStatusServer(scenario);
  return server.url;
}

describe('isStatuspageSummary (a real HTTP probe)', () => {
  it('is true only for a 2xx Statuspage summary', async () => {
    expect(await isStatuspageSummary(await statusPage('operational'))).toBe(true);
    await server!.close();
    expect(await isStatuspageSummary(await statusPage('major-outage'))).toBe(true);
    await server!.close();
    expect(await isStatuspageSummary(await statusPage('malformed'))).toBe(false);
    await server!.close();
    expect(await isStatuspageSummary(await statusPage('http-500'))).toBe(false);
  });

  it('gives up within its timeout when the page never answers', async () => {
    const url = await statusPage('hang');
    const started = performance.now();
    expect(await isStatuspageSummary(url, { timeoutMs: 300 })).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('profileFromUrl', () => {
  it('makes the host the one target and the name, with the default resolvers and connectivity check', async () => {
    const asked: string[] = [];
    const profile = await profileFromUrl('https://chat.example.co.uk/c/42?x=1', {
      probe: async (url) => {
        asked.push(url);
        return false;
      },
    });
    expect(asked).toEqual(['https://status.example.co.uk/api/v2/summary.json']);
    expect(profile).toEqual({
      name: 'chat.example.co.uk',
      targets: [{ id: 'app', url: 'https://chat.example.co.uk/' }],
      referenceResolvers: ['8.8.8.8', '1.1.1.1'],
      connectivityCheck: 'http://connectivitycheck.gstatic.com/generate_204',
    });
  });

  it('adds the status page when the candidate answers as a Statuspage summary', async () => {
    const profile = await profileFromUrl('intranet.example:8443', { probe: async () => true });
    expect(profile.name).toBe('intranet.example:8443');
    expect(profile.targets).toEqual([{ id: 'app', url: 'https://intranet.example:8443/' }]);
    expect(profile.statusPage).toEqual({ url: 'https://status.intranet.example/api/v2/summary.json', components: [] });
  });

  it('does not probe anything for an IP address', async () => {
    const profile = await profileFromUrl('http://127.0.0.1:9/', { probe: async () => { throw new Error('must not probe'); } });
    expect(profile).toMatchObject({ name: '127.0.0.1:9', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] });
    expect(profile.statusPage).toBeUndefined();
  });

  it('refuses a bad address with one line naming it (a ProfileError: exit 2 in the CLI)', async () => {
    const error = await profileFromUrl('ftp://x.example/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUrlError);
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as Error).message).toBe('--url "ftp://x.example/": only http: and https: addresses can be checked, not ftp:');
  });
});

describe('chooseService', () => {
  it('a built-in id, any URL, or an unknown id refused with the known ones named', async () => {
    expect(await chooseService({ service: 'claude' })).toMatchObject({ serviceId: 'claude', profile: { name: 'Claude' } });
    expect(await chooseService({ url: 'http://127.0.0.1:9/' })).toMatchObject({ profile: { name: '127.0.0.1:9' } });
    const error = await chooseService({ service: 'bard' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownServiceError);
    expect((error as Error).message).toMatch(/^--service "bard": no such service \(known: chatgpt, claude, /);
  });
});

const netnsProblem = netnsUnavailableReason();
if (netnsProblem) console.warn(`skipping the any-URL status page lookups in a namespace: ${netnsProblem}`);

describe.skipIf(netnsProblem !== null)('profileFromUrl for real: DNS and HTTPS in a network namespace', () => {
  it('finds status.<registered domain> when it answers as a Statuspage summary, and gives up quickly when it does not', async () => {
    const helper = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../e2e/engine/url-profile.netns-helper.ts');
    const run = await runInNetns([process.execPath, '--import', 'tsx', helper], { resolvConf: 'nameserver 127.0.0.2\noptions timeout:1 attempts:1\n', timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      results: Record<string, { statusPage: unknown; name: string; elapsedMs: number }>;
      statusRequests: number;
      dnsQueries: string[];
    };
    const found = { url: 'https://status.chat.lab/api/v2/summary.json', components: [] };
    expect(output.results['https://app.chat.lab/c/1']).toMatchObject({ name: 'app.chat.lab', statusPage: found });
    expect(output.results['https://chat.lab:8443/']).toMatchObject({ name: 'chat.lab:8443', statusPage: found });
    expect(output.results['https://www.nostatus.lab/']).toMatchObject({ statusPage: null });
    // A status name DNS never answers costs the probe's timeout at most, then the profile has no status page.
    expect(output.results['https://app.slow.lab/']).toMatchObject({ statusPage: null });
    expect(output.results['https://app.slow.lab/']!.elapsedMs).toBeLessThan(4_000);
    expect(output.statusRequests).toBe(2);
    expect(output.dnsQueries).toEqual(expect.arrayContaining(['status.chat.lab', 'status.nostatus.lab', 'status.slow.lab']));
  }, 70_000);
});
