// Route argv builders and parsers on captured output (Linux ip -j, macOS route -n get, Windows PowerShell JSON and
// `route print` in English and German), the runner's fallbacks with a fake runner, and one real Linux read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preferredRoute } from './route.js';
import { linuxDefaultRoutesArgv, linuxRouteGetArgv, parseIpJsonRoutes, parseIpTextRoutes } from './routes-linux.js';
import { macosRouteGetArgv, parseMacosRouteGet } from './routes-macos.js';
import { parseNetRouteJson, parseRoutePrintDefaults, windowsDefaultRoutesArgv, windowsRouteToArgv } from './routes-windows.js';
import { readDefaultRoutes, readDefaultRoutesForSweep, readRouteTo } from './routes.js';
import { CommandError, windowsPowerShellPath, windowsSystem32Path, type RunOptions } from '../run-command.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('Linux (iproute2)', () => {
  it('builds argv arrays and refuses anything but an IP literal', () => {
    expect(linuxDefaultRoutesArgv()).toEqual(['ip', '-j', '-4', 'route', 'show', 'default']);
    expect(linuxRouteGetArgv('104.18.32.47')).toEqual(['ip', '-j', '-4', 'route', 'get', '104.18.32.47']);
    expect(linuxRouteGetArgv('2606:4700::6812:202f')).toEqual(['ip', '-j', '-6', 'route', 'get', '2606:4700::6812:202f']);
    expect(() => linuxRouteGetArgv('1.2.3.4; reboot')).toThrow(/not an IP address/);
  });

  it('parses the default route captured on this machine', () => {
    expect(parseIpJsonRoutes(fixture('linux-ip-route-default.json'))).toEqual([{ destination: 'default', gateway: '192.0.2.1', interface: 'eth0' }]);
  });

  it('picks the lowest metric among several defaults (cable before Wi-Fi)', () => {
    const routes = parseIpJsonRoutes(fixture('linux-ip-route-default-laptop.json'));
    expect(routes).toHaveLength(2);
    expect(preferredRoute(routes)).toMatchObject({ interface: 'enp0s31f6', metric: 100, source: '192.168.178.60' });
  });

  it('parses `ip route get` through a WireGuard policy table and through Wi-Fi', () => {
    expect(parseIpJsonRoutes(fixture('linux-ip-route-get-wireguard.json'))).toEqual([
      { destination: '104.18.32.47', interface: 'wg0', source: '10.64.12.7' },
    ]);
    expect(parseIpJsonRoutes(fixture('linux-ip-route-get-eth.json'))[0]).toMatchObject({ gateway: '192.168.178.1', interface: 'wlp0s20f3' });
  });

  it('skips unreachable routes, accepts empty output, rejects garbage', () => {
    expect(parseIpJsonRoutes('[{"type":"unreachable","dst":"default","flags":[]}]')).toEqual([]);
    expect(parseIpJsonRoutes('')).toEqual([]);
    expect(() => parseIpJsonRoutes('Option "-j" is unknown, try "ip -help".')).toThrow();
  });

  it('parses the plain-text fallback', () => {
    expect(parseIpTextRoutes(fixture('linux-ip-route-default.txt'))).toEqual([
      { destination: 'default', gateway: '192.168.178.1', interface: 'wlp0s20f3', metric: 600, source: '192.168.178.57' },
      { destination: 'default', interface: 'ppp0', metric: 50 },
    ]);
  });
});

describe('macOS (route -n get)', () => {
  it('builds argv arrays', () => {
    expect(macosRouteGetArgv('default')).toEqual(['route', '-n', 'get', '-inet', 'default']);
    expect(macosRouteGetArgv('2606:4700::1')).toEqual(['route', '-n', 'get', '-inet6', '2606:4700::1']);
    expect(() => macosRouteGetArgv('-host')).toThrow();
  });

  it('parses the default route', () => {
    expect(parseMacosRouteGet(fixture('macos-route-get-default.txt'))).toEqual({ destination: 'default', gateway: '192.168.1.1', interface: 'en0' });
  });

  it('parses an OpenVPN def1 route (0/1 through utun) to a target', () => {
    expect(parseMacosRouteGet(fixture('macos-route-get-utun.txt'))).toEqual({
      destination: '0.0.0.0/128.0.0.0',
      gateway: '10.8.0.1',
      interface: 'utun4',
    });
  });

  it('returns null when there is no route', () => {
    expect(parseMacosRouteGet(fixture('macos-route-get-not-in-table.txt'))).toBeNull();
  });
});

describe('Windows', () => {
  it('builds PowerShell pipelines that only ever contain a validated IP', () => {
    expect(windowsDefaultRoutesArgv()[4]).toContain("Get-NetRoute -DestinationPrefix '0.0.0.0/0','::/0'");
    expect(windowsRouteToArgv('104.18.32.47')[4]).toContain("Find-NetRoute -RemoteIPAddress '104.18.32.47'");
    expect(() => windowsRouteToArgv("1.1.1.1'; Remove-Item C:\\ -Recurse; '")).toThrow(/not an IP address/);
  });

  it('parses Get-NetRoute | ConvertTo-Json (array, and a single object with a BOM and CRLF)', () => {
    const routes = parseNetRouteJson(fixture('windows-get-netroute-default.json'));
    expect(routes).toHaveLength(3);
    expect(routes[0]).toEqual({ destination: '0.0.0.0/0', gateway: '192.168.178.1', interface: 'WLAN', metric: 0 });
    expect(routes[2]).toMatchObject({ destination: '::/0', gateway: 'fe80::3ea6:2fff:fe12:3456' });
    // IPv4 first, even when the IPv6 default has a lower metric.
    expect(preferredRoute([{ ...routes[2]!, metric: 0 }, { ...routes[1]!, metric: 25 }])?.interface).toBe('Ethernet');
    expect(parseNetRouteJson(fixture('windows-get-netroute-single.json'))).toEqual([
      { destination: '0.0.0.0/0', gateway: '192.168.1.1', interface: 'Ethernet', metric: 256 },
    ]);
    expect(parseNetRouteJson('')).toEqual([]);
  });

  it('ranks two defaults with the same RouteMetric by RouteMetric + InterfaceMetric, as Windows does, not by list order', () => {
    const routes = parseNetRouteJson(fixture('windows-get-netroute-equal-routemetric.json'));
    expect(routes.slice(0, 2)).toEqual([
      { destination: '0.0.0.0/0', gateway: '192.168.178.1', interface: 'WLAN', metric: 45 },
      { destination: '0.0.0.0/0', gateway: '192.168.178.1', interface: 'Ethernet', metric: 25 },
    ]);
    expect(preferredRoute(routes)?.interface).toBe('Ethernet');
    expect(windowsDefaultRoutesArgv()[4]).toContain('InterfaceMetric');
  });

  it('parses `route print` in French and Spanish (jackpal/gateway captures), a VPN half-route not taken for a default', () => {
    expect(parseRoutePrintDefaults(fixture('windows-route-print-fr.txt'))).toEqual([
      { destination: '0.0.0.0/0', gateway: '10.88.88.2', source: '10.88.88.149', metric: 10 },
    ]);
    expect(parseRoutePrintDefaults(fixture('windows-route-print-es-vpn.txt'))).toEqual([
      { destination: '0.0.0.0/0', gateway: '192.168.100.1', source: '192.168.100.80', metric: 35 },
    ]);
  });

  it('picks the VPN among two `route print` defaults by its lower metric, not by list order', () => {
    const routes = parseRoutePrintDefaults(fixture('windows-route-print-en-vpn-two-defaults.txt'));
    expect(routes).toHaveLength(2);
    expect(preferredRoute(routes)).toEqual({ destination: '0.0.0.0/0', gateway: '10.21.38.1', source: '10.21.38.97', metric: 2 });
  });

  it('parses Find-NetRoute, skipping its address object', () => {
    expect(parseNetRouteJson(fixture('windows-find-netroute-tap.json'))).toEqual([
      { destination: '0.0.0.0/1', gateway: '10.8.0.5', interface: 'Ethernet 3', metric: 0 },
    ]);
  });

  it('parses `route print` in English, ignoring persistent routes', () => {
    expect(parseRoutePrintDefaults(fixture('windows-route-print-en.txt'))).toEqual([
      { destination: '0.0.0.0/0', gateway: '192.168.1.1', source: '192.168.1.23', metric: 25 },
    ]);
  });

  it('parses `route print` in German, including "Auf Verbindung" on-link routes', () => {
    const routes = parseRoutePrintDefaults(fixture('windows-route-print-de.txt'));
    expect(routes).toEqual([
      { destination: '0.0.0.0/0', gateway: '192.168.178.1', source: '192.168.178.57', metric: 35 },
      { destination: '0.0.0.0/0', source: '10.64.12.7', metric: 5 },
    ]);
    expect(preferredRoute(routes)?.source).toBe('10.64.12.7');
  });
});

describe('the runner', () => {
  const runner = (answers: Record<string, string | Error>) => {
    const calls: string[] = [];
    return {
      calls,
      run: async (argv: readonly string[], _options: RunOptions) => {
        calls.push(argv[0]!);
        const answer = answers[argv[0]!];
        if (answer === undefined || answer instanceof Error) throw answer ?? new CommandError('not found', 'ENOENT', argv);
        return { stdout: answer, stderr: '', durationMs: 1 };
      },
    };
  };

  it('falls back to `route print` when PowerShell fails', async () => {
    const powershell = windowsPowerShellPath();
    const route = windowsSystem32Path('route.exe');
    const { run, calls } = runner({ [powershell]: new CommandError('powershell.exe: no answer within 3000 ms', 'ETIMEDOUT', []), [route]: fixture('windows-route-print-de.txt') });
    const reading = await readDefaultRoutes({ platform: 'win32', run, timeoutMs: 3000 });
    expect(calls).toEqual([powershell, route]); // by full path, never found through PATH
    expect(reading.routes).toHaveLength(2);
    expect(reading.error).toBeUndefined();
  });

  it('falls back to text when `ip -j` is not supported', async () => {
    const { run } = runner({ ip: 'default via 10.0.0.1 dev eth0' });
    // The fake answers text to both commands: JSON parsing fails, the text parser reads it.
    const reading = await readDefaultRoutes({ platform: 'linux', run, timeoutMs: 1000 });
    expect(reading.routes).toEqual([{ destination: 'default', gateway: '10.0.0.1', interface: 'eth0' }]);
  });

  it('reports the last error when nothing works', async () => {
    const { run } = runner({});
    const reading = await readDefaultRoutes({ platform: 'darwin', run, timeoutMs: 1000 });
    expect(reading).toMatchObject({ routes: [], error: 'not found' });
    expect(await readRouteTo('not-an-ip', { platform: 'linux', run, timeoutMs: 1000 })).toMatchObject({ error: 'not an IP address: not-an-ip' });
  });

  it('reads the default routes once per sweep', async () => {
    const { run, calls } = runner({ ip: fixture('linux-ip-route-default.json') });
    const sweep = new AbortController().signal;
    const options = { platform: 'linux' as const, run, timeoutMs: 1000 };
    const [first, second] = await Promise.all([readDefaultRoutesForSweep(sweep, options), readDefaultRoutesForSweep(sweep, options)]);
    expect(second).toBe(first);
    expect(calls).toEqual(['ip']);
    expect(first.routes).toEqual([{ destination: 'default', gateway: '192.0.2.1', interface: 'eth0' }]);
    await readDefaultRoutesForSweep(new AbortController().signal, options); // the next sweep reads afresh
    expect(calls).toEqual(['ip', 'ip']);
  });

  const notLinux = process.platform !== 'linux' ? 'the real routing-table read needs Linux (iproute2)' : null;
  if (notLinux) console.warn(`routes.test.ts: skipped: ${notLinux}`);
  it.skipIf(notLinux)('reads the real routing table (a kernel lookup, no traffic)', async () => {
    const reading = await readRouteTo('127.0.0.1', { timeoutMs: 5000 });
    expect(reading.error).toBeUndefined();
    expect(reading.routes[0]).toMatchObject({ destination: '127.0.0.1', interface: 'lo' });
    const defaults = await readDefaultRoutes({ timeoutMs: 5000 });
    expect(defaults.error).toBeUndefined();
  });
});
