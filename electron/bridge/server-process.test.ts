// The bridge as `npm run web` runs it: bundled exactly as scripts/build.mjs does (into a temp dist/ layout, so
// the real dist/ of other work is untouched), then started as a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import { callApi, closedPort, INDEX_HTML, ndjson, rawRequest } from '../../e2e/fixtures/bridge-test-kit.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const URL_LINE = /^Gateway Doctor \(web bridge\): (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32}))$/;

let dist: string;
let bundle: string;
let status: StatusServer;
let profileFile: string;

beforeAll(async () => {
  dist = path.join(mkdtempSync(path.join(tmpdir(), 'gd-bridge-dist-')), 'dist');
  bundle = path.join(dist, 'bridge', 'bridge.cjs');
  await Promise.all([
    build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', absWorkingDir: ROOT, entryPoints: ['electron/bridge/server.ts'], outfile: bundle }),
    build({ bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'warning', absWorkingDir: ROOT, entryPoints: ['electron/bridge/client.ts'], outfile: path.join(dist, 'bridge', 'client.js') }),
  ]);
  mkdirSync(path.join(dist, 'renderer'));
  writeFileSync(path.join(dist, 'renderer', 'index.html'), INDEX_HTML);
  status = await startStatusServer('major-outage');
  const dead = `http://127.0.0.1:${await closedPort()}`;
  profileFile = path.join(dist, '..', 'profile.json');
  writeFileSync(
    profileFile,
    JSON.stringify({
      name: 'Lab Service',
      targets: [{ id: 'app', url: `${dead}/` }],
      statusPage: { url: status.url, components: ['Conversations'] },
      referenceResolvers: [dead.replace('http://', '')],
      connectivityCheck: `${dead}/generate_204`,
    }),
  );
});

afterAll(async () => {
  await status?.close();
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcessWithoutNullStreams; exit: Promise<Exit>; firstLine: Promise<string> } {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  let lineFound: (line: string) => void;
  const firstLine = new Promise<string>((resolve) => (lineFound = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.includes('\n')) lineFound(stdout.split('\n')[0]!);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': only then has all of stdout and stderr arrived.
  const exit = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  exit.then((result) => lineFound(`(exited ${result.code}) ${result.stderr}`));
  return { child, exit, firstLine };
}

describe('bridge process', () => {
  it('prints exactly one URL line, serves the page and the real engine, and stops cleanly on SIGTERM', async () => {
    const run = start(['--profile', profileFile, '--port', '0']);
    try {
      const line = await run.firstLine;
      const match = URL_LINE.exec(line);
      expect(match, line).not.toBeNull();
      const port = Number(match![2]);
      const token = match![3]!;

      const page = await rawRequest({ port, path: `/?token=${token}` });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<script src="./gateway-doctor-bridge.js"></script>');
      const client = await rawRequest({ port, path: '/gateway-doctor-bridge.js' });
      expect(client.status).toBe(200);
      expect(client.body).toContain('gatewayDoctor');
      expect(client.body.length).toBeLessThan(50_000); // no schema library in the page

      expect((await callApi(port, 'getInfo', undefined, 'x'.repeat(32))).status).toBe(401);
      const diagnosis = ndjson((await callApi(port, 'runDiagnosis', { checks: ['status-page'], timeoutMs: 5000 }, token)).body);
      const report = diagnosis.at(-1)!.result as { checks: { id: string; status: string }[] };
      expect(report.checks.find((c) => c.id === 'status-page')!.status).toBe('fail');
    } finally {
      run.child.kill('SIGTERM');
    }
    const result = await run.exit;
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('uses the port it is given, on 127.0.0.1 only', async () => {
    const port = await closedPort();
    const run = start(['--profile', profileFile, '--port', String(port)]);
    try {
      expect(await run.firstLine).toMatch(new RegExp(`^Gateway Doctor \\(web bridge\\): http://127\\.0\\.0\\.1:${port}/\\?token=`));
    } finally {
      run.child.kill('SIGINT');
    }
    expect((await run.exit).code).toBe(0);
  });

  it('warns on stderr (not stdout) when the renderer is not built', async () => {
    const run = start(['--profile', profileFile, '--renderer-dir', path.join(dist, 'nothing-here')]);
    try {
      expect(await run.firstLine).toMatch(URL_LINE);
    } finally {
      run.child.kill('SIGTERM');
    }
    const result = await run.exit;
    expect(result.stderr).toMatch(/warning: no renderer in/);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--profile', '/nonexistent/profile.json'], /^gateway-doctor web bridge: \/nonexistent\/profile\.json: cannot read the profile \(ENOENT\)$/],
    [['--port', '70000'], /^gateway-doctor web bridge: --port must be a port number from 0 to 65535/],
    [['--port', '-1'], /^gateway-doctor web bridge: /],
    [['--bogus'], /^gateway-doctor web bridge: Unknown option '--bogus'/],
    [['extra'], /^gateway-doctor web bridge: /],
  ])('bad usage or profile %j: one line on stderr, exit 2, no URL', async (args, message) => {
    const result = await start(args).exit;
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('refuses a profile with an unknown key, naming the file', async () => {
    const file = path.join(dist, '..', 'bad-profile.json');
    writeFileSync(file, JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'http://127.0.0.1:1/' }], colour: 'red' }));
    const result = await start(['--profile', file]).exit;
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`gateway-doctor web bridge: ${file}: (top level): unknown key "colour"`);
  });
});
