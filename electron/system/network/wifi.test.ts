// Wi-Fi parsers on captured output: nmcli (terse) and /proc/net/wireless on Linux, system_profiler JSON on macOS,
// netsh in English and German on Windows (German read as the OEM bytes arrive: umlauts garbled, values intact).
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, type RunOptions } from '../run-command.js';
import { linuxWifiArgv, parseNmcliWifi, parseProcNetWireless } from './wifi-linux.js';
import { macosWifiArgv, parseSystemProfilerWifi } from './wifi-macos.js';
import { dbmToPercent, isInsecureSecurity } from './wifi-types.js';
import { parseNetshWlan, windowsWifiArgv } from './wifi-windows.js';
import { readWifi } from './wifi.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('security and signal helpers', () => {
  it('flags open, WEP and WPA1-only networks as ChromeOS does', () => {
    for (const weak of ['', '--', 'Open', 'Offen', 'WEP', 'WPA1', 'WPA-Personal', 'wpa_personal', 'none']) expect(isInsecureSecurity(weak), weak).toBe(true);
    for (const good of ['WPA2', 'WPA1 WPA2', 'WPA2-Personal', 'WPA3-Personal', 'wpa2_personal', 'wpa3_transition', 'WPA2 802.1X', 'WPA2-Enterprise']) {
      expect(isInsecureSecurity(good), good).toBe(false);
    }
  });

  it('maps dBm to percent', () => {
    expect(dbmToPercent(-50)).toBe(100);
    expect(dbmToPercent(-89)).toBe(22);
    expect(dbmToPercent(-110)).toBe(0);
  });
});

describe('Linux', () => {
  it('asks nmcli for cached results only', () => {
    expect(linuxWifiArgv()).toEqual(['nmcli', '-t', '-f', 'IN-USE,SSID,SIGNAL,SECURITY,DEVICE', 'device', 'wifi', 'list', '--rescan', 'no']);
  });

  it('reads the network in use: weak and open', () => {
    expect(parseNmcliWifi(fixture('linux-nmcli-wifi.txt'))).toEqual([
      { interface: 'wlp0s20f3', ssid: 'Cafe:Guest', signalPercent: 24, security: 'Open', insecure: true },
    ]);
  });

  it('reads a strong WPA2/WPA3 network and ignores others with the same name', () => {
    expect(parseNmcliWifi(fixture('linux-nmcli-wifi-secure.txt'))).toEqual([
      { interface: 'wlp2s0', ssid: 'HomeNet', signalPercent: 71, security: 'WPA2 WPA3', insecure: false },
    ]);
  });

  it('reads /proc/net/wireless', () => {
    expect(parseProcNetWireless(fixture('linux-proc-net-wireless.txt'))).toEqual([{ interface: 'wlp2s0', signalDbm: -89, signalPercent: 22 }]);
    expect(parseProcNetWireless('Inter-| sta-|   Quality\n face | tus | link level noise\n')).toEqual([]);
  });
});

describe('macOS', () => {
  it('asks system_profiler for JSON', () => {
    expect(macosWifiArgv()).toEqual(['system_profiler', 'SPAirPortDataType', '-json', '-detailLevel', 'basic']);
  });

  it('reads the current network, not AWDL', () => {
    expect(parseSystemProfilerWifi(fixture('macos-system-profiler-airport.json'))).toEqual([
      { interface: 'en0', ssid: 'HomeNet', signalDbm: -58, signalPercent: 84, security: 'wpa2_personal', insecure: false },
    ]);
  });

  it('reads a weak open network with a redacted SSID', () => {
    expect(parseSystemProfilerWifi(fixture('macos-system-profiler-airport-weak.json'))).toEqual([
      { interface: 'en0', signalDbm: -87, signalPercent: 26, security: 'none', insecure: true },
    ]);
  });
});

describe('Windows netsh wlan show interfaces', () => {
  it('builds the command', () => {
    expect(windowsWifiArgv()).toEqual(['netsh.exe', 'wlan', 'show', 'interfaces']);
  });

  it('reads English output', () => {
    expect(parseNetshWlan(fixture('windows-netsh-wlan-en.txt'))).toEqual([
      { interface: 'Wi-Fi', ssid: 'HomeNet', signalPercent: 22, security: 'WPA2-Personal', insecure: false },
    ]);
  });

  it('reads German output (labels differ, umlauts arrive garbled)', () => {
    expect(parseNetshWlan(fixture('windows-netsh-wlan-de.txt'))).toEqual([
      { interface: 'WLAN', ssid: 'FRITZ!Box 7590 XY', signalPercent: 88, security: 'WPA2-Personal', insecure: false },
    ]);
    expect(parseNetshWlan(fixture('windows-netsh-wlan-de-open.txt'))).toEqual([
      { interface: 'WLAN', ssid: 'Hotel-Gast', signalPercent: 41, security: 'Offen', insecure: true },
    ]);
  });

  it('reads nothing when disconnected', () => {
    expect(parseNetshWlan(fixture('windows-netsh-wlan-disconnected.txt'))).toEqual([]);
  });

  it('flags an open network in French ("Ouvrir") and Spanish ("Abierta") as not encrypted', () => {
    // hnykda/wifi-heatmapper captures; French Windows prints the verb "Ouvrir".
    expect(parseNetshWlan(fixture('windows-netsh-wlan-fr-open.txt'))).toEqual([
      { interface: 'Wi-Fi', ssid: 'SSID-1', signalPercent: 80, security: 'Ouvrir', insecure: true },
    ]);
    expect(parseNetshWlan(fixture('windows-netsh-wlan-es-open.txt'))).toEqual([
      { interface: 'Wi-Fi', ssid: 'SSID-1', signalPercent: 81, security: 'Abierta', insecure: true },
    ]);
  });
});

describe('readWifi', () => {
  const run = (answers: Record<string, string | Error>) => async (argv: readonly string[], _options: RunOptions) => {
    const answer = answers[argv[0]!];
    if (answer === undefined || answer instanceof Error) throw answer ?? new CommandError(`${argv[0]}: not found`, 'ENOENT', argv);
    return { stdout: answer, stderr: '', durationMs: 2 };
  };

  it('uses the OS reader', async () => {
    const reading = await readWifi({ platform: 'win32', run: run({ 'netsh.exe': fixture('windows-netsh-wlan-de.txt') }), timeoutMs: 1000 });
    expect(reading.networks[0]?.signalPercent).toBe(88);
    expect(reading.command).toBe('netsh.exe wlan show');
  });

  it('falls back to /proc/net/wireless without nmcli', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gd-wifi-'));
    const proc = path.join(dir, 'wireless');
    writeFileSync(proc, fixture('linux-proc-net-wireless.txt'));
    const reading = await readWifi({ platform: 'linux', run: run({}), timeoutMs: 1000, procNetWireless: proc });
    expect(reading).toMatchObject({ networks: [{ interface: 'wlp2s0', signalPercent: 22 }], command: proc });
  });

  it('reports an error when nothing can be read', async () => {
    const reading = await readWifi({ platform: 'linux', run: run({}), timeoutMs: 1000, procNetWireless: '/nonexistent/wireless' });
    expect(reading.networks).toEqual([]);
    expect(reading.error).toBeTruthy();
  });
});
