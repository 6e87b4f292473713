// The cross-process lock on real files: a holder that lives blocks, one that died is taken over, a release never
// removes someone else's lock. (Two real transactions racing are in transaction.test.ts.)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DnsStateError } from './errors.js';
import { acquireDnsLock, lockPath, withDnsLock } from './lock.js';
import { processStartReader } from './process-start.js';

const dataDir = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'gd-lock-')), 'data');
const lockOf = (pid: number): string => JSON.stringify({ pid, token: 'x', createdAt: new Date().toISOString() }) + '\n';
const sleepers: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of sleepers.splice(0)) child.kill('SIGKILL');
});

describe('the DNS change lock', () => {
  it('is exclusive while held, names its holder, and is gone once released', async () => {
    const dir = dataDir();
    const lock = await acquireDnsLock(dir);
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(acquireDnsLock(dir)).rejects.toThrow(new DnsStateError(`another DNS change is running now (process ${process.pid}); try again when it has finished`));
    await lock.release();
    expect(existsSync(lockPath(dir))).toBe(false);
    await (await acquireDnsLock(dir)).release();
  });

  it('is held by a live process of another program too (its pid, not ours)', async () => {
    const dir = dataDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    sleepers.push(sleeper);
    await (await acquireDnsLock(dir)).release(); // creates the folder
    const held = lockOf(sleeper.pid!);
    writeFileSync(lockPath(dir), held);
    await expect(acquireDnsLock(dir)).rejects.toThrow(`another DNS change is running now (process ${sleeper.pid})`);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(held); // untouched
  });

  it('takes over a lock whose process is gone, and an empty one left long ago', async () => {
    const dir = dataDir();
    await (await acquireDnsLock(dir)).release();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lockPath(dir), lockOf(dead));
    const lock = await acquireDnsLock(dir);
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();

    // Created, then the process died before writing its pid.
    writeFileSync(lockPath(dir), '');
    await expect(acquireDnsLock(dir)).rejects.toThrow('another DNS change is starting now');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(dir), old, old);
    await (await acquireDnsLock(dir)).release();
    expect(existsSync(`${lockPath(dir)}.takeover`)).toBe(false);
  });

  it('releases only its own lock, and releases it however the work ends', async () => {
    const dir = dataDir();
    const lock = await acquireDnsLock(dir);
    // Someone took it over meanwhile (it looked stale to them): our release leaves theirs alone.
    const theirs = lockOf(process.pid);
    writeFileSync(lockPath(dir), theirs);
    await lock.release();
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(theirs);
    writeFileSync(lockPath(dir), lockOf(spawnSync(process.execPath, ['-e', '']).pid!));
    await expect(withDnsLock(dir, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('is not held by a forged lock: pid 1 with another start time, or a date in the future', async () => {
    const dir = dataDir();
    await (await acquireDnsLock(dir)).release();
    const own = (await processStartReader()(process.pid))!;
    // pid 1 lives, but did not start when this lock says its holder did.
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 1, processStart: own, token: 'x', createdAt: '2999-01-01T00:00:00.000Z' }));
    await (await acquireDnsLock(dir)).release();
    // An older lock without a start time, dated (and modified) in 2999: not a lockout either.
    writeFileSync(lockPath(dir), lockOf(1));
    const future = new Date('2999-01-01T00:00:00Z');
    utimesSync(lockPath(dir), future, future);
    await (await acquireDnsLock(dir)).release();
    writeFileSync(`${lockPath(dir)}.takeover`, '1\n');
    utimesSync(`${lockPath(dir)}.takeover`, future, future);
    writeFileSync(lockPath(dir), lockOf(spawnSync(process.execPath, ['-e', '']).pid!));
    await (await acquireDnsLock(dir)).release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('answers at once when a FIFO or a folder sits at the lock path', async () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [lockPath(dir)]);
    const started = Date.now();
    await expect(acquireDnsLock(dir)).rejects.toThrow(
      `the DNS change lock ${lockPath(dir)} is a named pipe (FIFO), not a file, so Gateway Doctor did not make it; nothing was changed: delete it, then try again`,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
