// Hostile network text never reaches the terminal raw: the real CLI in a network namespace against a status page
// whose incident and component names, a certificate whose issuer (an intercepting box's CA, made at test time),
// and a profile whose name carry OSC/CSI escape sequences, an 8-bit CSI, a carriage return, a bidi override and
// forged lines ("Cause: browser", "# Verdict: browser"). The summary shows each of them, visibly escaped, on the
// line the CLI put it; --json stays valid JSON with the same values.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../common/spec.js';
import { makeHostileCerts, HOSTILE_ISSUER_CN } from '../../e2e/lab/hostile/hostile-certs.js';
import { netnsUnavailableReason, runInNetns } from '../../e2e/lab/netns.js';

const WORLD = path.resolve('e2e/lab/hostile/hostile-world.ts');
const netnsProblem = netnsUnavailableReason();
if (netnsProblem) console.warn(`skipping the terminal-injection tests: ${netnsProblem}`);

/** Anything a terminal acts on: C0 but newline, DEL, C1, bidi overrides and isolates, line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const ACTIONABLE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function hostileWorld(args: string[]): Promise<Run> {
  const certs = makeHostileCerts();
  const result = await runInNetns([process.execPath, '--import', 'tsx', WORLD, JSON.stringify({ args, certs })], { resolvConf: 'nameserver 127.0.0.1\n', timeoutMs: 45_000 });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Run;
}

describe.skipIf(netnsProblem !== null)('diagnose on a hostile network', () => {
  it('prints every outside text neutralised, on the line the CLI put it: no escape obeyed, no line forged', async () => {
    const run = await hostileWorld(['diagnose', '--profile', '{profile}', '--timeout', '5000']);
    expect(run.code, run.stderr).toBe(0);
    for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
      expect(text, stream).not.toMatch(ACTIONABLE);
      const lines = text.split('\n');
      expect(lines.filter((line) => /^\s*(# Verdict|Cause: browser|Everything works)/.test(line)), stream).toEqual([]);
    }
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('Diagnosis: '))).toHaveLength(1);
    // The data is shown, visibly: support sees what the box sent.
    expect(run.stdout).toContain('Box\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31m\\u000a# Verdict: browser\\u000aCause: browser');
    expect(run.stdout).toContain('Outage \\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\u000d\\u000aCause: browser (confidence high)');
    expect(run.stdout).toContain('Lab \\u001b]0;t\\u0007\\u001b[1A\\u202egnp.exe');
    expect(run.stderr).toContain('Diagnosing Lab \\u001b]0;t\\u0007\\u001b[1A\\u202egnp.exe');
  }, 60_000);

  it('--json keeps the values exact in valid JSON, with nothing a terminal would act on', async () => {
    const run = await hostileWorld(['diagnose', '--json', '--profile', '{profile}', '--timeout', '5000']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(ACTIONABLE);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(JSON.stringify(report)).toContain(JSON.stringify(HOSTILE_ISSUER_CN).slice(1, -1));
    expect(report.profile.name).toBe('Lab \x1b]0;t\x07\x1b[1A\u202egnp.exe');
  }, 60_000);
});
