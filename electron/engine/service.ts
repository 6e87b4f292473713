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
}

export class NoReportError extends Error {
  constructor() {
    super('There is no diagnosis to export yet: run a diagnosis first.');
  }
}

export function createEngineService(options: EngineServiceOptions): EngineService {
  // The latest report, kept here so an export never trusts a report sent back by the UI.
  let lastReport: Report | undefined;
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
      lastReport = await diagnose({
        profile: options.profile,
        timeoutMs: input.timeoutMs ?? DIAGNOSE_TIMEOUT.default,
        ...(input.checks ? { checkIds: input.checks } : {}),
        ...(options.extraCa ? { extraCa: options.extraCa } : {}),
        onProgress: (event) => emit('onProgress', event),
      });
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
  };
}
