import { describe, expect, it } from 'vitest';
import { DnsStatusSchema, type DnsStatus } from '../../../electron/common/dns-schema.js';
import { CheckResultSchema, EMPTY_SESSION } from '../../../electron/common/spec.js';
import type { WizardView } from '../selectors.js';
import { makeReport, statusPageFail } from '../test-fixtures.js';
import { changeTime, dnsCheckResult, interruptedChange, revertableChange, switchAvailability } from './selectors.js';
import answers from './fixtures/engine-answers.json';
import failing from './fixtures/dns-check.failing.json';

const status = DnsStatusSchema.parse(answers.status);
const active = DnsStatusSchema.parse(answers.statusActive);
const withState = (state: 'in-progress' | 'interrupted' | 'active'): DnsStatus => ({ ...active, change: { ...active.change!, state } });
const dnsCheck = CheckResultSchema.parse(failing);
const idle: WizardView = { report: null, running: false, progress: {}, session: EMPTY_SESSION };

describe('DNS selectors', () => {
  it('finds the dns check in the report, or in the progress stream as soon as it finished', () => {
    expect(dnsCheckResult(idle)).toBeUndefined();
    const running: WizardView = { ...idle, running: true, progress: { dns: { id: 'dns', step: 'dns', title: 'DNS resolution', result: null } } };
    expect(dnsCheckResult(running)).toBeUndefined();
    const finished: WizardView = { ...running, progress: { dns: { id: 'dns', step: 'dns', title: 'DNS resolution', result: dnsCheck } } };
    expect(dnsCheckResult(finished)).toBe(dnsCheck);
    expect(dnsCheckResult({ ...idle, report: makeReport([statusPageFail, dnsCheck]) })).toEqual(dnsCheck);
  });

  it('offers Revert for a kept or an interrupted change, never for a running one', () => {
    expect(revertableChange(null)).toBeNull();
    expect(revertableChange(status)).toBeNull();
    expect(revertableChange(active)?.servers).toEqual(['127.0.0.2']);
    expect(revertableChange(withState('interrupted'))?.state).toBe('interrupted');
    expect(revertableChange(withState('in-progress'))).toBeNull();
    expect(interruptedChange(active)).toBeNull();
    expect(interruptedChange(withState('interrupted'))).not.toBeNull();
  });

  it('allows a switch only when the settings are known and no change is running or half-done', () => {
    expect(switchAvailability(status, null)).toEqual({ allowed: true, reason: null });
    // A second switch on top of a kept one is allowed: revert still restores the very first settings.
    expect(switchAvailability(active, null).allowed).toBe(true);
    expect(switchAvailability(status, 'switch')).toEqual({ allowed: false, reason: null });
    expect(switchAvailability(null, null)).toEqual({ allowed: false, reason: 'The current DNS settings have not been read yet.' });
    expect(switchAvailability(withState('in-progress'), null).reason).toMatch(/A DNS switch is running now/);
    expect(switchAvailability(withState('interrupted'), null).reason).toMatch(/restore the previous DNS first/);
    expect(switchAvailability({ ...status, interfaces: [] }, null).reason).toBe('No network interface with DNS settings was found.');
  });

  it('shows when a change was made, in the user’s locale', () => {
    expect(changeTime('2026-11-26T04:38:33.598Z', 'en-GB')).toMatch(/26 Nov 2026/);
    expect(changeTime('not a date')).toBe('not a date');
  });
});
