// Wi-Fi link quality and security of the connected network, per OS. ChromeOS's network diagnostics flag a
// signal below 30 % and open / WEP / WPA1-only security; this module only measures, the check judges.
import { linuxWifiArgv, parseNmcliWifi, parseProcNetWireless } from './wifi-linux.js';
import { macosWifiArgv, parseSystemProfilerWifi } from './wifi-macos.js';
import { parseNetshWlan, windowsWifiArgv } from './wifi-windows.js';
import type { WifiInfo } from './wifi-types.js';
import { runCommand, type Runner } from '../run-command.js';
import { readFile } from 'node:fs/promises';

export type { WifiInfo } from './wifi-types.js';

export interface WifiOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  platform?: NodeJS.Platform;
  run?: Runner;
  /** Linux fallback when nmcli is missing. */
  procNetWireless?: string;
}

export interface WifiReading {
  /** Connected networks (usually one). */
  networks: WifiInfo[];
  command: string;
  durationMs: number;
  error?: string;
}

export async function readWifi(options: WifiOptions): Promise<WifiReading> {
  const run = options.run ?? runCommand;
  const platform = options.platform ?? process.platform;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const runOptions = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const attempt = async (argv: string[], parse: (out: string) => WifiInfo[]): Promise<WifiReading> => {
    const result = await run(argv, runOptions);
    return { networks: parse(result.stdout), command: argv.slice(0, 3).join(' '), durationMs: elapsed() };
  };
  try {
    if (platform === 'darwin') return await attempt(macosWifiArgv(), parseSystemProfilerWifi);
    if (platform === 'win32') return await attempt(windowsWifiArgv(), parseNetshWlan);
    if (platform !== 'linux') return { networks: [], command: '', durationMs: 0, error: `no Wi-Fi reader for ${platform}` };
    try {
      return await attempt(linuxWifiArgv(), parseNmcliWifi);
    } catch (error) {
      // Without NetworkManager the kernel still reports the link quality of associated interfaces.
      const path = options.procNetWireless ?? '/proc/net/wireless';
      const networks = parseProcNetWireless(await readFile(path, 'utf8'));
      if (networks.length === 0) throw error;
      return { networks, command: path, durationMs: elapsed() };
    }
  } catch (error) {
    return { networks: [], command: '', durationMs: elapsed(), error: (error as Error).message };
  }
}
