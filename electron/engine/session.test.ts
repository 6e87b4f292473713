import { describe, expect, it } from 'vitest';
import type { DnsSwitchResult } from '../common/dns-schema.js';
import { ReportSchema, type Report } from '../common/spec.js';
import { redactReport } from '../report/redact.js';
import { createSessionRecorder, describeServers, revertChange, switchChange } from './session.js';

const AT = new Date('2025-03-01T10:00:00.000Z');
const base: DnsSwitchResult = { ok: true, backend: 'networkmanager', servers: ['8.8.8.8', '8.8.4.4'], interfaces: ['Wired connection 1'], verification: [], reverted: false, warnings: [] };

describe('session changes, one plain sentence each', () => {
  it('names a preset, or lists the addresses', () => {
    expect(describeServers(['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888'])).toBe('Google Public DNS (8.8.8.8, 8.8.4.4, 2001:4860:4860::8888)');
    expect(describeServers(['1.1.1.1', '8.8.8.8'])).toBe('1.1.1.1, 8.8.8.8');
  });

  it('a kept switch, an automatic revert, a switch left half-done, and nothing when nothing changed', () => {
    expect(switchChange(base, AT)).toEqual({
      kind: 'dns-switch',
      at: '2025-03-01T10:00:00.000Z',
      summary: "DNS was switched to Google Public DNS (8.8.8.8, 8.8.4.4) on 1 network connection and kept: the new servers found the service's addresses.",
    });
    expect(
      switchChange(
        { ...base, ok: false, reverted: true, servers: ['127.0.0.3'], interfaces: ['/etc/resolv.conf', 'eth1'], reason: 'the new DNS servers did not resolve chat.lab (no answer within 800 ms); the previous DNS settings were put back' },
        AT,
      ),
    ).toEqual({
      kind: 'dns-auto-revert',
      at: '2025-03-01T10:00:00.000Z',
      summary:
        'DNS was switched to 127.0.0.3 on 2 network connections for a moment, then put back automatically: the new DNS servers did not resolve chat.lab (no answer within 800 ms); the previous DNS settings were put back.',
    });
    expect(switchChange({ ...base, ok: false, revertNeeded: true, reason: 'putting the previous settings back failed too' }, AT)).toMatchObject({
      kind: 'dns-switch',
      summary: expect.stringContaining('could not be put back automatically'),
    });
    expect(switchChange({ ...base, ok: false, reason: 'nothing was changed' }, AT)).toBeNull();
    expect(revertChange({ reverted: true, backend: 'resolv-conf', interfaces: ['/etc/resolv.conf'], message: 'x', warnings: [] }, AT)).toEqual({
      kind: 'dns-revert',
      at: '2025-03-01T10:00:00.000Z',
      summary: "The DNS settings from before Gateway Doctor's change were restored on 1 network connection.",
    });
    expect(revertChange({ reverted: false, interfaces: [], message: 'There is no DNS change to revert.', warnings: [] }, AT)).toBeNull();
  });
});

describe('session recorder', () => {
  it('keeps runs and changes in order, the latest 500, and the marks as last saved', () => {
    const session = createSessionRecorder();
    for (let i = 0; i < 502; i += 1) session.recordRun({ startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), verdict: { cause: i % 2 ? 'dns' : 'browser' } as Report['verdict'] });
    session.recordChange(switchChange(base, AT));
    session.recordChange(null);
    session.setSteps([{ step: 'refresh', result: 'not-fixed', at: AT.toISOString() }]);
    session.setSteps([{ step: 'dns', result: 'fixed', at: AT.toISOString() }]);
    const snapshot = session.snapshot();
    expect(snapshot.runs).toHaveLength(500);
    expect(snapshot.runs[0]).toEqual({ startedAt: '2025-01-01T00:00:02.000Z', cause: 'browser' });
    expect(snapshot.changes.map((c) => c.kind)).toEqual(['dns-switch']);
    expect(snapshot.steps).toEqual([{ step: 'dns', result: 'fixed', at: AT.toISOString() }]);
    // A snapshot is a copy: later records do not change a report already handed out.
    session.recordChange(switchChange(base, AT));
    expect(snapshot.changes).toHaveLength(1);
  });

  it('goes through redaction with the rest of the report', () => {
    const report = ReportSchema.parse({
      schemaVersion: 1,
      generator: { name: 'gateway-doctor', version: '0.1.0' },
      startedAt: AT.toISOString(),
      durationMs: 5,
      profile: { name: 'Lab', targets: ['https://chat.lab/'] },
      environment: { os: { platform: 'linux', release: '6', arch: 'x64' }, adapters: [], dnsServers: [], proxy: null, vpn: null, redacted: false },
      checks: [],
      verdict: { cause: 'dns', confidence: 'high', summary: 'DNS.', nextSteps: [], alsoFound: [] },
      session: { steps: [], changes: [switchChange({ ...base, servers: ['192.168.1.53'] }, AT)], runs: [] },
    });
    const redacted = redactReport(report, { identifiers: [] });
    expect(redacted.session?.changes[0]?.summary).toContain('192.168.x.x');
    expect(redacted.session?.changes[0]?.summary).not.toContain('192.168.1.53');
  });
});
