// Issue 3's scenario tests: the whole engine, end to end, through the real CLI (`gateway-doctor diagnose --json`),
// each world in its own network and mount namespace with lab servers on loopback (e2e/scenarios/world.ts).
// The machine's own network settings are never touched and no packet leaves the namespace.
import { describe, expect, it, type ExpectStatic } from 'vitest';
import { CAUSES } from '../../electron/common/spec.js';
import { ALL_CHECKS } from '../../electron/engine/checks/index.js';
import { netnsUnavailableReason } from '../lab/netns.js';
import { createLimiter, describeChecks, runWorld, type WorldRun } from './run-world.js';
import { CAUSE_WORLDS, REAL_WORLD_FAULT_WORLDS, SILENT_WORLDS, TWO_FAULT_WORLDS, UNTUNED_WORLDS, type Scenario } from './scenarios.js';
import type { WorldSpec } from './world-spec.js';
import { oneVoiceProblems } from './one-voice.js';
import { textSummaryProblems } from '../../electron/report/report-test-kit.js';

const unavailable = netnsUnavailableReason();
if (unavailable) console.warn(`Scenario tests skipped: ${unavailable}`);

/** Node's start and the bundle's load before the sweep's clock starts, plus the exit after the report. */
const PROCESS_ALLOWANCE_MS = 1_500;
/** Worlds at once: each is a namespace with ~8 servers, a Node process for them and one for the CLI (2 cores). */
const runLimited = createLimiter(3);
/** A test waits for its turn in the limiter too. */
const TEST_TIMEOUT_MS = 120_000;

const world = (spec: WorldSpec): Promise<WorldRun> => runLimited(() => runWorld(spec));

function context(run: WorldRun): string {
  const v = run.report.verdict;
  return `verdict ${v.cause} (alsoFound: ${v.alsoFound.join(', ') || 'none'}) — ${v.summary}\n${describeChecks(run.report)}`;
}

/** Every world: the CLI succeeded, within the deadline, and the report lists every check. */
function expectCompleteInTime(expect: ExpectStatic, run: WorldRun, spec: WorldSpec): void {
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.elapsedMs, `the CLI took ${run.elapsedMs} ms for a ${spec.timeoutMs} ms deadline`).toBeLessThanOrEqual(spec.timeoutMs + PROCESS_ALLOWANCE_MS);
  expect(run.report.durationMs).toBeLessThanOrEqual(spec.timeoutMs + 100);
  expect(run.report.checks.map((c) => c.id)).toEqual(ALL_CHECKS.map((c) => c.id));
}

function expectScenario(expect: ExpectStatic, run: WorldRun, scenario: Scenario): void {
  expectCompleteInTime(expect, run, scenario.world);
  const why = context(run);
  expect(run.report.verdict.cause, why).toBe(scenario.cause);
  for (const cause of scenario.alsoFound ?? []) expect(run.report.verdict.alsoFound, why).toContain(cause);
  for (const cause of scenario.notAlsoFound ?? []) expect(run.report.verdict.alsoFound, why).not.toContain(cause);
  expect(run.report.verdict.alsoFound, why).not.toContain(scenario.cause);
  for (const [id, status] of Object.entries(scenario.checks)) {
    const check = run.report.checks.find((c) => c.id === id);
    expect(check, `check ${id} is missing\n${why}`).toBeDefined();
    expect(Array.isArray(status) ? status : [status], `check ${id}\n${why}`).toContain(check!.status);
  }
  // Issue 7: every step, as the shared explanation words it, agrees with the verdict.
  expect(oneVoiceProblems(run.report), why).toEqual([]);
  // Issue 11: the text summary fits 15 lines and names the cause and the layer that failed.
  expect(textSummaryProblems(run.report), why).toEqual([]);
  if (scenario.more) {
    try {
      scenario.more(run);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${why}`, { cause: error });
    }
  }
}

function scenarioTests(scenarios: Scenario[]): void {
  for (const scenario of scenarios) {
    // Concurrent tests must assert with their own `expect` (the context's), not the global one.
    it(`${scenario.world.name} → ${scenario.cause}`, async ({ expect }) => {
      expectScenario(expect, await world(scenario.world), scenario);
    }, TEST_TIMEOUT_MS);
  }
}

describe('scenario coverage', () => {
  it('every cause of SPEC.md has a world of its own; two-fault worlds say whether the later cause is also found', () => {
    expect(new Set(CAUSE_WORLDS.map((s) => s.cause))).toEqual(new Set(CAUSES));
    expect(CAUSE_WORLDS.find((s) => s.world.name === 'healthy')?.cause).toBe('browser');
    for (const scenario of TWO_FAULT_WORLDS) {
      // Also found, or (when the first cause explains it, as a portal explains DNS answers) expressly not.
      expect((scenario.alsoFound?.length ?? 0) + (scenario.notAlsoFound?.length ?? 0), scenario.world.name).toBeGreaterThan(0);
      for (const other of scenario.alsoFound ?? []) expect(CAUSES.indexOf(other)).toBeGreaterThan(CAUSES.indexOf(scenario.cause));
    }
    const names = [...CAUSE_WORLDS, ...TWO_FAULT_WORLDS, ...UNTUNED_WORLDS, ...REAL_WORLD_FAULT_WORLDS].map((s) => s.world.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe.skipIf(unavailable !== null).concurrent('scenario worlds (network namespaces, real CLI)', () => {
  describe('one world per cause', () => scenarioTests(CAUSE_WORLDS));
  describe("two faults: the causes table's order decides", () => scenarioTests(TWO_FAULT_WORLDS));
  describe('worlds the rules were not tuned to', () => scenarioTests(UNTUNED_WORLDS));
  describe('faults seen on real networks (issue 9)', () => scenarioTests(REAL_WORLD_FAULT_WORLDS));

  describe('the deadline holds when nothing answers', () => {
    for (const spec of SILENT_WORLDS) {
      it(spec.name, async ({ expect }) => {
        const run = await world(spec);
        expectCompleteInTime(expect, run, spec);
        const why = context(run);
        for (const check of run.report.checks) {
          // A check the deadline cut short is an `error` that says so.
          if ((check.evidence as { deadlineMs?: unknown }).deadlineMs !== undefined) expect(check.status, `${check.id}\n${why}`).toBe('error');
        }
        // Nothing that needs an answer from the network can pass.
        for (const id of ['status-page', 'targets', 'retry', 'connection']) {
          const check = run.report.checks.find((c) => c.id === id);
          if (check) expect(check.status, `${id}\n${why}`).not.toBe('pass');
        }
        expect(['offline', 'unknown'], why).toContain(run.report.verdict.cause);
        expect(oneVoiceProblems(run.report), why).toEqual([]);
        expect(textSummaryProblems(run.report), why).toEqual([]);
      }, TEST_TIMEOUT_MS);
    }
  });
});
