// One scenario world, run INSIDE a fresh network + mount namespace (e2e/lab/netns.ts): builds the world's lab
// (lab-world.ts), runs the real CLI (`dist/cli/cli.cjs diagnose --json`) against it, and prints one JSON line
// (WorldResult) to stdout.
// Usage: node --import tsx e2e/scenarios/world.ts '<WorldSpec as JSON>'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LabDnsServer } from '../lab/dns-server.js';
import { assertFreshNetworkNamespace, closeLab, cliEnv, profileFor, runCli, shapeNetwork, startLab } from './lab-world.js';
import type { WorldResult, WorldSpec } from './world-spec.js';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as WorldSpec;
  assertFreshNetworkNamespace();
  shapeNetwork(spec);
  const lab = await startLab(spec);
  const workDir = mkdtempSync(path.join(tmpdir(), 'gd-world-'));
  try {
    const profileFile = path.join(workDir, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(profileFor(spec, lab), null, 2));
    const run = await runCli(profileFile, spec, cliEnv(spec, lab, workDir));
    const queried = (server: LabDnsServer | null): string[] => [...new Set((server?.queries ?? []).map((q) => q.name))];
    const result: WorldResult = {
      ...run,
      requests: {
        targets: Object.fromEntries(spec.targets.map((t, i) => [t.id, lab.targets[i]?.requests ?? 0])),
        status: lab.status?.requests ?? 0,
        connectivity: lab.connectivity.requests,
        proxy: lab.proxy?.requests ?? [],
        systemDns: queried(lab.systemDns),
        referenceDns: queried(lab.referenceDns),
      },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await closeLab(lab);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`world: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
