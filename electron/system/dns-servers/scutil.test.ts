import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { parseScutilDns, parseScutilResolvers, scutilDnsArgv } from './scutil.js';

describe('scutil --dns', () => {
  it('builds a fixed argv', () => {
    expect(scutilDnsArgv()).toEqual(['scutil', '--dns']);
  });

  it('reads every resolver block, default, mDNS, supplemental and scoped', () => {
    const resolvers = parseScutilResolvers(fixture('scutil-dns.vpn.txt'));
    expect(resolvers).toHaveLength(10);
    expect(resolvers.filter((r) => r.scoped)).toHaveLength(2);
    expect(resolvers[1]).toEqual({ scoped: false, domain: 'local', nameservers: [] });
  });

  it('gives the default servers, the VPN split-DNS servers with their domain, and the scoped per-interface ones', () => {
    expect(parseScutilDns(fixture('scutil-dns.vpn.txt'))).toEqual([
      { source: 'scutil', interface: 'en0', servers: ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456'] },
      { source: 'scutil', interface: 'utun3', domain: 'corp.example.com', servers: ['10.20.0.53', '10.20.0.54'] },
      { source: 'scutil (scoped)', interface: 'en0', servers: ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456'] },
      { source: 'scutil (scoped)', interface: 'utun3', servers: ['10.20.0.53', '10.20.0.54'] },
    ]);
  });

  it('gives nothing when only mDNS resolvers exist (offline)', () => {
    expect(parseScutilDns(fixture('scutil-dns.offline.txt'))).toEqual([]);
  });
});
