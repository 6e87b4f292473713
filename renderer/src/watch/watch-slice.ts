// "Tell me when it works": the engine re-checks the status page and the targets with backoff; the store follows
// its broadcasts (so a watch survives switching steps and reloading the page), notifies the person through the
// browser when the service answers again (the app's main process notifies natively itself), and then diagnoses
// again so every step says how things are now.
import type { StoreApi } from 'zustand/vanilla';
import type { GatewayDoctorApi } from '../../../electron/common/contract.js';
import { WatchStateSchema, watchNotification, type WatchState } from '../../../electron/common/watch.js';
import { cleanErrorMessage } from '../errors.js';
import { askToNotify, notify } from '../notify.js';

export interface WatchSlice {
  watch: WatchState | null;
  watchError: string | null;
  startWatching(): Promise<void>;
  stopWatching(): Promise<void>;
}

type SetState<S> = StoreApi<S>['setState'];
type GetState<S> = StoreApi<S>['getState'];

export interface WatchHooks {
  /** Whether this page must show the notification itself (through the bridge: yes; in the app main does). */
  notifiesItself(): boolean;
  /** The service works again: what to do next (a new diagnosis). */
  onBack(): void;
}

export function createWatchSlice<S extends WatchSlice>(api: GatewayDoctorApi, set: SetState<S>): WatchSlice {
  const patch = (fields: Partial<WatchSlice>): void => set(fields as Partial<S>);
  return {
    watch: null,
    watchError: null,
    async startWatching() {
      patch({ watchError: null });
      // Asked in answer to the click, before the wait begins.
      await askToNotify();
      try {
        patch({ watch: WatchStateSchema.parse(await api.startWatch()) });
      } catch (error) {
        patch({ watchError: `Watching could not start: ${cleanErrorMessage(error)}` });
      }
    },
    async stopWatching() {
      try {
        const state = await api.stopWatch();
        patch({ watch: state === null ? null : WatchStateSchema.parse(state) });
      } catch (error) {
        patch({ watchError: `Watching could not be stopped: ${cleanErrorMessage(error)}` });
      }
    },
  };
}

/** Follows the engine's watch broadcasts; returns the unsubscribe function. */
export function followWatch<S extends WatchSlice>(api: GatewayDoctorApi, set: SetState<S>, get: GetState<S>, hooks: WatchHooks): () => void {
  const unsubscribe = api.onWatch((payload) => {
    const parsed = WatchStateSchema.safeParse(payload);
    if (!parsed.success) return;
    const previous = get().watch;
    const state = parsed.data;
    set({ watch: state } as Partial<S>);
    const justBack = state.state === 'working' && previous?.state !== 'working';
    if (!justBack) return;
    const message = watchNotification(state);
    if (message && hooks.notifiesItself()) notify(message.title, message.body, 'gateway-doctor-watch');
    hooks.onBack();
  });
  // A watch running before this page (re)loaded is shown as it is.
  api.getWatch().then(
    (state) => {
      const parsed = WatchStateSchema.nullable().safeParse(state);
      if (parsed.success && get().watch === null) set({ watch: parsed.data } as Partial<S>);
    },
    () => {},
  );
  return unsubscribe;
}
