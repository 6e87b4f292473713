// Who a process is, beyond its pid: when it started. A journal or lock names the process that made it; that process
// is still at work only if a process with that pid lives AND started at the moment recorded. A pid alone is reused
// (pid 1 is always alive), and a clock rule alone is defeated by a date in 2999: neither decides here.
//   Linux: /proc/PID/stat field 22 (start time in clock ticks since boot) with the boot time (`btime` of /proc/stat).
//   macOS: `ps -o lstart= -p PID` (to the second, printed in UTC through `env TZ=UTC0`).
//   Windows: Get-Process's StartTime in UTC, as .NET's round-trip ("o") format.
// The token is opaque: only ever compared with one this same module made on this machine.
import { readFileSync } from 'node:fs';
import { runCommand, type Runner } from '../run-command.js';
import { powershellEncodedArgv } from './windows.js';

/** The start token of a live process, or null when no such process exists (or it cannot be told). */
export type ProcessStartReader = (pid: number) => Promise<string | null>;

/** Field 22 (starttime) of /proc/PID/stat. The command name (field 2) may hold spaces and parentheses: the fields
 * are counted after its last ')'. */
export function parseProcStatStart(stat: string): string | null {
  const close = stat.lastIndexOf(')');
  if (close === -1) return null;
  // After ')': field 3 (state) is the first; starttime is field 22, so the 20th of these.
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  const start = fields[19];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

/** The boot time (`btime`, seconds since the epoch) of /proc/stat. */
export function parseBootTime(procStat: string): string | null {
  const match = /^btime\s+(\d+)\s*$/m.exec(procStat);
  return match ? match[1]! : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `ps -o lstart=` in the C locale and UTC ("Tue Dec  1 21:58:27 2026") as an ISO instant, or null. */
export function parsePsLstart(text: string): string | null {
  const match = /^\s*[A-Z][a-z]{2}\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]!);
  if (month === -1) return null;
  const [day, hours, minutes, seconds, year] = [match[2], match[3], match[4], match[5], match[6]].map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month, day, hours, minutes, seconds));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** PowerShell's `StartTime.ToUniversalTime().ToString('o')` ("2026-12-01T21:58:27.1234567Z"), or null. */
export function parseWindowsStartTime(text: string): string | null {
  const value = text.trim();
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/.test(value) ? value : null;
}

export const psLstartArgv = (pid: number): string[] => ['/usr/bin/env', 'TZ=UTC0', '/bin/ps', '-o', 'lstart=', '-p', String(pid)];

export const windowsStartArgv = (pid: number, env: NodeJS.ProcessEnv = process.env): string[] =>
  powershellEncodedArgv(
    `$p = Get-Process -Id ${pid} -ErrorAction SilentlyContinue; if ($p -and $p.StartTime) { $p.StartTime.ToUniversalTime().ToString('o') }`,
    env,
  );

const READ_TIMEOUT_MS = 10_000;

function linuxStart(pid: number, read: (file: string) => string): string | null {
  try {
    const start = parseProcStatStart(read(`/proc/${pid}/stat`));
    const boot = parseBootTime(read('/proc/stat'));
    return start !== null && boot !== null ? `linux:${boot}:${start}` : null;
  } catch {
    return null; // no such process
  }
}

export interface ProcessStartOptions {
  platform?: NodeJS.Platform;
  run?: Runner;
  /** Reads a /proc file (tests pass captured ones). */
  readProc?: (file: string) => string;
  env?: NodeJS.ProcessEnv;
}

export function processStartReader(options: ProcessStartOptions = {}): ProcessStartReader {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runCommand;
  const readProc = options.readProc ?? ((file: string) => readFileSync(file, 'utf8'));
  return async (pid) => {
    if (!Number.isInteger(pid) || pid <= 0) return null;
    if (platform === 'linux') return linuxStart(pid, readProc);
    const argv = platform === 'win32' ? windowsStartArgv(pid, options.env) : psLstartArgv(pid);
    let stdout: string;
    try {
      stdout = (await run(argv, { timeoutMs: READ_TIMEOUT_MS })).stdout;
    } catch {
      return null; // ps exits 1 for a pid that does not exist
    }
    const start = platform === 'win32' ? parseWindowsStartTime(stdout) : parsePsLstart(stdout);
    return start === null ? null : `${platform}:${start}`;
  };
}
