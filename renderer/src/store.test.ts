import { describe, expect, it } from 'vitest';
import type { ExportedReport } from '../../electron/common/contract.js';
import type { Report } from '../../electron/common/spec.js';
import { deferred, FakeApi, until } from './fake-api.js';
import { stepResult, type WizardView } from './selectors.js';
import type { Progress, SaveProgressRequest } from '../../electron/common/progress-schema.js';
import type { ProgressStorage } from './progress/progress-storage.js';
import { createWizardStore, SAVE_DELAY_MS, sessionOf, type WizardState } from './store.js';
import { appInfo, dnsPass, makeReport, statusPageFail } from './test-fixtures.js';

const NOW = new Date('2026-11-26T04:30:00.000Z');

/** Progress kept in memory, as a test's stand-in for the engine's file or localStorage. */
function memoryStorage(initial: Progress | null = null) {
  const kept = { progress: initial, saves: [] as SaveProgressRequest[], clears: 0 };
  const storage: ProgressStorage = {
    load: async () => ({ progress: kept.progress }),
    save: async (progress) => {
      kept.saves.push(progress);
    },
    clear: async () => {
      kept.clears += 1;
      kept.progress = null;
    },
  };
  return { kept, storage };
}

function setup(initial: Progress | null = null) {
  const fake = new FakeApi();
  const saved: ExportedReport[] = [];
  const memory = memoryStorage(initial);
  const store = createWizardStore(fake.api, { save: (file) => saved.push(file), now: () => NOW, progressStorage: () => memory.storage });
  return { fake, store, saved, kept: memory.kept };
}

/** What the selectors read, from the store's state. */
const view = (state: WizardState): WizardView => ({ report: state.report, running: state.running, progress: state.progress, session: sessionOf(state) });

describe('wizard store', () => {
  it('loads the app info, runs the diagnosis with {} and follows its progress live', async () => {
    const { fake, store } = setup();
    const answer = deferred<Report>();
    fake.diagnose = () => answer.promise;

    const unsubscribe = store.getState().start();
    await until(store, (s) => s.running);
    expect(store.getState().info?.profile.name).toBe('ChatGPT');
    expect(fake.diagnoseCalls).toEqual([{}]);

    fake.emit({ type: 'check-started', id: 'status-page', step: 'status-page', title: "Service's status page" });
    fake.emit({ type: 'check-started', id: 'dns-system', step: 'dns', title: 'System DNS answers' });
    expect(stepResult(view(store.getState()), 'status-page')).toBe('running');
    fake.emit({ type: 'check-finished', result: statusPageFail });
    expect(stepResult(view(store.getState()), 'status-page')).toBe('pending');
    expect(stepResult(view(store.getState()), 'dns')).toBe('running');

    fake.emit({ type: 'check-finished', result: dnsPass });
    answer.resolve(makeReport([statusPageFail, dnsPass]));
    await until(store, (s) => !s.running);
    const state = store.getState();
    expect(state.report?.verdict.cause).toBe('service-outage');
    expect(state.error).toBeNull();
    expect(stepResult(view(state), 'status-page')).toBe('problem');
    expect(stepResult(view(state), 'dns')).toBe('ok');


    unsubscribe();
    expect(fake.listeners.size).toBe(0);
  });

  it('ignores malformed progress events and events after the run finished', async () => {
    const { fake, store } = setup();
    const answer = deferred<Report>();
    fake.diagnose = () => answer.promise;
    store.getState().start();
    await until(store, (s) => s.running);

    fake.emit({ type: 'check-started', id: 'x', step: 'not-a-step', title: 'X' });
    fake.emit({ type: 'something-else' });
    expect(store.getState().progress).toEqual({});

    answer.resolve(makeReport([statusPageFail]));
    await until(store, (s) => !s.running);
    fake.emit({ type: 'check-started', id: 'late', step: 'dns', title: 'Late' });
    expect(store.getState().progress).toEqual({});
  });

  it('runs only one diagnosis at a time; a new run keeps the last report until its own arrives', async () => {
    const { fake, store } = setup();
    const first = deferred<Report>();
    fake.diagnose = () => first.promise;
    store.getState().start();
    await until(store, (s) => s.running);
    void store.getState().run();
    expect(fake.diagnoseCalls).toHaveLength(1);
    fake.emit({ type: 'check-finished', result: statusPageFail });
    first.resolve(makeReport([statusPageFail]));
    await until(store, (s) => !s.running);

    const second = deferred<Report>();
    fake.diagnose = () => second.promise;
    const run = store.getState().run();
    expect(store.getState()).toMatchObject({ running: true, progress: {} });
    expect(store.getState().report?.checks.map((c) => c.id)).toEqual(['status-page']);
    second.resolve(makeReport([dnsPass]));
    await run;
    expect(fake.diagnoseCalls).toEqual([{}, {}]);
    expect(store.getState().report?.checks.map((c) => c.id)).toEqual(['dns-system']);
  });

  it('shows a failed start in the error bar, and Retry loads and runs again', async () => {
    const { fake, store } = setup();
    fake.info = async () => {
      throw new Error("Error invoking remote method 'app:get-info': Error: the engine process exited");
    };
    store.getState().start();
    await until(store, (s) => s.error !== null);
    expect(store.getState().error).toEqual({ message: 'Could not start: the engine process exited', retry: { kind: 'load' } });
    expect(fake.diagnoseCalls).toHaveLength(0);

    fake.info = async () => appInfo;
    await store.getState().retry();
    expect(store.getState().error).toBeNull();
    expect(store.getState().info).not.toBeNull();
    expect(store.getState().report).not.toBeNull();
    expect(fake.diagnoseCalls).toEqual([{}]);
  });

  it('keeps partial progress when the diagnosis fails, and Retry runs it again', async () => {
    const { fake, store } = setup();
    const answer = deferred<Report>();
    fake.diagnose = () => answer.promise;
    store.getState().start();
    await until(store, (s) => s.running);
    fake.emit({ type: 'check-finished', result: statusPageFail });
    answer.reject(new Error('The development bridge closed the connection before answering runDiagnosis'));
    await until(store, (s) => !s.running);

    const state = store.getState();
    expect(state.error?.message).toBe('The diagnosis failed: The development bridge closed the connection before answering runDiagnosis');
    expect(state.error?.retry).toEqual({ kind: 'run' });
    expect(state.report).toBeNull();

    fake.diagnose = async () => makeReport([dnsPass]);
    await store.getState().retry();
    expect(store.getState().error).toBeNull();
    expect(store.getState().report?.checks).toHaveLength(1);
  });

  it('refuses a report that does not match the contract instead of showing half of it', async () => {
    const { fake, store } = setup();
    fake.diagnose = async () => ({ ...makeReport(), checks: [{ ...statusPageFail, status: 'broken' }] });
    store.getState().start();
    await until(store, (s) => s.error !== null);
    expect(store.getState().report).toBeNull();
    expect(store.getState().error?.message).toMatch(/^The diagnosis failed: the engine sent an answer this window cannot read at checks\.0\.status/);
  });

  it('dismisses an error without retrying', async () => {
    const { fake, store } = setup();
    fake.diagnose = async () => {
      throw new Error('boom');
    };
    store.getState().start();
    await until(store, (s) => s.error !== null);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
    expect(fake.diagnoseCalls).toHaveLength(1);
  });

  it('records the person’s word with its time: “still not working” moves on, “that fixed it” stays', () => {
    const { store } = setup();
    store.getState().selectStep('refresh');
    store.getState().markStep('refresh', 'not-fixed');
    expect(store.getState().currentStep).toBe('clear-cache');
    store.getState().markStep('clear-cache', 'fixed');
    expect(store.getState().currentStep).toBe('clear-cache');
    expect(store.getState().marks).toEqual([
      { step: 'refresh', result: 'not-fixed', at: NOW.toISOString() },
      { step: 'clear-cache', result: 'fixed', at: NOW.toISOString() },
    ]);

    store.getState().selectStep('support');
    store.getState().markStep('support', 'not-fixed');
    expect(store.getState().currentStep).toBe('support');
  });

  it('a failed re-run keeps the last good report and its export', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await until(store, (s) => s.report !== null && !s.running);
    const good = store.getState().report;
    fake.diagnose = async () => {
      throw new Error('the engine process exited');
    };
    await store.getState().run();
    expect(store.getState().report).toBe(good);
    expect(store.getState().error?.message).toBe('The diagnosis failed: the engine process exited');
    await store.getState().exportReport('md', true);
    expect(fake.exportCalls).toEqual([{ format: 'md', redact: true }]);
  });

  it('"Test this step again" re-checks only that step’s checks and takes the merged report', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await until(store, (s) => s.report !== null && !s.running);
    const merged = makeReport([{ ...statusPageFail, status: 'pass', summary: 'All systems operational.' }]);
    fake.recheck = async () => merged;
    await store.getState().recheck(['status-page']);
    expect(fake.recheckCalls).toEqual([{ checks: ['status-page'] }]);
    expect(store.getState().report).toEqual(merged);
  });

  it('after a DNS switch DNS is re-checked by itself, and the session comes from the engine’s report', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await until(store, (s) => s.report !== null && !s.running && s.dnsStatus !== null && s.dnsBusy === null);
    const change = { kind: 'dns-switch' as const, at: NOW.toISOString(), summary: 'DNS was switched to Google Public DNS and kept.' };
    fake.recheck = async () => ({ ...makeReport(), session: { steps: [], changes: [change], runs: [] } });
    await store.getState().planDnsSwitch({ preset: 'google' });
    await store.getState().confirmDnsSwitch();
    await until(store, (s) => !s.running && fake.recheckCalls.length > 0);
    expect(fake.recheckCalls).toEqual([{ checks: ['dns', 'targets'] }]);
    store.getState().markStep('dns', 'fixed');
    expect(sessionOf(store.getState())).toEqual({ steps: [{ step: 'dns', result: 'fixed', at: NOW.toISOString() }], changes: [change], runs: [] });
  });

  it('restores the saved progress (marks, step, timers, report) and does not run again until asked', async () => {
    const report = makeReport();
    const saved: Progress = {
      version: 1,
      savedAt: NOW.toISOString(),
      service: null,
      steps: [{ step: 'refresh', result: 'not-fixed', at: '2026-11-26T04:25:00.000Z' }],
      currentStep: 'clear-cache',
      timers: [{ step: 'sign-in', endsAt: '2026-11-26T04:40:00.000Z' }],
      lastReport: report,
    };
    const { fake, store } = setup(saved);
    store.getState().start();
    await until(store, (s) => s.report !== null && s.dnsBusy === null && s.dnsStatus !== null);
    const state = store.getState();
    expect(state).toMatchObject({ currentStep: 'clear-cache', marks: saved.steps, restoredFrom: report.startedAt, report });
    expect(state.timers).toEqual([{ step: 'sign-in', minutes: 15, endsAt: '2026-11-26T04:40:00.000Z', done: false }]);
    expect(fake.diagnoseCalls).toEqual([]);
  });

  it('the very first start on the app’s default service shows the start screen and runs nothing until a choice', async () => {
    const { fake, store, kept } = setup();
    fake.info = async () => ({ ...appInfo, serviceId: 'chatgpt' });
    store.getState().start();
    await until(store, (s) => s.picking && s.services !== null);
    expect(fake.diagnoseCalls).toEqual([]);
    expect(store.getState().services?.map((s) => s.id)).toEqual(['chatgpt', 'claude']);

    await store.getState().chooseService({ service: 'claude' });
    expect(fake.selectCalls).toEqual([{ service: 'claude' }]);
    expect(store.getState()).toMatchObject({ picking: false, chosenService: { id: 'claude' }, info: { profile: { name: 'Claude' } } });
    expect(fake.diagnoseCalls).toEqual([{}]);
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    expect(kept.saves.at(-1)?.service).toEqual({ id: 'claude' });
  });

  it('the service chosen last time is opened again at start, with its progress', async () => {
    const report = { ...makeReport(), profile: { name: 'Claude', targets: ['https://claude.ai/'] } };
    const saved: Progress = { version: 1, savedAt: NOW.toISOString(), service: { id: 'claude' }, steps: [], currentStep: 'dns', timers: [], lastReport: report };
    const { fake, store } = setup(saved);
    fake.info = async () => ({ ...appInfo, serviceId: 'chatgpt' });
    store.getState().start();
    await until(store, (s) => s.report !== null && s.dnsBusy === null && s.dnsStatus !== null);
    expect(fake.selectCalls).toEqual([{ service: 'claude' }]);
    expect(store.getState()).toMatchObject({ picking: false, currentStep: 'dns', restoredFrom: report.startedAt, info: { profile: { name: 'Claude' } } });
    expect(fake.diagnoseCalls).toEqual([]);
  });

  it('a profile given on the command line wins over the service remembered', async () => {
    const saved: Progress = { version: 1, savedAt: NOW.toISOString(), service: { id: 'claude' }, steps: [], currentStep: null, timers: [], lastReport: null };
    const { fake, store } = setup(saved);
    store.getState().start();
    await until(store, (s) => s.report !== null && !s.running);
    expect(fake.selectCalls).toEqual([]);
    expect(store.getState().info?.profile.name).toBe('ChatGPT');
  });

  it('saves progress after a change, and Start over forgets it and diagnoses afresh', async () => {
    const { fake, store, kept } = setup();
    store.getState().start();
    await until(store, (s) => s.report !== null && !s.running);
    store.getState().markStep('refresh', 'fixed');
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    expect(kept.saves.at(-1)).toMatchObject({ steps: [{ step: 'refresh', result: 'fixed' }], currentStep: 'status-page' });
    await store.getState().startOver();
    expect(kept.clears).toBe(1);
    expect(store.getState()).toMatchObject({ marks: [], currentStep: 'status-page' });
    expect(fake.diagnoseCalls).toHaveLength(2);
  });

  it('exports through the engine and hands the file to save; a failure can be retried with the same choice', async () => {
    const { fake, store, saved } = setup();
    await store.getState().exportReport('md', true);
    expect(fake.exportCalls).toEqual([{ format: 'md', redact: true }]);
    expect(saved).toEqual([{ fileName: 'gateway-doctor-report.md', mimeType: 'text/markdown', content: '# Report' }]);
    expect(store.getState().exporting).toBeNull();

    fake.exported = async () => {
      throw new Error('No diagnosis has run yet: run one before exporting its report.');
    };
    await store.getState().exportReport('html', false);
    expect(store.getState().error).toEqual({
      message: 'The report could not be exported: No diagnosis has run yet: run one before exporting its report.',
      retry: { kind: 'export', format: 'html', redact: false },
    });
    fake.exported = async () => ({ fileName: 'report.html', mimeType: 'text/html', content: '<!doctype html>' });
    await store.getState().retry();
    expect(fake.exportCalls.at(-1)).toEqual({ format: 'html', redact: false });
    expect(saved.map((f) => f.fileName)).toEqual(['gateway-doctor-report.md', 'report.html']);
    expect(store.getState().error).toBeNull();
  });

  it('rejects an exported file name that could escape the downloads folder', async () => {
    const { fake, store, saved } = setup();
    fake.exported = async () => ({ fileName: '../../.bashrc', mimeType: 'text/plain', content: 'x' });
    await store.getState().exportReport('json', true);
    expect(saved).toEqual([]);
    expect(store.getState().error?.message).toMatch(/cannot read at fileName/);
  });
});
