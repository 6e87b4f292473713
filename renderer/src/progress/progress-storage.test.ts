import { describe, expect, it } from 'vitest';
import { LOCAL_PROGRESS_KEY, localProgressStorage } from './progress-storage.js';
import { makeReport } from '../test-fixtures.js';

/** The Web Storage interface over a Map, as a page's localStorage behaves. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('progress in the page’s localStorage (through the bridge)', () => {
  const now = () => new Date('2026-12-01T10:00:00.000Z');
  const request = { service: null, steps: [{ step: 'dns' as const, result: 'fixed' as const, at: '2026-12-01T09:59:00.000Z' }], currentStep: 'dns' as const, timers: [], lastReport: makeReport() };

  it('saves versioned and dated, reads back what it saved, and forgets it on Start over', async () => {
    const storage = memoryStorage();
    const progress = localProgressStorage(storage, now);
    expect(await progress.load()).toEqual({ progress: null });
    await progress.save(request);
    expect(JSON.parse(storage.getItem(LOCAL_PROGRESS_KEY)!)).toMatchObject({ version: 1, savedAt: '2026-12-01T10:00:00.000Z', currentStep: 'dns' });
    expect((await progress.load()).progress).toMatchObject({ steps: request.steps, lastReport: request.lastReport });
    await progress.clear();
    expect(storage.getItem(LOCAL_PROGRESS_KEY)).toBeNull();
  });

  it('sets aside what it cannot read (damaged, another version) with a note, and starts afresh', async () => {
    for (const text of ['{not json', JSON.stringify({ version: 9, steps: [] })]) {
      const storage = memoryStorage();
      storage.setItem(LOCAL_PROGRESS_KEY, text);
      const loaded = await localProgressStorage(storage, now).load();
      expect(loaded.progress).toBeNull();
      expect(loaded.note).toMatch(/could not be read/);
      expect(storage.getItem(LOCAL_PROGRESS_KEY)).toBeNull();
    }
  });
});
