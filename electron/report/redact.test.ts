// Redaction of every part of a report (profile, checks, environment, facts, session) in every format: credentials
// and token-carrying parameters never survive, addresses keep only their network part, the service stays readable.
import { describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '../common/spec.js';
import { renderReport, REPORT_FORMATS } from './formats.js';
import { isSecretParameter, redactReport } from './redact.js';

const TARGET = 'https://alice:hunter2-pass@chat.lab/c/1?access_token=tok-SECRET-1&lang=en#id_token=tok-SECRET-2';

function hostile(): Report {
  return {
    schemaVersion: 1,
    generator: { name: 'gateway-doctor', version: '0.1.0' },
    startedAt: '2026-11-26T04:00:00.000Z',
    durationMs: 1234,
    profile: { name: 'Lab Chat', targets: [TARGET, 'https://203.0.113.9:8443/health?X-Amz-Signature=sig-SECRET-3'] },
    environment: {
      os: { platform: 'linux', release: '6.1', arch: 'x64' },
      adapters: [{ iface: 'eth0', ip4: '203.0.113.77', ip6: '2a02:8108:1c3f:9e00::1', gateway: '100.64.12.1' }],
      dnsServers: ['192.168.1.1', '8.8.8.8', '2606:4700:4700::1111', '198.51.100.53'],
      proxy: { url: 'http://bob:pr0xy-SECRET-4@proxy.corp:8080', headers: { 'Proxy-Authorization': 'Basic Ym9iOnNlY3JldA==' } },
      vpn: null,
      redacted: false,
    },
    checks: [
      {
        id: 'app',
        step: 'refresh',
        title: 'chat.lab',
        status: 'fail',
        summary: `Requested ${TARGET}: the server at 104.18.32.47 answered 502 (Bearer eyJhbGciOiJIUzI1NiJ9.payload-SECRET-5)`,
        durationMs: 12,
        evidence: {
          url: TARGET,
          redirect: 'https://auth.chat.lab/cb?code=oauth-SECRET-6&state=xyz',
          addresses: ['104.18.32.47', '2606:4700:10::6816:202f'],
          browser: 'Chromium 120.0.6099.71',
          cookie: 'session=cookie-SECRET-7',
        },
      },
    ],
    verdict: { cause: 'server-error', confidence: 'high', summary: 'chat.lab answers 502.', nextSteps: [{ step: 'wait-retry', action: 'Wait.' }], alsoFound: [] },
    facts: {
      targets: [{ id: 'app', url: TARGET, failedLayer: null, httpStatus: 502, serverError: true, reachable: false }],
    },
    session: {
      steps: [{ step: 'refresh', result: 'not-fixed', at: '2026-11-26T04:01:00.000Z' }],
      changes: [{ kind: 'dns-switch', at: '2026-11-26T04:02:00.000Z', summary: 'Switched to 8.8.8.8 while https://carol:sess-SECRET-8@chat.lab/?sid=sid-SECRET-9 failed' }],
      runs: [{ startedAt: '2026-11-26T04:00:00.000Z', cause: 'server-error' }],
    },
  };
}

const context = { identifiers: [{ value: 'alice', label: '<user>' }] };
const SECRETS = ['hunter2', 'tok-SECRET-1', 'tok-SECRET-2', 'sig-SECRET-3', 'pr0xy-SECRET-4', 'Ym9iOnNlY3JldA', 'payload-SECRET-5', 'oauth-SECRET-6', 'cookie-SECRET-7', 'sess-SECRET-8', 'sid-SECRET-9', 'alice', 'bob:', 'carol'];

describe('redaction of credentials', () => {
  const redacted = redactReport(hostile(), context);

  it('leaves no credential or token in any format, the profile, facts and session included', () => {
    expect(ReportSchema.safeParse(redacted).success).toBe(true);
    for (const format of REPORT_FORMATS) {
      const text = renderReport(redacted, format);
      for (const secret of SECRETS) expect(text, `${format}: ${secret}`).not.toContain(secret);
    }
  });

  it('keeps the service readable: host names, paths and harmless parameters', () => {
    expect(redacted.profile.name).toBe('Lab Chat');
    expect(redacted.profile.targets).toEqual([
      'https://[redacted]@chat.lab/c/1?access_token=[redacted]&lang=en#id_token=[redacted]',
      'https://203.0.113.9:8443/health?X-Amz-Signature=[redacted]',
    ]);
    expect(redacted.facts?.targets?.[0]?.url).toBe(redacted.profile.targets[0]);
    expect(redacted.checks[0]!.evidence.redirect).toBe('https://auth.chat.lab/cb?code=[redacted]&state=xyz');
    expect(redacted.checks[0]!.title).toBe('chat.lab');
    expect(redacted.verdict).toEqual(hostile().verdict);
    expect(redacted.environment.proxy).toEqual({ url: 'http://[redacted]@proxy.corp:8080', headers: { 'Proxy-Authorization': '[redacted]' } });
    expect(redacted.session?.changes[0]?.summary).toBe('Switched to 8.8.8.8 while https://[redacted]@chat.lab/?sid=[redacted] failed');
  });

  it('names secret parameters by their usual names', () => {
    for (const name of ['token', 'access_token', 'X-Amz-Signature', 'api_key', 'apiKey', 'client_secret', 'sig', 'code', 'sid', 'password', 'auth']) {
      expect(isSecretParameter(name), name).toBe(true);
    }
    for (const name of ['lang', 'page', 'q', 'state', 'utm_source', 'v']) expect(isSecretParameter(name), name).toBe(false);
  });
});

describe('redaction of addresses', () => {
  const redacted = redactReport(hostile(), { ...context, keep: ['198.51.100.53'] });

  it('cuts public and private addresses to their network part, recognisably', () => {
    expect(redacted.environment.adapters[0]).toMatchObject({ ip4: '203.0.x.x', ip6: '2a02:8108:…', gateway: '100.64.x.x' });
    expect(redacted.checks[0]!.evidence.addresses).toEqual(['104.18.x.x', '2606:4700:…']);
    expect(redacted.checks[0]!.summary).toContain('the server at 104.18.x.x answered 502');
  });

  it('keeps loopback, the well-known resolvers, the resolvers the caller names, target addresses and version numbers', () => {
    expect(redacted.environment.dnsServers).toEqual(['192.168.x.x', '8.8.8.8', '2606:4700:4700::1111', '198.51.100.53']);
    expect(redacted.profile.targets[1]).toMatch(/^https:\/\/203\.0\.113\.9:8443\//);
    expect(redacted.checks[0]!.evidence.browser).toBe('Chromium 120.0.6099.71');
    const local = redactReport({ ...hostile(), checks: [{ ...hostile().checks[0]!, summary: 'lab at 127.0.0.10 and ::1' }] }, context);
    expect(local.checks[0]!.summary).toBe('lab at 127.0.0.10 and ::1');
  });

  it("never rewrites the service's host names, even when a user or host name is part of them", () => {
    const report = redactReport(hostile(), { identifiers: [{ value: 'chat', label: '<host>' }, { value: 'lab', label: '<user>' }] });
    expect(report.profile.targets[0]).toMatch(/^https:\/\/\[redacted\]@chat\.lab\/c\/1\?/);
    expect(report.checks[0]!.title).toBe('chat.lab');
    expect(report.checks[0]!.evidence.redirect).toBe('https://auth.chat.lab/cb?code=[redacted]&state=xyz');
    // Elsewhere the identifying words are still replaced.
    expect(redactReport({ ...hostile(), checks: [{ ...hostile().checks[0]!, summary: 'saved in /home/lab/chat-notes' }] }, { identifiers: [{ value: 'chat', label: '<host>' }, { value: 'lab', label: '<user>' }] }).checks[0]!.summary).toBe('saved in /home/<user>/<host>-notes');
  });
});
