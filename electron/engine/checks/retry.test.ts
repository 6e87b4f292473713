// The retry check against real lab servers on loopback: persistent vs intermittent server errors.
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_CA } from '../../../e2e/lab/certs/lab-certs.js';
import { startWebServer, type WebBehaviour } from '../../../e2e/lab/https-server.js';
import { startProxyServer } from '../../../e2e/lab/proxy-server.js';
import { ProfileSchema } from '../../common/spec.js';
import type { CheckContext } from '../check.js';
import { createRetryCheck, retryCheck } from './retry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function site(behaviour: WebBehaviour) {
  const server = await startWebServer({ tls: 'leaf', behaviour });
  cleanups.push(() => server.close());
  return server;
}

function context(url: string, deadlineInMs = 8000): CheckContext {
  return {
    profile: ProfileSchema.parse({ name: 'Lab Chat', targets: [{ id: 'app', url }, { id: 'other', url: 'https://127.0.0.1:1/' }] }),
    signal: new AbortController().signal,
    deadline: Date.now() + deadlineInMs,
    extraCa: [LAB_CA],
  };
}

/** No proxy, whatever the machine has: an empty environment, no OS setting, no browser resolver. */
const NO_PROXY = { env: {}, platform: 'linux', resolver: null } as const;
const FAST = { proxy: NO_PROXY, backoffMs: [40, 80, 160] };

describe('retry check', () => {
  it('is the "wait-retry" step\'s check', () => {
    expect(retryCheck).toMatchObject({ id: 'retry', step: 'wait-retry' });
  });

  it('calls a server error that survives every retry persistent, waiting the backoff between requests', async () => {
    const app = await site({ kind: 'cloudflare', status: 502 });
    const outcome = await createRetryCheck(FAST).run(context(app.url));
    expect(outcome.facts?.retry).toEqual({ attempts: 4, serverErrors: 4, persistent: true });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('4 times in a row');
    expect(outcome.summary).toContain('persists');
    expect(app.requests).toBe(4);
    const attempts = outcome.evidence.attempts as { atMs: number; durationMs: number; status: number }[];
    expect(attempts.map((a) => a.status)).toEqual([502, 502, 502, 502]);
    FAST.backoffMs.forEach((delay, i) => {
      expect(attempts[i + 1]!.atMs - attempts[i]!.atMs).toBeGreaterThanOrEqual(delay + attempts[i]!.durationMs - 2);
    });
  });

  it('calls a server error that goes away intermittent and stops retrying once it worked', async () => {
    const app = await site({ kind: 'flaky', failures: 2, fail: { kind: 'nginx', status: 503 }, then: { kind: 'status', status: 200 } });
    const outcome = await createRetryCheck(FAST).run(context(app.url));
    expect(outcome.facts?.retry).toEqual({ attempts: 3, serverErrors: 2, persistent: false });
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('came and went');
    expect(app.requests).toBe(3);
  });

  it('does not retry when the first answer is fine', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const outcome = await createRetryCheck(FAST).run(context(app.url));
    expect(outcome).toMatchObject({ status: 'pass', facts: { retry: { attempts: 1, serverErrors: 0, persistent: false } } });
    expect(app.requests).toBe(1);
  });

  it('skips when the target cannot be reached at all', async () => {
    const outcome = await createRetryCheck(FAST).run(context('https://127.0.0.1:1/'));
    expect(outcome).toMatchObject({ status: 'skip', facts: { retry: { attempts: 1, serverErrors: 0, persistent: false } } });
    expect(outcome.summary).toContain('could not be reached');
  });

  it("asks for the browser's route once and retries along it, through the proxy the browser uses", async () => {
    const app = await site({ kind: 'cloudflare', status: 502 });
    const proxy = await startProxyServer({ hosts: { 'chat.lab': '127.0.0.1' } });
    cleanups.push(() => proxy.close());
    const asked: string[] = [];
    const resolver = async (url: string) => {
      asked.push(url);
      return `PROXY 127.0.0.1:${proxy.port}`;
    };
    const url = `https://chat.lab:${app.port}/`;
    const outcome = await createRetryCheck({ ...FAST, proxy: { ...NO_PROXY, resolver } }).run(context(url));
    expect(outcome.facts?.retry).toEqual({ attempts: 4, serverErrors: 4, persistent: true });
    expect(asked).toEqual([url]);
    expect(proxy.requests).toEqual(Array(4).fill(`CONNECT chat.lab:${app.port}`));
    expect(outcome.evidence.proxySetting).toEqual({ url: proxy.url, decidedBy: 'electron' });
  });

  it('keeps its retries within the deadline (default backoff 300, 600, 1200 ms)', async () => {
    const app = await site({ kind: 'status', status: 503 });
    const started = Date.now();
    const outcome = await createRetryCheck({ proxy: NO_PROXY }).run(context(app.url, 1000));
    expect(Date.now() - started).toBeLessThan(1000);
    // First request, then 300 ms later a second; no time left for the 600 ms wait.
    expect(outcome.facts?.retry).toEqual({ attempts: 2, serverErrors: 2, persistent: true });
  });
});
