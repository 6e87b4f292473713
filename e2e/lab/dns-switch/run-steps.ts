// Lab: runs inside a network + mount namespace (e2e/lab/netns.ts). Starts lab DNS servers on port 53 of loopback
// addresses (resolv.conf has no port syntax), then runs `gateway-doctor` commands one after the other, recording
// after each one its output and the bytes of /etc/resolv.conf (the bind-mounted lab copy). Prints one JSON line.
// A step may be killed with SIGKILL as soon as its stderr shows a marker (the switch's test-only pause hook).
// Usage: node --import tsx run-steps.ts '<LabSpec JSON>'
import { spawn } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDnsServer, type DnsBehaviour, type LabDnsServer } from '../dns-server.js';

export interface LabSpec {
  servers: { address: string; zone?: Record<string, DnsBehaviour>; silent?: boolean }[];
  /** argv of each step; a leading "gateway-doctor" runs the built CLI (dist/cli/cli.cjs). */
  steps: { argv: string[]; killOnMarker?: string; env?: Record<string, string> }[];
  /** The journal file to report after each step. */
  journal?: string;
}

export interface StepOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  resolvConfBase64: string;
  journal: string | null;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'dist/cli/cli.cjs');

function readOrNull(file: string | undefined): string | null {
  if (!file) return null;
  try {
    // A test may put a FIFO there: reading it would wait for a writer forever.
    if (!lstatSync(file).isFile()) return `(not a file)`;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function runStep(step: LabSpec['steps'][number]): Promise<Omit<StepOutcome, 'resolvConfBase64' | 'journal'>> {
  const [first, ...rest] = step.argv;
  const argv = first === 'gateway-doctor' ? [process.execPath, cli, ...rest] : step.argv;
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...step.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (step.killOnMarker && stderr.includes(step.killOnMarker)) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const spec = JSON.parse(process.argv[2]!) as LabSpec;
const servers: LabDnsServer[] = [];
for (const server of spec.servers) {
  const lab = await startDnsServer({ address: server.address, port: 53, zone: server.zone ?? {} });
  lab.silent = server.silent === true;
  servers.push(lab);
}
const outcomes: StepOutcome[] = [];
for (const step of spec.steps) {
  const outcome = await runStep(step);
  outcomes.push({ ...outcome, resolvConfBase64: readFileSync('/etc/resolv.conf').toString('base64'), journal: readOrNull(spec.journal) });
}
await Promise.all(servers.map((s) => s.close()));
process.stdout.write(JSON.stringify({ outcomes, queries: servers.map((s) => s.queries.map((q) => q.name)) }) + '\n');
