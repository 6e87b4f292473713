import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { isSystemdStub, parseResolvConf, resolvConfEntries } from './resolv-conf.js';

describe('parseResolvConf', () => {
  it('reads a NetworkManager-generated file with search domains and IPv6 servers (one with a zone)', () => {
    expect(parseResolvConf(fixture('resolv.conf.networkmanager'))).toEqual({
      nameservers: ['192.168.1.1', 'fe80::1%wlp2s0', '2001:db8::53'],
      search: ['lan', 'corp.example.com'],
      options: [],
    });
  });

  it("reads systemd-resolved's stub file behind its long comment", () => {
    const conf = parseResolvConf(fixture('resolv.conf.systemd-stub'));
    expect(conf.nameservers).toEqual(['127.0.0.53']);
    expect(conf.options).toEqual(['edns0', 'trust-ad']);
    expect(conf.search).toEqual(['lan']);
    expect(isSystemdStub(conf.nameservers)).toBe(true);
  });

  it('ignores ; comments, trailing comments, malformed nameserver lines, sortlist; merges options', () => {
    const conf = parseResolvConf(fixture('resolv.conf.handwritten'));
    expect(conf.nameservers).toEqual(['9.9.9.9', '149.112.112.112']);
    expect(conf.search).toEqual(['example.org']);
    expect(conf.options).toEqual(['timeout:2', 'attempts:3', 'rotate', 'ndots:1']);
    expect(isSystemdStub(conf.nameservers)).toBe(false);
  });

  it('gives one report entry, or none for a file without servers', () => {
    expect(resolvConfEntries(fixture('resolv.conf.handwritten'))).toEqual([
      { source: 'resolv.conf', servers: ['9.9.9.9', '149.112.112.112'] },
    ]);
    expect(resolvConfEntries('# empty\nsearch lan\n')).toEqual([]);
  });
});
