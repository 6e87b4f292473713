import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { parseResolvectlStatus, resolvectlStatusArgv } from './resolvectl.js';

describe('resolvectl status', () => {
  it('builds a fixed argv without a pager', () => {
    expect(resolvectlStatusArgv()).toEqual(['resolvectl', 'status', '--no-pager']);
  });

  it('reads systemd 252 output: global DoT servers, several links, ports and zones, fallback ignored', () => {
    expect(parseResolvectlStatus(fixture('resolvectl-status.systemd252.txt'))).toEqual([
      { source: 'resolvectl', servers: ['1.1.1.1', '2606:4700:4700::1111'] },
      { source: 'resolvectl', interface: 'wlp2s0', servers: ['192.168.1.1', 'fd00:1234::1', 'fe80::1%wlp2s0'] },
      { source: 'resolvectl', interface: 'tun0', servers: ['10.8.0.1', '10.8.0.2'] },
    ]);
  });

  it('reads systemd 245 output: padded columns, one server per continuation line, no global servers', () => {
    expect(parseResolvectlStatus(fixture('resolvectl-status.systemd245.txt'))).toEqual([
      { source: 'resolvectl', interface: 'wlp58s0', servers: ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456'] },
    ]);
  });

  it('falls back to the fallback servers only when nothing else is configured', () => {
    const onlyFallback = fixture('resolvectl-status.systemd252.txt')
      .split('\n')
      .filter((line) => !/^\s*(Current )?DNS Servers?:/.test(line))
      .join('\n');
    expect(parseResolvectlStatus(onlyFallback)).toEqual([
      {
        source: 'resolvectl (fallback)',
        servers: ['1.1.1.1', '9.9.9.9', '8.8.8.8', '2606:4700:4700::1111', '2620:fe::9', '2001:4860:4860::8888'],
      },
    ]);
  });

  it('gives nothing for an error message', () => {
    expect(parseResolvectlStatus('Failed to get global data: Unit dbus-org.freedesktop.resolve1.service not found.\n')).toEqual([]);
  });
});
