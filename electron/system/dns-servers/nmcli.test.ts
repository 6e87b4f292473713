import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { nmcliDnsArgv, parseNmcliDeviceShow } from './nmcli.js';

describe('nmcli device show (terse)', () => {
  it('builds a fixed argv in terse mode', () => {
    expect(nmcliDnsArgv()).toEqual(['nmcli', '-t', '-f', 'GENERAL.DEVICE,IP4.DNS,IP6.DNS', 'device', 'show']);
  });

  it('reads each device block, IPv4 and IPv6, skipping devices without DNS', () => {
    expect(parseNmcliDeviceShow(fixture('nmcli-device-show.with-device.txt'))).toEqual([
      { source: 'nmcli', interface: 'wlp2s0', servers: ['192.168.1.1', '1.1.1.1', 'fd00:1234::1', 'fe80::1%wlp2s0'] },
      { source: 'nmcli', interface: 'enp0s31f6', servers: ['10.0.0.1'] },
      { source: 'nmcli', interface: 'tun0', servers: ['10.8.0.1'] },
    ]);
  });

  it('reads the DNS-only field selection (no device names)', () => {
    expect(parseNmcliDeviceShow(fixture('nmcli-device-show.dns-only.txt'))).toEqual([
      { source: 'nmcli', servers: ['192.168.1.1', '2001:db8:1::53'] },
      { source: 'nmcli', servers: ['10.8.0.1', '10.8.0.2'] },
    ]);
  });

  it('gives nothing when NetworkManager is not running', () => {
    expect(parseNmcliDeviceShow('')).toEqual([]);
  });
});
