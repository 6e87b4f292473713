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

export function createEngineService(options: EngineServiceOptions): EngineService {
  return {
    getInfo: async () => ({
      name: 'Gateway Doctor',
      version: APP_VERSION,
      platform: process.platform,
      host: options.host,
      profile: options.profile,
      steps: STEPS.map((s) => ({ id: s.id, title: s.title })),
    }),
    runDiagnosis: async (input, emit) =>
      diagnose({
        profile: options.profile,
        timeoutMs: input.timeoutMs ?? DIAGNOSE_TIMEOUT.default,
        ...(input.checks ? { checkIds: input.checks } : {}),
        ...(options.extraCa ? { extraCa: options.extraCa } : {}),
        onProgress: (event) => emit('onProgress', event),
      }),
  };
}
