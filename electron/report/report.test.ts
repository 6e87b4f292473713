import { describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '../common/spec.js';
import { redactReport } from './redact.js';

function sample(): Report {
  return {
    schemaVersion: 1,
    generator: { name: 'gateway-doctor', version: '0.1.0' },
    startedAt: '2026-11-26T04:00:00.000Z',
    durationMs: 1234,
    profile: { name: 'Lab <b>', targets: ['https://chat.lab/'] },
    environment: {
      os: { platform: 'linux', release: '6.1', arch: 'x64' },
      adapters: [
        { iface: 'wlan0', mac: 'a4:5e:60:d1:22:9f', ip4: '192.168.1.23', ip6: '2a02:8108:1c3f:9e00:1a2b:3c4d:5e6f:7a8b', ssid: 'Home-Net' },
        { iface: 'eth0', ip6LinkLocal: 'fe80::a65e:60ff:fed1:229f%eth0' },
      ],
      dnsServers: ['192.168.1.1', '8.8.8.8'],
      proxy: { url: 'http://alice:secret@proxy.corp:8080' },
      vpn: null,
      redacted: false,
    },
    checks: [
      {
        id: 'status-page',
        step: 'status-page',
        title: "Service's status page",
        status: 'fail',
        summary: 'Reports <script>alert(1)</script> | an incident',
        durationMs: 12,
        evidence: { path: '/home/alice/profile.json', host: 'alice-laptop', address: '104.18.32.47', page: '```\n# injected' },
      },
      {
        id: 'connection',
        step: 'connection',
        title: 'Internet connection',
        status: 'pass',
        summary: 'You’re on Wi-Fi (“Home-Net”, signal 80 %) and the internet answers normally.',
        durationMs: 30,
        evidence: { wifi: { ssid: 'Home-Net', signalPercent: 80 } },
      },
    ],
    verdict: { cause: 'service-outage', confidence: 'medium', summary: 'Outage.', nextSteps: [{ step: 'wait-retry', action: 'Wait.' }], alsoFound: [] },
  };
}

const context = { identifiers: [{ value: '/home/alice', label: '~' }, { value: 'alice-laptop', label: '<host>' }, { value: 'alice', label: '<user>' }] };

describe('redaction', () => {
  const redacted = redactReport(sample(), context);
  const text = JSON.stringify(redacted);

  it('removes what identifies the user and their network', () => {
    expect(text).not.toContain('alice');
    expect(text).not.toContain('a4:5e:60:d1:22:9f');
    expect(text).not.toContain('192.168.1.23');
    expect(text).not.toContain('5e6f:7a8b');
    expect(text).not.toContain('Home-Net');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('60ff:fed1:229f'); // a link-local address built from the MAC
    expect(redacted.checks[1]!.summary).toBe('You’re on Wi-Fi (“[redacted]”, signal 80 %) and the internet answers normally.');
    expect(redacted.environment.proxy).toEqual({ url: 'http://[redacted]@proxy.corp:8080' });
    expect(redacted.checks[0]!.evidence.path).toBe('~/profile.json');
    expect(redacted.environment.redacted).toBe(true);
  });

  it('keeps what support needs: network class of every address, well-known resolvers, the profile and verdict', () => {
    expect(redacted.environment.dnsServers).toEqual(['192.168.x.x', '8.8.8.8']);
    expect(redacted.checks[0]!.evidence.address).toBe('104.18.x.x');
    expect(redacted.profile).toEqual(sample().profile);
    expect(redacted.verdict).toEqual(sample().verdict);
    expect(ReportSchema.safeParse(redacted).success).toBe(true);
  });
});
