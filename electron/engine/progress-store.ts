// The wizard's progress between launches: one small versioned JSON file in the app's data folder, written
// atomically, read as a regular file only and size-capped. A file that cannot be used (damaged, oversized, from
// another version, not a regular file) is set aside with a one-sentence note: it never stops the app starting.
import { constants } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  MAX_PROGRESS_BYTES,
  PROGRESS_VERSION,
  ProgressSchema,
  type LoadProgressResult,
  type Progress,
  type SaveProgressRequest,
} from '../common/progress-schema.js';
import { writeFileAtomic } from './fs/atomic-write.js';

export const PROGRESS_FILE = 'progress.json';
/** The request cap plus room for the version and date the file adds. */
export const PROGRESS_FILE_MAX_BYTES = MAX_PROGRESS_BYTES + 4 * 1024;

export interface ProgressStore {
  load(): Promise<LoadProgressResult>;
  save(request: SaveProgressRequest, now?: Date): Promise<Progress>;
  /** "Start over": forgets the saved progress. */
  clear(): Promise<void>;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const FRESH = 'so the wizard starts from the beginning';

export const PROGRESS_NOTES = {
  damaged: `The progress saved last time could not be read (its file is damaged), ${FRESH}.`,
  tooLarge: `The progress saved last time was set aside because its file is far larger than the app ever writes, ${FRESH}.`,
  notAFile: `The progress saved last time was set aside because it is not a regular file, ${FRESH}.`,
  otherVersion: `The progress saved last time comes from another version of Gateway Doctor, ${FRESH}.`,
  unreadable: `The progress saved last time could not be opened, ${FRESH}.`,
} as const;

export function progressPath(dataDir: string): string {
  return path.join(dataDir, PROGRESS_FILE);
}

export function toProgress(request: SaveProgressRequest, now: Date): Progress {
  return ProgressSchema.parse({ version: PROGRESS_VERSION, savedAt: now.toISOString(), ...request });
}

/** Pure: the saved progress from the file's text, or why it is set aside. */
export function parseProgress(text: string): LoadProgressResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { progress: null, note: PROGRESS_NOTES.damaged };
  }
  if (json !== null && typeof json === 'object' && 'version' in json && json.version !== PROGRESS_VERSION) {
    return { progress: null, note: PROGRESS_NOTES.otherVersion };
  }
  const parsed = ProgressSchema.safeParse(json);
  return parsed.success ? { progress: parsed.data } : { progress: null, note: PROGRESS_NOTES.damaged };
}

export function fileProgressStore(dataDir: string): ProgressStore {
  const file = progressPath(dataDir);
  return {
    load: async () => {
      let handle;
      try {
        // O_NOFOLLOW: a link planted in place of the file is not followed anywhere.
        handle = await open(file, constants.O_RDONLY | NO_FOLLOW);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { progress: null };
        return { progress: null, note: code === 'ELOOP' ? PROGRESS_NOTES.notAFile : PROGRESS_NOTES.unreadable };
      }
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) return { progress: null, note: PROGRESS_NOTES.notAFile };
        if (stats.size > PROGRESS_FILE_MAX_BYTES) return { progress: null, note: PROGRESS_NOTES.tooLarge };
        const buffer = Buffer.alloc(stats.size + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > PROGRESS_FILE_MAX_BYTES) return { progress: null, note: PROGRESS_NOTES.tooLarge };
        return parseProgress(buffer.subarray(0, bytesRead).toString('utf8'));
      } catch {
        return { progress: null, note: PROGRESS_NOTES.unreadable };
      } finally {
        await handle.close().catch(() => {});
      }
    },
    save: async (request, now = new Date()) => {
      const progress = toProgress(request, now);
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, `${JSON.stringify(progress)}\n`, 0o600);
      return progress;
    },
    clear: async () => {
      await rm(file, { force: true });
    },
  };
}

/** Kept in memory only: the development bridge's (its page keeps progress in localStorage). */
export function memoryProgressStore(): ProgressStore {
  let saved: Progress | null = null;
  return {
    load: async () => ({ progress: saved === null ? null : structuredClone(saved) }),
    save: async (request, now = new Date()) => {
      saved = toProgress(request, now);
      return structuredClone(saved);
    },
    clear: async () => {
      saved = null;
    },
  };
}
