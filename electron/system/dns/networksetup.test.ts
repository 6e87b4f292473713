import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  getDnsServersArgv,
  macosBackend,
  macosPlanApply,
  macosPlanRestore,
  parseAllServices,
  parseGetDnsServers,
  parseRouteInterface,
  parseServiceOrder,
  setDnsServersArgv,
} from './networksetup.js';

const fixture = (name: string): string =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');

/** networksetup and route(8) as a Mac with Ethernet (static DNS) and Wi-Fi (DHCP, default route) answer them. */
function fakeMac() {
  const calls: string[][] = [];
  const run = async (argv: string[]): Promise<string> => {
    calls.push(argv);
    const [tool, ...args] = argv;
    if (tool === '/sbin/route') {
      if (args.includes('-inet6')) throw new Error('route: writing to routing socket: not in table');
      return fixture('route-get-default.txt');
    }
    if (args[0] === '-listallnetworkservices') return fixture('networksetup-listallnetworkservices.txt');
    if (args[0] === '-listnetworkserviceorder') return fixture('networksetup-listnetworkserviceorder.txt');
    if (args[0] === '-getdnsservers') {
      return args[1] === 'USB 10/100/1000 LAN'
        ? fixture('networksetup-getdnsservers.static.txt')
        : `There aren't any DNS Servers set on ${args[1]}.\n`;
    }
    throw new Error(`unexpected ${argv.join(' ')}`);
  };
  return { run, calls };
}

describe('networksetup parsers', () => {
  it('lists services, the disabled one marked', () => {
    expect(parseAllServices(fixture('networksetup-listallnetworkservices.txt'))).toEqual([
      { name: 'USB 10/100/1000 LAN', enabled: true },
      { name: 'Wi-Fi', enabled: true },
      { name: 'Bluetooth PAN', enabled: false },
      { name: 'Thunderbolt Bridge', enabled: true },
      { name: "Ana's iPhone", enabled: true },
    ]);
  });

  it('maps services to devices from the service order', () => {
    expect(Object.fromEntries(parseServiceOrder(fixture('networksetup-listnetworkserviceorder.txt')))).toEqual({
      'USB 10/100/1000 LAN': 'en7',
      'Wi-Fi': 'en0',
      'Bluetooth PAN': 'en6',
      'Thunderbolt Bridge': 'bridge0',
      "Ana's iPhone": 'en8',
    });
  });

  it('reads manual servers, and "There aren\'t any" as automatic', () => {
    expect(parseGetDnsServers(fixture('networksetup-getdnsservers.static.txt'))).toEqual(['1.1.1.1', '2606:4700:4700::1111']);
    expect(parseGetDnsServers(fixture('networksetup-getdnsservers.empty.txt'))).toEqual([]);
  });

  it('finds the default route interface', () => {
    expect(parseRouteInterface(fixture('route-get-default.txt'))).toBe('en0');
    expect(parseRouteInterface('route: writing to routing socket: not in table\n')).toBeNull();
  });
});

describe('macOS backend', () => {
  it('reads every service; the enabled one on the default route is primary', async () => {
    const { run, calls } = fakeMac();
    const state = await macosBackend(run).read();
    expect(state.interfaces.map((i) => [i.name, i.device, i.primary, i.ipv4.mode])).toEqual([
      ['USB 10/100/1000 LAN', 'en7', false, 'static'],
      ['Wi-Fi', 'en0', true, 'automatic'],
      ['Bluetooth PAN', 'en6', false, 'automatic'],
      ['Thunderbolt Bridge', 'bridge0', false, 'automatic'],
      ["Ana's iPhone", 'en8', false, 'automatic'],
    ]);
    expect(state.interfaces[0]).toMatchObject({ ipv4: { servers: ['1.1.1.1'] }, ipv6: { servers: ['2606:4700:4700::1111'] } });
    // Names with spaces and quotes travel as one argv element each.
    expect(calls).toContainEqual(getDnsServersArgv("Ana's iPhone"));
    expect(calls).toContainEqual(['/usr/sbin/networksetup', '-getdnsservers', 'USB 10/100/1000 LAN']);
  });

  it('sets the list on the chosen service and restores "empty" (DHCP) or the old manual list', async () => {
    const { run } = fakeMac();
    const state = await macosBackend(run).read();
    const servers = ['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888'];
    expect(macosPlanApply(state.saved, ['Wi-Fi', 'USB 10/100/1000 LAN'], servers).map((o) => (o.kind === 'exec' ? o.argv : []))).toEqual([
      ['/usr/sbin/networksetup', '-setdnsservers', 'USB 10/100/1000 LAN', ...servers],
      ['/usr/sbin/networksetup', '-setdnsservers', 'Wi-Fi', ...servers],
    ]);
    const restore = macosPlanRestore({ kind: 'macos', services: state.saved.services.filter((s) => s.name !== 'Bluetooth PAN').slice(0, 2) });
    expect(restore.map((o) => (o.kind === 'exec' ? o.argv : []))).toEqual([
      ['/usr/sbin/networksetup', '-setdnsservers', 'USB 10/100/1000 LAN', '1.1.1.1', '2606:4700:4700::1111'],
      ['/usr/sbin/networksetup', '-setdnsservers', 'Wi-Fi', 'empty'],
    ]);
  });

  it('builders refuse hostile service names and addresses', () => {
    expect(() => setDnsServersArgv('Wi-Fi', ['8.8.8.8;reboot'])).toThrow(/not an IP address/);
    expect(() => setDnsServersArgv('Wi-Fi\n', ['8.8.8.8'])).toThrow(/service name/);
    expect(() => setDnsServersArgv('-help', ['8.8.8.8'])).toThrow(/service name/);
    expect(() => setDnsServersArgv('', ['8.8.8.8'])).toThrow(/service name/);
  });
});
