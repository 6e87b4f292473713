// The wizard's state (zustand, vanilla so it runs in unit tests without React). It keeps only what cannot be
// derived: the engine's answers, the live progress, the session (what the person tried and changed) and where
// they are. Everything shown per step is derived by electron/common/explain through selectors.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  AppInfoSchema,
  ExportedReportSchema,
  type AppInfo,
  type ExportedReport,
  type ServiceSelection,
  type GatewayDoctorApi,
  type ReportFormat,
} from '../../electron/common/contract.js';
import { isReportOf, ProgressEventSchema, ReportSchema, STEPS, type Report, type Session, type SessionStep, type StepId } from '../../electron/common/spec.js';
import type { Progress, SaveProgressRequest } from '../../electron/common/progress-schema.js';
import { engineProgressStorage, localProgressStorage, NO_PROGRESS_STORAGE, type ProgressStorage } from './progress/progress-storage.js';
import { createDnsSlice, followDnsProgress, type DnsSlice } from './dns/dns-slice.js';
import { createTimerSlice, type TimerSlice } from './timers/timer-slice.js';
import { createBrowserSlice, type BrowserSlice } from './browsers/browser-slice.js';
import { chosenOf, createServiceSlice, selectionOf, switchService, type ServiceSlice } from './services/service-slice.js';
import { createWatchSlice, followWatch, type WatchSlice } from './watch/watch-slice.js';
import { restoredTimer } from './timers/timers.js';
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
  /** Where progress is kept; by default the engine's file in the app, localStorage through the bridge. */
  progressStorage?: (info: AppInfo) => ProgressStorage;
}

/** How long the wizard waits after a change before saving progress (changes come in bursts). */
export const SAVE_DELAY_MS = 300;

/** The checks whose facts depend on the system's DNS: re-checked by themselves after a DNS change. */
export const DNS_DEPENDENT_CHECKS = ['dns', 'targets'] as const;

export interface WizardState extends DnsSlice, TimerSlice, BrowserSlice, ServiceSlice, WatchSlice {
  info: AppInfo | null;
  /** The latest report: kept through a re-run until a new one arrives (a failed run changes nothing). */
  report: Report | null;
  running: boolean;
  /** What the current run is: a full diagnosis, or some checks again (a step's, or DNS's after a change). */
  runKind: { kind: 'full' } | { kind: 'recheck'; checks: string[]; why: 'step' | 'dns-change' } | null;
  /** Checks of the current (or last) run by id, in the order they started. */
  progress: Record<string, CheckProgress>;
  /** The person's word on the steps they tried, with times (SPEC.md `session.steps`). */
  marks: SessionStep[];
  /** A plain sentence about progress kept between launches (restored, or set aside), shown once. */
  progressNote: string | null;
  /** When the report on screen was restored from an earlier launch (null for a report of this launch). */
  restoredFrom: string | null;
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
  /** Forgets the saved progress, the marks and timers, and diagnoses afresh. */
  startOver(): Promise<void>;
  /** Diagnoses another service (a built-in one, or any address) from now on: what was measured and marked for the
   * previous one is set aside, and the choice is remembered. */
  chooseService(selection: ServiceSelection): Promise<void>;
  dismissProgressNote(): void;
}

/** The session as the explanation reads it: the person's marks from here, runs and changes from the engine. */
export function sessionOf(state: Pick<WizardState, 'report' | 'marks'>): Session {
  return { steps: state.marks, changes: state.report?.session?.changes ?? [], runs: state.report?.session?.runs ?? [] };
}

export type WizardStore = StoreApi<WizardState>;

export function createWizardStore(api: GatewayDoctorApi, options: WizardStoreOptions): WizardStore {
  const now = options.now ?? (() => new Date());
  /** The app keeps progress in the engine's file; a page through the bridge in its own localStorage. */
  const defaultProgressStorage = (info: AppInfo): ProgressStorage => {
    if (info.host === 'electron') return engineProgressStorage(api);
    return typeof localStorage === 'undefined' ? NO_PROGRESS_STORAGE : localProgressStorage(localStorage);
  };

  const storeApi: WizardStore = createStore<WizardState>()((set, get) => {
    let storage: ProgressStorage | null = null;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;

    /** Puts back what was saved at the last launch: marks, the step, timers and the last report of this service. */
    const applyProgress = (progress: Progress, info: AppInfo): boolean => {
      // A report of another service (the profile changed since) is not this one's.
      const report = progress.lastReport && isReportOf(progress.lastReport, info.profile) ? progress.lastReport : null;
      set({
        marks: progress.steps,
        ...(progress.currentStep ? { currentStep: progress.currentStep } : {}),
        ...(report ? { report, restoredFrom: report.startedAt } : {}),
      });
      get().resumeTimers(progress.timers.map((t) => restoredTimer(t, now())));
      return report !== null;
    };

    const loadProgress = async (info: AppInfo): Promise<Progress | null> => {
      storage = (options.progressStorage ?? defaultProgressStorage)(info);
      try {
        const loaded = await storage.load();
        if (loaded.note) set({ progressNote: loaded.note });
        return loaded.progress;
      } catch (error) {
        set({ progressNote: `The progress saved last time could not be read (${cleanErrorMessage(error)}), so the wizard starts afresh.` });
        return null;
      }
    };

    const progressToSave = (state: WizardState): SaveProgressRequest => ({
      service: state.chosenService,
      steps: state.marks,
      currentStep: state.currentStep,
      timers: state.timers.filter((t) => !t.done).map((t) => ({ step: t.step, endsAt: t.endsAt })),
      lastReport: state.report,
    });

    const scheduleSave = (): void => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        if (!storage) return;
        storage.save(progressToSave(get())).catch((error: unknown) => set({ progressNote: cleanErrorMessage(error) }));
      }, SAVE_DELAY_MS);
    };

    const loadAndRun = async (): Promise<void> => {
      set({ error: null });
      let info: AppInfo;
      try {
        // Validated here too: a broken preload or bridge shows as a message, not as a blank panel.
        info = AppInfoSchema.parse(await api.getInfo());
      } catch (error) {
        set({ error: { message: `Could not start: ${cleanErrorMessage(error)}`, retry: { kind: 'load' } } });
        return;
      }
      const progress = await loadProgress(info);
      // The service chosen last time, unless the app was started on a profile of its own (a --profile file: it has
      // no built-in id) — an explicit choice on the command line wins over a remembered one.
      const remembered = progress?.service ?? null;
      if (remembered && info.serviceId !== undefined && !('id' in remembered && remembered.id === info.serviceId)) {
        const switched = await switchService(api, selectionOf(remembered));
        if ('info' in switched) info = switched.info;
        else set({ progressNote: `The service chosen last time could not be opened again (${switched.error}); ${info.profile.name} is shown instead.` });
      }
      set({ info, chosenService: remembered });
      const restored = progress ? applyProgress(progress, info) : false;
      const background = get().loadDnsStatus();
      // The very first start on the app's default service: the start screen asks which service won't load.
      if (!progress && info.serviceId !== undefined) {
        await Promise.all([background, get().openServicePicker()]);
        return;
      }
      // A restored report is where the person left off: it stays until they run the diagnosis again.
      await Promise.all([background, restored ? Promise.resolve() : get().run()]);
    };

    const runWith = async (kind: NonNullable<WizardState['runKind']>, work: () => Promise<unknown>, retry: RetryAction, failure: string): Promise<void> => {
      if (get().running) return;
      set({ running: true, runKind: kind, progress: {}, error: null });
      try {
        const report = ReportSchema.parse(await work());
        set({ report, running: false, runKind: null, restoredFrom: null });
      } catch (error) {
        // The last good results (and their export) stay.
        set({ running: false, runKind: null, error: { message: `${failure}: ${cleanErrorMessage(error)}`, retry } });
      }
    };

    return {
      info: null,
      report: null,
      running: false,
      runKind: null,
      progress: {},
      marks: [],
      progressNote: null,
      restoredFrom: null,
      currentStep: STEPS[0].id,
      error: null,
      exporting: null,
      ...createBrowserSlice(api, set),
      ...createServiceSlice(api, set),
      ...createWatchSlice(api, set),
      ...createTimerSlice(set, get, { now, service: () => get().info?.profile.name ?? 'the service' }),
      ...createDnsSlice(api, set, get, {
        // The system's DNS changed (the engine records it in the session): measure DNS again by itself, so the
        // DNS step and the verdict describe the system as it is now.
        onSystemChanged: async () => {
          await get().recheck(DNS_DEPENDENT_CHECKS, 'dns-change');
        },
      }),

      start() {
        const unfollowDns = followDnsProgress(api, set, get);
        const unfollowWatch = followWatch(api, set, get, {
          // In the app, main shows a native notification itself; through the bridge the page does.
          notifiesItself: () => get().info?.host === 'web-bridge',
          // Back: diagnose again, so the verdict and every step say how things are now.
          onBack: () => void get().run(),
        });
        // Progress is saved whenever what it holds changes (once the app is loaded: never an empty start).
        const unwatch = storeApi.subscribe((state, previous) => {
          if (!state.info) return;
          if (
            state.marks !== previous.marks ||
            state.currentStep !== previous.currentStep ||
            state.timers !== previous.timers ||
            state.report !== previous.report ||
            state.chosenService !== previous.chosenService
          ) {
            scheduleSave();
          }
        });
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
          unwatch();
          unfollowWatch();
          clearTimeout(saveTimer);
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
          const marks = [...state.marks, { step, result, at: now().toISOString() }].slice(-200);
          const next = result === 'not-fixed' ? nextStep(step) : null;
          return next ? { marks, currentStep: next } : { marks };
        });
      },

      async startOver() {
        if (get().running) return;
        clearTimeout(saveTimer);
        for (const timer of get().timers) get().cancelStepTimer(timer.step);
        try {
          await storage?.clear();
        } catch (error) {
          set({ progressNote: cleanErrorMessage(error) });
        }
        set({ marks: [], currentStep: STEPS[0].id, report: null, restoredFrom: null, progress: {} });
        await get().run();
      },

      async chooseService(selection) {
        if (get().running || get().serviceBusy) return;
        set({ serviceBusy: true, serviceError: null });
        const switched = await switchService(api, selection);
        if ('error' in switched) {
          set({ serviceBusy: false, serviceError: switched.error });
          return;
        }
        for (const timer of get().timers) get().cancelStepTimer(timer.step);
        set({
          info: switched.info,
          chosenService: chosenOf(selection),
          picking: false,
          serviceBusy: false,
          marks: [],
          currentStep: STEPS[0].id,
          report: null,
          restoredFrom: null,
          progress: {},
          // The engine stops a watch of the previous service.
          watch: null,
        });
        await get().run();
      },

      dismissProgressNote() {
        set({ progressNote: null });
      },
    };
  });
  return storeApi;
}
