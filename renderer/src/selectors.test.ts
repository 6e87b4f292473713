import { describe, expect, it } from 'vitest';
import { EMPTY_SESSION, ReportSchema, STEPS, type CheckResult } from '../../electron/common/spec.js';
import {
  allChecks,
  checksForStep,
  markFor,
  nextStep,
  progressCounts,
  progressText,
  stepResult,
  stepResults,
  type CheckProgress,
  type WizardView,
} from './selectors.js';
import { connectionError, dnsPass, dnsWarn, makeReport, statusPageFail } from './test-fixtures.js';

const idle: WizardView = { report: null, running: false, progress: {}, session: EMPTY_SESSION };

const started = (result: CheckResult): CheckProgress => ({ id: result.id, step: result.step, title: result.title, result: null });
const finished = (result: CheckResult): CheckProgress => ({ id: result.id, step: result.step, title: result.title, result });

describe('stepResult', () => {
  it('is pending for every step before anything ran', () => {
    const results = stepResults(idle);
    expect(Object.keys(results)).toEqual(STEPS.map((s) => s.id));
    expect(new Set(Object.values(results))).toEqual(new Set(['pending']));
  });

  it('is running while a check of the step runs, pending for the others until the verdict', () => {
    const running: WizardView = { ...idle, running: true, progress: { [dnsPass.id]: started(dnsPass), [dnsWarn.id]: finished(dnsWarn) } };
    expect(stepResult(running, 'dns')).toBe('running');
    expect(stepResult(running, 'status-page')).toBe('pending');
  });

  it('takes each step’s state from the shared explanation of the report', () => {
    const view: WizardView = { ...idle, report: makeReport([statusPageFail, dnsPass, dnsWarn, connectionError]) };
    // The outage holds (the verdict and the facts say so): its step has the problem.
    expect(stepResult(view, 'status-page')).toBe('problem');
    // Not a cause: worth a look, never "Problem found".
    expect(stepResult(view, 'dns')).toBe('note');
    expect(stepResult(view, 'connection')).toBe('unchecked');
    // A browser step while the cause is an outage: not needed.
    expect(stepResult(view, 'clear-cache')).toBe('not-needed');
  });

  it('re-running: the step being checked again is running, the others keep what the last report said', () => {
    const view: WizardView = { ...idle, running: true, report: makeReport([statusPageFail, dnsPass]), progress: { [dnsPass.id]: started(dnsPass) } };
    expect(stepResult(view, 'dns')).toBe('running');
    expect(stepResult(view, 'status-page')).toBe('problem');
    expect(checksForStep(view, 'dns')[0]!.status).toBe('running');
  });

  it('a mark does not change what was measured; the latest mark per step is the person’s word', () => {
    const session = { ...EMPTY_SESSION, steps: [
      { step: 'refresh' as const, result: 'not-fixed' as const, at: '2026-11-26T04:21:00.000Z' },
      { step: 'refresh' as const, result: 'fixed' as const, at: '2026-11-26T04:22:00.000Z' },
    ] };
    expect(markFor(session, 'refresh')).toBe('fixed');
    expect(markFor(session, 'dns')).toBeUndefined();
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

  it('once a failed run has stopped, shows the last report as it was (its progress is gone)', () => {
    const report = makeReport([statusPageFail]);
    const stopped: WizardView = { ...idle, running: false, report, progress: { [dnsWarn.id]: finished(dnsWarn), [dnsPass.id]: started(dnsPass) } };
    expect(allChecks(stopped).map((c) => c.id)).toEqual(['status-page']);
    expect(stepResult(stopped, 'status-page')).toBe('problem');
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

  it('says what a re-check is for', () => {
    expect(progressText({ ...idle, running: true, progress: { a: started(dnsPass) } }, 'dns-change')).toBe('Checking DNS again after the change… 1 of 1');
    expect(progressText({ ...idle, running: true }, 'step')).toBe('Checking this step again…');
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
