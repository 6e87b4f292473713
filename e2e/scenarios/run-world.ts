// The test side of a scenario world: runs world.ts in a fresh network namespace and returns what it printed,
// with the CLI's report parsed and validated against SPEC.md's schema. Worlds run a few at a time (CI has 2 cores).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportSchema, type Report } from '../../electron/common/spec.js';
import { runInNetns } from '../lab/netns.js';
import { HOSTS_FILE, resolvConfFor, type WorldResult, type WorldSpec } from './world-spec.js';

const WORLD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'world.ts');

export interface WorldRun extends WorldResult {
  report: Report;
}

/** Runs at most `limit` tasks at once, in the order they were asked for. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    if (running >= limit) return;
    const start = queue.shift();
    if (start) {
      running += 1;
      start();
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            next();
          });
      });
      next();
    });
}

export async function runWorld(spec: WorldSpec): Promise<WorldRun> {
  const run = await runInNetns([process.execPath, '--import', 'tsx', WORLD_SCRIPT, JSON.stringify(spec)], {
    resolvConf: resolvConfFor(spec),
    hosts: HOSTS_FILE,
    timeoutMs: spec.timeoutMs + 30_000,
  });
  // The namespace's resolv.conf and hosts are not needed afterwards.
  rmSync(run.workDir, { recursive: true, force: true });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  let result: WorldResult;
  try {
    result = JSON.parse(line) as WorldResult;
  } catch {
    throw new Error(`world "${spec.name}" printed no result (exit ${run.code ?? run.signal}):\n${run.stderr.slice(-4000)}`);
  }
  let report: Report;
  try {
    report = ReportSchema.parse(JSON.parse(result.stdout));
  } catch (error) {
    throw new Error(
      `world "${spec.name}": the CLI's stdout is not a valid report (${(error as Error).message.slice(0, 500)})\nexit ${result.exitCode}\nstderr:\n${result.stderr.slice(-4000)}`,
      { cause: error },
    );
  }
  return { ...result, report };
}

/** One line per check, for failure messages. */
export function describeChecks(report: Report): string {
  return report.checks.map((c) => `  ${c.id.padEnd(12)} ${c.status.padEnd(5)} ${c.summary}`).join('\n');
}
