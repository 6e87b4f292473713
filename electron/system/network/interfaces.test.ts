import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  classifyAdapters,
  describeAdapters,
  inThreadInterfaces,
  interfacesFromWorkerMessage,
  locateInterfacesWorker,
  readAdapters,
  readAdaptersForSweep,
  readAdaptersWithin,
  workerInterfaces,
  type InterfaceSource,
  type RawInterface,
} from './interfaces.js';
import { runWorker } from './run-worker.js';

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
  it('reads the real adapters of this machine once per sweep, in a worker thread, and times it', async () => {
    // From the sources (vitest), the worker is the plain-JavaScript entry next to interfaces.ts.
    const worker = locateInterfacesWorker();
    expect(worker && path.basename(fileURLToPath(worker))).toBe('interfaces-worker.mjs');
    const sweep = new AbortController().signal;
    const first = readAdaptersForSweep(sweep, { timeoutMs: 10_000 });
    expect(readAdaptersForSweep(sweep, { timeoutMs: 10_000 })).toBe(first);
    const reading = await first;
    expect(reading.error).toBeUndefined();
    expect(reading.durationMs).toBeGreaterThanOrEqual(0);
    expect(reading.adapters.some((a) => a.kind === 'loopback')).toBe(true);
    // The same adapters as systeminformation on this thread.
    const here = await readAdapters(inThreadInterfaces);
    expect(reading.adapters.map((a) => a.name).sort()).toEqual(here.adapters.map((a) => a.name).sort());
  });

  it("keeps this thread's event loop responsive while the adapters are read", async () => {
    // A 10 ms timer keeps firing: its largest gap stays far below systeminformation's blocking (tens to hundreds of ms).
    let last = performance.now();
    let maxGap = 0;
    let ticks = 0;
    const interval = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const reading = await readAdapters(workerInterfaces, { timeoutMs: 10_000 });
    const gapWithWorker = Math.max(maxGap, performance.now() - last);
    clearInterval(interval);
    expect(reading.error).toBeUndefined();
    expect(reading.adapters.length).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThan(0);
    expect(gapWithWorker - 10).toBeLessThan(50);
  });

  it('calls its source once per sweep and not again', async () => {
    let calls = 0;
    const source = async () => {
      calls += 1;
      return fixture('si-linux.json');
    };
    const sweep = {};
    await Promise.all([readAdaptersForSweep(sweep, { source }), readAdaptersForSweep(sweep, { source })]);
    expect(calls).toBe(1);
    await readAdaptersForSweep({}, { source });
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

describe('the adapter worker', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-interfaces-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the worker's message, and refuses failures and messages of the wrong shape", () => {
    const list = fixture('si-linux.json');
    expect(interfacesFromWorkerMessage({ ok: true, interfaces: list })).toEqual(list);
    expect(() => interfacesFromWorkerMessage({ ok: false, error: 'ip: command not found' })).toThrow('ip: command not found');
    expect(() => interfacesFromWorkerMessage({ ok: true, interfaces: 'lo' })).toThrow('unexpected message');
    expect(() => interfacesFromWorkerMessage({ ok: true, interfaces: [{ ip4: '127.0.0.1' }] })).toThrow('without a name');
    expect(() => interfacesFromWorkerMessage(null)).toThrow('unexpected message');
  });

  it('terminates a worker that hangs at the sweep\'s time limit, and the sweep gets an error reading in time', async () => {
    // A worker that never answers and leaves a heartbeat: once terminated, the heartbeat stops.
    const beat = path.join(dir, 'beat');
    writeFileSync(beat, '');
    const hanging = path.join(dir, 'hanging-worker.cjs');
    writeFileSync(hanging, `const fs = require('node:fs'); let n = 0; setInterval(() => fs.writeFileSync(${JSON.stringify(beat)}, String(++n)), 10);\n`);
    const source: InterfaceSource = async (limits) => interfacesFromWorkerMessage(await runWorker(hanging, limits));
    const sweep = new AbortController().signal;
    const started = performance.now();
    const reading = await readAdaptersWithin(sweep, 300, source);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(reading).toMatchObject({ adapters: [], error: 'the adapter list took longer than 300 ms' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const before = readFileSync(beat, 'utf8');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readFileSync(beat, 'utf8')).toBe(before);
  });

  it('abandons the reading when the sweep aborts', async () => {
    const hanging = path.join(dir, 'never-answers.cjs');
    writeFileSync(hanging, 'setInterval(() => {}, 1000);\n');
    const source: InterfaceSource = async (limits) => interfacesFromWorkerMessage(await runWorker(hanging, limits));
    const controller = new AbortController();
    const pending = readAdaptersForSweep(controller.signal, { source, timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const reading = await pending;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(reading).toMatchObject({ adapters: [], error: 'the worker was cancelled' });
  });
});
