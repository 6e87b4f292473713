// One DNS change at a time across processes (the app's engine and a CLI in a terminal): an exclusive lock file in
// the data folder, created with O_EXCL and holding the owner's pid, for the whole switch or revert. Without it two
// changes could both find no journal and the second would save the first one's servers as the "original".
// A lock whose process is gone (a crash, a kill) is taken over; the takeover itself is serialised by a second
// O_EXCL file, so two processes cannot both remove a stale lock and each think they hold the new one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DnsStateError } from './errors.js';
import { processAlive } from './journal.js';

export const LOCK_FILE = 'dns-change.lock';
/** Held longer than this, a lock is stale even if its pid lives (pids get reused): longer than any change. */
const LOCK_MAX_AGE_MS = 30 * 60_000;
/** A lock file still empty after this long belongs to a process that died between create and write. */
const EMPTY_LOCK_GRACE_MS = 10_000;

const LockSchema = z.strictObject({ pid: z.number().int().positive(), token: z.string().max(64), createdAt: z.iso.datetime() });

export interface LockOptions {
  alive?: (pid: number) => boolean;
  now?: () => number;
}

export interface DnsLock {
  /** Removes the lock if it is still this one's. */
  release(): Promise<void>;
}

export const lockPath = (dataDir: string): string => path.join(dataDir, LOCK_FILE);

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function ageMs(file: string, now: number): Promise<number | null> {
  try {
    return now - (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

/** Who holds the lock and whether that holder is gone; null when the lock vanished meanwhile. */
async function holder(file: string, alive: (pid: number) => boolean, now: number): Promise<{ text: string; pid: number | null; stale: boolean } | null> {
  const text = await readText(file);
  if (text === null) return null;
  const age = (await ageMs(file, now)) ?? 0;
  let parsed: z.infer<typeof LockSchema> | null;
  try {
    parsed = LockSchema.parse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed) return { text, pid: null, stale: age > EMPTY_LOCK_GRACE_MS };
  return { text, pid: parsed.pid, stale: !alive(parsed.pid) || age > LOCK_MAX_AGE_MS };
}

/** Takes the lock or throws DnsStateError naming who holds it. */
export async function acquireDnsLock(dataDir: string, options: LockOptions = {}): Promise<DnsLock> {
  const alive = options.alive ?? processAlive;
  const now = options.now ?? Date.now;
  const file = lockPath(dataDir);
  const takeover = `${file}.takeover`;
  const token = randomBytes(12).toString('hex');
  const text = JSON.stringify({ pid: process.pid, token, createdAt: new Date(now()).toISOString() }) + '\n';
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createExclusive(file, text)) {
      return {
        release: async () => {
          if ((await readText(file)) === text) await rm(file, { force: true });
        },
      };
    }
    const held = await holder(file, alive, now());
    if (held === null) continue; // released meanwhile: try again
    if (!held.stale) {
      throw new DnsStateError(
        held.pid === null
          ? 'another DNS change is starting now; try again in a moment'
          : `another DNS change is running now (process ${held.pid}); try again when it has finished`,
      );
    }
    // Stale: remove it, but only while holding the takeover file, and only if it is still the same stale lock.
    if (!(await createExclusive(takeover, `${process.pid}\n`))) {
      const age = await ageMs(takeover, now());
      if (age !== null && age > EMPTY_LOCK_GRACE_MS) await rm(takeover, { force: true });
      else throw new DnsStateError('another DNS change is starting now; try again in a moment');
      continue;
    }
    try {
      if ((await readText(file)) === held.text) await rm(file, { force: true });
    } finally {
      await rm(takeover, { force: true });
    }
  }
  throw new DnsStateError(`the DNS change lock ${file} could not be taken; try again in a moment`);
}

/** Runs `work` holding the lock, and releases it however `work` ends. */
export async function withDnsLock<T>(dataDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = await acquireDnsLock(dataDir, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
