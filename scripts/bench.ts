// `npm run bench`: speed and memory figures of the engine, measured against the lab's loopback servers only.
// Prints figures; asserts nothing (goals are read by people, not by timed tests). A full sweep also probes the
// default gateway, so as root it runs itself inside a network namespace that holds nothing but loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startDnsServer } from '../e2e/lab/dns-server.js';
import { netnsUnavailableReason, runInNetns } from '../e2e/lab/netns.js';
import { startStatusServer } from '../e2e/lab/status-server.js';
import { remainingMs, type CheckContext, type CheckDefinition } from '../electron/engine/check.js';
import { createConnectionCheck } from '../electron/engine/checks/connection.js';
import { ALL_CHECKS } from '../electron/engine/checks/index.js';
import { createVpnProxyCheck } from '../electron/engine/checks/vpn-proxy.js';
import { diagnose } from '../electron/engine/diagnose.js';
import { parseProfile } from '../electron/engine/profile.js';
import { inThreadInterfaces, readAdapters, readAdaptersWithin, workerInterfaces, type InterfaceSource } from '../electron/system/network/interfaces.js';

const RUNS = 15;
const WIDTH = 50;

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${pick(0.5).toFixed(0)} ms, p90 ${pick(0.9).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
}
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const ms = (nanoseconds: number): string => `${(nanoseconds / 1e6).toFixed(0)} ms`;

/** Watches this thread's event loop (10 ms resolution) while `work` runs: how late its timers fire. */
async function loopDelayDuring(work: () => Promise<void>): Promise<string> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await work();
  histogram.disable();
  return `max ${ms(histogram.max)}, p99 ${ms(histogram.percentile(99))}`;
}

// "Before": systeminformation read on the engine's own thread, as the engine did before its worker thread.
const inThreadAdapters = {
  readAdapters: (context: CheckContext) => readAdaptersWithin(context.signal, remainingMs(context, 4_000), inThreadInterfaces),
};
const CHECKS_ADAPTERS_IN_THREAD: CheckDefinition[] = ALL_CHECKS.map((check) =>
  check.id === 'connection' ? createConnectionCheck(inThreadAdapters) : check.id === 'vpn-proxy' ? createVpnProxyCheck(inThreadAdapters) : check,
);

const average = (values: number[]): string => (values.length === 0 ? 'none' : `${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(0)} ms`);

async function sweepFigures(label: string, profile: ReturnType<typeof parseProfile>, timeoutMs: number, checks?: CheckDefinition[]): Promise<void> {
  const durations: number[] = [];
  const dnsSystem: number[] = [];
  const dnsReference: number[] = [];
  const loop = await loopDelayDuring(async () => {
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      const report = await diagnose({ profile, timeoutMs, ...(checks ? { checks } : {}) });
      durations.push(performance.now() - started);
      // The DNS check's own latency figures (system resolver, reference resolvers): on loopback they should be ~0.
      const latency = report.checks.find((c) => c.id === 'dns')?.evidence.latency as
        | { systemAverageMs: number | null; referenceAverageMs: Record<string, number | null> }
        | undefined;
      if (typeof latency?.systemAverageMs === 'number') dnsSystem.push(latency.systemAverageMs);
      for (const value of Object.values(latency?.referenceAverageMs ?? {})) if (typeof value === 'number') dnsReference.push(value);
    }
  });
  console.log(`${label.padEnd(WIDTH)} ${stats(durations)} (deadline ${timeoutMs} ms, ${RUNS} runs)`);
  console.log(`${'  event-loop delay during the sweeps'.padEnd(WIDTH)} ${loop}`);
  if (dnsSystem.length + dnsReference.length > 0) {
    const worst = Math.max(...dnsSystem, ...dnsReference);
    console.log(`${'  DNS check latency, loopback resolver'.padEnd(WIDTH)} system avg ${average(dnsSystem)}, reference avg ${average(dnsReference)}, worst ${worst} ms`);
  }
}

/** systeminformation's adapter reading alone, on this thread and in the worker. */
async function adapterFigures(label: string, source: InterfaceSource): Promise<void> {
  const durations: number[] = [];
  const loop = await loopDelayDuring(async () => {
    for (let i = 0; i < 5; i += 1) {
      const reading = await readAdapters(source, { timeoutMs: 10_000 });
      durations.push(reading.durationMs);
      await new Promise((resolve) => setTimeout(resolve, 20)); // lets the histogram sample between readings
    }
  });
  console.log(`${label.padEnd(WIDTH)} ${stats(durations)}; event-loop delay ${loop}`);
}

async function main(): Promise<void> {
  const status = await startStatusServer('operational');
  // On port 53: the namespace's resolv.conf names 127.0.0.1, so the system resolver is measured too.
  const dns = await startDnsServer({ port: 53, zone: { 'chat.lab': { kind: 'answer', ipv4: ['127.0.0.1'] } } });
  const healthy = parseProfile(
    {
      name: 'Lab',
      targets: [{ id: 'app', url: 'http://chat.lab:9/' }],
      statusPage: { url: status.url, components: ['Conversations'] },
      referenceResolvers: [dns.endpoint],
      connectivityCheck: 'http://127.0.0.1:9/generate_204',
    },
    'bench',
  );
  console.log(`Gateway Doctor bench — node ${process.version}, ${process.platform}/${process.arch}`);
  const rssBefore = process.memoryUsage().rss;
  await adapterFigures('adapters, systeminformation on this thread', inThreadInterfaces);
  await adapterFigures('adapters, systeminformation in a worker', workerInterfaces);
  await sweepFigures('sweep, lab world answering (adapters in thread)', healthy, 10_000, CHECKS_ADAPTERS_IN_THREAD);
  await sweepFigures('sweep, lab world answering', healthy, 10_000);

  const silentStatus = await startStatusServer('hang');
  dns.silent = true;
  const silent = parseProfile({ ...healthy, statusPage: { url: silentStatus.url, components: [] } }, 'bench');
  await sweepFigures('sweep, every server silent', silent, 2_000);
  const memory = process.memoryUsage();
  console.log(`${'memory after the sweeps'.padEnd(WIDTH)} rss ${mib(memory.rss)} (${memory.rss >= rssBefore ? "+" : "-"}${mib(Math.abs(memory.rss - rssBefore))} during the sweeps), heap used ${mib(memory.heapUsed)}`);

  const cli = path.resolve('dist/cli/cli.cjs');
  const starts: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    execFileSync(process.execPath, [cli, '--version']);
    starts.push(performance.now() - started);
  }
  console.log(`${'CLI start (gateway-doctor --version)'.padEnd(WIDTH)} ${stats(starts)}`);

  const dir = mkdtempSync(path.join(tmpdir(), 'gd-bench-'));
  const profileFile = path.join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(silent));
  const started = performance.now();
  execFileSync(process.execPath, [cli, 'diagnose', '--json', '--profile', profileFile, '--timeout', '2000'], { stdio: 'ignore' });
  console.log(`${'CLI diagnose, silent world, until exit'.padEnd(WIDTH)} ${(performance.now() - started).toFixed(0)} ms (deadline 2000 ms)`);

  await Promise.all([status.close(), silentStatus.close(), dns.close()]);
}

const INSIDE = 'GATEWAY_DOCTOR_BENCH_IN_NETNS';
if (process.env[INSIDE] === '1') {
  await main();
} else {
  const problem = netnsUnavailableReason();
  if (problem) {
    console.error(`bench: cannot isolate the sweep in a network namespace (${problem}); not running it.`);
    process.exitCode = 1;
  } else {
    const run = await runInNetns([process.execPath, '--import', 'tsx', path.resolve('scripts/bench.ts')], {
      resolvConf: 'nameserver 127.0.0.1\n',
      env: { [INSIDE]: '1' },
      timeoutMs: 300_000,
    });
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    process.exitCode = run.code ?? 1;
  }
}
