// The stored slices the selectors read, picked one by one so each stays referentially stable.
import { useMemo } from 'react';
import type { WizardView } from './selectors.js';
import { sessionOf } from './store.js';
import { useWizard } from './use-wizard.js';

export function useWizardView(): WizardView {
  const report = useWizard((s) => s.report);
  const running = useWizard((s) => s.running);
  const progress = useWizard((s) => s.progress);
  const marks = useWizard((s) => s.marks);
  return useMemo(() => ({ report, running, progress, session: sessionOf({ report, marks }) }), [report, running, progress, marks]);
}
