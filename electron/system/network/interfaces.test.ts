import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyAdapters, describeAdapters, readAdapters, readAdaptersForSweep, readAdaptersWithin, type RawInterface } from './interfaces.js';

const fixture = (name: string): RawInterface[] => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as RawInterface[];
const byName = (list: ReturnType<typeof classifyAdapters>) => Object.fromEntries(list.map((a) => [a.name, a]));

describe('classifyAdapters (systeminformation output)', () => {
  it('Linux laptop: Wi-Fi default, cable unplugged, docker, WireGuard', () => {
    const a = byName(classifyAdapters(fixture('si-linux.json')));
    expect(a.lo!.kind).toBe('loopback');
    expect(a.enp0s31f6).toMatchObject({ kind: 'wired', up: false, isDefault: false });
    expect(a.wlp0s20f3).toMatchObject({ kind: 'wireless', up: true, isDefault: true, ip4: '192.168.178.57' });
    expect(a.docker0).toMatchObject({ kind: 'virtual' });
    // WireGuard reports operstate "unknown" while it passes traffic: its address means up.
    expect(a.wg0).toMatchObject({ kind: 'tunnel', up: true, tunnel: { kind: 'wireguard' } });
  });

  it('macOS: en0 Wi-Fi, system utun0 and a VPN utun4, awdl0 virtual', () => {
    const a = byName(classifyAdapters(fixture('si-macos.json')));
    expect(a.lo0!.kind).toBe('loopback');
    expect(a.en0).toMatchObject({ kind: 'wireless', isDefault: true, speedMbps: 866 });
    expect(a.awdl0!.kind).toBe('virtual');
    expect(a.utun0!.kind).toBe('tunnel');
    expect(a.utun4).toMatchObject({ kind: 'tunnel', ip4: '10.8.0.6' });
  });

  it('Windows: aliases with descriptions, TAP and Wintun tunnels, Hyper-V virtual', () => {
    const a = byName(classifyAdapters(fixture('si-windows.json')));
    expect(a.Ethernet).toMatchObject({ kind: 'wired', description: 'Intel(R) Ethernet Connection (7) I219-V' });
    expect(a['Ethernet 3']).toMatchObject({ kind: 'tunnel', isDefault: true, tunnel: { kind: 'openvpn' } });
    expect(a.WLAN!.kind).toBe('wireless');
    expect(a['vEthernet (WSL)']!.kind).toBe('virtual');
    expect(a['Local Area Connection']).toMatchObject({ kind: 'tunnel', tunnel: { kind: 'wireguard' } });
    expect(a['Loopback Pseudo-Interface 1']!.kind).toBe('loopback');
  });

  it('describes adapters without MAC addresses or loopback', () => {
    const described = describeAdapters(classifyAdapters(fixture('si-windows.json')));
    expect(JSON.stringify(described)).not.toMatch(/e4:54:e8/);
    expect(described.map((d) => d.name)).not.toContain('Loopback Pseudo-Interface 1');
  });
});

describe('readAdapters', () => {
  it('reads the real adapters of this machine once per sweep, and times it', async () => {
    const sweep = new AbortController().signal;
    const first = readAdaptersForSweep(sweep, undefined);
    expect(readAdaptersForSweep(sweep, undefined)).toBe(first);
    const reading = await first;
    expect(reading.error).toBeUndefined();
    expect(reading.durationMs).toBeGreaterThanOrEqual(0);
    expect(reading.adapters.some((a) => a.kind === 'loopback')).toBe(true);
  });

  it('calls its source once per sweep and not again', async () => {
    let calls = 0;
    const source = async () => {
      calls += 1;
      return fixture('si-linux.json');
    };
    const sweep = {};
    await Promise.all([readAdaptersForSweep(sweep, source), readAdaptersForSweep(sweep, source)]);
    expect(calls).toBe(1);
    await readAdaptersForSweep({}, source);
    expect(calls).toBe(2);
  });

  it('stops waiting for a slow source at the time limit', async () => {
    const slow = () => new Promise<RawInterface[]>((resolve) => setTimeout(() => resolve(fixture('si-linux.json')), 2000));
    const started = Date.now();
    const reading = await readAdaptersWithin({}, 100, slow);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reading).toMatchObject({ adapters: [], error: 'the adapter list took longer than 100 ms' });
    const quick = await readAdaptersWithin({}, 1000, async () => fixture('si-linux.json'));
    expect(quick.adapters).toHaveLength(5);
  });

  it('turns a failing source into an error reading', async () => {
    const reading = await readAdapters(async () => {
      throw new Error('WMI unavailable');
    });
    expect(reading).toMatchObject({ adapters: [], error: 'WMI unavailable' });
  });
});
