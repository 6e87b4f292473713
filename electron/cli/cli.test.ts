import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportSchema } from '../common/spec.js';
import { startStatusServer, type StatusScenario, type StatusServer } from '../../e2e/lab/status-server.js';

const BIN = path.resolve('bin/gateway-doctor.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'gd-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let server: StatusServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A profile whose every address is on loopback: the status page is the lab's, the target a closed port. */
async function labProfile(scenario: StatusScenario): Promise<string> {
  server = await startStatusServer(scenario);
  const file = path.join(dir, `${scenario}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Lab',
      targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }],
      statusPage: { url: server.url, components: ['Conversations', 'Login'] },
      referenceResolvers: ['127.0.0.1:9'],
      connectivityCheck: 'http://127.0.0.1:9/generate_204',
    }),
  );
  return file;
}

describe('gateway-doctor diagnose', () => {
  it('prints a valid report whose status-page check fails on a major outage', async () => {
    const run = await cli(['diagnose', '--json', '--profile', await labProfile('major-outage'), '--timeout', '5000']);
    expect(run.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'status-page')?.status).toBe('fail');
    expect(report.profile).toEqual({ name: 'Lab', targets: ['http://127.0.0.1:9/'] });
    expect(run.stderr).toContain('Diagnosing Lab');
  });

  it('passes the status-page check when the page is operational', async () => {
    const run = await cli(['diagnose', '--json', '--profile', await labProfile('operational'), '--timeout', '5000']);
    expect(run.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'status-page')?.status).toBe('pass');
  });

  it('prints a readable summary with the cause and next steps, and writes --out atomically', async () => {
    const out = path.join(dir, 'summary.txt');
    const run = await cli(['diagnose', '--profile', await labProfile('major-outage'), '--out', out, '--timeout', '5000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/Cause: service-outage/);
    expect(text).toMatch(/What to do next:\n {2}1\. /);
  });

  it('exits 2 with one line for a bad profile', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'https://a/' }], surprise: true }));
    const run = await cli(['diagnose', '--profile', bad]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([`gateway-doctor: ${bad}: (top level): unknown key "surprise"`]);
  });

  it('exits 2 for bad usage', async () => {
    for (const args of [['diagnose', '--timeout', 'soon'], ['diagnose', '--bogus'], ['frobnicate'], []]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/); // no stack trace
    }
  });
});

describe('gateway-doctor report', () => {
  it('writes a Markdown report for support to --out', async () => {
    const out = path.join(dir, 'report.md');
    const run = await cli(['report', '--format', 'md', '--profile', await labProfile('major-outage'), '--out', out, '--timeout', '5000']);
    expect(run.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('# Gateway Doctor report — Lab');
    expect(md).toContain('## Verdict: service-outage');
  });

  it('marks the JSON report as redacted unless --no-redact', async () => {
    const profile = await labProfile('operational');
    const redacted = JSON.parse((await cli(['report', '--profile', profile, '--timeout', '5000'])).stdout);
    const raw = JSON.parse((await cli(['report', '--profile', profile, '--no-redact', '--timeout', '5000'])).stdout);
    expect(redacted.environment.redacted).toBe(true);
    expect(raw.environment.redacted).toBe(false);
  });

  it('refuses an unknown format with exit 2', async () => {
    const run = await cli(['report', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--format must be one of json, md, html/);
  });
});
