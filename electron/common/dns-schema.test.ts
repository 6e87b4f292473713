import { describe, expect, it } from 'vitest';
import { DNS_PRESETS, dnsRequestProblem, DnsSwitchRequestSchema, dnsServerProblem, presetOf, requestedServers, splitServers } from './dns-schema.js';

const problem = (input: unknown): string | null => {
  const result = DnsSwitchRequestSchema.safeParse(input);
  return result.success ? null : dnsRequestProblem(result.error);
};

describe('presetOf', () => {
  it('finds the preset of every listed address, IPv6 in any case, and nothing else', () => {
    expect(presetOf('8.8.4.4')).toBe('google');
    expect(presetOf('2606:4700:4700::1001')).toBe('cloudflare');
    expect(presetOf('2620:FE::9')).toBe('quad9');
    expect(presetOf('127.0.0.2')).toBeNull();
    expect(presetOf('8.8.8.8:53')).toBeNull();
  });
});

describe('DNS switch request', () => {
  it('defaults to Google, IPv4 and IPv6', () => {
    expect(requestedServers(DnsSwitchRequestSchema.parse({}))).toEqual(['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844']);
    expect(requestedServers({ preset: 'quad9' })).toEqual([...DNS_PRESETS.quad9.servers]);
    expect(splitServers(DNS_PRESETS.cloudflare.servers)).toEqual({ ipv4: ['1.1.1.1', '1.0.0.1'], ipv6: ['2606:4700:4700::1111', '2606:4700:4700::1001'] });
  });

  it('takes custom addresses, drops duplicates, lower-cases IPv6', () => {
    expect(requestedServers(DnsSwitchRequestSchema.parse({ servers: ['127.0.0.2', '2001:DB8::1', '127.0.0.2'] }))).toEqual(['127.0.0.2', '2001:db8::1']);
  });

  it('refuses everything that is not a plain unicast address, with a clear message', () => {
    expect(problem({ servers: ['8.8.8.8;reboot'] })).toBe('servers.0: "8.8.8.8;reboot" is not an IPv4 or IPv6 address');
    expect(problem({ servers: ['$(id)'] })).toBe('servers.0: "$(id)" is not an IPv4 or IPv6 address');
    expect(problem({ servers: ['300.1.1.1'] })).toBe('servers.0: "300.1.1.1" is not an IPv4 or IPv6 address');
    expect(problem({ servers: [] })).toBe('servers: give at least one DNS server');
    expect(problem({ servers: ['8.8.8.8:53'] })).toMatch(/not an IPv4 or IPv6 address/);
    expect(problem({ servers: ['fe80::1%eth0'] })).toMatch(/not an IPv4 or IPv6 address/);
    expect(problem({ servers: ['1.1.1.1\nnameserver 6.6.6.6'] })).toBe('servers.0: "1.1.1.1?nameserver 6.6.6.6" is not an IPv4 or IPv6 address');
    expect(problem({ servers: ['1', '2', '3', '4', '5', '6', '7'].map((n) => `10.0.0.${n}`) })).toBe('servers: give at most 6 DNS servers');
    expect(dnsServerProblem('0.0.0.0')).toMatch(/not a unicast/);
    expect(dnsServerProblem('224.0.0.1')).toMatch(/not a unicast/);
    expect(dnsServerProblem('::')).toMatch(/unspecified/);
    expect(dnsServerProblem('ff02::1')).toMatch(/multicast/);
  });

  it('refuses bad presets, both preset and servers, unknown keys and hostile interface names', () => {
    expect(problem({ preset: 'evil' })).toMatch(/^preset: /);
    expect(problem({ preset: 'google', servers: ['1.1.1.1'] })).toBe('give a preset or servers, not both');
    expect(problem({ servers: ['1.1.1.1'], command: 'reboot' })).toBe('unknown key command');
    expect(problem({ interfaces: ['eth0\n'] })).toBe('interfaces.0: an interface name cannot contain control characters');
    expect(problem({ interfaces: ['--help'] })).toBe('interfaces.0: an interface name cannot start with "-"');
    expect(problem({ interfaces: [''] })).toBe('interfaces.0: an interface name cannot be empty');
    expect(problem({ interfaces: ['Wi-Fi 2', "Ana's iPhone"] })).toBeNull();
  });
});
