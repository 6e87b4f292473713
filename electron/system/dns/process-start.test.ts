// Fixtures: proc-pid-stat.txt and proc-stat.txt were captured on the Debian 12 build machine (`cat /proc/self/stat`,
// the cpu/btime/processes lines of /proc/stat); ps-lstart.procps-utc.txt is `env TZ=UTC0 ps -o lstart= -p 1` there
// (procps-ng 4.0.2; macOS's BSD ps prints lstart with the same C-locale strftime "%a %b %e %H:%M:%S %Y");
// windows-process-starttime.txt is .NET's round-trip "o" format of a UTC DateTime (seven fraction digits and Z,
// learn.microsoft.com "Standard date and time format strings"), which the PowerShell one-liner prints, CRLF-ended.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runner } from '../run-command.js';
import {
  parseBootTime,
  parseProcStatStart,
  parsePsLstart,
  parseWindowsStartTime,
  processStartReader,
  psLstartArgv,
  windowsStartArgv,
} from './process-start.js';

const fixture = (name: string): string => readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('process start times', () => {
  it('reads field 22 of /proc/PID/stat, even when the command name holds spaces and parentheses', () => {
    const stat = fixture('proc-pid-stat.txt');
    expect(parseProcStatStart(stat)).toBe('87646');
    expect(parseProcStatStart(stat.replace('(cat)', '(evil) 1 2 3 (x)'))).toBe('87646');
    expect(parseProcStatStart('garbage')).toBeNull();
    expect(parseBootTime(fixture('proc-stat.txt'))).toBe('1796162307');
  });

  it("reads ps's lstart in UTC, and PowerShell's round-trip time", () => {
    expect(parsePsLstart(fixture('ps-lstart.procps-utc.txt'))).toBe('2026-12-01T21:58:27.000Z');
    expect(parsePsLstart('')).toBeNull();
    expect(parsePsLstart('Foo Bar 99 99:99:99 2026')).toBeNull();
    expect(parseWindowsStartTime(fixture('windows-process-starttime.txt'))).toBe('2026-12-01T21:58:27.4712836Z');
    expect(parseWindowsStartTime('Get-Process : Cannot find a process')).toBeNull();
  });

  it('asks ps and PowerShell by full path with an argument array', async () => {
    expect(psLstartArgv(4242)).toEqual(['/usr/bin/env', 'TZ=UTC0', '/bin/ps', '-o', 'lstart=', '-p', '4242']);
    const argv = windowsStartArgv(4242, { SystemRoot: 'C:\\Windows' });
    expect(argv[0]).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(Buffer.from(argv.at(-1)!, 'base64').toString('utf16le')).toContain('Get-Process -Id 4242');
    const seen: string[][] = [];
    const run: Runner = async (a) => {
      seen.push([...a]);
      return { stdout: fixture('ps-lstart.procps-utc.txt'), stderr: '', durationMs: 1 };
    };
    expect(await processStartReader({ platform: 'darwin', run })(4242)).toBe('darwin:2026-12-01T21:58:27.000Z');
    expect(seen).toEqual([psLstartArgv(4242)]);
    const gone: Runner = async () => Promise.reject(new Error('exit 1'));
    expect(await processStartReader({ platform: 'darwin', run: gone })(4242)).toBeNull();
    const windows: Runner = async () => ({ stdout: fixture('windows-process-starttime.txt'), stderr: '', durationMs: 1 });
    expect(await processStartReader({ platform: 'win32', run: windows })(4242)).toBe('win32:2026-12-01T21:58:27.4712836Z');
  });

  it.skipIf(process.platform !== 'linux')('tells a live process from a dead one and from another with the same pid', async () => {
    const read = processStartReader();
    const own = await read(process.pid);
    expect(own).toMatch(/^linux:\d+:\d+$/);
    expect(await read(process.pid)).toBe(own);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(await read(dead)).toBeNull();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    const start = await read(child.pid!);
    expect(start).not.toBeNull();
    expect(start).not.toBe(own);
    // pid 1 lives, but it is not the process that started at a recorded moment.
    expect(await read(1)).not.toBe(own);
  });

  it.skipIf(process.platform === 'win32' || !readFileExists('/bin/ps'))('agrees with the real ps on this machine', async () => {
    const start = await processStartReader({ platform: 'darwin' })(process.pid);
    expect(start).toMatch(/^darwin:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    // ps and /proc describe the same moment (ps rounds to the second).
    const ticks = Number(parseProcStatStart(readFileSync('/proc/self/stat', 'utf8')));
    const boot = Number(parseBootTime(readFileSync('/proc/stat', 'utf8')));
    const fromProc = (boot + ticks / 100) * 1000;
    expect(Math.abs(Date.parse(start!.slice('darwin:'.length)) - fromProc)).toBeLessThan(2_000);
  });
});

function readFileExists(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}
