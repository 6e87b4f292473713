// A scenario world served to a browser: run INSIDE a fresh network namespace, it builds the world exactly as
// world.ts does for the CLI, then starts the development bridge on its profile (with the environment the CLI
// would get: the lab CA, the world's proxy) and prints one JSON line {"type":"ready","url":…,"pid":…}. Closing
// stdin (or SIGTERM) stops the bridge and the lab.
// Usage: node --import tsx e2e/scenarios/serve-world.ts '<WorldSpec as JSON>' <bridge bundle> <renderer dir>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { assertFreshNetworkNamespace, cliEnv, closeLab, profileFor, shapeNetwork, startLab } from './lab-world.js';
import type { WorldSpec } from './world-spec.js';

const URL_LINE = /^Gateway Doctor \(web bridge\): (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/;

async function main(): Promise<void> {
  const [specText, bridgeBundle, rendererDir] = process.argv.slice(2);
  const spec = JSON.parse(specText ?? '') as WorldSpec;
  assertFreshNetworkNamespace();
  shapeNetwork(spec);
  const lab = await startLab(spec);
  const workDir = mkdtempSync(path.join(tmpdir(), 'gd-served-world-'));
  const profileFile = path.join(workDir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profileFor(spec, lab), null, 2));
  const env = { ...cliEnv(spec, lab, workDir), GATEWAY_DOCTOR_DATA_DIR: path.join(workDir, 'data') };
  const bridge = spawn(process.execPath, [bridgeBundle!, '--profile', profileFile, '--port', '0', '--renderer-dir', rendererDir!], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bridge.stderr.setEncoding('utf8').on('data', (chunk: string) => process.stderr.write(`[bridge] ${chunk}`));

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    bridge.kill('SIGTERM');
    await closeLab(lab);
    rmSync(workDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.stdin.on('end', () => void stop(0)).resume();
  bridge.once('exit', (code, signal) => {
    process.stderr.write(`serve-world: the bridge exited (${code ?? signal})\n`);
    void stop(1);
  });

  let buffered = '';
  bridge.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (buffered.includes('\n')) return;
    buffered += chunk;
    if (!buffered.includes('\n')) return;
    const match = URL_LINE.exec(buffered.split('\n')[0]!);
    if (!match) {
      process.stderr.write(`serve-world: unexpected first line from the bridge: ${buffered}\n`);
      void stop(1);
      return;
    }
    process.stdout.write(`${JSON.stringify({ type: 'ready', url: match[1], pid: process.pid, interfaces: Object.keys(networkInterfaces()) })}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-world: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
