// Runs INSIDE a fresh network namespace (scripts/bench.ts starts it): the development bridge serving a healthy lab
// world, and `calls` diagnoses posted to it at once, each with a `deadlineMs` deadline. Prints one JSON line: how
// long each call took from its request to its last line, against its deadline, and the host's event-loop lag and
// memory meanwhile.
// `mixed` spreads the calls over several selections of checks (different sweeps, which cannot be shared).
// Usage: node --import tsx scripts/bench/load-run.ts <calls> <deadlineMs> [same|mixed]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBridgeServer } from '../../electron/bridge/bridge-server.js';
import { parseProfile } from '../../electron/engine/profile.js';
import { createEngineService } from '../../electron/engine/service.js';
import { callApi, ndjson } from '../../e2e/fixtures/bridge-test-kit.js';
import { assertFreshNetworkNamespace, closeLab, profileFor, shapeNetwork, startLab } from '../../e2e/scenarios/lab-world.js';
import { world } from '../../e2e/scenarios/scenarios.js';
import { LAB_CA } from '../../e2e/lab/certs/lab-certs.js';

/** Check selections for the `mixed` load: each is a different sweep. */
const SELECTIONS: (string[] | undefined)[] = [undefined, ['status-page', 'targets'], ['dns'], ['connection', 'vpn-proxy'], ['retry', 'targets', 'dns']];

export interface LoadBench {
  calls: number;
  mode: 'same' | 'mixed';
  deadlineMs: number;
  /** Each call, request → last line. */
  elapsedMs: number[];
  /** Calls whose answer was a report. */
  reports: number;
  lagMaxMs: number;
  lagP99Ms: number;
  rssMiB: number;
}

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? '40');
  const deadlineMs = Number(process.argv[3] ?? '5000');
  const mode = process.argv[4] === 'mixed' ? 'mixed' : 'same';
  assertFreshNetworkNamespace();
  const spec = world('healthy (load)');
  shapeNetwork(spec);
  const lab = await startLab(spec);
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-bench-load-'));
  const rendererDir = path.join(dir, 'renderer');
  const clientScript = path.join(dir, 'client.js');
  writeFileSync(clientScript, '');
  const profile = parseProfile(profileFor(spec, lab), 'bench');
  const service = createEngineService({ profile, host: 'web-bridge', extraCa: [LAB_CA] });
  const bridge = await startBridgeServer({ profile, port: 0, rendererDir, clientScript, service });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  try {
    histogram.enable();
    const elapsedMs: number[] = [];
    let reports = 0;
    await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        const started = performance.now();
        const checks = mode === 'mixed' ? SELECTIONS[i % SELECTIONS.length] : undefined;
        const answer = await callApi(bridge.port, 'runDiagnosis', { timeoutMs: deadlineMs, ...(checks ? { checks } : {}) }, bridge.token);
        elapsedMs.push(Math.round(performance.now() - started));
        if (ndjson(answer.body).some((line) => 'result' in line)) reports += 1;
      }),
    );
    histogram.disable();
    const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
    const result: LoadBench = {
      calls,
      mode,
      deadlineMs,
      elapsedMs,
      reports,
      lagMaxMs: ms(histogram.max),
      lagP99Ms: ms(histogram.percentile(99)),
      rssMiB: Math.round(process.memoryUsage().rss / 104857.6) / 10,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bridge.close();
    await closeLab(lab);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench load: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
