// A FIFO put at the DNS journal's path must not wedge the engine host: the bridge process (as `npm run web` runs
// it) answers dnsStatus at once with a clear problem, keeps answering after the FIFO is gone, and still stops on
// SIGTERM. Before, the journal's open() waited for a writer on a libuv pool thread forever: every later dnsStatus
// queued behind it, and the process no longer exited.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { DnsStatusSchema } from '../common/dns-schema.js';
import { callApi, closedPort, ndjson } from '../../e2e/fixtures/bridge-test-kit.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let work: string;
let bundle: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'gd-bridge-fifo-'));
  bundle = path.join(work, 'dist', 'bridge', 'bridge.cjs');
  await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', absWorkingDir: ROOT, entryPoints: ['electron/bridge/server.ts'], outfile: bundle });
  mkdirSync(path.join(work, 'dist', 'renderer'));
  writeFileSync(path.join(work, 'dist', 'renderer', 'index.html'), '<!doctype html><title>x</title>');
}, 60_000);

async function dnsStatus(port: number, token: string): Promise<ReturnType<typeof DnsStatusSchema.parse>> {
  const response = await callApi(port, 'dnsStatus', undefined, token);
  expect(response.status, response.body).toBe(200);
  return DnsStatusSchema.parse(ndjson(response.body).at(-1)!.result);
}

describe.skipIf(process.platform === 'win32')('the bridge with a FIFO at the DNS journal path', () => {
  it('answers every dnsStatus at once, saying what is wrong, and still stops on SIGTERM', async () => {
    const dataDir = path.join(work, 'data');
    mkdirSync(dataDir);
    const journal = path.join(dataDir, 'dns-journal.json');
    execFileSync('mkfifo', [journal]);
    const resolvConf = path.join(work, 'resolv.conf');
    writeFileSync(resolvConf, 'nameserver 127.0.0.9\n');
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const profile = path.join(work, 'profile.json');
    writeFileSync(profile, JSON.stringify({ name: 'Lab', targets: [{ id: 'app', url: `${dead}/` }], referenceResolvers: ['127.0.0.1:9'], connectivityCheck: `${dead}/204` }));
    const child = spawn(process.execPath, [bundle, '--profile', profile, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GATEWAY_DOCTOR_DATA_DIR: dataDir, GATEWAY_DOCTOR_DNS_BACKEND: 'resolv-conf', GATEWAY_DOCTOR_RESOLV_CONF: resolvConf },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        void exited.then(() => reject(new Error('the bridge exited before printing its URL')));
      });
      const [, port, token] = /:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(line)!;
      const started = Date.now();
      for (let i = 0; i < 5; i += 1) {
        const status = await dnsStatus(Number(port), token!);
        expect(status.change).toBeNull();
        expect(status.error).toContain(`the DNS journal ${journal} is a named pipe (FIFO), not a file`);
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      unlinkSync(journal);
      const after = await dnsStatus(Number(port), token!);
      expect(after.error).toBeUndefined();
      expect(after.interfaces[0]).toMatchObject({ ipv4: { servers: ['127.0.0.9'] } });
    } finally {
      child.kill('SIGTERM');
    }
    const result = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]);
    expect(result, 'the bridge did not stop on SIGTERM').toEqual({ code: 0, signal: null });
  });
});
