// The wizard's state (zustand, vanilla so it runs in unit tests without React). It keeps only what cannot be
// derived: the engine's answers, the live progress, the session (what the person tried and changed) and where
// they are. Everything shown per step is derived by electron/common/explain through selectors.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  AppInfoSchema,
  ExportedReportSchema,
  type AppInfo,
  type ExportedReport,
  type GatewayDoctorApi,
  type ReportFormat,
} from '../../electron/common/contract.js';
import { EMPTY_SESSION, ProgressEventSchema, ReportSchema, STEPS, type Report, type Session, type SessionChange, type StepId } from '../../electron/common/spec.js';
import { lastMeasuredAt } from '../../electron/common/explain/explain.js';
import { createDnsSlice, followDnsProgress, type DnsSlice } from './dns/dns-slice.js';
import { createTimerSlice, type TimerSlice } from './timers/timer-slice.js';
import { cleanErrorMessage } from './errors.js';
import { nextStep, type CheckProgress, type Mark } from './selectors.js';

/** What the Retry button does again. */
export type RetryAction =
  | { kind: 'load' }
  | { kind: 'run' }
  | { kind: 'recheck'; checks: string[] }
  | { kind: 'export'; format: ReportFormat; redact: boolean };

export interface WizardError {
  message: string;
  retry: RetryAction;
}

export interface WizardStoreOptions {
  /** Hands an exported report to the user (a download; Electron turns it into a save dialog). */
  save(file: ExportedReport): void;
  /** The clock (tests fix it). */
  now?: () => Date;
}

/** The checks whose facts depend on the system's DNS: re-checked by themselves after a DNS change. */
export const DNS_DEPENDENT_CHECKS = ['dns', 'targets'] as const;

export interface WizardState extends DnsSlice, TimerSlice {
  info: AppInfo | null;
  /** The latest report: kept through a re-run until a new one arrives (a failed run changes nothing). */
  report: Report | null;
  running: boolean;
  /** What the current run is: a full diagnosis, or some checks again (a step's, or DNS's after a change). */
  runKind: { kind: 'full' } | { kind: 'recheck'; checks: string[]; why: 'step' | 'dns-change' } | null;
  /** Checks of the current (or last) run by id, in the order they started. */
  progress: Record<string, CheckProgress>;
  /** What the person tried and changed, and the runs with their verdicts (SPEC.md `session`). */
  session: Session;
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
  /** Runs some checks again and merges them into the report (the verdict follows). */
  recheck(checks: readonly string[], why?: 'step' | 'dns-change'): Promise<void>;
  /** The latest report rendered by the engine (for the preview); no state changes. */
  renderReport(format: ReportFormat, redact: boolean): Promise<ExportedReport>;
  /** Renders the latest report and saves it as a file; failures go to the error bar. */
  exportReport(format: ReportFormat, redact: boolean): Promise<void>;
  retry(): Promise<void>;
  dismissError(): void;
  selectStep(step: StepId): void;
  /** The person's word on a step: "That fixed it" stays; "Still not working" moves on. */
  markStep(step: StepId, result: Mark): void;
}

export type WizardStore = StoreApi<WizardState>;

export function createWizardStore(api: GatewayDoctorApi, options: WizardStoreOptions): WizardStore {
  const now = options.now ?? (() => new Date());
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

    /** Records a finished run in the session, so "works now" can be told from "worked all along". */
    const recordRun = (report: Report): Session => ({
      ...get().session,
      // A re-check's moment is when its checks ran; the report's own start is the first run's.
      runs: [...get().session.runs, { startedAt: new Date(lastMeasuredAt(report)).toISOString(), cause: report.verdict.cause }].slice(-100),
    });

    const runWith = async (kind: NonNullable<WizardState['runKind']>, work: () => Promise<unknown>, retry: RetryAction, failure: string): Promise<void> => {
      if (get().running) return;
      set({ running: true, runKind: kind, progress: {}, error: null });
      try {
        const report = ReportSchema.parse(await work());
        set({ report, running: false, runKind: null, session: recordRun(report) });
      } catch (error) {
        // The last good results (and their export) stay.
        set({ running: false, runKind: null, error: { message: `${failure}: ${cleanErrorMessage(error)}`, retry } });
      }
    };

    const recordChange = (change: Omit<SessionChange, 'at'>): void => {
      const session = get().session;
      set({ session: { ...session, changes: [...session.changes, { ...change, at: now().toISOString() }].slice(-100) } });
    };

    return {
      info: null,
      report: null,
      running: false,
      runKind: null,
      progress: {},
      session: EMPTY_SESSION,
      currentStep: STEPS[0].id,
      error: null,
      exporting: null,
      ...createTimerSlice(set, get, { now, service: () => get().info?.profile.name ?? 'the service' }),
      ...createDnsSlice(api, set, get, {
        // The system's DNS changed: say so in the session, then measure DNS again by itself, so the DNS step and
        // the verdict describe the system as it is now.
        onSystemChanged: async (change) => {
          recordChange(change);
          await get().recheck(DNS_DEPENDENT_CHECKS, 'dns-change');
        },
      }),

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

      run: () => runWith({ kind: 'full' }, () => api.runDiagnosis({}), { kind: 'run' }, 'The diagnosis failed'),

      recheck: (checks, why = 'step') =>
        runWith(
          { kind: 'recheck', checks: [...checks], why },
          () => api.recheck({ checks: [...checks] }),
          { kind: 'recheck', checks: [...checks] },
          'The check could not run again',
        ),

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
        else if (retry.kind === 'recheck') await get().recheck(retry.checks);
        else await get().exportReport(retry.format, retry.redact);
      },

      dismissError() {
        set({ error: null });
      },

      selectStep(step) {
        set({ currentStep: step });
      },

      markStep(step, result) {
        set((state) => {
          const session = { ...state.session, steps: [...state.session.steps, { step, result, at: now().toISOString() }].slice(-200) };
          const next = result === 'not-fixed' ? nextStep(step) : null;
          return next ? { session, currentStep: next } : { session };
        });
      },
    };
  });
}
