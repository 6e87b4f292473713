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
const SPACED = { proxy: NO_PROXY, spacingMs: 100 };

describe('retry check', () => {
  it('is the "wait-retry" step\'s check', () => {
    expect(retryCheck).toMatchObject({ id: 'retry', step: 'wait-retry' });
  });

  it('calls a server error that survives every retry persistent, the attempts spread over a short window', async () => {
    const app = await site({ kind: 'cloudflare', status: 502 });
    const outcome = await createRetryCheck(SPACED).run(context(app.url));
    expect(outcome.facts?.retry).toEqual({ attempts: 3, serverErrors: 3, persistent: true });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('3 times in a row');
    expect(outcome.summary).toContain('persists');
    expect(app.requests).toBe(3);
    const attempts = outcome.evidence.attempts as { atMs: number; durationMs: number; status: number }[];
    expect(attempts.map((a) => a.status)).toEqual([502, 502, 502]);
    // Timers fire no earlier than asked (a busy machine may fire them later, together).
    expect(attempts[1]!.atMs).toBeGreaterThanOrEqual(100 - 2);
    expect(attempts[2]!.atMs).toBeGreaterThanOrEqual(200 - 2);
  });

  it('a slow server error costs its answer time once: the attempts wait for it side by side', async () => {
    const slow = await startWebServer({ tls: 'leaf', behaviour: { kind: 'status', status: 504 }, delayMs: 900 });
    cleanups.push(() => slow.close());
    const started = Date.now();
    const outcome = await createRetryCheck(SPACED).run(context(slow.url));
    const elapsed = Date.now() - started;
    expect(outcome.facts?.retry).toEqual({ attempts: 3, serverErrors: 3, persistent: true });
    // In series the three answers would take 2.7 s; side by side, 0.9 s and the 0.2 s spread.
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a slow but healthy answer cancels the attempts started while waiting for it', async () => {
    const slow = await startWebServer({ tls: 'leaf', behaviour: { kind: 'status', status: 200 }, delayMs: 400 });
    cleanups.push(() => slow.close());
    const outcome = await createRetryCheck(SPACED).run(context(slow.url));
    expect(outcome).toMatchObject({ status: 'pass', facts: { retry: { attempts: 1, serverErrors: 0, persistent: false } } });
    expect((outcome.evidence.attempts as unknown[]).length).toBe(1);
  });

  it('calls a server error that goes away intermittent', async () => {
    const app = await site({ kind: 'flaky', failures: 2, fail: { kind: 'nginx', status: 503 }, then: { kind: 'status', status: 200 } });
    const outcome = await createRetryCheck(SPACED).run(context(app.url));
    expect(outcome.facts?.retry).toEqual({ attempts: 3, serverErrors: 2, persistent: false });
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('came and went');
    expect(app.requests).toBe(3);
  });

  it('does not retry when the first answer is fine', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const outcome = await createRetryCheck(SPACED).run(context(app.url));
    expect(outcome).toMatchObject({ status: 'pass', facts: { retry: { attempts: 1, serverErrors: 0, persistent: false } } });
    expect(app.requests).toBe(1);
  });

  it('skips when the target cannot be reached at all', async () => {
    const outcome = await createRetryCheck(SPACED).run(context('https://127.0.0.1:1/'));
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
    const outcome = await createRetryCheck({ ...SPACED, proxy: { ...NO_PROXY, resolver } }).run(context(url));
    expect(outcome.facts?.retry).toEqual({ attempts: 3, serverErrors: 3, persistent: true });
    expect(asked).toEqual([url]);
    expect(proxy.requests).toEqual(Array(3).fill(`CONNECT chat.lab:${app.port}`));
    expect(outcome.evidence.proxySetting).toEqual({ url: proxy.url, decidedBy: 'electron' });
  });

  it('starts no attempt it has no time to wait for (default spacing 100 ms)', async () => {
    const app = await site({ kind: 'status', status: 503 });
    const started = Date.now();
    // 100 ms in, 250 ms are left: less than an attempt needs (250 ms) plus the check's margin (100 ms).
    const outcome = await createRetryCheck({ proxy: NO_PROXY }).run(context(app.url, 350));
    expect(Date.now() - started).toBeLessThan(350);
    expect(outcome.facts?.retry).toEqual({ attempts: 1, serverErrors: 1, persistent: false });
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('no time left to ask again');
  });

  it('shares its first attempt with the targets check: one request, one answer', async () => {
    const app = await site({ kind: 'status', status: 200 });
    const shared = context(app.url);
    const { createTargetsCheck } = await import('./targets.js');
    const [retry, targets] = await Promise.all([createRetryCheck(SPACED).run(shared), createTargetsCheck({ proxy: NO_PROXY }).run(shared)]);
    expect(retry.status).toBe('pass');
    expect(targets.facts?.targets?.[0]).toMatchObject({ httpStatus: 200 });
    expect(app.requests).toBe(1);
  });
});
