// Runs inside a test network namespace (see netns.ts): starts a lab status page, writes a profile whose every
// address is on loopback, runs the real `gateway-doctor` with the given arguments (`{profile}` stands for the
// profile's path, `{dir}` for a temp folder) and prints {code, stdout, stderr, dir} as one JSON line.
// A full sweep probes the default gateway and more: inside the namespace there is nothing but loopback.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStatusServer, type StatusScenario } from './status-server.js';

interface Spec {
  scenario: StatusScenario;
  args: string[];
}

const spec = JSON.parse(process.argv[2]!) as Spec;
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/cli.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'gd-cli-lab-'));
const server = await startStatusServer(spec.scenario);
const profile = path.join(dir, 'profile.json');
writeFileSync(
  profile,
  JSON.stringify({
    name: 'Lab',
    targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }],
    statusPage: { url: server.url, components: ['Conversations', 'Login'] },
    referenceResolvers: ['127.0.0.1:9'],
    connectivityCheck: 'http://127.0.0.1:9/generate_204',
  }),
);
const args = spec.args.map((a) => a.replace('{profile}', profile).replace('{dir}', dir));
execFile(process.execPath, [cli, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
  const code = error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0;
  process.stdout.write(JSON.stringify({ code, stdout, stderr, dir }) + '\n');
  void server.close().then(() => process.exit(0));
});
