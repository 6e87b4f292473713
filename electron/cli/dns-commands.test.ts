import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DnsStatusSchema } from '../common/dns-schema.js';
import { labEnvironment, type LabEnvironment, type LabOptions } from '../../e2e/lab/dns-switch/lab-environment.js';
import { readJournal, writeJournal } from '../system/dns/journal.js';
import type { DnsBackend } from '../system/dns/types.js';
import { runCli } from './cli.js';
import { commandDns, type DnsCliIo } from './dns-commands.js';

const ORIGINAL = 'search lab.example\nnameserver 127.0.0.9\n';
const work = mkdtempSync(path.join(tmpdir(), 'gd-dns-cli-'));
const PROFILE = path.join(work, 'profile.json');
writeFileSync(PROFILE, JSON.stringify({ name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }] }));

const labs: LabEnvironment[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  lab: LabEnvironment;
  questions: string[];
}

async function dns(args: string[], options: { answer?: boolean; keep?: LabEnvironment; lab?: Partial<LabOptions> } = {}): Promise<Run> {
  const current =
    options.keep ??
    (await labEnvironment({ original: ORIGINAL, resolvers: { '127.0.0.2': { kind: 'answer', ipv4: ['127.0.0.80'] }, '127.0.0.3': 'silent' }, ...options.lab }));
  if (!labs.includes(current)) labs.push(current);
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const io: DnsCliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...(options.answer === undefined
      ? {}
      : {
          confirm: async (question: string) => {
            questions.push(question);
            return options.answer!;
          },
        }),
  };
  const code = await commandDns(args, io, { environment: async (log) => ({ ...current.env, log }) });
  return { code, stdout, stderr, lab: current, questions };
}

const untouched = async (run: Run): Promise<void> => {
  expect(run.lab.executed).toEqual([]);
  expect(readFileSync(run.lab.file, 'utf8')).toBe(ORIGINAL);
  expect(await readJournal(run.lab.dataDir)).toBeNull();
};

describe('gateway-doctor dns switch', () => {
  it('shows what changes where, switches, verifies and says how to undo', async () => {
    const run = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`This changes DNS through ${run.lab.file}:\n  ${run.lab.file}\n    IPv4: static 127.0.0.9  ->  static 127.0.0.2\n    IPv6: static  ->  no server\n`);
    expect(run.stderr).toContain('Then it asks the new servers for chat.lab');
    expect(run.stderr).toContain('… Saved the current DNS settings');
    expect(run.stdout).toMatch(/^DNS is now 127\.0\.0\.2 on .*\n {2}ok {3}chat\.lab -> 127\.0\.0\.80 \(\d+ ms\)\nTo undo: gateway-doctor dns revert\n$/);
    expect(readFileSync(run.lab.file, 'utf8')).toContain('nameserver 127.0.0.2\n');
  });

  it('exits 1 with the reason when the new server does not answer, the file as it was', async () => {
    const run = await dns(['switch', '--servers', '127.0.0.3', '--profile', PROFILE, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/gateway-doctor: the new DNS servers did not resolve chat\.lab \(no answer within 800 ms\); the previous DNS settings were put back\n$/);
    expect(readFileSync(run.lab.file, 'utf8')).toBe(ORIGINAL);
  });

  it('adds its revert command where the engine says a revert is needed first', async () => {
    const first = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE, '--yes']);
    expect(first.code, first.stderr).toBe(0);
    // A switch killed after its change: the journal of a dead process, not yet verified.
    const journal = (await readJournal(first.lab.dataDir))!;
    await writeJournal(first.lab.dataDir, { ...journal, state: 'applied', pid: spawnSync(process.execPath, ['-e', '']).pid! });
    const run = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE, '--yes'], { keep: first.lab });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /gateway-doctor: a DNS switch started .* was interrupted before it finished; restore the previous DNS settings first \(run "gateway-doctor dns revert"\)\n$/,
    );
  });

  it('asks on a terminal; "no" changes nothing', async () => {
    const no = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE], { answer: false });
    expect(no.code).toBe(0);
    expect(no.questions).toEqual(['Change DNS now?']);
    expect(no.stderr).toContain('Nothing was changed.');
    await untouched(no);
    const yes = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE], { answer: true });
    expect(yes.code).toBe(0);
    expect(readFileSync(yes.lab.file, 'utf8')).toContain('nameserver 127.0.0.2');
  });

  it('without a terminal and without --yes: exit 2, nothing changed', async () => {
    const run = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/gateway-doctor: not a terminal, so nobody can confirm: add --yes to go ahead\n$/);
    await untouched(run);
  });

  const refused: [string, string[], RegExp][] = [
    ['a command after an address', ['--servers', '8.8.8.8;reboot'], /^gateway-doctor: servers\.0: "8\.8\.8\.8;reboot" is not an IPv4 or IPv6 address\n$/],
    ['command substitution', ['--servers', '$(id)'], /^gateway-doctor: servers\.0: "\$\(id\)" is not an IPv4 or IPv6 address\n$/],
    ['an octet over 255', ['--servers', '8.8.8.8,300.1.1.1'], /^gateway-doctor: servers\.1: "300\.1\.1\.1" is not an IPv4 or IPv6 address\n$/],
    ['an empty list', ['--servers', ''], /^gateway-doctor: servers: give at least one DNS server\n$/],
    ['an unknown preset', ['--preset', 'evil'], /^gateway-doctor: preset: .*"google"/],
    ['a preset and servers', ['--preset', 'google', '--servers', '1.1.1.1'], /^gateway-doctor: give a preset or servers, not both\n$/],
    ['an interface the machine does not have', ['--interface', 'eth9'], /^gateway-doctor: "eth9" is not one of this machine's network interfaces \(known: .*resolv\.conf\)\n$/],
    ['an option-like interface', ['--interface=--help'], /^gateway-doctor: interfaces\.0: an interface name cannot start with "-"\n$/],
    ['an unknown option', ['--servers', '1.1.1.1', '--force'], /^gateway-doctor: Unknown option '--force'/],
    ['a profile that does not exist', ['--profile', path.join(work, 'missing.json')], /^gateway-doctor: .*missing\.json: cannot read the profile \(ENOENT\)\n$/],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what}: exit 2, one line, nothing run`, async () => {
      const run = await dns(['switch', ...args, '--yes']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      await untouched(run);
    });
  }
});

describe('gateway-doctor dns status and revert', () => {
  it('status prints the backend, each interface and the active change; --json is typed', async () => {
    const switched = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE, '--yes']);
    const text = await dns(['status'], { keep: switched.lab });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^DNS is managed by .*resolv\\.conf \\(resolv-conf\\)\\.\\n {2}.*resolv\\.conf \\[default route\\]\\n {4}IPv4: static 127\\.0\\.0\\.2\\n {4}IPv6: static, no server\\n`),
    );
    expect(text.stdout).toMatch(/Gateway Doctor set 127\.0\.0\.2 on .* at \d{4}-\d\d-\d\dT.*\. To undo: gateway-doctor dns revert\n$/);
    const json = await dns(['status', '--json'], { keep: switched.lab });
    const status = DnsStatusSchema.parse(JSON.parse(json.stdout));
    expect(status.change).toMatchObject({ state: 'active', servers: ['127.0.0.2'] });

    const noTty = await dns(['revert'], { keep: switched.lab });
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('add --yes');
    const reverted = await dns(['revert', '--yes'], { keep: switched.lab });
    expect(reverted.code).toBe(0);
    expect(reverted.stderr).toContain('This restores the DNS settings of');
    expect(reverted.stdout).toMatch(/^Restored the DNS settings saved /);
    expect(readFileSync(switched.lab.file, 'utf8')).toBe(ORIGINAL);
    const again = await dns(['revert', '--yes'], { keep: switched.lab });
    expect(again.stdout).toBe('There is no DNS change to revert.\n');
  });

  it('revert shows what it will write before asking, and "no" writes nothing', async () => {
    const switched = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE, '--yes']);
    const no = await dns(['revert'], { keep: switched.lab, answer: false });
    expect(no.questions).toEqual(['Restore them now?']);
    expect(no.stderr).toContain(`(before the switch to 127.0.0.2):\n  ${switched.lab.file} will hold again:\n    search lab.example\n    nameserver 127.0.0.9\n`);
    expect(no.stderr).toContain('Nothing was changed.');
    expect(readFileSync(switched.lab.file, 'utf8')).toContain('nameserver 127.0.0.2');
  });

  it('shows journal fields and interface names from outside neutralised, never obeyed by the terminal', async () => {
    const hostile = 'eth0\x1b]0;pwned\x07\x1b[2J\nNo DNS change by Gateway Doctor is pending.';
    const lab = {
      wrapBackend: (backend: DnsBackend): DnsBackend => ({
        ...backend,
        read: async () => {
          const state = await backend.read();
          return { ...state, interfaces: [...state.interfaces, { ...state.interfaces[0]!, name: hostile, primary: false }] };
        },
      }),
    };
    const switched = await dns(['switch', '--servers', '127.0.0.2', '--profile', PROFILE, '--yes'], { lab });
    expect(switched.code, switched.stderr).toBe(0);
    const journal = (await readJournal(switched.lab.dataDir))!;
    await writeJournal(switched.lab.dataDir, { ...journal, servers: ['8.8.8.8\x1b]52;c;cm0gLXJmIH4=\x07'], interfaces: [hostile] });
    const runs = [
      await dns(['status'], { keep: switched.lab }),
      await dns(['status', '--json'], { keep: switched.lab }),
      await dns(['revert'], { keep: switched.lab, answer: false }),
      await dns(['switch', '--interface', 'eth9', '--profile', PROFILE, '--yes'], { keep: switched.lab }),
    ];
    for (const run of runs) {
      // eslint-disable-next-line no-control-regex
      expect(run.stdout + run.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    }
    const [status, json, revert, refused] = runs as [Run, Run, Run, Run];
    expect(status.stdout).toContain('  eth0\\u001b]0;pwned\\u0007\\u001b[2J\\u000aNo DNS change by Gateway Doctor is pending.\n');
    expect(status.stdout).toContain('Gateway Doctor set 8.8.8.8\\u001b]52;c;cm0gLXJmIH4=\\u0007 on eth0\\u001b]0;pwned');
    expect(DnsStatusSchema.parse(JSON.parse(json.stdout)).change?.servers).toEqual(['8.8.8.8\x1b]52;c;cm0gLXJmIH4=\x07']);
    expect(revert.stderr).toContain('switch to 8.8.8.8\\u001b]52;c;cm0gLXJmIH4=\\u0007');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^gateway-doctor: "eth9" is not one of this machine's network interfaces \(known: .*eth0\\u001b\]0;pwned.*\)\n$/);
  });

  it('refuses a missing or unknown subcommand with exit 2', async () => {
    expect((await dns([])).code).toBe(2);
    const unknown = await dns(['frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('gateway-doctor: unknown dns command "frob" (status, switch or revert)\n');
  });
});

describe('gateway-doctor dns through runCli', () => {
  it('is wired in, listed in help, and refuses hostile input before touching the machine', async () => {
    // Pointed at a temp file, should validation ever come too late.
    const file = path.join(work, 'wired-resolv.conf');
    writeFileSync(file, ORIGINAL);
    const saved = { ...process.env };
    Object.assign(process.env, { GATEWAY_DOCTOR_DNS_BACKEND: 'resolv-conf', GATEWAY_DOCTOR_RESOLV_CONF: file, GATEWAY_DOCTOR_DATA_DIR: path.join(work, 'wired-data') });
    try {
      let stdout = '';
      let stderr = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
      expect(await runCli(['dns', 'switch', '--servers', '8.8.8.8;reboot', '--yes'], io)).toBe(2);
      expect(stderr).toBe('gateway-doctor: servers.0: "8.8.8.8;reboot" is not an IPv4 or IPv6 address\n');
      expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
      expect(await runCli(['help'], io)).toBe(0);
      expect(stdout).toContain('dns switch [--preset google|cloudflare|quad9 | --servers IP[,IP...]]');
    } finally {
      for (const key of ['GATEWAY_DOCTOR_DNS_BACKEND', 'GATEWAY_DOCTOR_RESOLV_CONF', 'GATEWAY_DOCTOR_DATA_DIR']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});
