// The engine as the IPC contract sees it: one implementation of every channel, hosted by Electron's engine
// process and by the development bridge alike. Inputs arrive here already validated against the contract.
import { version as APP_VERSION } from '../../package.json';
import {
  DIAGNOSE_TIMEOUT,
  START_PROFILE_ID,
  WATCH_DURATION_MINUTES,
  WATCH_FIRST_CHECK,
  type AppInfo,
  type EventMethod,
  type EventPayload,
  type InvokeInput,
  type InvokeMethod,
  type InvokeOutput,
} from '../common/contract.js';
import { isReportOf, STEPS, type Profile } from '../common/spec.js';
import { isWatchRunning, type WatchState } from '../common/watch.js';
import { renderReport, REPORT_MIME_TYPES, reportFileName } from '../report/formats.js';
import { localRedactionContext } from '../report/identifiers.js';
import { redactReport } from '../report/redact.js';
import type { Report } from '../common/spec.js';
import { diagnose } from './diagnose.js';
import { mergeRecheck } from './recheck.js';
import { builtinServiceIdOf, listBuiltinServices } from './services/builtin-services.js';
import { chooseService } from './services/choose.js';
import { startWatch, WATCH_MAX_INTERVAL_MS, type Watch } from './watch/watch.js';
import { checkServiceOnce } from './watch/watch-check.js';
import { createSweepScheduler } from './sweep-scheduler.js';
import { createDnsEnvironment, dnsStatus, planSwitch, profileHosts, revertDns, switchDns, type DnsEnvironment } from '../system/dns/index.js';
import { browserHelpPages } from '../common/browser-help.js';
import { siteName } from '../common/site.js';
import { EXTERNAL_LINK_REFUSED, externalOrigins, externalUrlToOpen, measuredPortal } from '../common/external-links.js';
import { listBrowsers, openInBrowser, systemBrowserEnvironment, type BrowserEnvironment } from '../system/browsers/browser-actions.js';
import { appDataDir } from './paths.js';
import { fileProgressStore, memoryProgressStore, type ProgressStore } from './progress-store.js';
import { createSessionRecorder, revertChange, switchChange } from './session.js';

/** Sends an event to the UI that made the call. */
export type EmitEvent = <E extends EventMethod>(method: E, payload: EventPayload<E>) => void;

export type EngineService = {
  [M in InvokeMethod]: (input: InvokeInput<M>, emit: EmitEvent) => Promise<InvokeOutput<M>>;
};

/** The service as its hosts hold it: the channels, plus what is not a channel. */
export interface EngineServiceHandle extends EngineService {
  /** The profile every channel works on now (selectService changes it). */
  currentProfile(): Profile;
  /** Stops what runs on its own (a watch). */
  dispose(): void;
}

export interface EngineServiceOptions {
  /** The profile at start (the built-in ChatGPT one, --profile FILE…); selectService switches it later. */
  profile: Profile;
  host: AppInfo['host'];
  /** Sends an event outside any call, to every UI that listens (the watch's onWatch). */
  broadcast?: EmitEvent;
  /** Extra trusted CAs (PEM) for HTTPS probes. */
  extraCa?: string[];
  /** The app's data folder (journal of DNS changes); appDataDir() when absent. */
  dataDir?: string;
  /** For tests: the DNS environment to use instead of the real machine's. */
  dnsEnvironment?: (log: (line: string) => void) => Promise<DnsEnvironment>;
  /** A watch's first re-check when the caller does not say (the development bridge's tests shorten it). */
  watchFirstCheckMs?: number;
  /** For tests: the browsers' world (OS, paths, launcher) instead of this machine's. */
  browsers?: BrowserEnvironment;
  /** Where the wizard's progress is kept: a file in the data folder; in memory for the development bridge, whose
   * page keeps its progress in localStorage. */
  progressStore?: ProgressStore;
}


export class NoReportError extends Error {
  constructor() {
    super('There is no diagnosis to export yet: run a diagnosis first.');
  }
}

export function createEngineService(options: EngineServiceOptions): EngineServiceHandle {
  // The service being diagnosed. Every channel reads it through currentProfile(), at the moment it needs it.
  let profile = options.profile;
  let serviceId = builtinServiceIdOf(profile);
  const currentProfile = (): Profile => profile;
  const startService =
    serviceId === undefined ? { id: START_PROFILE_ID, name: options.profile.name, host: siteName(options.profile.targets[0]!.url) } : null;
  // Bumped by every switch of service: work started before a switch must not land as the new service's.
  let generation = 0;
  // Bumped by every selectService call, before its status page probe.
  let selections = 0;

  // The latest report, kept here so an export never trusts a report sent back by the UI.
  let lastReport: Report | undefined;
  // What was tried and changed during this session; attached to every report handed out.
  const session = createSessionRecorder();
  const withSession = (report: Report): Report => ({ ...report, session: session.snapshot() });
  // The captive portal's sign-in page from the last connection check, the one plain-http address allowed out.
  let portal: string | null = null;
  const browsers = options.browsers ?? systemBrowserEnvironment();
  const progress =
    options.progressStore ?? (options.host === 'web-bridge' ? memoryProgressStore() : fileProgressStore(options.dataDir ?? appDataDir()));
  const allowedLinks = () => ({ origins: externalOrigins(currentProfile()), portal, pages: browserHelpPages() });

  // At most one watch, of the current service; its state stays readable once it is over (until a switch).
  let watch: Watch | null = null;
  const broadcast: EmitEvent = options.broadcast ?? (() => {});
  // Diagnoses asked for at once share a sweep, and few run at a time, so each deadline holds under load.
  const sweeps = createSweepScheduler((request, onProgress) =>
    diagnose({
      profile: request.profile ?? currentProfile(),
      timeoutMs: request.timeoutMs,
      ...(request.checkIds ? { checkIds: request.checkIds } : {}),
      ...(options.extraCa ? { extraCa: options.extraCa } : {}),
      onProgress,
    }),
  );

  // DNS changes run one at a time, and their progress lines go to the UI that asked.
  let dnsLog: (line: string) => void = () => {};
  let dnsEnv: Promise<DnsEnvironment> | undefined;
  let dnsQueue: Promise<unknown> = Promise.resolve();
  const withDns = <T>(emit: EmitEvent, work: (env: DnsEnvironment) => Promise<T>): Promise<T> => {
    const run = dnsQueue.then(async () => {
      dnsLog = (line) => emit('onDnsProgress', { message: line });
      dnsEnv ??= (options.dnsEnvironment ?? ((log) => createDnsEnvironment({ log, ...(options.dataDir ? { dataDir: options.dataDir } : {}) })))(
        (line) => dnsLog(line),
      );
      try {
        return await work(await dnsEnv);
      } finally {
        dnsLog = () => {};
      }
    });
    dnsQueue = run.catch(() => {});
    return run;
  };

  const appInfo = (): AppInfo => ({
    name: 'Gateway Doctor',
    version: APP_VERSION,
    platform: process.platform,
    host: options.host,
    profile: currentProfile(),
    ...(serviceId !== undefined ? { serviceId } : {}),
    steps: STEPS.map((s) => ({ id: s.id, title: s.title })),
  });

  const stopWatch = (): WatchState | null => {
    watch?.stop();
    return watch?.state() ?? null;
  };

  return {
    currentProfile,
    dispose: () => void stopWatch(),
    getInfo: async () => appInfo(),
    runDiagnosis: async (input, emit) => {
      const startedFor = generation;
      const report = await sweeps.run(
        { profile: currentProfile(), timeoutMs: input.timeoutMs ?? DIAGNOSE_TIMEOUT.default, ...(input.checks ? { checkIds: input.checks } : {}) },
        (event) => emit('onProgress', event),
      );
      // A diagnosis of the service chosen before a switch is answered, but never kept for export as this one's.
      if (startedFor !== generation) return report;
      lastReport = report;
      session.recordRun(report);
      // A run without the connection check leaves the last measurement of the network as it was.
      if (report.checks.some((check) => check.id === 'connection')) portal = measuredPortal(report);
      return withSession(report);
    },
    recheck: async (input, emit) => {
      const startedFor = generation;
      const rechecked = await sweeps.run(
        { profile: currentProfile(), timeoutMs: input.timeoutMs ?? DIAGNOSE_TIMEOUT.default, checkIds: input.checks },
        (event) => emit('onProgress', event),
      );
      if (startedFor !== generation) return rechecked;
      // Without an earlier report there is nothing to merge into: the re-checked results are the report.
      lastReport = lastReport ? mergeRecheck(lastReport, rechecked, currentProfile()) : rechecked;
      // A re-check is a run of its own in the session, at the moment its checks ran.
      session.recordRun({ startedAt: rechecked.startedAt, verdict: lastReport.verdict });
      if (rechecked.checks.some((check) => check.id === 'connection')) portal = measuredPortal(lastReport);
      return withSession(lastReport);
    },
    exportReport: async (input) => {
      if (!lastReport) throw new NoReportError();
      // The session as it is now (marks and changes made since the run included); redaction covers it too.
      const full = withSession(lastReport);
      const report = input.redact ? redactReport(full, localRedactionContext()) : full;
      return {
        fileName: reportFileName(report, input.format),
        mimeType: REPORT_MIME_TYPES[input.format],
        content: renderReport(report, input.format),
      };
    },
    dnsStatus: (_input, emit) => withDns(emit, (env) => dnsStatus(env)),
    dnsPlan: (input, emit) =>
      withDns(emit, async (env) => {
        const plan = await planSwitch(input, env);
        return {
          backend: plan.backend.id,
          backendLabel: plan.backend.label,
          servers: plan.servers,
          interfaces: plan.interfaces,
          warnings: plan.warnings,
          needsElevation: !env.privileged && plan.operations.some((op) => op.kind === 'write-file' || !op.selfAuthorizing),
        };
      }),
    // Planned again here, from the validated request alone: what runs never comes from the UI's copy of a plan.
    dnsSwitch: (input, emit) =>
      withDns(emit, async (env) => {
        const result = await switchDns(input, profileHosts(currentProfile()), env);
        session.recordChange(switchChange(result, new Date()));
        return result;
      }),
    dnsRevert: (input, emit) =>
      withDns(emit, async (env) => {
        const result = await revertDns(env, input ?? {});
        session.recordChange(revertChange(result, new Date()));
        return result;
      }),
    listBrowsers: () => listBrowsers(browsers),
    // The address is the profile's, never the UI's.
    openInBrowser: (input) => openInBrowser(input, currentProfile().targets[0]!.url, browsers),
    allowedLinks: async () => allowedLinks(),
    // Electron's main process opens links itself (checking them against allowedLinks); hosts without a system
    // browser of their own (the bridge) get the checked address back for the page to open.
    openExternal: async (input) => {
      const url = externalUrlToOpen(input.url, allowedLinks());
      if (url === null) throw new Error(EXTERNAL_LINK_REFUSED);
      return { url, opened: false };
    },
    loadProgress: async () => {
      const result = await progress.load();
      if (result.progress) {
        session.setSteps(result.progress.steps);
        // The report saved last time was this engine's own (saveProgress never keeps the UI's copy): it is the
        // one to export until a new diagnosis runs.
        lastReport ??= result.progress.lastReport ?? undefined;
      }
      return result;
    },
    saveProgress: async (input) => {
      let saved;
      try {
        // What the person chose comes from the UI; the report kept is the engine's own, never the UI's copy.
        saved = await progress.save({ ...input, lastReport: lastReport ? withSession(lastReport) : null });
      } catch {
        throw new Error("Your progress could not be saved in the app's data folder; the wizard goes on without it.");
      }
      session.setSteps(input.steps);
      return { savedAt: saved.savedAt };
    },
    clearProgress: async () => {
      try {
        await progress.clear();
      } catch {
        throw new Error("The saved progress could not be removed from the app's data folder.");
      }
      session.setSteps([]);
      return { cleared: true };
    },
    // The built-in services, and first the profile the app was started with when it is not one of them (a --profile
    // file): switching away from it must not lose the way back.
    listServices: async () => [...(startService ? [startService] : []), ...listBuiltinServices()],
    selectService: async (input) => {
      // Validated already; a typed address also gets its status page probed here (a few seconds at most).
      const ticket = ++selections;
      const chosen =
        'service' in input && input.service === START_PROFILE_ID
          ? { profile: options.profile }
          : await chooseService(input, options.extraCa ? { ca: options.extraCa } : {});
      // Two choices in quick succession: the later one wins, even when the earlier one's probe ends last.
      if (ticket !== selections) throw new Error('Another service was chosen meanwhile.');
      generation += 1;
      stopWatch();
      watch = null;
      // Another service's report is never exported as this one's (one of this very service, restored from the saved
      // progress a moment ago, is kept).
      if (lastReport && !isReportOf(lastReport, chosen.profile)) lastReport = undefined;
      portal = null;
      // Another service's runs and marks say nothing about this one (the system's DNS changes stay on record).
      session.startService();
      profile = chosen.profile;
      serviceId = chosen.serviceId;
      return appInfo();
    },
    startWatch: async (input) => {
      if (watch !== null && isWatchRunning(watch.state())) return watch.state();
      const watched = currentProfile();
      const firstCheckMs = input?.firstCheckMs ?? options.watchFirstCheckMs ?? WATCH_FIRST_CHECK.default;
      watch = startWatch({
        service: watched.name,
        firstCheckMs,
        intervalMs: 2 * firstCheckMs,
        maxIntervalMs: WATCH_MAX_INTERVAL_MS,
        durationMs: (input?.forMinutes ?? WATCH_DURATION_MINUTES.default) * 60_000,
        check: (signal) => checkServiceOnce({ profile: watched, signal, ...(options.extraCa ? { extraCa: options.extraCa } : {}) }),
        onChange: (state) => broadcast('onWatch', state),
      });
      return watch.state();
    },
    stopWatch: async () => stopWatch(),
    getWatch: async () => watch?.state() ?? null,
  };
}
