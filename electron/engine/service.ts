// The engine as the IPC contract sees it: one implementation of every channel, hosted by Electron's engine
// process and by the development bridge alike. Inputs arrive here already validated against the contract.
import { version as APP_VERSION } from '../../package.json';
import {
  DIAGNOSE_TIMEOUT,
  type AppInfo,
  type EventMethod,
  type EventPayload,
  type InvokeInput,
  type InvokeMethod,
  type InvokeOutput,
} from '../common/contract.js';
import { STEPS, type Profile } from '../common/spec.js';
import { renderReport, REPORT_MIME_TYPES, reportFileName } from '../report/formats.js';
import { localRedactionContext } from '../report/identifiers.js';
import { redactReport } from '../report/redact.js';
import type { Report } from '../common/spec.js';
import { diagnose } from './diagnose.js';
import { createSweepScheduler } from './sweep-scheduler.js';
import { createDnsEnvironment, dnsStatus, planSwitch, profileHosts, revertDns, switchDns, type DnsEnvironment } from '../system/dns/index.js';

/** Sends an event to the UI that made the call. */
export type EmitEvent = <E extends EventMethod>(method: E, payload: EventPayload<E>) => void;

export type EngineService = {
  [M in InvokeMethod]: (input: InvokeInput<M>, emit: EmitEvent) => Promise<InvokeOutput<M>>;
};

export interface EngineServiceOptions {
  profile: Profile;
  host: AppInfo['host'];
  /** Extra trusted CAs (PEM) for HTTPS probes. */
  extraCa?: string[];
  /** The app's data folder (journal of DNS changes); appDataDir() when absent. */
  dataDir?: string;
  /** For tests: the DNS environment to use instead of the real machine's. */
  dnsEnvironment?: (log: (line: string) => void) => Promise<DnsEnvironment>;
}

export class NoReportError extends Error {
  constructor() {
    super('There is no diagnosis to export yet: run a diagnosis first.');
  }
}

export function createEngineService(options: EngineServiceOptions): EngineService {
  // The latest report, kept here so an export never trusts a report sent back by the UI.
  let lastReport: Report | undefined;
  // Diagnoses asked for at once share a sweep, and few run at a time, so each deadline holds under load.
  const sweeps = createSweepScheduler((request, onProgress) =>
    diagnose({
      profile: options.profile,
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

  return {
    getInfo: async () => ({
      name: 'Gateway Doctor',
      version: APP_VERSION,
      platform: process.platform,
      host: options.host,
      profile: options.profile,
      steps: STEPS.map((s) => ({ id: s.id, title: s.title })),
    }),
    runDiagnosis: async (input, emit) => {
      lastReport = await sweeps.run(
        { timeoutMs: input.timeoutMs ?? DIAGNOSE_TIMEOUT.default, ...(input.checks ? { checkIds: input.checks } : {}) },
        (event) => emit('onProgress', event),
      );
      return lastReport;
    },
    exportReport: async (input) => {
      if (!lastReport) throw new NoReportError();
      const report = input.redact ? redactReport(lastReport, localRedactionContext()) : lastReport;
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
    dnsSwitch: (input, emit) => withDns(emit, (env) => switchDns(input, profileHosts(options.profile), env)),
    dnsRevert: (_input, emit) => withDns(emit, (env) => revertDns(env)),
  };
}
