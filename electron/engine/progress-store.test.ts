// The progress file on a real temp folder: written atomically and privately, read back, and set aside (never
// fatal) when damaged, oversized, from another version, or not a regular file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SaveProgressRequestSchema, type SaveProgressRequest } from '../common/progress-schema.js';
import { fileProgressStore, memoryProgressStore, PROGRESS_FILE_MAX_BYTES, PROGRESS_NOTES, progressPath } from './progress-store.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-progress-'));
  temps.push(dir);
  return path.join(dir, 'Gateway Doctor');
}

const REQUEST: SaveProgressRequest = SaveProgressRequestSchema.parse({
  service: { url: 'https://chat.example/' },
  steps: [
    { step: 'refresh', result: 'not-fixed', at: '2025-03-01T10:00:00.000Z' },
    { step: 'clear-cache', result: 'fixed', at: '2025-03-01T10:05:00.000Z' },
  ],
  currentStep: 'extensions',
  timers: [{ step: 'wait-retry', endsAt: '2025-03-01T10:20:00.000Z' }],
  lastReport: null,
});
const NOW = new Date('2025-03-01T10:06:00.000Z');

describe('file progress store', () => {
  it('saves into a new private data folder, atomically, and loads the same back', async () => {
    const dir = dataDir();
    const store = fileProgressStore(dir);
    expect(await store.load()).toEqual({ progress: null });

    const saved = await store.save(REQUEST, NOW);
    expect(saved).toEqual({ version: 1, savedAt: '2025-03-01T10:06:00.000Z', ...REQUEST });
    expect(await store.load()).toEqual({ progress: saved });
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(progressPath(dir)).mode & 0o777).toBe(0o600);
    }
    // Nothing but the file itself is left behind (no temp file of the atomic write).
    expect(readdirSync(dir)).toEqual(['progress.json']);

    await store.save({ ...REQUEST, currentStep: 'dns' }, NOW);
    expect((await store.load()).progress?.currentStep).toBe('dns');
  });

  it('"Start over" removes it; clearing twice is fine', async () => {
    const dir = dataDir();
    const store = fileProgressStore(dir);
    await store.save(REQUEST, NOW);
    await store.clear();
    await store.clear();
    expect(existsSync(progressPath(dir))).toBe(false);
    expect(await store.load()).toEqual({ progress: null });
  });

  const setAside: [string, (file: string) => void, string][] = [
    ['a file that is not JSON', (file) => writeFileSync(file, '{"version":1,"savedAt":'), PROGRESS_NOTES.damaged],
    ['an empty file', (file) => writeFileSync(file, ''), PROGRESS_NOTES.damaged],
    ['JSON of the wrong shape', (file) => writeFileSync(file, JSON.stringify({ version: 1, savedAt: 'yesterday', steps: 'all' })), PROGRESS_NOTES.damaged],
    ['an unknown key (a hand edit)', (file) => writeFileSync(file, JSON.stringify({ version: 1, savedAt: NOW.toISOString(), ...REQUEST, admin: true })), PROGRESS_NOTES.damaged],
    ['a newer version', (file) => writeFileSync(file, JSON.stringify({ version: 2, savedAt: NOW.toISOString(), anything: 'new' })), PROGRESS_NOTES.otherVersion],
    ['an oversized file', (file) => writeFileSync(file, Buffer.alloc(PROGRESS_FILE_MAX_BYTES + 1, 0x20)), PROGRESS_NOTES.tooLarge],
    ['a folder in its place', (file) => mkdirSync(file), PROGRESS_NOTES.notAFile],
  ];
  for (const [what, plant, note] of setAside) {
    it(`sets aside ${what} with a note, and the next save replaces it`, async () => {
      const dir = dataDir();
      mkdirSync(dir, { recursive: true });
      plant(progressPath(dir));
      const store = fileProgressStore(dir);
      expect(await store.load()).toEqual({ progress: null, note });
      if (what !== 'a folder in its place') {
        await store.save(REQUEST, NOW);
        expect((await store.load()).progress?.steps).toEqual(REQUEST.steps);
      }
    });
  }

  it.skipIf(process.platform === 'win32')('never follows a link planted in place of the file, and a save replaces the link, not its target', async () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    const elsewhere = path.join(path.dirname(dir), 'elsewhere.json');
    const valid = JSON.stringify({ version: 1, savedAt: NOW.toISOString(), ...REQUEST });
    writeFileSync(elsewhere, valid);
    symlinkSync(elsewhere, progressPath(dir));
    const store = fileProgressStore(dir);
    expect(await store.load()).toEqual({ progress: null, note: PROGRESS_NOTES.notAFile });
    await store.save({ ...REQUEST, currentStep: 'vpn-proxy' }, NOW);
    expect(readFileSync(elsewhere, 'utf8')).toBe(valid);
    expect((await store.load()).progress?.currentStep).toBe('vpn-proxy');
  });
});

describe('memory progress store (the development bridge)', () => {
  it('keeps one copy in memory, returned as a copy', async () => {
    const store = memoryProgressStore();
    expect(await store.load()).toEqual({ progress: null });
    await store.save(REQUEST, NOW);
    const first = await store.load();
    first.progress!.steps.push({ step: 'dns', result: 'fixed', at: NOW.toISOString() });
    expect((await store.load()).progress?.steps).toHaveLength(2);
    await store.clear();
    expect(await store.load()).toEqual({ progress: null });
  });
});
