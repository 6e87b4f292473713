// `gateway-doctor watch`: its lines (pure), its options, and the real CLI in a network namespace against a lab
// service that heals after a few seconds (exit 0, the change printed), one that never heals (exit 1 when --for
// runs out) and Ctrl+C (a clean stop).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchState } from '../common/watch.js';
import { netnsUnavailableReason, runInNetns } from '../../e2e/lab/netns.js';
import { createWatchPrinter, formatDuration, parseEvery, parseFor, WatchUsageError } from './watch-command.js';

const state = (overrides: Partial<WatchState>): WatchState => ({
  state: 'waiting',
  service: 'Lab Chat',
  startedAt: '2025-06-01T12:00:00.000Z',
  until: '2025-06-01T13:00:00.000Z',
  checks: 1,
  lastCheck: null,
  nextCheckAt: null,
  ...overrides,
});
const check = (works: boolean, summary: string) => ({ at: '2025-06-01T12:00:01.000Z', works, summary, statusPage: 'none' as const, targets: { answering: works ? 1 : 0, total: 1 } });
const time = (iso: string) => iso.slice(11, 19);

describe('the watch lines', () => {
  it('one line per change of what a check found, then how it ended', () => {
    const print = createWatchPrinter(60, time);
    const failing = check(false, 'Lab Chat still answers with a server error (502).');
    expect(print(state({ checks: 0 }))).toBeNull();
    expect(print(state({ state: 'checking', checks: 0 }))).toBeNull();
    expect(print(state({ lastCheck: failing, nextCheckAt: '2025-06-01T12:01:01.000Z' }))).toBe(
      '12:00:01  Lab Chat still answers with a server error (502). Next check at 12:01:01.\n',
    );
    expect(print(state({ state: 'checking', lastCheck: failing }))).toBeNull();
    expect(print(state({ lastCheck: failing, nextCheckAt: '2025-06-01T12:03:01.000Z' }))).toBeNull(); // nothing changed
    expect(print(state({ state: 'working', lastCheck: check(true, 'Lab Chat answers normally.') }))).toBe('12:00:01  Works again: Lab Chat answers normally.\n');
  });

  it('says "Works" when it worked at once, and how an expired or stopped watch ended', () => {
    expect(createWatchPrinter(60, time)(state({ state: 'working', lastCheck: check(true, 'Lab Chat answers normally.') }))).toBe(
      '12:00:01  Works: Lab Chat answers normally.\n',
    );
    expect(createWatchPrinter(60, time)(state({ state: 'expired' }))).toBe('13:00:00  Gave up after 60 minutes: Lab Chat does not work yet.\n');
    expect(createWatchPrinter(0.1, time)(state({ state: 'stopped' }))).toMatch(/^\d\d:\d\d:\d\d {2}Stopped watching: Lab Chat did not work yet\.\n$/);
  });

  it('prints outside text with nothing a terminal would obey', () => {
    const print = createWatchPrinter(60, time);
    const line = print(state({ service: 'x', lastCheck: check(false, 'Lab\u001b]0;pwned\u0007 still \u001b[2Jdown\r\nFAKE: works') }))!;
    // Shown, visibly escaped, on the CLI's own line (the same neutraliser as every other CLI output).
    expect(line).toBe('12:00:01  Lab\\u001b]0;pwned\\u0007 still \\u001b[2Jdown\\u000d\\u000aFAKE: works\n');
    expect([...line.slice(0, -1)].filter((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toEqual([]);
  });
});

describe('watch options', () => {
  it('--every: whole seconds 1–3600 (default 60); --for: minutes above 0 (default 60)', () => {
    expect(parseEvery(undefined)).toBe(60);
    expect(parseEvery('5')).toBe(5);
    for (const bad of ['0', '3601', '1.5', '-1', 'soon']) expect(() => parseEvery(bad)).toThrow(WatchUsageError);
    expect(parseFor(undefined)).toBe(60);
    expect(parseFor('0.1')).toBe(0.1);
    for (const bad of ['0', '-5', '1441', 'an hour', '1e3']) expect(() => parseFor(bad)).toThrow(WatchUsageError);
    expect(formatDuration(60)).toBe('60 minutes');
    expect(formatDuration(1)).toBe('1 minute');
    expect(formatDuration(0.1)).toBe('6 s');
  });
});

const netnsProblem = netnsUnavailableReason();
if (netnsProblem) console.warn(`skipping the watch CLI's lab tests: ${netnsProblem}`);
const LAB_SCRIPT = path.resolve('e2e/lab/watch-in-lab.ts');

interface WatchRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

async function watchInLab(healAfterMs: number | null, args: string[], interrupt = false): Promise<WatchRun> {
  const run = await runInNetns([process.execPath, '--import', 'tsx', LAB_SCRIPT, JSON.stringify({ healAfterMs, args, interrupt })], {
    resolvConf: 'nameserver 127.0.0.1\n',
    timeoutMs: 90_000,
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as WatchRun;
}

describe.skipIf(netnsProblem !== null)('gateway-doctor watch (the real CLI in a network namespace)', () => {
  it('against a lab world that heals after a few seconds: prints the change and exits 0', async () => {
    const run = await watchInLab(3_000, ['--every', '1', '--for', '1', '--notify']);
    expect(run.code, run.stderr).toBe(0);
    // --notify: this machine has no notify-send; that is a one-line note, not a failure.
    const notifier = run.stderr.split('\n').filter((line) => line.includes('notification'));
    expect(notifier).toEqual(existsSync('/usr/bin/notify-send') ? [] : ['gateway-doctor: no desktop notification: notify-send is not installed']);
    expect(run.stderr).toContain('Watching Lab Chat for up to 1 minute');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d {2}Lab Chat still answers with a server error \(502\), and its status page still reports an outage \(“Conversations unavailable”\)\. Next check at \d\d:\d\d:\d\d\.$/,
    );
    expect(lines.at(-1)).toMatch(/^\d\d:\d\d:\d\d {2}Works again: Lab Chat answers normally, and its status page reports no outage\.$/);
    // One line per change: the same finding is not repeated however many checks it took.
    expect(new Set(lines).size).toBe(lines.length);
    expect(run.elapsedMs).toBeLessThan(20_000);
  }, 120_000);

  it('against a world that never heals: exits 1 once --for runs out', async () => {
    const run = await watchInLab(null, ['--every', '1', '--for', '0.1']);
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/still answers with a server error \(502\)/);
    expect(lines.at(-1)).toMatch(/^\d\d:\d\d:\d\d {2}Gave up after 6 s: Lab Chat does not work yet\.$/);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(6_000);
    expect(run.elapsedMs).toBeLessThan(15_000);
  }, 120_000);

  it('stops cleanly on Ctrl+C (SIGINT): a last line, exit 1, at once', async () => {
    const run = await watchInLab(null, ['--every', '30'], true);
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/Stopped watching: Lab Chat did not work yet\.$/);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Watching Lab Chat for up to 60 minutes/)]); // no stack trace
    expect(run.elapsedMs).toBeLessThan(10_000);
  }, 120_000);

  it('refuses two service options at once with one line and exit 2', async () => {
    const run = await watchInLab(null, ['--service', 'claude']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('gateway-doctor: use only one of --profile, --service and --url (got --profile and --service)');
    expect(run.stdout).toBe('');
  }, 60_000);
});
