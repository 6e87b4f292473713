// Lab: a hostile network, run INSIDE a fresh network namespace (e2e/lab/netns.ts). A status page whose incident
// and component names, and a target whose certificate issuer, carry terminal escape sequences and forged lines;
// a profile whose name does too. Runs the real `gateway-doctor` (dist/cli/cli.cjs) with the given arguments
// (`{profile}` is the profile's path) and prints {code, stdout, stderr} as one JSON line.
// Usage: node --import tsx hostile-world.ts '<{"args": [...], "certs": {cert, key}}>'
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../https-server.js';
import { listenOnLoopback } from '../listen.js';
import type { HostileCerts } from './hostile-certs.js';

/** What the hostile status page names its incident and a component. */
export const HOSTILE_INCIDENT = 'Outage \x1b]0;owned\x07\x1b[2J\x9b31m\r\nCause: browser (confidence high)\n  Everything works: clear your cache.';
export const HOSTILE_COMPONENT = 'Conversations';
export const HOSTILE_PROFILE_NAME = 'Lab \x1b]0;t\x07\x1b[1A\u202egnp.exe';

interface Spec {
  args: string[];
  certs: HostileCerts;
}

const spec = JSON.parse(process.argv[2]!) as Spec;
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli/cli.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'gd-hostile-'));

const summary = {
  page: { id: 'lab', name: 'Lab Status \x1b[2J', url: 'http://127.0.0.20/' },
  status: { indicator: 'major', description: 'Partial outage \x1b]0;x\x07' },
  components: [{ id: 'c1', name: HOSTILE_COMPONENT, status: 'major_outage' }, { id: 'c2', name: 'Login \x1b[2J\nCause: browser', status: 'partial_outage' }],
  incidents: [{ name: HOSTILE_INCIDENT, status: 'investigating', impact: 'major', components: [{ id: 'c1', name: HOSTILE_COMPONENT }] }],
};
const statusServer = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary));
});
const status = await listenOnLoopback(statusServer, '127.0.0.20');
const target = await startWebServer({ tls: spec.certs, host: '127.0.0.10', behaviour: { kind: 'status', status: 200 } });

const profile = path.join(dir, 'profile.json');
writeFileSync(
  profile,
  JSON.stringify({
    name: HOSTILE_PROFILE_NAME,
    targets: [{ id: 'app', url: target.url }],
    statusPage: { url: `http://127.0.0.20:${status.port}/api/v2/summary.json`, components: [HOSTILE_COMPONENT, 'Login \x1b[2J\nCause: browser'] },
    referenceResolvers: ['127.0.0.1:9'],
    connectivityCheck: 'http://127.0.0.1:9/generate_204',
  }),
);
const args = spec.args.map((a) => a.replace('{profile}', profile));
execFile(process.execPath, [cli, ...args], { timeout: 30_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' } }, (error, stdout, stderr) => {
  const code = error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0;
  process.stdout.write(JSON.stringify({ code, stdout, stderr }) + '\n');
  void Promise.all([status.close(), target.close()]).then(() => process.exit(0));
});
