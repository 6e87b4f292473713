import { describe, expect, it } from 'vitest';
import { normalizeServerAddress, normalizeServerList } from './address.js';

describe('normalizeServerAddress', () => {
  it('keeps plain IPv4 and IPv6 addresses and IPv6 zones', () => {
    expect(normalizeServerAddress('192.168.1.1')).toBe('192.168.1.1');
    expect(normalizeServerAddress(' 2001:db8::53 ')).toBe('2001:db8::53');
    expect(normalizeServerAddress('fe80::1%wlp2s0')).toBe('fe80::1%wlp2s0');
    expect(normalizeServerAddress('fec0:0:0:ffff::1%1')).toBe('fec0:0:0:ffff::1%1');
  });

  it('drops DNS-over-TLS names and ports', () => {
    expect(normalizeServerAddress('1.1.1.1#cloudflare-dns.com')).toBe('1.1.1.1');
    expect(normalizeServerAddress('10.8.0.2:5353')).toBe('10.8.0.2');
    expect(normalizeServerAddress('[2606:4700:4700::1111]:853#cloudflare-dns.com')).toBe('2606:4700:4700::1111');
  });

  it('rejects what is not an address', () => {
    for (const bad of ['', 'not-an-address', '1.2.3', '192.168.1.1%eth0', 'fe80::1%eth0;rm', '--']) {
      expect(normalizeServerAddress(bad)).toBeNull();
    }
  });

  it('lists each valid address once, in order', () => {
    expect(normalizeServerList(['8.8.8.8', 'junk', '1.1.1.1', '8.8.8.8#dns.google'])).toEqual(['8.8.8.8', '1.1.1.1']);
  });
});
