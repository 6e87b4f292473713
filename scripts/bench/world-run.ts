// Runs INSIDE a fresh network namespace (scripts/bench.ts starts it): builds one lab world (e2e/scenarios/lab-world.ts)
// and runs, in turn, this project's CLI and the reference diagnoser against the same profile, `runs` times each;
// prints one JSON line (WorldBench). Time to verdict: from spawning the process until its report is on stdout
// (process start included).
// Usage: node --import tsx scripts/bench/world-run.ts '<WorldSpec as JSON>' <runs> <reference.mjs or "">
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertFreshNetworkNamespace, CLI, closeLab, cliEnv, profileFor, ROOT, shapeNetwork, startLab } from '../../e2e/scenarios/lab-world.js';
import type { WorldSpec } from '../../e2e/scenarios/world-spec.js';

const STATS_PRELOAD = path.join(ROOT, 'scripts/bench/stats-preload.cjs');

export interface DiagnoserRun {
  /** Spawn → a complete report line on stdout. */
  verdictMs: number;
  /** Spawn → process exit. */
  exitMs: number;
  cause: string;
  lagMaxMs: number;
  lagP99Ms: number;
  maxRssMiB: number;
}

export interface WorldBench {
  world: string;
  project: DiagnoserRun[];
  reference: DiagnoserRun[];
}

function runDiagnoser(argv: string[], env: NodeJS.ProcessEnv, statsFile: string, killAfterMs: number): Promise<DiagnoserRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', STATS_PRELOAD, ...argv], {
      env: { ...env, GD_BENCH_STATS: statsFile },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    let verdictMs: number | undefined;
    let cause = 'none';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (verdictMs !== undefined || !stdout.trimEnd().endsWith('}')) return;
      try {
        const report = JSON.parse(stdout) as { verdict?: { cause?: string } };
        verdictMs = performance.now() - started;
        cause = report.verdict?.cause ?? 'none';
      } catch {
        // not complete yet
      }
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(killer);
      const exitMs = performance.now() - started;
      let stats = { lagMaxMs: NaN, lagP99Ms: NaN, maxRssMiB: NaN };
      try {
        stats = JSON.parse(readFileSync(statsFile, 'utf8')) as typeof stats;
      } catch {
        // killed before its exit handler ran
      }
      resolve({ verdictMs: Math.round(verdictMs ?? exitMs), exitMs: Math.round(exitMs), cause, ...stats });
    });
  });
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as WorldSpec;
  const runs = Number(process.argv[3] ?? '3');
  const reference = process.argv[4] ?? '';
  assertFreshNetworkNamespace();
  shapeNetwork(spec);
  const lab = await startLab(spec);
  const workDir = mkdtempSync(path.join(tmpdir(), 'gd-bench-world-'));
  try {
    const profileFile = path.join(workDir, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(profileFor(spec, lab), null, 2));
    const env = cliEnv(spec, lab, workDir);
    const statsFile = path.join(workDir, 'stats.json');
    const killAfter = spec.timeoutMs + 15_000;
    const result: WorldBench = { world: spec.name, project: [], reference: [] };
    for (let i = 0; i < runs; i += 1) {
      // Alternate who goes first, so neither always meets a lab warmed up by the other.
      const order = i % 2 === 0 ? ['project', 'reference'] : ['reference', 'project'];
      for (const who of order) {
        rmSync(statsFile, { force: true });
        if (who === 'project') {
          result.project.push(await runDiagnoser([CLI, 'diagnose', '--json', '--profile', profileFile, '--timeout', String(spec.timeoutMs)], env, statsFile, killAfter));
        } else if (reference) {
          result.reference.push(await runDiagnoser([reference, 'diagnose', '--profile', profileFile, '--json'], env, statsFile, killAfter));
        }
      }
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await closeLab(lab);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench world: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
