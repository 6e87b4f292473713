// The browser actions' part of the wizard store: the installed browsers (what the app can do in each, and their
// extensions), and what the last "open" did. The address opened is always the service's own (the engine decides).
import type { StoreApi } from 'zustand/vanilla';
import { BrowserListSchema, OpenInBrowserResultSchema, type BrowserIdValue, type BrowserList, type BrowserOpenMode, type OpenInBrowserResult } from '../../../electron/common/browser-schema.js';
import type { GatewayDoctorApi } from '../../../electron/common/contract.js';
import { cleanErrorMessage } from '../errors.js';

export interface BrowserSlice {
  browsers: BrowserList | null;
  /** Why the browsers could not be listed (a plain sentence), or null. */
  browsersError: string | null;
  /** The last open, as the engine answered (or the error in plain words). */
  browserOutcome: (Pick<OpenInBrowserResult, 'browser' | 'mode' | 'opened' | 'message'>) | null;
  loadBrowsers(): Promise<void>;
  openInBrowser(browser: BrowserIdValue, mode: BrowserOpenMode): Promise<void>;
}

type SetState<S> = StoreApi<S>['setState'];

export function createBrowserSlice<S extends BrowserSlice>(api: GatewayDoctorApi, set: SetState<S>): BrowserSlice {
  const patch = (fields: Partial<BrowserSlice>): void => set(fields as Partial<S>);
  // Listing reads every browser's profile files: done once, when a browser step first needs it.
  let loading: Promise<void> | null = null;
  return {
    browsers: null,
    browsersError: null,
    browserOutcome: null,
    loadBrowsers() {
      loading ??= (async () => {
        try {
          patch({ browsers: BrowserListSchema.parse(await api.listBrowsers()), browsersError: null });
        } catch (error) {
          patch({ browsersError: `The installed browsers could not be listed: ${cleanErrorMessage(error)}` });
          loading = null; // a later visit may try again
        }
      })();
      return loading;
    },
    async openInBrowser(browser, mode) {
      patch({ browserOutcome: null });
      try {
        const result = OpenInBrowserResultSchema.parse(await api.openInBrowser({ browser, mode }));
        patch({ browserOutcome: { browser, mode, opened: result.opened, message: result.message } });
      } catch (error) {
        patch({ browserOutcome: { browser, mode, opened: false, message: cleanErrorMessage(error) } });
      }
    },
  };
}
