// One DNS change at a time across processes (the app's engine and a CLI in a terminal): an exclusive lock file in
// the data folder, created with O_EXCL and holding the owner's pid, for the whole switch or revert. Without it two
// changes could both find no journal and the second would save the first one's servers as the "original".
// A lock whose process is gone (a crash, a kill) is taken over; the takeover itself is serialised by a second
// O_EXCL file, so two processes cannot both remove a stale lock and each think they hold the new one.
// Its holder is alive only if a process with its pid lives AND started when the lock says (process-start.ts): a
// forged lock naming pid 1, or with a modification time in the future, is stale, not a lockout. Lock files are read
// as regular files only, non-blocking: a FIFO put there is refused at once, never waited on.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readRegularFile, UnreadableFileError, unreadableProblem } from '../../engine/fs/read-regular-file.js';
import { DnsStateError } from './errors.js';
import { processAlive } from './journal.js';
import { processStartReader, type ProcessStartReader } from './process-start.js';

export const LOCK_FILE = 'dns-change.lock';
/** Held longer than this, a lock is stale even if its pid lives (pids get reused): longer than any change. */
const LOCK_MAX_AGE_MS = 30 * 60_000;
/** A lock file still empty after this long belongs to a process that died between create and write. */
const EMPTY_LOCK_GRACE_MS = 10_000;

/** A modification time further ahead than this is not a clock's drift: the lock was forged. */
const FUTURE_SLACK_MS = 60_000;
const LOCK_MAX_BYTES = 4096;

const LockSchema = z.strictObject({
  pid: z.number().int().positive(),
  /** When the holder started (process-start.ts); absent in locks of older versions. */
  processStart: z.string().max(128).optional(),
  token: z.string().max(64),
  createdAt: z.iso.datetime(),
});

export interface LockOptions {
  alive?: (pid: number) => boolean;
  processStart?: ProcessStartReader;
  now?: () => number;
}

export interface DnsLock {
  /** Removes the lock if it is still this one's. */
  release(): Promise<void>;
}

export const lockPath = (dataDir: string): string => path.join(dataDir, LOCK_FILE);

async function readText(file: string): Promise<string | null> {
  try {
    return (await readRegularFile(file, { maxBytes: LOCK_MAX_BYTES })).toString('utf8');
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.reason === 'missing') return null;
    if (error.reason === 'unreadable') throw new DnsStateError(`the DNS change lock ${file} cannot be read (${error.detail})`);
    throw new DnsStateError(`the DNS change lock ${file} ${unreadableProblem(error, LOCK_MAX_BYTES)}, so Gateway Doctor did not make it; nothing was changed: delete it, then try again`);
  }
}

async function ageMs(file: string, now: number): Promise<number | null> {
  try {
    return now - (await lstat(file)).mtimeMs;
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
async function holder(
  file: string,
  alive: (pid: number) => boolean,
  processStart: ProcessStartReader,
  now: number,
): Promise<{ text: string; pid: number | null; stale: boolean } | null> {
  const text = await readText(file);
  if (text === null) return null;
  const age = (await ageMs(file, now)) ?? 0;
  if (age < -FUTURE_SLACK_MS) return { text, pid: null, stale: true };
  let parsed: z.infer<typeof LockSchema> | null;
  try {
    parsed = LockSchema.parse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed) return { text, pid: null, stale: age > EMPTY_LOCK_GRACE_MS };
  if (age > LOCK_MAX_AGE_MS) return { text, pid: parsed.pid, stale: true };
  const living = parsed.processStart !== undefined ? (await processStart(parsed.pid)) === parsed.processStart : alive(parsed.pid);
  return { text, pid: parsed.pid, stale: !living };
}

/** Takes the lock or throws DnsStateError naming who holds it. */
export async function acquireDnsLock(dataDir: string, options: LockOptions = {}): Promise<DnsLock> {
  const alive = options.alive ?? processAlive;
  const processStart = options.processStart ?? processStartReader();
  const now = options.now ?? Date.now;
  const file = lockPath(dataDir);
  const takeover = `${file}.takeover`;
  const token = randomBytes(12).toString('hex');
  const ownStart = await processStart(process.pid);
  const text =
    JSON.stringify({ pid: process.pid, ...(ownStart !== null ? { processStart: ownStart } : {}), token, createdAt: new Date(now()).toISOString() }) + '\n';
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createExclusive(file, text)) {
      return {
        release: async () => {
          // Replaced meanwhile by something unreadable: not ours any more, left alone.
          if ((await readText(file).catch(() => null)) === text) await rm(file, { force: true });
        },
      };
    }
    const held = await holder(file, alive, processStart, now());
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
      if (age !== null && (age > EMPTY_LOCK_GRACE_MS || age < -FUTURE_SLACK_MS)) await rm(takeover, { force: true });
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
