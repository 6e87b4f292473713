import { describe, expect, it } from 'vitest';
import { classifyStatus, toTargetFacts } from './status-class.js';
import type { TargetProbeResult } from './types.js';

describe('classifyStatus', () => {
  it.each([200, 204, 301, 302, 304, 307, 401, 403, 429])('%i means the service is reachable', (status) => {
    expect(classifyStatus(status)).toBe('reachable');
  });
  it.each([500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527])('%i is a server error', (status) => {
    expect(classifyStatus(status)).toBe('server-error');
  });
  it.each([0, 100, 400, 404, 405, 407, 501, 505, 511, 519, 528, 530])('%i is neither', (status) => {
    expect(classifyStatus(status)).toBe('other');
  });
});

describe('toTargetFacts', () => {
  const base: TargetProbeResult = { url: 'https://chat.lab/', failedLayer: null, dns: { ok: true, durationMs: 1, addresses: ['127.0.0.1'] }, totalMs: 5 };

  it('reports an HTTP answer with its class', () => {
    expect(toTargetFacts('app', { ...base, http: { ok: true, durationMs: 2, status: 502 } })).toEqual({
      id: 'app', url: 'https://chat.lab/', failedLayer: null, httpStatus: 502, serverError: true, reachable: false,
    });
    expect(toTargetFacts('app', { ...base, http: { ok: true, durationMs: 2, status: 403 } })).toMatchObject({ reachable: true, serverError: false });
  });

  it('reports a certificate problem and no status when TLS failed', () => {
    const result: TargetProbeResult = {
      ...base,
      failedLayer: 'tls',
      tls: { ok: false, durationMs: 3, authorized: false, problem: 'unknown-issuer', error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    };
    expect(toTargetFacts('app', result)).toEqual({
      id: 'app', url: 'https://chat.lab/', failedLayer: 'tls', serverError: false, reachable: false, tlsProblem: 'unknown-issuer',
    });
  });
});
