// Runs inside a test network namespace (see netns.ts): starts a lab service in an outage that heals after
// `healAfterMs` (null: never), writes its profile, runs the real `gateway-doctor watch --profile … <args>` against
// it, optionally sends SIGINT once the first line is out, and prints {code, signal, stdout, stderr, elapsedMs} as
// one JSON line. Every address is on loopback.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHealingWorld } from './healing-world.js';

interface Spec {
  healAfterMs: number | null;
  args: string[];
  /** Send SIGINT once the CLI printed its first line on stdout. */
  interrupt?: boolean;
}

const spec = JSON.parse(process.argv[2]!) as Spec;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist/cli/cli.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'gd-watch-lab-'));
const world = await startHealingWorld({ healAfterMs: spec.healAfterMs });
const profile = path.join(dir, 'profile.json');
writeFileSync(profile, JSON.stringify(world.profile));

// Built from scratch: the machine's proxy variables or desktop session must not leak in.
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TMPDIR: dir, LANG: 'C.UTF-8', NODE_EXTRA_CA_CERTS: path.join(root, 'e2e/lab/certs/ca.pem') };
const started = performance.now();
const child = spawn(process.execPath, [cli, 'watch', '--profile', profile, ...spec.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let stdout = '';
let stderr = '';
let interrupted = false;
child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
  stdout += chunk;
  // One Ctrl+C, as a person presses it: a second one after the watch stopped would be the default (a kill).
  if (spec.interrupt && !interrupted && stdout.includes('\n')) {
    interrupted = true;
    child.kill('SIGINT');
  }
});
child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
const runaway = setTimeout(() => child.kill('SIGKILL'), 60_000);
child.on('close', (code, signal) => {
  clearTimeout(runaway);
  process.stdout.write(`${JSON.stringify({ code, signal, stdout, stderr, elapsedMs: Math.round(performance.now() - started) })}\n`);
  void world.close().then(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
