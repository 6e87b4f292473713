import { describe, expect, it } from 'vitest';
import { windowsPowerShellPath } from '../run-command.js';
import { fixture } from './fixtures.js';
import { getDnsClientServerAddressArgv, parseDnsClientServerAddressJson } from './windows-dns-client.js';

describe('Get-DnsClientServerAddress | ConvertTo-Json', () => {
  it('runs PowerShell without a profile, as an argv array, asking for JSON', () => {
    const argv = getDnsClientServerAddressArgv();
    expect(argv.slice(0, 2)).toEqual([windowsPowerShellPath(), '-NoProfile']);
    expect(argv.at(-2)).toBe('-Command');
    expect(argv.at(-1)).toMatch(/Get-DnsClientServerAddress \|.*ConvertTo-Json$/);
  });

  it('reads Windows PowerShell 5.1 output (English, CRLF): IPv4 then IPv6 per interface, empty lists skipped', () => {
    expect(parseDnsClientServerAddressJson(fixture('get-dnsclientserveraddress.en-us.json'))).toEqual([
      { source: 'Get-DnsClientServerAddress', interface: 'Ethernet', servers: ['192.168.1.1', '8.8.8.8', 'fd00::1', 'fe80::1%12'] },
      { source: 'Get-DnsClientServerAddress', interface: 'Wi-Fi', servers: ['192.168.43.1'] },
      {
        source: 'Get-DnsClientServerAddress',
        interface: 'Bluetooth Network Connection',
        servers: ['fec0:0:0:ffff::1%1', 'fec0:0:0:ffff::2%1', 'fec0:0:0:ffff::3%1'],
      },
      {
        source: 'Get-DnsClientServerAddress',
        interface: 'Loopback Pseudo-Interface 1',
        servers: ['fec0:0:0:ffff::1%1', 'fec0:0:0:ffff::2%1', 'fec0:0:0:ffff::3%1'],
      },
    ]);
  });

  it('reads German output (with a UTF-8 BOM) the same way: nothing depends on the display language', () => {
    const entries = parseDnsClientServerAddressJson(fixture('get-dnsclientserveraddress.de-de.json'));
    expect(entries.map((e) => [e.interface, e.servers])).toEqual([
      ['WLAN', ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456']],
      ['Ethernet 2', ['10.8.0.1']],
      ['Loopback Pseudo-Interface 1', ['fec0:0:0:ffff::1%1', 'fec0:0:0:ffff::2%1', 'fec0:0:0:ffff::3%1']],
    ]);
  });

  it('reads a single row, which ConvertTo-Json prints as a bare object (Spanish alias, PowerShell 7)', () => {
    expect(parseDnsClientServerAddressJson(fixture('get-dnsclientserveraddress.es-es.single.json'))).toEqual([
      { source: 'Get-DnsClientServerAddress', interface: 'Conexión de área local', servers: ['1.1.1.1', '1.0.0.1'] },
    ]);
  });

  it('gives nothing for empty output and throws on text that is not JSON', () => {
    expect(parseDnsClientServerAddressJson('\r\n')).toEqual([]);
    expect(() => parseDnsClientServerAddressJson("Get-DnsClientServerAddress : The term 'Get-DnsClientServerAddress' is not recognized")).toThrow();
  });
});
