// `npm run bench`: how fast the engine reaches a verdict, measured in lab worlds on loopback only. Prints figures and
// asserts nothing (goals are read by people, not by timed tests):
// - per world of issue 9's table, time to verdict of this project's CLI and of the reference diagnoser
//   (../shared/bench/reference-diagnoser.mjs, or GD_BENCH_REFERENCE), process start included, with each one's
//   event-loop lag and peak memory;
// - diagnoses started all at once through the development bridge, against their deadline;
// - the CLI's start-up time.
// Each world runs in its own network namespace (as root), like the scenario suite's.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { netnsUnavailableReason, runInNetns } from '../e2e/lab/netns.js';
import { HOSTS_FILE, resolvConfFor, type WorldSpec } from '../e2e/scenarios/world-spec.js';
import { world } from '../e2e/scenarios/scenarios.js';
import type { LoadBench } from './bench/load-run.js';
import type { DiagnoserRun, WorldBench } from './bench/world-run.js';
import { BENCH_WORLDS } from './bench/worlds.js';

const RUNS = Number(process.env.GD_BENCH_RUNS ?? '3');
const LOAD_CALLS = Number(process.env.GD_BENCH_LOAD_CALLS ?? '40');
const LOAD_DEADLINE_MS = 5_000;
const REFERENCE = path.resolve(process.env.GD_BENCH_REFERENCE ?? path.join('..', 'shared', 'bench', 'reference-diagnoser.mjs'));
const CLI = path.resolve('dist/cli/cli.cjs');

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const seconds = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
const max = (values: number[]): number => values.reduce((a, b) => (Number.isFinite(b) && (!Number.isFinite(a) || b > a) ? b : a), NaN);
const pad = (text: string, width: number): string => text.padEnd(width);

/** Issue 9's goal: within max(1.5 × the reference, the reference + 0.5 s). */
const goalMs = (referenceMs: number): number => Math.max(1.5 * referenceMs, referenceMs + 500);

async function inWorld<T>(spec: WorldSpec, argv: string[]): Promise<T> {
  const run = await runInNetns([process.execPath, '--import', 'tsx', ...argv], {
    resolvConf: resolvConfFor(spec),
    hosts: HOSTS_FILE,
    env: { NODE_EXTRA_CA_CERTS: path.resolve('e2e/lab/certs/ca.pem') },
    timeoutMs: 600_000,
  });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`bench run in "${spec.name}" printed no result (exit ${run.code ?? run.signal}):\n${run.stderr.slice(-3000)}`);
  }
}

function summarize(runs: DiagnoserRun[]): { verdict: number; causes: string; lag: number; rss: number } {
  return {
    verdict: median(runs.map((r) => r.verdictMs)),
    causes: [...new Set(runs.map((r) => r.cause))].join('/'),
    lag: max(runs.map((r) => r.lagMaxMs)),
    rss: max(runs.map((r) => r.maxRssMiB)),
  };
}

async function worldTable(reference: string | null): Promise<void> {
  console.log(`\nTime to verdict (median of ${RUNS}, process start included; lag = worst event-loop delay, RSS = peak memory)`);
  const header = `${pad('world', 34)} ${pad('project', 9)} ${pad('reference', 9)} ${pad('goal', 8)} ${pad('verdicts (project | reference)', 34)} ${pad('lag', 16)} RSS`;
  console.log(header);
  console.log('-'.repeat(header.length + 12));
  for (const spec of BENCH_WORLDS) {
    const result = await inWorld<WorldBench>(spec, ['scripts/bench/world-run.ts', JSON.stringify(spec), String(RUNS), reference ?? '']);
    const project = summarize(result.project);
    const ref = summarize(result.reference);
    const goal = reference ? goalMs(ref.verdict) : NaN;
    const mark = Number.isFinite(goal) ? (project.verdict <= goal ? ' ok' : ' SLOW') : '';
    console.log(
      `${pad(spec.name, 34)} ${pad(seconds(project.verdict), 9)} ${pad(seconds(ref.verdict), 9)} ${pad(seconds(goal) + mark, 8)} ${pad(`${project.causes} | ${ref.causes || '—'}`, 34)} ${pad(`${project.lag} | ${ref.lag} ms`, 16)} ${project.rss} | ${ref.rss} MiB`,
    );
  }
}

async function loadFigures(mode: 'same' | 'mixed'): Promise<void> {
  const spec = world('healthy (load)');
  const result = await inWorld<LoadBench>(spec, ['scripts/bench/load-run.ts', String(LOAD_CALLS), String(LOAD_DEADLINE_MS), mode]);
  const worst = max(result.elapsedMs);
  const what = mode === 'same' ? 'the same diagnosis' : 'diagnoses of 5 different check selections';
  console.log(
    `\n${result.calls} × ${what} at once through the bridge, ${result.deadlineMs} ms deadline each: ${result.reports} reports, ` +
      `slowest ${worst} ms (${worst > result.deadlineMs ? `${worst - result.deadlineMs} ms over` : 'within'} the deadline), median ${median(result.elapsedMs)} ms; ` +
      `bridge event-loop lag max ${result.lagMaxMs} ms, p99 ${result.lagP99Ms} ms; RSS ${result.rssMiB} MiB`,
  );
}

function startFigures(): void {
  const starts: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    execFileSync(process.execPath, [CLI, '--version']);
    starts.push(performance.now() - started);
  }
  console.log(`\nCLI start (gateway-doctor --version): median ${median(starts).toFixed(0)} ms, max ${max(starts).toFixed(0)} ms`);
}

async function main(): Promise<void> {
  const problem = netnsUnavailableReason();
  if (problem) {
    console.error(`bench: cannot isolate the lab worlds in network namespaces (${problem}); not running them.`);
    process.exitCode = 1;
    return;
  }
  const reference = existsSync(REFERENCE) ? REFERENCE : null;
  console.log(`Gateway Doctor bench — node ${process.version}, ${process.platform}/${process.arch}`);
  if (!reference) console.log(`(no reference diagnoser at ${REFERENCE}: set GD_BENCH_REFERENCE to compare)`);
  startFigures();
  await worldTable(reference);
  await loadFigures('same');
  await loadFigures('mixed');
}

await main();
