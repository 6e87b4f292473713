// `npm run bench`: speed and memory figures of the engine, measured against the lab's loopback servers only.
// Prints figures; asserts nothing (goals are read by people, not by timed tests). A full sweep also probes the
// default gateway, so as root it runs itself inside a network namespace that holds nothing but loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDnsServer } from '../e2e/lab/dns-server.js';
import { netnsUnavailableReason, runInNetns } from '../e2e/lab/netns.js';
import { startStatusServer } from '../e2e/lab/status-server.js';
import { diagnose } from '../electron/engine/diagnose.js';
import { parseProfile } from '../electron/engine/profile.js';

const RUNS = 15;

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${pick(0.5).toFixed(0)} ms, p90 ${pick(0.9).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
}
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function sweepFigures(label: string, profile: ReturnType<typeof parseProfile>, timeoutMs: number): Promise<void> {
  const durations: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await diagnose({ profile, timeoutMs });
    durations.push(performance.now() - started);
  }
  console.log(`${label.padEnd(44)} ${stats(durations)} (deadline ${timeoutMs} ms, ${RUNS} runs)`);
}

async function main(): Promise<void> {
  const status = await startStatusServer('operational');
  const dns = await startDnsServer({ zone: { 'chat.lab': { kind: 'answer', ipv4: ['127.0.0.1'] } } });
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
  await sweepFigures('sweep, lab world answering', healthy, 10_000);

  const silentStatus = await startStatusServer('hang');
  dns.silent = true;
  const silent = parseProfile({ ...healthy, statusPage: { url: silentStatus.url, components: [] } }, 'bench');
  await sweepFigures('sweep, every server silent', silent, 2_000);
  const memory = process.memoryUsage();
  console.log(`${'memory after the sweeps'.padEnd(44)} rss ${mib(memory.rss)} (${memory.rss >= rssBefore ? "+" : "-"}${mib(Math.abs(memory.rss - rssBefore))} during the sweeps), heap used ${mib(memory.heapUsed)}`);

  const cli = path.resolve('dist/cli/cli.cjs');
  const starts: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    execFileSync(process.execPath, [cli, '--version']);
    starts.push(performance.now() - started);
  }
  console.log(`${'CLI start (gateway-doctor --version)'.padEnd(44)} ${stats(starts)}`);

  const dir = mkdtempSync(path.join(tmpdir(), 'gd-bench-'));
  const profileFile = path.join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(silent));
  const started = performance.now();
  execFileSync(process.execPath, [cli, 'diagnose', '--json', '--profile', profileFile, '--timeout', '2000'], { stdio: 'ignore' });
  console.log(`${'CLI diagnose, silent world, until exit'.padEnd(44)} ${(performance.now() - started).toFixed(0)} ms (deadline 2000 ms)`);

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
