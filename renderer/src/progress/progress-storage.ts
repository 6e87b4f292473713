// Where the wizard keeps its progress between launches: in the app, the engine's versioned file in the app's data
// folder (through IPC); through the development bridge, the page's localStorage (the bridge keeps nothing on
// disk). Both read back only what validates, and never stop the wizard from starting.
import type { GatewayDoctorApi } from '../../../electron/common/contract.js';
import { LoadProgressResultSchema, PROGRESS_VERSION, ProgressSchema, type Progress, type SaveProgressRequest } from '../../../electron/common/progress-schema.js';

export interface ProgressStorage {
  /** The saved progress (null when none), and a plain sentence when saved progress had to be set aside. */
  load(): Promise<{ progress: Progress | null; note?: string }>;
  save(progress: SaveProgressRequest): Promise<void>;
  clear(): Promise<void>;
}

export function engineProgressStorage(api: GatewayDoctorApi): ProgressStorage {
  return {
    load: async () => LoadProgressResultSchema.parse(await api.loadProgress()),
    save: async (progress) => {
      await api.saveProgress(progress);
    },
    clear: async () => {
      await api.clearProgress();
    },
  };
}

export const LOCAL_PROGRESS_KEY = 'gateway-doctor.progress';

export function localProgressStorage(storage: Storage, now: () => Date = () => new Date()): ProgressStorage {
  return {
    load: async () => {
      const text = storage.getItem(LOCAL_PROGRESS_KEY);
      if (text === null) return { progress: null };
      try {
        return { progress: ProgressSchema.parse(JSON.parse(text)) };
      } catch {
        storage.removeItem(LOCAL_PROGRESS_KEY);
        return { progress: null, note: 'The progress saved last time could not be read, so the wizard starts afresh.' };
      }
    },
    save: async (progress) => {
      storage.setItem(LOCAL_PROGRESS_KEY, JSON.stringify({ version: PROGRESS_VERSION, savedAt: now().toISOString(), ...progress }));
    },
    clear: async () => {
      storage.removeItem(LOCAL_PROGRESS_KEY);
    },
  };
}

/** Where nothing can be kept (a page without storage): the wizard works, it only starts afresh each time. */
export const NO_PROGRESS_STORAGE: ProgressStorage = {
  load: async () => ({ progress: null }),
  save: async () => {},
  clear: async () => {},
};
