import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolvectlDnsArgv, resolvectlDomainArgv, resolvedPlanApply, resolvedPlanRestore, resolvedState } from './resolvectl.js';

// Captured `resolvectl status` output, shared with the dns-servers reader (systemd 252 and 245 layouts).
const fixture = (name: string): string =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../dns-servers/fixtures', name), 'utf8');

const argvs = (ops: { kind: string; argv?: string[] }[]): string[][] => ops.map((o) => o.argv ?? []);

describe('systemd-resolved backend', () => {
  it('reads each link with its raw servers, domains and default-route flag (systemd 252)', () => {
    const state = resolvedState(fixture('resolvectl-status.systemd252.txt'));
    expect(state.saved.links).toEqual([
      { link: 'enp0s31f6', servers: [], domains: [], defaultRoute: false },
      { link: 'wlp2s0', servers: ['192.168.1.1', 'fd00:1234::1', 'fe80::1%wlp2s0'], domains: ['lan'], defaultRoute: true },
      { link: 'tun0', servers: ['10.8.0.1', '10.8.0.2:5353'], domains: ['~corp.example.com'], defaultRoute: false },
    ]);
    // The VPN's split-DNS link is not where default queries go: only the Wi-Fi is primary.
    expect(state.interfaces.map((i) => [i.name, i.primary])).toEqual([
      ['enp0s31f6', false],
      ['wlp2s0', true],
      ['tun0', false],
    ]);
    expect(state.interfaces[1]).toMatchObject({ ipv4: { mode: 'unknown', servers: ['192.168.1.1'] }, ipv6: { servers: ['fd00:1234::1', 'fe80::1%wlp2s0'] } });
  });

  it('reads the older layout, values continued on the next lines (systemd 245)', () => {
    const state = resolvedState(fixture('resolvectl-status.systemd245.txt'));
    expect(state.saved.links).toEqual([
      { link: 'wlp58s0', servers: ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456'], domains: ['~.', 'fritz.box'], defaultRoute: true },
      { link: 'enp0s25', servers: [], domains: [], defaultRoute: false },
    ]);
    expect(state.interfaces.filter((i) => i.primary).map((i) => i.name)).toEqual(['wlp58s0']);
  });

  it('switches a link: servers, route-everything domain, default route', () => {
    const state = resolvedState(fixture('resolvectl-status.systemd252.txt'));
    expect(argvs(resolvedPlanApply(state.saved, ['wlp2s0'], ['8.8.8.8', '2001:4860:4860::8888']))).toEqual([
      ['resolvectl', 'dns', 'wlp2s0', '8.8.8.8', '2001:4860:4860::8888'],
      ['resolvectl', 'domain', 'wlp2s0', '~.'],
      ['resolvectl', 'default-route', 'wlp2s0', 'yes'],
    ]);
  });

  it('restores the saved tokens as they were, and clears empty lists with one empty argument', () => {
    const state = resolvedState(fixture('resolvectl-status.systemd252.txt'));
    expect(argvs(resolvedPlanRestore(state.saved))).toEqual([
      ['resolvectl', 'dns', 'enp0s31f6', ''],
      ['resolvectl', 'domain', 'enp0s31f6', ''],
      ['resolvectl', 'default-route', 'enp0s31f6', 'no'],
      ['resolvectl', 'dns', 'wlp2s0', '192.168.1.1', 'fd00:1234::1', 'fe80::1%wlp2s0'],
      ['resolvectl', 'domain', 'wlp2s0', 'lan'],
      ['resolvectl', 'default-route', 'wlp2s0', 'yes'],
      ['resolvectl', 'dns', 'tun0', '10.8.0.1', '10.8.0.2:5353'],
      ['resolvectl', 'domain', 'tun0', '~corp.example.com'],
      ['resolvectl', 'default-route', 'tun0', 'no'],
    ]);
  });

  it('builders refuse shell syntax, options and odd link names', () => {
    expect(() => resolvectlDnsArgv('eth0', ['8.8.8.8;reboot'])).toThrow(/DNS server/);
    expect(() => resolvectlDnsArgv('eth0', ['$(id)'])).toThrow(/DNS server/);
    expect(() => resolvectlDnsArgv('--help', ['8.8.8.8'])).toThrow(/link/);
    expect(() => resolvectlDnsArgv('eth0 x', ['8.8.8.8'])).toThrow(/link/);
    expect(() => resolvectlDomainArgv('eth0', ['-x'])).toThrow(/domain/);
  });
});
