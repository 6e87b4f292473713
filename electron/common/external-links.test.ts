import { describe, expect, it } from 'vitest';
import type { CheckResult } from './spec.js';
import { measuredPortal } from './external-links.js';

const connection = (connectivityCheck: Record<string, unknown>): { checks: CheckResult[] } => ({
  checks: [
    { id: 'dns', step: 'dns', title: 'DNS', status: 'pass', summary: 'ok', durationMs: 1, evidence: { connectivityCheck: { verdict: 'portal', url: 'http://decoy/' } } },
    { id: 'connection', step: 'connection', title: 'Connection', status: 'fail', summary: 'portal', durationMs: 1, evidence: { connectivityCheck } },
  ],
});
const CHECK = 'http://connectivitycheck.gstatic.com/generate_204';

describe('measuredPortal (from the connection check’s evidence)', () => {
  it('is the redirect target of a 302, resolved against the check address', () => {
    expect(measuredPortal(connection({ url: CHECK, verdict: 'portal', httpStatus: 302, location: 'http://10.0.0.1/login?x=1' }))).toBe('http://10.0.0.1/login?x=1');
    expect(measuredPortal(connection({ url: CHECK, verdict: 'portal', httpStatus: 302, location: '/portal/login' }))).toBe(
      'http://connectivitycheck.gstatic.com/portal/login',
    );
  });

  it('is the check address itself when the portal answered in place (511, or a page)', () => {
    expect(measuredPortal(connection({ url: CHECK, verdict: 'portal', httpStatus: 511 }))).toBe(CHECK);
  });

  it('is nothing for an open network, an unanswered check, a strange or credentialed redirect, or no connection check', () => {
    expect(measuredPortal(connection({ url: CHECK, verdict: 'open', httpStatus: 204 }))).toBeNull();
    expect(measuredPortal(connection({ url: CHECK, error: 'ETIMEDOUT' }))).toBeNull();
    expect(measuredPortal(connection({ url: CHECK, verdict: 'portal', location: 'javascript:alert(1)' }))).toBeNull();
    expect(measuredPortal(connection({ url: CHECK, verdict: 'portal', location: 'file:///etc/passwd' }))).toBeNull();
    expect(measuredPortal(connection({ url: CHECK, verdict: 'portal', location: 'http://user:pw@10.0.0.1/' }))).toBeNull();
    expect(measuredPortal({ checks: [] })).toBeNull();
  });
});
