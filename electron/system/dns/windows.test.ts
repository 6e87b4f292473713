import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { windowsPowerShellPath, windowsSystem32Path } from '../run-command.js';
import {
  encodePowerShell,
  parseAdaptersJson,
  parseIsAdmin,
  parseNameServerValue,
  powershellEncodedArgv,
  READ_SCRIPT,
  readAdaptersArgv,
  restoreScript,
  setServersScript,
  windowsBackend,
  windowsFlush,
  windowsPlanApply,
  windowsPlanRestore,
  windowsState,
} from './windows.js';

const fixture = (name: string): string =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');

const decode = (argv: string[]): string => Buffer.from(argv.at(-1)!, 'base64').toString('utf16le');

describe('Windows adapters', () => {
  it('runs the constant read script Base64-encoded, UTF-16LE as PowerShell wants it', () => {
    const argv = readAdaptersArgv();
    expect(argv.slice(0, -1)).toEqual([windowsPowerShellPath(), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(decode(argv)).toBe(READ_SCRIPT);
    expect(READ_SCRIPT).toContain('HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Tcpip6\\Parameters\\Interfaces\\$g');
  });

  it('reads DHCP vs static per family from the registry value, several adapters, IPv6 off', () => {
    const state = windowsState(parseAdaptersJson(fixture('windows-adapters.json')));
    expect(state.interfaces).toEqual([
      { name: 'Ethernet 2', device: '12', primary: true, ipv4: { mode: 'automatic', servers: ['192.168.1.1'] }, ipv6: { mode: 'automatic', servers: ['fd00::1'] } },
      {
        name: 'WLAN-Verbindung',
        device: '18',
        primary: true,
        ipv4: { mode: 'static', servers: ['9.9.9.9', '149.112.112.112'] },
        ipv6: { mode: 'automatic', servers: [], disabled: true },
      },
      {
        name: 'vEthernet (WSL)',
        device: '25',
        primary: false,
        ipv4: { mode: 'automatic', servers: [] },
        ipv6: { mode: 'automatic', servers: ['fec0:0:0:ffff::1%1', 'fec0:0:0:ffff::2%1', 'fec0:0:0:ffff::3%1'] },
      },
      {
        name: 'Ethernet (Büro)',
        device: '7',
        primary: false,
        ipv4: { mode: 'static', servers: ['8.8.8.8', '8.8.4.4'] },
        ipv6: { mode: 'static', servers: ['2001:4860:4860::8888'] },
      },
    ]);
    expect(state.saved.adapters).toEqual([
      { ifIndex: 12, alias: 'Ethernet 2', staticIpv4: null, staticIpv6: null },
      { ifIndex: 18, alias: 'WLAN-Verbindung', staticIpv4: ['9.9.9.9', '149.112.112.112'], staticIpv6: null },
      { ifIndex: 25, alias: 'vEthernet (WSL)', staticIpv4: null, staticIpv6: null },
      { ifIndex: 7, alias: 'Ethernet (Büro)', staticIpv4: ['8.8.8.8', '8.8.4.4'], staticIpv6: ['2001:4860:4860::8888'] },
    ]);
  });

  it('accepts a single adapter as a bare object, with a BOM and CRLF', () => {
    const rows = parseAdaptersJson(fixture('windows-adapters.single.json'));
    expect(rows).toHaveLength(1);
    expect(windowsState(rows).interfaces[0]).toMatchObject({ name: 'Wi-Fi', primary: true, ipv4: { servers: ['192.168.0.1'] }, ipv6: { servers: [] } });
  });

  it('reads registry NameServer values in both separators, and "" as DHCP', () => {
    expect(parseNameServerValue('8.8.8.8,8.8.4.4', 4)).toEqual(['8.8.8.8', '8.8.4.4']);
    expect(parseNameServerValue('8.8.8.8 8.8.4.4', 4)).toEqual(['8.8.8.8', '8.8.4.4']);
    expect(parseNameServerValue('', 4)).toBeNull();
    expect(parseNameServerValue(null, 6)).toBeNull();
    expect(parseIsAdmin('True\r\n')).toBe(true);
    expect(parseIsAdmin('False\r\n')).toBe(false);
  });

  it('sets both families on the default-route adapters in one script', async () => {
    const backend = windowsBackend(async () => fixture('windows-adapters.json'));
    const state = await backend.read();
    const { operations, warnings } = windowsPlanApply(state, ['Ethernet 2', 'WLAN-Verbindung'], ['8.8.8.8', '2001:4860:4860::8888']);
    expect(operations).toHaveLength(1);
    const script = decode((operations[0] as { argv: string[] }).argv);
    expect(script).toContain("Set-DnsClientServerAddress -InterfaceIndex 12 -ServerAddresses @('8.8.8.8','2001:4860:4860::8888')");
    expect(script).toContain("Set-DnsClientServerAddress -InterfaceIndex 18 -ServerAddresses @('8.8.8.8','2001:4860:4860::8888')");
    expect(script).toMatch(/catch \{\n\s+\[Console\]::Error\.WriteLine\(\$_\.Exception\.Message\)\n\s+exit 1/);
    expect(warnings).toEqual([]);
  });

  it('warns that IPv6 stays as it was when only IPv4 servers are given (not on an adapter with IPv6 off)', async () => {
    const state = await windowsBackend(async () => fixture('windows-adapters.json')).read();
    expect(windowsPlanApply(state, ['Ethernet 2', 'WLAN-Verbindung'], ['1.1.1.1']).warnings).toEqual([
      'Ethernet 2: IPv6 keeps its automatic servers, because no IPv6 server was given',
    ]);
  });

  it('restores DHCP with -ResetServerAddresses, then any static family', async () => {
    const state = await windowsBackend(async () => fixture('windows-adapters.json')).read();
    const [op] = windowsPlanRestore(state.saved);
    const script = decode((op as { argv: string[] }).argv);
    expect(script.split('\n').filter((l) => l.includes('Set-DnsClientServerAddress')).map((l) => l.trim())).toEqual([
      'Set-DnsClientServerAddress -InterfaceIndex 12 -ResetServerAddresses',
      'Set-DnsClientServerAddress -InterfaceIndex 18 -ResetServerAddresses',
      "Set-DnsClientServerAddress -InterfaceIndex 18 -ServerAddresses @('9.9.9.9','149.112.112.112')",
      'Set-DnsClientServerAddress -InterfaceIndex 25 -ResetServerAddresses',
      'Set-DnsClientServerAddress -InterfaceIndex 7 -ResetServerAddresses',
      "Set-DnsClientServerAddress -InterfaceIndex 7 -ServerAddresses @('8.8.8.8','8.8.4.4','2001:4860:4860::8888')",
    ]);
  });

  it('script builders refuse anything but an index and IP addresses', () => {
    expect(() => setServersScript([{ ifIndex: 12, servers: ["8.8.8.8');Remove-Item C:\\ -Recurse;('"] }])).toThrow(/not an IP address/);
    expect(() => setServersScript([{ ifIndex: 0, servers: ['8.8.8.8'] }])).toThrow(/interface index/);
    expect(() => restoreScript([{ ifIndex: 1.5, alias: 'x', staticIpv4: null, staticIpv6: null }])).toThrow(/interface index/);
    expect(encodePowerShell('a')).toBe('YQA=');
  });

  it('names PowerShell and ipconfig by their full path under %SystemRoot% in every plan', () => {
    const state = windowsState(parseAdaptersJson(fixture('windows-adapters.json')));
    const backend = windowsBackend(async () => '');
    const programs = [
      ...backend.planApply(state, state.interfaces.map((i) => i.name), ['8.8.8.8']).operations,
      ...backend.planRestore(state.saved),
      ...backend.planFlush(),
    ].map((op) => (op.kind === 'exec' ? op.argv[0] : op.path));
    expect(new Set(programs)).toEqual(new Set([windowsPowerShellPath(), windowsSystem32Path('ipconfig.exe')]));
    expect(windowsFlush({ SystemRoot: 'D:\\WINDOWS' })).toEqual([{ kind: 'exec', argv: ['D:\\WINDOWS\\System32\\ipconfig.exe', '/flushdns'], optional: true }]);
    expect(powershellEncodedArgv('exit 0', { SystemRoot: 'D:\\WINDOWS' })[0]).toBe('D:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});
