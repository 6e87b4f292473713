// For the renderer's unit tests: a stand-in for the preload/bridge API with real listener bookkeeping and answers
// the test controls. The DNS answers default to ones captured from the engine (dns/fixtures/engine-answers.json).
import type { DiagnoseRequest, GatewayDoctorApi, RecheckRequest, ServiceSelection } from '../../electron/common/contract.js';
import type { DnsSwitchRequest } from '../../electron/common/dns-schema.js';
import type { ProgressEvent } from '../../electron/common/spec.js';
import engineAnswers from './dns/fixtures/engine-answers.json';
import { appInfo, makeReport } from './test-fixtures.js';

type Answer = () => Promise<unknown>;

export class FakeApi {
  listeners = new Set<(event: ProgressEvent) => void>();
  dnsListeners = new Set<(event: { message: string }) => void>();
  diagnoseCalls: DiagnoseRequest[] = [];
  recheckCalls: RecheckRequest[] = [];
  selectCalls: ServiceSelection[] = [];
  select: (input: ServiceSelection) => Promise<unknown> = async (input) =>
    'service' in input && input.service === 'claude'
      ? { ...appInfo, serviceId: 'claude', profile: { ...appInfo.profile, name: 'Claude', targets: [{ id: 'app', url: 'https://claude.ai/' }] } }
      : appInfo;
  exportCalls: { format: string; redact: boolean }[] = [];
  /** Every DNS call in order, with its input. */
  dnsCalls: { method: 'dnsStatus' | 'dnsPlan' | 'dnsSwitch' | 'dnsRevert'; input?: DnsSwitchRequest }[] = [];
  info: Answer = async () => appInfo;
  diagnose: Answer = async () => makeReport();
  recheck: Answer = async () => makeReport();
  exported: Answer = async () => ({ fileName: 'gateway-doctor-report.md', mimeType: 'text/markdown', content: '# Report' });
  dnsStatus: Answer = async () => structuredClone(engineAnswers.status);
  dnsPlan: (request: DnsSwitchRequest) => Promise<unknown> = async (request) =>
    structuredClone(request.preset ? engineAnswers.planGoogle : engineAnswers.planCustom);
  dnsSwitch: (request: DnsSwitchRequest) => Promise<unknown> = async () => structuredClone(engineAnswers.switchCustom);
  dnsRevert: Answer = async () => structuredClone(engineAnswers.revert);

  emit(event: ProgressEvent | Record<string, unknown>): void {
    for (const listener of this.listeners) listener(event as ProgressEvent);
  }

  emitDns(event: { message: string } | Record<string, unknown>): void {
    for (const listener of this.dnsListeners) listener(event as { message: string });
  }

  get api(): GatewayDoctorApi {
    return {
      getInfo: () => this.info() as ReturnType<GatewayDoctorApi['getInfo']>,
      runDiagnosis: (input) => {
        this.diagnoseCalls.push(input);
        return this.diagnose() as ReturnType<GatewayDoctorApi['runDiagnosis']>;
      },
      recheck: (input) => {
        this.recheckCalls.push(input);
        return this.recheck() as ReturnType<GatewayDoctorApi['recheck']>;
      },
      exportReport: (input) => {
        this.exportCalls.push(input);
        return this.exported() as ReturnType<GatewayDoctorApi['exportReport']>;
      },
      onProgress: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      dnsStatus: () => {
        this.dnsCalls.push({ method: 'dnsStatus' });
        return this.dnsStatus() as ReturnType<GatewayDoctorApi['dnsStatus']>;
      },
      dnsPlan: (input) => {
        this.dnsCalls.push({ method: 'dnsPlan', input });
        return this.dnsPlan(input) as ReturnType<GatewayDoctorApi['dnsPlan']>;
      },
      dnsSwitch: (input) => {
        this.dnsCalls.push({ method: 'dnsSwitch', input });
        return this.dnsSwitch(input) as ReturnType<GatewayDoctorApi['dnsSwitch']>;
      },
      dnsRevert: () => {
        this.dnsCalls.push({ method: 'dnsRevert' });
        return this.dnsRevert() as ReturnType<GatewayDoctorApi['dnsRevert']>;
      },
      onDnsProgress: (listener) => {
        this.dnsListeners.add(listener);
        return () => this.dnsListeners.delete(listener);
      },
      // Channels the wizard does not call yet: a test that needs one fakes it.
      listBrowsers: notFaked,
      openInBrowser: notFaked,
      allowedLinks: notFaked,
      openExternal: notFaked,
      loadProgress: notFaked,
      saveProgress: notFaked,
      clearProgress: notFaked,
      // Issue 8's service and watch channels: not used by the wizard yet.
      listServices: async () => [
        { id: 'chatgpt', name: 'ChatGPT', host: 'chatgpt.com' },
        { id: 'claude', name: 'Claude', host: 'claude.ai' },
      ],
      selectService: (input) => {
        this.selectCalls.push(input);
        return this.select(input) as ReturnType<GatewayDoctorApi['selectService']>;
      },
      startWatch: () => Promise.reject(new Error('startWatch is not faked')),
      stopWatch: async () => null,
      getWatch: async () => null,
      onWatch: () => () => {},
    };
  }
}

function notFaked(): Promise<never> {
  return Promise.reject(new Error('not faked in this test'));
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves once the store's state satisfies the predicate. */
export function until<S>(store: { getState(): S; subscribe(listener: (state: S) => void): () => void }, predicate: (state: S) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(store.getState())) return resolve();
    const unsubscribe = store.subscribe((state) => {
      if (predicate(state)) {
        unsubscribe();
        resolve();
      }
    });
  });
}
