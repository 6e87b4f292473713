// Chrome's captive-portal rules, against the real lab endpoint (e2e/lab/connectivity-server.ts) fetched the way the
// connection check fetches it (http-get, no redirects followed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectivityServer, type ConnectivityMode, type ConnectivityServer } from '../../../e2e/lab/connectivity-server.js';
import { httpGet, HttpGetError } from '../../engine/net/http-get.js';
import { classifyConnectivity } from './captive-portal.js';

let lab: ConnectivityServer;
beforeAll(async () => {
  lab = await startConnectivityServer('204');
});
afterAll(async () => {
  await lab.close();
});

async function classifyMode(mode: ConnectivityMode) {
  lab.mode = mode;
  const response = await httpGet(lab.url, { timeoutMs: 3000 });
  return { response, classification: classifyConnectivity(response) };
}

describe('classifyConnectivity on real answers', () => {
  it('204: open', async () => {
    expect((await classifyMode('204')).classification).toEqual({ verdict: 'open', reason: '204 No Content' });
  });

  it('200 with an empty body: open', async () => {
    expect((await classifyMode('200-empty')).classification.verdict).toBe('open');
  });

  it('200 with a page: portal', async () => {
    const { classification } = await classifyMode('200-page');
    expect(classification.verdict).toBe('portal');
  });

  it('302 to a login page: portal, with the login URL', async () => {
    const { response, classification } = await classifyMode('302-login');
    expect(response.status).toBe(302);
    expect(classification.verdict).toBe('portal');
    expect(classification.location).toMatch(new RegExp(`^${lab.loginUrl}\\?continue=`));
  });

  it('511: portal', async () => {
    expect((await classifyMode('511')).classification).toMatchObject({ verdict: 'portal', reason: '511 Network Authentication Required' });
  });

  it('hang: no answer at all (the caller records "not answered")', async () => {
    lab.mode = 'hang';
    const error = await httpGet(lab.url, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpGetError);
    expect((error as HttpGetError).code).toBe('ETIMEDOUT');
  });
});

describe('classifyConnectivity edge cases', () => {
  it('treats other errors as unexpected, not as a portal (Chrome counts them as no response)', () => {
    expect(classifyConnectivity({ status: 403, body: 'Forbidden', headers: {} }).verdict).toBe('unexpected');
    expect(classifyConnectivity({ status: 502, body: '', headers: {} }).verdict).toBe('unexpected');
    expect(classifyConnectivity({ status: 200, body: ' ', headers: {} }).verdict).toBe('portal');
    expect(classifyConnectivity({ status: 307, body: '', headers: {} })).toEqual({ verdict: 'portal', reason: '307 redirect' });
  });
});
