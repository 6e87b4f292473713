import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../common/spec.js';
import { progressPrinter } from './cli.js';
import { netnsUnavailableReason, runInNetns } from '../../e2e/lab/netns.js';
import type { StatusScenario } from '../../e2e/lab/status-server.js';

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

const netnsProblem = netnsUnavailableReason();
if (netnsProblem) console.warn(`skipping the CLI's full-sweep tests: ${netnsProblem}`);
const LAB_SCRIPT = path.resolve('e2e/lab/cli-in-lab.ts');

/**
 * Runs the CLI against a lab world inside its own network namespace: a full sweep probes the default gateway
 * and more, so it must see nothing but loopback. `{profile}` in args is the lab profile (loopback only).
 */
async function cliInLab(scenario: StatusScenario, args: string[]): Promise<Run & { dir: string }> {
  const result = await runInNetns([process.execPath, '--import', 'tsx', LAB_SCRIPT, JSON.stringify({ scenario, args })], {
    resolvConf: 'nameserver 127.0.0.1\n',
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Run & { dir: string };
}

describe('gateway-doctor diagnose', () => {
  it.skipIf(netnsProblem)('prints a valid report whose status-page check fails on a major outage', async () => {
    const run = await cliInLab('major-outage', ['diagnose', '--json', '--profile', '{profile}', '--timeout', '5000']);
    expect(run.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'status-page')?.status).toBe('fail');
    expect(report.profile).toEqual({ name: 'Lab', targets: ['http://127.0.0.1:9/'] });
    expect(run.stderr).toContain('Diagnosing Lab');
  });

  it.skipIf(netnsProblem)('passes the status-page check when the page is operational', async () => {
    const run = await cliInLab('operational', ['diagnose', '--json', '--profile', '{profile}', '--timeout', '5000']);
    expect(run.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'status-page')?.status).toBe('pass');
  });

  it.skipIf(netnsProblem)('prints a readable summary with the cause and next steps, and writes --out atomically', async () => {
    const run = await cliInLab('major-outage', ['diagnose', '--profile', '{profile}', '--out', '{dir}/summary.txt', '--timeout', '5000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(path.join(run.dir, 'summary.txt'), 'utf8');
    expect(text).toMatch(/Diagnosis: Lab is having an outage \[service-outage, /);
    expect(text).toMatch(/What to do next:\n {2}1\. /);
    // Every step, in the shared explanation's words: the outage is the problem at step 1, not a browser step's.
    expect(text).toMatch(/ 1\. Check the service's status page — Problem found: /);
    expect(text).toMatch(/ 4\. Clear browser cache and cookies — Not needed: /);
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

describe('choosing the service: --service, --url, services (issue 8)', () => {
  it('"services" lists the built-in ids and names', async () => {
    const run = await cli(['services']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^chatgpt +ChatGPT \(chatgpt\.com\)$/);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(expect.arrayContaining(['chatgpt', 'claude', 'deepseek']));
  });

  it('--profile, --service and --url exclude each other; an unknown id or a bad address is one line, exit 2', async () => {
    const cases: [string[], string][] = [
      [['diagnose', '--service', 'claude', '--url', 'https://claude.ai/'], 'gateway-doctor: use only one of --profile, --service and --url (got --service and --url)'],
      [['report', '--profile', 'x.json', '--service', 'claude'], 'gateway-doctor: use only one of --profile, --service and --url (got --profile and --service)'],
      [['diagnose', '--service', 'bard'], 'gateway-doctor: --service "bard": no such service (known: chatgpt, claude, deepseek, gemini, copilot, perplexity)'],
      [['diagnose', '--url', 'file:///etc/passwd'], 'gateway-doctor: --url "file:///etc/passwd": only http: and https: addresses can be checked, not file:'],
      [['report', '--url', 'https://me:secret@example.com/'], 'gateway-doctor: --url "https://me:secret@example.com/": the address must not contain a user name or password'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([message]);
    }
  });

  it.skipIf(netnsProblem)('--url diagnoses any address: its host is the one target and the name', async () => {
    const run = await cliInLab('operational', ['diagnose', '--json', '--url', 'http://127.0.0.1:9/some/page', '--timeout', '3000']);
    expect(run.code, run.stderr).toBe(0);
    expect(ReportSchema.parse(JSON.parse(run.stdout)).profile).toEqual({ name: '127.0.0.1:9', targets: ['http://127.0.0.1:9/'] });
    expect(run.stderr).toContain('Diagnosing 127.0.0.1:9');
  });
});

describe('gateway-doctor report', () => {
  it.skipIf(netnsProblem)('writes a Markdown report for support to --out', async () => {
    const run = await cliInLab('major-outage', ['report', '--format', 'md', '--profile', '{profile}', '--out', '{dir}/report.md', '--timeout', '5000']);
    expect(run.code).toBe(0);
    const md = readFileSync(path.join(run.dir, 'report.md'), 'utf8');
    expect(md).toContain('# Gateway Doctor report — Lab');
    expect(md).toContain('## ✕ Diagnosis: Lab is having an outage');
  });

  it.skipIf(netnsProblem)('prints the text summary for a chat or ticket: the cause, where it fails, at most 15 lines', async () => {
    const run = await cliInLab('major-outage', ['report', '--format', 'text', '--profile', '{profile}', '--timeout', '5000']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(lines[1]).toBe('Diagnosis: Lab is having an outage (Medium confidence; cause: Service outage)');
    expect(run.stdout).toMatch(/^Where it fails: 127\.0\.0\.1:9 fails at TCP \(ECONNREFUSED · \d+ ms\)$/m);
    expect(run.stdout).toMatch(/personal details redacted\.$/m);
  });

  it.skipIf(netnsProblem)('marks the JSON report as redacted unless --no-redact', async () => {
    const [redactedRun, rawRun] = await Promise.all([
      cliInLab('operational', ['report', '--profile', '{profile}', '--timeout', '5000']),
      cliInLab('operational', ['report', '--profile', '{profile}', '--no-redact', '--timeout', '5000']),
    ]);
    const redacted = JSON.parse(redactedRun.stdout);
    const raw = JSON.parse(rawRun.stdout);
    expect(redacted.environment.redacted).toBe(true);
    expect(raw.environment.redacted).toBe(false);
  });

  it('refuses an unknown format with exit 2', async () => {
    const run = await cli(['report', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--format must be one of json, md, html, text/);
  });
});

describe('progress on stderr', () => {
  const started = (title: string) => ({ type: 'check-started' as const, id: title, step: 'dns' as const, title });
  const finished = (title: string) => ({
    type: 'check-finished' as const,
    result: { id: title, step: 'dns' as const, title, status: 'pass' as const, summary: 'ok', durationMs: 5, evidence: {} },
  });

  it('on a terminal, one line updated in place and cleared at the end', () => {
    let err = '';
    const progress = progressPrinter({ stdout: () => {}, stderr: (t) => (err += t), stderrIsTty: true });
    progress.onProgress(started('Status page'));
    progress.onProgress(started('DNS resolution'));
    progress.onProgress(finished('Status page'));
    progress.done();
    expect(err).not.toContain('\n');
    expect(err.split('\r\x1b[K').filter(Boolean)).toEqual([
      'Checking… 0 of 1 done: Status page',
      'Checking… 0 of 2 done: Status page (+1)',
      'Checking… 1 of 2 done: DNS resolution',
    ]);
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('in a pipe or log, one plain line per event', () => {
    let err = '';
    const progress = progressPrinter({ stdout: () => {}, stderr: (t) => (err += t) });
    progress.onProgress(started('Status page'));
    progress.onProgress(finished('Status page'));
    progress.done();
    expect(err).toBe('… Status page\npass  Status page (5 ms)\n');
  });
});

describe('--out that cannot be written', () => {
  // In the lab namespace: if the refusal ever regressed, the sweep that followed would still see only loopback.
  it.skipIf(netnsProblem)('is refused before any check runs (exit 2, one line naming the folder)', async () => {
    const started = Date.now();
    const run = await cliInLab('operational', ['diagnose', '--profile', '{profile}', '--out', '/nonexistent-folder/report.json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'gateway-doctor: --out /nonexistent-folder/report.json: the folder /nonexistent-folder cannot be written to (ENOENT)',
    ]);
    expect(Date.now() - started).toBeLessThan(5_000); // no sweep ran (its deadline is 10 s)
  });
});
