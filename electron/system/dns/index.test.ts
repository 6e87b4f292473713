// The DNS environment's read runner: what it reads decides what a change or a revert later runs as root, so its
// programs come from the trusted system folders, whatever PATH says.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Runner } from '../run-command.js';
import { pauseMs, readCommandFor } from './index.js';

function recording(): { run: Runner; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, run: async (argv) => (calls.push([...argv]), { stdout: 'out', stderr: '', durationMs: 1 }) };
}

describe('readCommandFor', () => {
  it('runs a read through the trusted folders even when a look-alike comes first in PATH', async () => {
    const planted = mkdtempSync(path.join(tmpdir(), 'gd-path-'));
    for (const name of ['tee', 'nmcli']) writeFileSync(path.join(planted, name), '#!/bin/sh\necho fake\n', { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${planted}${path.delimiter}${saved ?? ''}`;
    try {
      const { run, calls } = recording();
      const read = readCommandFor('linux', run);
      expect(await read(['tee', '--version'])).toBe('out');
      expect(['/usr/bin/tee', '/bin/tee']).toContain(calls[0]![0]);
      // Not installed in a trusted folder here: refused (detection takes that as "not running"), never the look-alike.
      const nmcliInstalled = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].some((dir) => existsSync(path.join(dir, 'nmcli')));
      if (!nmcliInstalled) await expect(read(['nmcli', '-t', '-f', 'RUNNING', 'general'])).rejects.toThrow(/nmcli is not installed in/);
      expect(calls.flat().some((arg) => arg.startsWith(planted))).toBe(false);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('leaves Windows argv alone (they name %SystemRoot% paths already)', async () => {
    const { run, calls } = recording();
    await readCommandFor('win32', run)(['C:\\Windows\\System32\\ipconfig.exe', '/all']);
    expect(calls).toEqual([['C:\\Windows\\System32\\ipconfig.exe', '/all']]);
  });
});

describe('pauseMs (test hook)', () => {
  it('reads "1" as a minute, a number as milliseconds, and anything else as no pause', () => {
    expect(pauseMs('1')).toBe(60_000);
    expect(pauseMs('1500')).toBe(1_500);
    for (const value of [undefined, '', '0', 'yes', '-5', '1e9', '2.5']) expect(pauseMs(value)).toBeNull();
  });
});
