import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  networkManagerBackend,
  nmConnectionDetailsArgv,
  nmModifyArgv,
  nmPlanApply,
  nmPlanRestore,
  nmReapplyArgv,
  parseNmActiveConnections,
  parseNmConnectionDetails,
  parseNmRunning,
} from './nmcli.js';

const fixture = (name: string): string =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');

const WIFI = '3b9c6a44-8e1f-4d55-b2a1-0c6f2e9d7a12';
const WIRED = '8d5f0a0e-3c2b-4f0e-9a55-2b1d6c1e7f01';

/** nmcli as the machine in the fixtures answers it; records every argv. */
function fakeNmcli(details: Record<string, string>) {
  const calls: string[][] = [];
  const run = async (argv: string[]): Promise<string> => {
    calls.push(argv);
    if (argv.includes('--active')) return fixture('nmcli-connection-show-active.txt');
    const uuid = argv.at(-1)!;
    if (details[uuid] !== undefined) return details[uuid];
    throw new Error(`unexpected command ${argv.join(' ')}`);
  };
  return { run, calls };
}

describe('nmcli terse output', () => {
  it('reads RUNNING', () => {
    expect(parseNmRunning('running\n')).toBe(true);
    expect(parseNmRunning('not running\n')).toBe(false);
  });

  it('lists active connections, names with spaces and colons included', () => {
    const active = parseNmActiveConnections(fixture('nmcli-connection-show-active.txt'));
    expect(active.map((c) => [c.name, c.type, c.device])).toEqual([
      ['Wired connection 1', '802-3-ethernet', 'enp0s31f6'],
      ['Café WiFi: 5GHz', '802-11-wireless', 'wlp2s0'],
      ['lo', 'loopback', 'lo'],
      ['corp-vpn', 'vpn', 'wlp2s0'],
    ]);
  });

  it('tells DHCP from static, per family, with escaped IPv6 servers', () => {
    const dhcp = parseNmConnectionDetails(fixture('nmcli-connection-show.wifi-dhcp.txt'));
    expect(dhcp).toEqual({
      isDefault4: true,
      isDefault6: true,
      ipv4: { method: 'auto', dns: [], ignoreAutoDns: false },
      ipv6: { method: 'auto', dns: [], ignoreAutoDns: false },
      activeIpv4: ['192.168.1.1'],
      activeIpv6: ['fd00:1234::1', 'fe80::1%wlp2s0'],
    });
    const fixed = parseNmConnectionDetails(fixture('nmcli-connection-show.wired-static-no-ipv6.txt'));
    expect(fixed.ipv4).toEqual({ method: 'manual', dns: ['9.9.9.9', '149.112.112.112'], ignoreAutoDns: false });
    expect(fixed.ipv6.method).toBe('disabled');
    const switched = parseNmConnectionDetails(fixture('nmcli-connection-show.wifi-switched.txt'));
    expect(switched.ipv6).toEqual({ method: 'auto', dns: ['2001:4860:4860::8888', '2001:4860:4860::8844'], ignoreAutoDns: true });
  });
});

describe('NetworkManager backend', () => {
  const details = {
    [WIFI]: fixture('nmcli-connection-show.wifi-dhcp.txt'),
    [WIRED]: fixture('nmcli-connection-show.wired-static-no-ipv6.txt'),
  };

  it('reads every real connection (no loopback, no VPN) and marks the default-route one primary', async () => {
    const { run, calls } = fakeNmcli(details);
    const state = await networkManagerBackend(run).read();
    expect(state.interfaces).toEqual([
      {
        name: 'Wired connection 1',
        device: 'enp0s31f6',
        primary: false,
        ipv4: { mode: 'static', servers: ['9.9.9.9', '149.112.112.112'] },
        ipv6: { mode: 'automatic', servers: [], disabled: true },
      },
      {
        name: 'Café WiFi: 5GHz',
        device: 'wlp2s0',
        primary: true,
        ipv4: { mode: 'automatic', servers: ['192.168.1.1'] },
        ipv6: { mode: 'automatic', servers: ['fd00:1234::1', 'fe80::1%wlp2s0'] },
      },
    ]);
    // Details were asked by UUID, never by the (free-form) name.
    expect(calls.slice(1)).toEqual([nmConnectionDetailsArgv(WIRED), nmConnectionDetailsArgv(WIFI)]);
  });

  it('plans ipv4 and ipv6 servers with ignore-auto-dns, then a reapply; skips a disabled family', async () => {
    const { run } = fakeNmcli(details);
    const state = await networkManagerBackend(run).read();
    const servers = ['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844'];
    const plan = nmPlanApply(state.saved, ['Café WiFi: 5GHz', 'Wired connection 1'], servers);
    expect(plan.operations.map((o) => (o.kind === 'exec' ? o.argv : []))).toEqual([
      ['nmcli', 'connection', 'modify', 'uuid', WIRED, 'ipv4.dns', '8.8.8.8,8.8.4.4', 'ipv4.ignore-auto-dns', 'yes'],
      ['nmcli', 'device', 'reapply', 'enp0s31f6'],
      [
        'nmcli', 'connection', 'modify', 'uuid', WIFI,
        'ipv4.dns', '8.8.8.8,8.8.4.4', 'ipv4.ignore-auto-dns', 'yes',
        'ipv6.dns', '2001:4860:4860::8888,2001:4860:4860::8844', 'ipv6.ignore-auto-dns', 'yes',
      ],
      ['nmcli', 'device', 'reapply', 'wlp2s0'],
    ]);
    expect(plan.operations.every((o) => o.kind === 'exec' && o.selfAuthorizing)).toBe(true);
  });

  it('clears the IPv6 list (no DHCPv6 servers mixed in) when only IPv4 servers are given', async () => {
    const { run } = fakeNmcli(details);
    const state = await networkManagerBackend(run).read();
    const [modify] = nmPlanApply(state.saved, ['Café WiFi: 5GHz'], ['1.1.1.1']).operations;
    expect(modify).toMatchObject({ argv: ['nmcli', 'connection', 'modify', 'uuid', WIFI, 'ipv4.dns', '1.1.1.1', 'ipv4.ignore-auto-dns', 'yes', 'ipv6.dns', '', 'ipv6.ignore-auto-dns', 'yes'] });
  });

  it('restores the saved values exactly: empty lists and ignore-auto-dns no for DHCP', async () => {
    const { run } = fakeNmcli(details);
    const state = await networkManagerBackend(run).read();
    const ops = nmPlanRestore(state.saved);
    expect(ops.map((o) => (o.kind === 'exec' ? o.argv : []))).toEqual([
      ['nmcli', 'connection', 'modify', 'uuid', WIRED, 'ipv4.dns', '9.9.9.9,149.112.112.112', 'ipv4.ignore-auto-dns', 'no'],
      ['nmcli', 'device', 'reapply', 'enp0s31f6'],
      ['nmcli', 'connection', 'modify', 'uuid', WIFI, 'ipv4.dns', '', 'ipv4.ignore-auto-dns', 'no', 'ipv6.dns', '', 'ipv6.ignore-auto-dns', 'no'],
      ['nmcli', 'device', 'reapply', 'wlp2s0'],
    ]);
  });

  it('builders refuse anything that is not a UUID, a device name or an IP address', () => {
    expect(() => nmModifyArgv('$(id)', null, null)).toThrow(/UUID/);
    expect(() => nmModifyArgv(WIFI, { method: 'auto', dns: ['8.8.8.8;reboot'], ignoreAutoDns: true }, null)).toThrow(/not an IP address/);
    expect(() => nmReapplyArgv('-h')).toThrow(/device/);
    expect(() => nmReapplyArgv('eth0 ; reboot')).toThrow(/device/);
  });
});
