// The stored slices the selectors read, picked one by one so each stays referentially stable.
import { useMemo } from 'react';
import type { WizardView } from './selectors.js';
import { useWizard } from './use-wizard.js';

export function useWizardView(): WizardView {
  const report = useWizard((s) => s.report);
  const running = useWizard((s) => s.running);
  const progress = useWizard((s) => s.progress);
  const session = useWizard((s) => s.session);
  return useMemo(() => ({ report, running, progress, session }), [report, running, progress, session]);
}
