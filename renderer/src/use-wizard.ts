// React access to the wizard store: the app creates one store and provides it; components select from it.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WizardState, WizardStore } from './store.js';

export const WizardStoreContext = createContext<WizardStore | null>(null);

/** Select a slice of the wizard state. Select stored values only; derive with selectors.ts during render. */
export function useWizard<T>(selector: (state: WizardState) => T): T {
  const store = useContext(WizardStoreContext);
  if (!store) throw new Error('useWizard needs a WizardStoreContext provider');
  return useStore(store, selector);
}
