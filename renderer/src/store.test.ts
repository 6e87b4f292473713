import { describe, expect, it } from 'vitest';
import type { ExportedReport } from '../../electron/common/contract.js';
import type { Report } from '../../electron/common/spec.js';
import { deferred, FakeApi, until } from './fake-api.js';
import { stepResult } from './selectors.js';
import { createWizardStore } from './store.js';
import { appInfo, dnsPass, makeReport, statusPageFail } from './test-fixtures.js';

const NOW = new Date('2026-11-26T04:30:00.000Z');

function setup() {
  const fake = new FakeApi();
  const saved: ExportedReport[] = [];
  const store = createWizardStore(fake.api, { save: (file) => saved.push(file), now: () => NOW });
  return { fake, store, saved };
}

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
    expect(stepResult(store.getState(), 'status-page')).toBe('running');
    fake.emit({ type: 'check-finished', result: statusPageFail });
    expect(stepResult(store.getState(), 'status-page')).toBe('pending');
    expect(stepResult(store.getState(), 'dns')).toBe('running');

    fake.emit({ type: 'check-finished', result: dnsPass });
    answer.resolve(makeReport([statusPageFail, dnsPass]));
    await until(store, (s) => !s.running);
    const state = store.getState();
    expect(state.report?.verdict.cause).toBe('service-outage');
    expect(state.error).toBeNull();
    expect(stepResult(state, 'status-page')).toBe('problem');
    expect(stepResult(state, 'dns')).toBe('ok');
    // The run is in the session, with its verdict.
    expect(state.session.runs).toEqual([{ startedAt: makeReport().startedAt, cause: 'service-outage' }]);

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
    expect(store.getState().session.steps).toEqual([
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
    expect(store.getState().session.runs).toHaveLength(2);
  });

  it('after a DNS switch the change is recorded and DNS is re-checked by itself', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await until(store, (s) => s.report !== null && !s.running && s.dnsStatus !== null && s.dnsBusy === null);
    await store.getState().planDnsSwitch({ preset: 'google' });
    await store.getState().confirmDnsSwitch();
    await until(store, (s) => !s.running && fake.recheckCalls.length > 0);
    expect(fake.recheckCalls).toEqual([{ checks: ['dns', 'targets'] }]);
    const change = store.getState().session.changes.at(-1);
    expect(change?.kind).toMatch(/^dns-(switch|auto-revert)$/);
    expect(change?.at).toBe(NOW.toISOString());
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
