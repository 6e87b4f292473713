// The wizard's state (zustand, vanilla so it runs in unit tests without React). It keeps only what cannot be
// derived: the engine's answers, the live progress, the user's own results and where they are. Everything
// shown per step is computed by selectors.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  AppInfoSchema,
  ExportedReportSchema,
  type AppInfo,
  type ExportedReport,
  type GatewayDoctorApi,
  type ReportFormat,
} from '../../electron/common/contract.js';
import { ProgressEventSchema, ReportSchema, STEPS, type Report, type StepId } from '../../electron/common/spec.js';
import { createDnsSlice, followDnsProgress, type DnsSlice } from './dns/dns-slice.js';
import { cleanErrorMessage } from './errors.js';
import { nextStep, type CheckProgress, type ManualResult } from './selectors.js';

/** What the Retry button does again. */
export type RetryAction = { kind: 'load' } | { kind: 'run' } | { kind: 'export'; format: ReportFormat; redact: boolean };

export interface WizardError {
  message: string;
  retry: RetryAction;
}

export interface WizardStoreOptions {
  /** Hands an exported report to the user (a download; Electron turns it into a save dialog). */
  save(file: ExportedReport): void;
}

export interface WizardState extends DnsSlice {
  info: AppInfo | null;
  report: Report | null;
  running: boolean;
  /** Checks of the current (or last) run by id, in the order they started. */
  progress: Record<string, CheckProgress>;
  manual: Partial<Record<StepId, ManualResult>>;
  currentStep: StepId;
  error: WizardError | null;
  /** The format being exported, while an export runs. */
  exporting: ReportFormat | null;

  /**
   * Subscribes to progress, loads the app info, reads the DNS status (a change left by a crash is offered for
   * revert) and runs the diagnosis. Returns the unsubscribe function.
   */
  start(): () => void;
  run(): Promise<void>;
  /** The latest report rendered by the engine (for the preview); no state changes. */
  renderReport(format: ReportFormat, redact: boolean): Promise<ExportedReport>;
  /** Renders the latest report and saves it as a file; failures go to the error bar. */
  exportReport(format: ReportFormat, redact: boolean): Promise<void>;
  retry(): Promise<void>;
  dismissError(): void;
  selectStep(step: StepId): void;
  recordManual(step: StepId, result: ManualResult): void;
}

export type WizardStore = StoreApi<WizardState>;

export function createWizardStore(api: GatewayDoctorApi, options: WizardStoreOptions): WizardStore {
  return createStore<WizardState>()((set, get) => {
    const loadAndRun = async (): Promise<void> => {
      set({ error: null });
      try {
        // Validated here too: a broken preload or bridge shows as a message, not as a blank panel.
        const info = AppInfoSchema.parse(await api.getInfo());
        set({ info });
      } catch (error) {
        set({ error: { message: `Could not start: ${cleanErrorMessage(error)}`, retry: { kind: 'load' } } });
        return;
      }
      // Beside the diagnosis, not before it: reading DNS settings never delays the checks.
      await Promise.all([get().loadDnsStatus(), get().run()]);
    };

    return {
      info: null,
      report: null,
      running: false,
      progress: {},
      manual: {},
      currentStep: STEPS[0].id,
      error: null,
      exporting: null,
      ...createDnsSlice(api, set, get),

      start() {
        const unfollowDns = followDnsProgress(api, set, get);
        const unsubscribe = api.onProgress((payload) => {
          if (!get().running) return; // a late event from a finished run
          const parsed = ProgressEventSchema.safeParse(payload);
          if (!parsed.success) return;
          const event = parsed.data;
          set((state) => {
            if (event.type === 'check-started') {
              if (state.progress[event.id]) return {};
              return { progress: { ...state.progress, [event.id]: { id: event.id, step: event.step, title: event.title, result: null } } };
            }
            const { result } = event;
            return { progress: { ...state.progress, [result.id]: { id: result.id, step: result.step, title: result.title, result } } };
          });
        });
        void loadAndRun();
        return () => {
          unsubscribe();
          unfollowDns();
        };
      },

      async run() {
        if (get().running) return;
        set({ running: true, report: null, progress: {}, error: null });
        try {
          const report = ReportSchema.parse(await api.runDiagnosis({}));
          set({ report, running: false });
        } catch (error) {
          set({ running: false, error: { message: `The diagnosis failed: ${cleanErrorMessage(error)}`, retry: { kind: 'run' } } });
        }
      },

      async renderReport(format, redact) {
        return ExportedReportSchema.parse(await api.exportReport({ format, redact }));
      },

      async exportReport(format, redact) {
        if (get().exporting) return;
        set({ exporting: format, error: null });
        try {
          options.save(await get().renderReport(format, redact));
          set({ exporting: null });
        } catch (error) {
          set({
            exporting: null,
            error: { message: `The report could not be exported: ${cleanErrorMessage(error)}`, retry: { kind: 'export', format, redact } },
          });
        }
      },

      async retry() {
        const retry = get().error?.retry;
        if (!retry) return;
        if (retry.kind === 'load') await loadAndRun();
        else if (retry.kind === 'run') await get().run();
        else await get().exportReport(retry.format, retry.redact);
      },

      dismissError() {
        set({ error: null });
      },

      selectStep(step) {
        set({ currentStep: step });
      },

      recordManual(step, result) {
        set((state) => {
          const manual = { ...state.manual, [step]: result };
          // "Still not working" moves on; "That fixed it" stays to confirm.
          const next = result === 'manual-failed' ? nextStep(step) : null;
          return next ? { manual, currentStep: next } : { manual };
        });
      },
    };
  });
}
