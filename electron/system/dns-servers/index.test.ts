import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { flattenDnsServers, readDnsServers } from './index.js';
import { CommandError, windowsPowerShellPath, type Runner } from '../run-command.js';

// The OS tools (resolvectl, nmcli, scutil, PowerShell) cannot run here: a fake runner answers with captures.
function fakeRunner(outputs: Record<string, string>, calls: string[][] = []): Runner {
  return async (argv) => {
    calls.push([...argv]);
    const stdout = outputs[argv[0]!];
    if (stdout === undefined) throw new CommandError(`${argv[0]}: spawn ${argv[0]} ENOENT`, 'ENOENT', argv);
    return { stdout, stderr: '', durationMs: 1 };
  };
}

function tempResolvConf(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gd-dns-servers-')), 'resolv.conf');
  writeFileSync(file, text);
  return file;
}

describe('readDnsServers', () => {
  it('on Linux combines resolv.conf (a real file), resolvectl and nmcli', async () => {
    const calls: string[][] = [];
    const entries = await readDnsServers({
      platform: 'linux',
      resolvConfPath: tempResolvConf(fixture('resolv.conf.systemd-stub')),
      run: fakeRunner(
        { resolvectl: fixture('resolvectl-status.systemd245.txt'), nmcli: fixture('nmcli-device-show.with-device.txt') },
        calls,
      ),
    });
    expect(calls.map((c) => c[0]).sort()).toEqual(['nmcli', 'resolvectl']);
    expect(entries[0]).toEqual({ source: 'resolv.conf', servers: ['127.0.0.53'] });
    expect(entries[1]).toEqual({ source: 'resolvectl', interface: 'wlp58s0', servers: ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456'] });
    expect(entries.slice(2).map((e) => e.interface)).toEqual(['wlp2s0', 'enp0s31f6', 'tun0']);
  });

  it('on Linux without resolvectl or nmcli, and without resolv.conf, gives what exists (possibly nothing)', async () => {
    const entries = await readDnsServers({ platform: 'linux', resolvConfPath: tempResolvConf('nameserver 192.0.2.53\n'), run: fakeRunner({}) });
    expect(entries).toEqual([{ source: 'resolv.conf', servers: ['192.0.2.53'] }]);
    expect(await readDnsServers({ platform: 'linux', resolvConfPath: '/nonexistent/resolv.conf', run: fakeRunner({}) })).toEqual([]);
  });

  it('on macOS asks scutil, on Windows PowerShell', async () => {
    const mac = await readDnsServers({ platform: 'darwin', run: fakeRunner({ scutil: fixture('scutil-dns.vpn.txt') }) });
    expect(mac[0]).toEqual({ source: 'scutil', interface: 'en0', servers: ['192.168.178.1', 'fd00::3681:c4ff:fe12:3456'] });
    const windows = await readDnsServers({
      platform: 'win32',
      run: fakeRunner({ [windowsPowerShellPath()]: fixture('get-dnsclientserveraddress.de-de.json') }),
    });
    expect(windows.map((e) => e.interface)).toEqual(['WLAN', 'Ethernet 2', 'Loopback Pseudo-Interface 1']);
  });

  it('turns garbage from a tool into nothing rather than an exception', async () => {
    expect(await readDnsServers({ platform: 'win32', run: fakeRunner({ [windowsPowerShellPath()]: 'Access denied.' }) })).toEqual([]);
  });

  it('flattens entries into unique servers for the report', async () => {
    const mac = await readDnsServers({ platform: 'darwin', run: fakeRunner({ scutil: fixture('scutil-dns.vpn.txt') }) });
    expect(flattenDnsServers(mac)).toEqual(['192.168.178.1', 'fd00::3681:c4ff:fe12:3456', '10.20.0.53', '10.20.0.54']);
  });
});
