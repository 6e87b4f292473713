import { describe, expect, it } from 'vitest';
import { ReportSchema, STEPS, type CheckResult } from '../../electron/common/spec.js';
import {
  allChecks,
  checksForStep,
  nextStep,
  progressCounts,
  progressText,
  stepResult,
  stepResults,
  worstStatus,
  type CheckProgress,
  type WizardView,
} from './selectors.js';
import { connectionError, dnsPass, dnsWarn, makeReport, statusPageFail } from './test-fixtures.js';

const idle: WizardView = { report: null, running: false, progress: {}, manual: {} };

const started = (result: CheckResult): CheckProgress => ({ id: result.id, step: result.step, title: result.title, result: null });
const finished = (result: CheckResult): CheckProgress => ({ id: result.id, step: result.step, title: result.title, result });

describe('worstStatus', () => {
  it('orders fail > error > warn > pass > skip', () => {
    expect(worstStatus([])).toBeNull();
    expect(worstStatus(['skip'])).toBe('skip');
    expect(worstStatus(['skip', 'pass'])).toBe('pass');
    expect(worstStatus(['pass', 'warn', 'skip'])).toBe('warn');
    expect(worstStatus(['warn', 'error', 'pass'])).toBe('error');
    expect(worstStatus(['error', 'fail', 'warn'])).toBe('fail');
    expect(worstStatus(['fail', 'error'])).toBe('fail');
  });
});

describe('stepResult', () => {
  it('is pending for every step before anything ran', () => {
    const results = stepResults(idle);
    expect(Object.keys(results)).toEqual(STEPS.map((s) => s.id));
    expect(new Set(Object.values(results))).toEqual(new Set(['pending']));
  });

  it('follows the progress stream live: running, then the finished status', () => {
    const running: WizardView = { ...idle, running: true, progress: { [dnsPass.id]: started(dnsPass), [dnsWarn.id]: finished(dnsWarn) } };
    expect(stepResult(running, 'dns')).toBe('running');
    expect(stepResult(running, 'status-page')).toBe('pending');

    const done: WizardView = { ...running, progress: { [dnsPass.id]: finished(dnsPass), [dnsWarn.id]: finished(dnsWarn) } };
    expect(stepResult(done, 'dns')).toBe('warn');
  });

  it('takes the worst status of a step’s checks from the report', () => {
    const view: WizardView = { ...idle, report: makeReport([statusPageFail, dnsPass, dnsWarn, connectionError]) };
    expect(stepResult(view, 'status-page')).toBe('fail');
    expect(stepResult(view, 'dns')).toBe('warn');
    expect(stepResult(view, 'connection')).toBe('error');
    expect(stepResult(view, 'refresh')).toBe('pending');
  });

  it('prefers the report over stale progress entries', () => {
    const view: WizardView = { ...idle, report: makeReport([dnsPass]), progress: { [dnsWarn.id]: started(dnsWarn) } };
    expect(stepResult(view, 'dns')).toBe('pass');
  });

  it('shows the user’s own result on steps without checks', () => {
    const view: WizardView = { ...idle, report: makeReport([statusPageFail]), manual: { refresh: 'manual-failed', 'clear-cache': 'manual-ok' } };
    expect(stepResult(view, 'refresh')).toBe('manual-failed');
    expect(stepResult(view, 'clear-cache')).toBe('manual-ok');
    // A measured result wins over the user's on steps that have checks.
    expect(stepResult({ ...view, manual: { 'status-page': 'manual-ok' } }, 'status-page')).toBe('fail');
  });

  it('lets the user’s result replace a step whose checks were all skipped', () => {
    const skipped: CheckResult = { ...statusPageFail, status: 'skip', summary: 'This profile names no status page to check.', evidence: {} };
    const view: WizardView = { ...idle, report: makeReport([skipped]) };
    expect(stepResult(view, 'status-page')).toBe('skip');
    expect(stepResult({ ...view, manual: { 'status-page': 'manual-failed' } }, 'status-page')).toBe('manual-failed');
  });

  it('shows running over a manual result while a check of the step runs', () => {
    const view: WizardView = { ...idle, running: true, progress: { [dnsPass.id]: started(dnsPass) }, manual: { dns: 'manual-ok' } };
    expect(stepResult(view, 'dns')).toBe('running');
  });
});

describe('checks', () => {
  it('lists the running and finished checks of one step in the order they started', () => {
    const view: WizardView = {
      ...idle,
      running: true,
      progress: { [dnsWarn.id]: finished(dnsWarn), [statusPageFail.id]: started(statusPageFail), [dnsPass.id]: started(dnsPass) },
    };
    expect(checksForStep(view, 'dns').map((c) => [c.id, c.status])).toEqual([
      ['dns-reference', 'warn'],
      ['dns-system', 'running'],
    ]);
    expect(allChecks(view).map((c) => c.id)).toEqual(['dns-reference', 'status-page', 'dns-system']);
  });

  it('leaves out checks that never finished once a failed run has stopped', () => {
    const stopped: WizardView = { ...idle, running: false, progress: { [dnsWarn.id]: finished(dnsWarn), [dnsPass.id]: started(dnsPass), [connectionError.id]: started(connectionError) } };
    expect(allChecks(stopped).map((c) => c.id)).toEqual(['dns-reference']);
    expect(stepResult(stopped, 'dns')).toBe('warn');
    expect(stepResult(stopped, 'connection')).toBe('pending');
  });

  it('uses the report order once the report is in', () => {
    const report = makeReport([connectionError, statusPageFail]);
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(allChecks({ ...idle, report }).map((c) => c.id)).toEqual(['connectivity', 'status-page']);
  });
});

describe('progress', () => {
  it('counts started and finished checks', () => {
    const view: WizardView = { ...idle, running: true, progress: { a: started(dnsPass), b: finished(dnsWarn), c: finished(statusPageFail) } };
    expect(progressCounts(view)).toEqual({ started: 3, finished: 2 });
  });

  it('says which check is being waited for while running', () => {
    expect(progressText({ ...idle, running: true })).toBe('Starting the checks…');
    expect(progressText({ ...idle, running: true, progress: { a: started(dnsPass), b: started(dnsWarn) } })).toBe('Checking… 1 of 2');
    expect(progressText({ ...idle, running: true, progress: { a: finished(dnsPass), b: started(dnsWarn) } })).toBe('Checking… 2 of 2');
    expect(progressText({ ...idle, running: true, progress: { a: finished(dnsPass), b: finished(dnsWarn) } })).toBe('Checking… 2 of 2');
  });

  it('says how far a failed run got', () => {
    expect(progressText({ ...idle, progress: { a: finished(dnsPass), b: started(dnsWarn), c: started(statusPageFail) } })).toBe('Stopped after 1 of 3 checks');
  });

  it('summarises a finished run, and says nothing before the first', () => {
    expect(progressText(idle)).toBe('');
    expect(progressText({ ...idle, report: makeReport([statusPageFail]) })).toBe('Finished 1 check in 2.2 s');
    expect(progressText({ ...idle, report: makeReport([statusPageFail, dnsPass]) })).toBe('Finished 2 checks in 2.2 s');
  });
});

describe('nextStep', () => {
  it('walks the twelve steps in SPEC order and stops after support', () => {
    const walked = [STEPS[0].id as string];
    for (let step = nextStep(STEPS[0].id); step; step = nextStep(step)) walked.push(step);
    expect(walked).toEqual(STEPS.map((s) => s.id));
    expect(nextStep('support')).toBeNull();
  });
});
