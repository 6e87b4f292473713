// The resolv.conf backend for real: as root, in a private network + mount namespace whose /etc/resolv.conf is a
// bind-mounted temp file, with lab DNS servers on 127.0.0.2 (answers) and 127.0.0.3 (silent). The machine's own
// resolv.conf is never touched, and no packet leaves the namespace.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DnsStatusSchema } from '../../common/dns-schema.js';
import { netnsUnavailableReason, runInNetns } from '../../../e2e/lab/netns.js';
import type { LabSpec, StepOutcome } from '../../../e2e/lab/dns-switch/run-steps.js';
import { PAUSE_ENV, PAUSE_MARKER } from './index.js';
import { JournalSchema } from './journal.js';

const RUNNER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../e2e/lab/dns-switch/run-steps.ts');
// Odd but legal bytes (a tab, a trailing space, no final newline) make "byte-identical" mean something.
const ORIGINAL = '# lab resolver\nsearch lab.example\nnameserver\t127.0.0.9 \noptions timeout:1 attempts:1\n; end';

const netnsReason = netnsUnavailableReason();
if (netnsReason) console.warn(`dns switch: namespaced resolv.conf tests skipped: ${netnsReason}`);

interface LabRun {
  outcomes: StepOutcome[];
  queries: string[][];
  dataDir: string;
}

async function lab(steps: LabSpec['steps'], options: { hosts?: string } = {}): Promise<LabRun> {
  const work = mkdtempSync(path.join(tmpdir(), 'gd-dns-switch-'));
  const dataDir = path.join(work, 'data');
  const profile = path.join(work, 'profile.json');
  writeFileSync(profile, JSON.stringify({ name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }] }));
  const spec: LabSpec = {
    servers: [
      { address: '127.0.0.2', zone: { 'chat.lab': { kind: 'answer', ipv4: ['127.0.0.80'] } } },
      { address: '127.0.0.3', silent: true },
    ],
    steps: steps.map((s) => ({ ...s, argv: s.argv.map((a) => a.replace('@profile', profile).replace('@journal', path.join(dataDir, 'dns-journal.json')).replace('@data', dataDir)) })),
    journal: path.join(dataDir, 'dns-journal.json'),
  };
  const run = await runInNetns([process.execPath, '--import', 'tsx', RUNNER, JSON.stringify(spec)], {
    resolvConf: ORIGINAL,
    ...(options.hosts !== undefined ? { hosts: options.hosts } : {}),
    // Forced: inside the namespace nmcli could still reach the machine's NetworkManager over D-Bus.
    env: { GATEWAY_DOCTOR_DATA_DIR: dataDir, GATEWAY_DOCTOR_DNS_BACKEND: 'resolv-conf' },
    timeoutMs: 40_000,
  });
  expect(run.code, run.stderr).toBe(0);
  const parsed = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { outcomes: StepOutcome[]; queries: string[][] };
  // The runner's last view must be what the bind mount's source holds.
  expect(readFileSync(path.join(run.workDir, 'resolv.conf')).toString('base64')).toBe(parsed.outcomes.at(-1)!.resolvConfBase64);
  return { ...parsed, dataDir };
}

const text = (outcome: StepOutcome): string => Buffer.from(outcome.resolvConfBase64, 'base64').toString('utf8');
const SWITCH = (server: string): string[] => ['gateway-doctor', 'dns', 'switch', '--servers', server, '--profile', '@profile', '--yes'];

describe.skipIf(netnsReason !== null)('dns switch on a plain /etc/resolv.conf (inside a namespace, as root)', () => {
  it('keeps a resolver that works, then revert restores the file byte for byte', async () => {
    const { outcomes, queries } = await lab([
      { argv: SWITCH('127.0.0.2') },
      { argv: ['gateway-doctor', 'dns', 'status', '--json'] },
      { argv: ['gateway-doctor', 'dns', 'revert', '--yes'] },
      { argv: ['gateway-doctor', 'dns', 'status', '--json'] },
    ]);
    const [switched, status, reverted, after] = outcomes as [StepOutcome, StepOutcome, StepOutcome, StepOutcome];
    expect(switched.code, switched.stderr).toBe(0);
    expect(switched.stdout).toContain('DNS is now 127.0.0.2 on /etc/resolv.conf');
    expect(switched.stdout).toMatch(/ok\s+chat\.lab -> 127\.0\.0\.80/);
    // Only the nameserver line changed; search, options and comments stayed where they were.
    // The marker line carries the digest of the copy a revert restores, in a file only root can change.
    const digest = createHash('sha256').update(ORIGINAL).digest('hex');
    expect(text(switched)).toBe(
      `# lab resolver\nsearch lab.example\n# nameserver lines set by Gateway Doctor; "gateway-doctor dns revert" restores the previous ones (saved copy sha256:${digest})\n` +
        'nameserver 127.0.0.2\noptions timeout:1 attempts:1\n; end',
    );
    expect(JournalSchema.parse(JSON.parse(switched.journal!)).state).toBe('verified');
    expect(queries[0]).toContain('chat.lab');

    const shown = DnsStatusSchema.parse(JSON.parse(status.stdout));
    expect(shown.backend).toBe('resolv-conf');
    expect(shown.interfaces[0]).toMatchObject({ name: '/etc/resolv.conf', ipv4: { servers: ['127.0.0.2'] } });
    expect(shown.change).toMatchObject({ state: 'active', servers: ['127.0.0.2'], revert: 'gateway-doctor dns revert' });

    expect(reverted.code, reverted.stderr).toBe(0);
    expect(reverted.stdout).toContain('Restored the DNS settings saved');
    expect(reverted.resolvConfBase64).toBe(Buffer.from(ORIGINAL).toString('base64'));
    expect(reverted.journal).toBeNull();
    expect(DnsStatusSchema.parse(JSON.parse(after.stdout)).change).toBeNull();
  }, 45_000);

  it('reverts by itself when the new resolver does not answer, leaving the file byte-identical', async () => {
    const { outcomes } = await lab([{ argv: SWITCH('127.0.0.3') }]);
    const [switched] = outcomes as [StepOutcome];
    expect(switched.code).toBe(1);
    expect(switched.stderr).toContain('the new DNS servers did not resolve chat.lab (no answer within 5000 ms)');
    expect(switched.stderr).toContain('the previous DNS settings were put back');
    expect(switched.stdout).toMatch(/FAIL chat\.lab \(ETIMEOUT\)/);
    expect(switched.resolvConfBase64).toBe(Buffer.from(ORIGINAL).toString('base64'));
    expect(switched.journal).toBeNull();
  }, 45_000);

  it('a switch killed between apply and verify leaves a journal that status reports and revert undoes', async () => {
    const { outcomes } = await lab([
      { argv: SWITCH('127.0.0.2'), env: { [PAUSE_ENV]: '1' }, killOnMarker: PAUSE_MARKER },
      { argv: ['gateway-doctor', 'dns', 'status'] },
      { argv: ['gateway-doctor', 'dns', 'status', '--json'] },
      { argv: SWITCH('127.0.0.2') },
      { argv: ['gateway-doctor', 'dns', 'revert', '--yes'] },
    ]);
    const [killed, status, statusJson, refused, reverted] = outcomes as [StepOutcome, StepOutcome, StepOutcome, StepOutcome, StepOutcome];
    expect(killed.signal).toBe('SIGKILL');
    // Killed after the change: the file holds the new server, the journal says "applied".
    expect(text(killed)).toContain('nameserver 127.0.0.2\n');
    expect(JournalSchema.parse(JSON.parse(killed.journal!)).state).toBe('applied');

    expect(status.code).toBe(0);
    expect(status.stdout).toContain('INTERRUPTED: a DNS switch to 127.0.0.2 on /etc/resolv.conf');
    expect(status.stdout).toContain('To put them back: gateway-doctor dns revert');
    expect(DnsStatusSchema.parse(JSON.parse(statusJson.stdout)).change).toMatchObject({ state: 'interrupted' });

    // A new switch on top of an unfinished one is refused, and changes nothing.
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('was interrupted before it finished; restore the previous DNS settings first (run "gateway-doctor dns revert")');

    expect(reverted.code, reverted.stderr).toBe(0);
    expect(reverted.stdout).toContain('(the change had been interrupted)');
    expect(reverted.resolvConfBase64).toBe(Buffer.from(ORIGINAL).toString('base64'));
    expect(reverted.journal).toBeNull();
  }, 45_000);

  it('asks the new servers themselves: a target in /etc/hosts does not make a dead server "work"', async () => {
    // Before: the check read the hosts file first, so `--servers 192.0.2.53` (nothing there) was kept.
    const { outcomes } = await lab([{ argv: SWITCH('192.0.2.53') }, { argv: SWITCH('127.0.0.3') }], {
      hosts: '127.0.0.1\tlocalhost\n127.0.0.80\tchat.lab\n',
    });
    for (const switched of outcomes) {
      expect(switched.code, switched.stdout).toBe(1);
      expect(switched.stderr).toMatch(/the new DNS servers did not resolve chat\.lab .*; the previous DNS settings were put back/);
      expect(switched.stdout).toMatch(/FAIL chat\.lab/);
      expect(switched.resolvConfBase64).toBe(Buffer.from(ORIGINAL).toString('base64'));
      expect(switched.journal).toBeNull();
    }
  }, 45_000);

  it('refuses a forged journal (other bytes, pid 1, from 2999): clear messages, no lockout, nothing written', async () => {
    const forged = JSON.stringify({
      version: 1,
      state: 'applied',
      pid: 1,
      createdAt: '2999-01-01T00:00:00.000Z',
      updatedAt: '2999-01-01T00:00:00.000Z',
      backend: 'resolv-conf',
      servers: ['8.8.8.8\u001b]0;pwned\u0007'],
      interfaces: ['/etc/resolv.conf\u001b[2J'],
      original: { kind: 'resolv-conf', path: '/etc/resolv.conf', target: '/etc/resolv.conf', contentBase64: Buffer.from('nameserver 6.6.6.6 # attacker controlled\n').toString('base64') },
      before: { kind: 'resolv-conf', path: '/etc/resolv.conf', target: '/etc/resolv.conf', contentBase64: Buffer.from(ORIGINAL).toString('base64') },
      previous: null,
    });
    const plant = { argv: [process.execPath, '-e', `const fs=require('fs');fs.mkdirSync(require('path').dirname(process.argv[1]),{recursive:true});fs.writeFileSync(process.argv[1],process.argv[2])`, '@journal', forged] };
    const { outcomes } = await lab([
      { argv: SWITCH('127.0.0.2') }, // a real switch first: the data folder has its seal key
      { argv: ['gateway-doctor', 'dns', 'revert', '--yes'] },
      plant,
      { argv: ['gateway-doctor', 'dns', 'status'] },
      { argv: ['gateway-doctor', 'dns', 'revert', '--yes'] },
      { argv: SWITCH('127.0.0.2') },
    ]);
    const [, , , status, revert, again] = outcomes as StepOutcome[];
    const refusal = /the DNS journal .*dns-journal\.json was not written by Gateway Doctor, or was changed after it was written \(its seal does not match\); nothing was changed or restored from it: look at it, fix DNS by hand if needed, then delete it/;
    expect(status!.code).toBe(0);
    expect(status!.stdout).toMatch(new RegExp(`Problem: ${refusal.source}`));
    for (const refused of [revert!, again!]) {
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(refusal);
      expect(refused.stderr).not.toContain('running now');
      expect(refused.resolvConfBase64).toBe(Buffer.from(ORIGINAL).toString('base64'));
      expect(refused.journal).toBe(forged); // left for the user to look at
    }
    // Nothing the forger wrote reaches the terminal raw.
    for (const outcome of outcomes) expect(outcome.stdout + outcome.stderr).not.toContain('\x1b');
  }, 45_000);

  it('answers at once when a FIFO sits at the journal path: status, switch and revert say so, nothing written', async () => {
    const started = Date.now();
    const { outcomes } = await lab([
      { argv: ['mkdir', '-p', '@data'] },
      { argv: ['mkfifo', '@journal'] },
      { argv: ['gateway-doctor', 'dns', 'status'] },
      { argv: SWITCH('127.0.0.2') },
      { argv: ['gateway-doctor', 'dns', 'revert', '--yes'] },
    ]);
    const [, fifo, status, switched, reverted] = outcomes as StepOutcome[];
    expect(fifo!.code, fifo!.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    const message = /the DNS journal .*dns-journal\.json is a named pipe \(FIFO\), not a file, so Gateway Doctor did not write it; nothing was changed or restored/;
    expect(status!.stdout).toMatch(message);
    for (const refused of [switched!, reverted!]) {
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(message);
      expect(refused.resolvConfBase64).toBe(Buffer.from(ORIGINAL).toString('base64'));
    }
  }, 45_000);
});
