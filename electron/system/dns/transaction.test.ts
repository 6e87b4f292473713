import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labEnvironment, type LabEnvironment, type LabOptions } from '../../../e2e/lab/dns-switch/lab-environment.js';
import { ElevationRefusedError } from './elevation.js';
import { OperationError } from './executor.js';
import { readJournal, writeJournal } from './journal.js';
import { LOCK_FILE } from './lock.js';
import { processStartReader } from './process-start.js';
import { commitSwitch, DnsInputError, DnsStateError, dnsStatus, planSwitch, revertDns, switchDns } from './transaction.js';

const ORIGINAL = '# hand-written\nsearch lab.example\nnameserver 127.0.0.9\noptions rotate\n';
const HOSTS = ['chat.lab', 'auth.lab'];
const ANSWER = { kind: 'answer' as const, ipv4: ['127.0.0.80'] };

let lab: LabEnvironment | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

async function setup(options: Partial<LabOptions> = {}): Promise<LabEnvironment> {
  lab = await labEnvironment({ original: ORIGINAL, resolvers: { '127.0.0.2': ANSWER, '127.0.0.4': ANSWER, '127.0.0.3': 'silent', '127.0.0.5': { kind: 'nxdomain' } }, ...options });
  return lab;
}
const content = (l: LabEnvironment): string => readFileSync(l.file, 'utf8');

describe('switchDns', () => {
  it('keeps servers that resolve every target, and journals the change as verified', async () => {
    const l = await setup();
    const result = await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env);
    expect(result).toMatchObject({ ok: true, reverted: false, backend: 'resolv-conf', servers: ['127.0.0.2'], interfaces: [l.file] });
    expect(result.verification.map((v) => [v.host, v.ok, v.addresses])).toEqual([
      ['chat.lab', true, ['127.0.0.80']],
      ['auth.lab', true, ['127.0.0.80']],
    ]);
    expect(content(l)).toContain('nameserver 127.0.0.2\n');
    expect(content(l)).not.toContain('127.0.0.9');
    const journal = await readJournal(l.dataDir);
    expect(journal).toMatchObject({ state: 'verified', servers: ['127.0.0.2'], previous: null });
    expect(Buffer.from((journal!.original as { contentBase64: string }).contentBase64, 'base64').toString()).toBe(ORIGINAL);
    expect(l.servers.get('127.0.0.2')!.queries.map((q) => q.name)).toContain('chat.lab');
  });

  it('puts the file back byte for byte when the new server is silent, and says why', async () => {
    const l = await setup();
    const result = await switchDns({ servers: ['127.0.0.3'] }, HOSTS, l.env);
    expect(result.ok).toBe(false);
    expect(result.reverted).toBe(true);
    expect(result.reason).toBe(
      'the new DNS servers did not resolve chat.lab (no answer within 800 ms), auth.lab (no answer within 800 ms); the previous DNS settings were put back',
    );
    expect(content(l)).toBe(ORIGINAL);
    expect(await readJournal(l.dataDir)).toBeNull();
  });

  it('reverts by itself when the new server does not know the target', async () => {
    const l = await setup();
    const result = await switchDns({ servers: ['127.0.0.5'] }, ['chat.lab'], l.env);
    expect(result.reason).toMatch(/^the new DNS servers did not resolve chat\.lab \(the name does not exist for them\)/);
    expect(content(l)).toBe(ORIGINAL);
  });

  it('reverts when the system does not show the new servers after the change', async () => {
    let reads = 0;
    const l = await setup({
      // A system that rewrites the file behind our back: the second read still shows the old server.
      wrapBackend: (backend) => ({
        ...backend,
        read: async () => {
          const state = await backend.read();
          return ++reads === 2 ? { ...state, interfaces: state.interfaces.map((i) => ({ ...i, ipv4: { ...i.ipv4, servers: ['127.0.0.9'] } })) } : state;
        },
      }),
    });
    const result = await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env);
    expect(result).toMatchObject({ ok: false, reverted: true, verification: [] });
    expect(result.reason).toContain(`the system did not take the new servers (${l.file} shows 127.0.0.9 instead)`);
    expect(content(l)).toBe(ORIGINAL);
  });

  it('changes nothing and keeps no journal when the elevation prompt is refused', async () => {
    const l = await setup({
      execute: async () => {
        throw new ElevationRefusedError('Changing DNS needs administrator rights and the administrator password prompt was dismissed.');
      },
    });
    const result = await switchDns({ preset: 'cloudflare' }, HOSTS, l.env);
    expect(result).toMatchObject({ ok: false, reverted: false });
    expect(result.reason).toBe('Changing DNS needs administrator rights and the administrator password prompt was dismissed. Nothing was changed.');
    expect(content(l)).toBe(ORIGINAL);
    expect(await readJournal(l.dataDir)).toBeNull();
  });

  it('undoes a change that failed half-way', async () => {
    let batches = 0;
    const l = await setup({
      execute: async (operations) => {
        const { executeOperations } = await import('./executor.js');
        await executeOperations(operations, { platform: 'linux', privileged: true });
        if (++batches === 1) throw new OperationError('nmcli device reapply eth0 failed: Error: Device is not activated');
        return { warnings: [] };
      },
    });
    const result = await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env);
    expect(result.reason).toBe(
      'applying the change failed (nmcli device reapply eth0 failed: Error: Device is not activated); the previous DNS settings were put back',
    );
    expect(content(l)).toBe(ORIGINAL);
    expect(await readJournal(l.dataDir)).toBeNull();
  });

  it('says a revert is needed when putting the previous settings back fails too, and keeps the journal for it', async () => {
    let batches = 0;
    const l = await setup({
      execute: async (operations) => {
        const { executeOperations } = await import('./executor.js');
        batches++;
        // The switch applies then fails; the undo fails outright; the revert after it works.
        if (batches === 2) throw new OperationError('write failed');
        await executeOperations(operations, { platform: 'linux', privileged: true });
        if (batches === 1) throw new OperationError('flush failed');
        return { warnings: [] };
      },
    });
    const result = await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env);
    expect(result).toMatchObject({ ok: false, reverted: false, revertNeeded: true });
    expect(result.reason).toBe(
      'applying the change failed (flush failed); putting the previous settings back failed too (write failed); they still need to be restored',
    );
    expect(content(l)).toContain('nameserver 127.0.0.2\n');
    expect(await readJournal(l.dataDir)).toMatchObject({ state: 'pending', servers: ['127.0.0.2'] });
    expect((await revertDns(l.env)).reverted).toBe(true);
    expect(content(l)).toBe(ORIGINAL);
  });

  it('refuses to go on top of a change made through another backend, naming that backend as people know it', async () => {
    const l = await setup();
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    const journal = (await readJournal(l.dataDir))!;
    await writeJournal(l.dataDir, { ...journal, backend: 'networkmanager' });
    const env = { ...l.env, backendFor: (id: string) => (id === 'networkmanager' ? { ...l.env.backend, id: 'networkmanager' as const, label: 'NetworkManager' } : l.env.backend) };
    const refused = await planSwitch({ servers: ['127.0.0.4'] }, env).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DnsStateError);
    expect((refused as DnsStateError).message).toBe('the last DNS change was made through NetworkManager; restore the previous DNS settings first');
    expect((refused as DnsStateError).revertFirst).toBe(true);
  });

  it('a second switch keeps the first one\'s originals for revert, and a failed one restores the first', async () => {
    const l = await setup();
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    const afterFirst = content(l);
    const failed = await switchDns({ servers: ['127.0.0.3'] }, HOSTS, l.env);
    expect(failed.reverted).toBe(true);
    expect(content(l)).toBe(afterFirst);
    expect(await readJournal(l.dataDir)).toMatchObject({ state: 'verified', servers: ['127.0.0.2'] });
    expect((await switchDns({ servers: ['127.0.0.4'] }, HOSTS, l.env)).ok).toBe(true);
    expect(await readJournal(l.dataDir)).toMatchObject({ servers: ['127.0.0.4'], previous: { servers: ['127.0.0.2'] } });
    const reverted = await revertDns(l.env);
    expect(reverted.reverted).toBe(true);
    expect(content(l)).toBe(ORIGINAL);
  });
});

describe('bad input is refused before anything runs', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a command after an address', { servers: ['8.8.8.8;reboot'] }, /"8\.8\.8\.8;reboot" is not an IPv4 or IPv6 address/],
    ['command substitution', { servers: ['$(id)'] }, /"\$\(id\)" is not an IPv4 or IPv6 address/],
    ['an octet over 255', { servers: ['300.1.1.1'] }, /"300\.1\.1\.1" is not an IPv4 or IPv6 address/],
    ['an empty list', { servers: [] }, /give at least one DNS server/],
    ['a preset that does not exist', { preset: 'evil' }, /^preset: /],
    ['a string instead of a list', { servers: '8.8.8.8' }, /^servers: /],
    ['an unknown key', { servers: ['8.8.8.8'], exec: 'reboot' }, /unknown key exec/],
  ];
  for (const [what, input, message] of cases) {
    it(`${what}: refused without reading or changing anything`, async () => {
      const l = await setup();
      await expect(switchDns(input, HOSTS, l.env)).rejects.toThrow(DnsInputError);
      await expect(switchDns(input, HOSTS, l.env)).rejects.toThrow(message);
      expect(l.reads()).toBe(0);
      expect(l.executed).toEqual([]);
      expect(content(l)).toBe(ORIGINAL);
      expect(await readJournal(l.dataDir)).toBeNull();
    });
  }

  it('an interface that is not one of the machine\'s: refused, naming the ones there are', async () => {
    const l = await setup();
    await expect(planSwitch({ servers: ['8.8.8.8'], interfaces: ['eth9'] }, l.env)).rejects.toThrow(
      new DnsInputError(`"eth9" is not one of this machine's network interfaces (known: ${l.file})`),
    );
    await expect(planSwitch({ interfaces: ['$(reboot)'] }, l.env)).rejects.toThrow(DnsInputError);
    expect(l.executed).toEqual([]);
    expect(await readJournal(l.dataDir)).toBeNull();
  });
});

describe('an interrupted switch', () => {
  async function interrupted(l: LabEnvironment, who: { pid?: number; processStart?: string; at?: string } = {}): Promise<void> {
    // What a switch killed after its change leaves: the new file, and a journal in state "applied" of a dead process.
    const plan = await planSwitch({ servers: ['127.0.0.2'] }, l.env);
    await l.env.execute(plan.operations);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const now = who.at ?? new Date().toISOString();
    await writeJournal(l.dataDir, {
      version: 1,
      state: 'applied',
      pid: who.pid ?? dead,
      ...(who.processStart !== undefined ? { processStart: who.processStart } : {}),
      createdAt: now,
      updatedAt: now,
      backend: 'resolv-conf',
      servers: plan.servers,
      interfaces: [l.file],
      original: plan.state.saved,
      before: plan.state.saved,
      previous: null,
    });
  }

  it('is reported by status, blocks a new switch, and revert restores the saved bytes', async () => {
    const l = await setup();
    await interrupted(l);
    const status = await dnsStatus(l.env);
    expect(status.change).toMatchObject({ state: 'interrupted', servers: ['127.0.0.2'], revert: 'gateway-doctor dns revert' });
    expect(status.interfaces[0]!.ipv4.servers).toEqual(['127.0.0.2']);
    const refused = await planSwitch({ preset: 'google' }, l.env).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DnsStateError);
    // Neutral wording: the app shows it next to its Revert button, the CLI adds its command (dns-commands.ts).
    expect((refused as DnsStateError).message).toMatch(/was interrupted before it finished; restore the previous DNS settings first$/);
    expect((refused as DnsStateError).message).not.toContain('gateway-doctor');
    expect((refused as DnsStateError).revertFirst).toBe(true);
    const result = await revertDns(l.env);
    expect(result.message).toMatch(/\(the change had been interrupted\)\.$/);
    expect(content(l)).toBe(ORIGINAL);
    expect(await readJournal(l.dataDir)).toBeNull();
    expect((await revertDns(l.env)).message).toBe('There is no DNS change to revert.');
  });

  // No lockout by a pid that lives on, or by a date in the future: the process decides, not the clock.
  it('a journal naming pid 1 (always alive) and dated 2999 is an interrupted change that revert undoes', async () => {
    const l = await setup();
    // pid 1 lives, but it is not the process that started at the moment the journal records.
    await interrupted(l, { pid: 1, processStart: (await processStartReader()(process.pid))!, at: '2999-01-01T00:00:00.000Z' });
    expect((await dnsStatus(l.env)).change?.state).toBe('interrupted');
    await expect(planSwitch({ preset: 'google' }, l.env)).rejects.toThrow(/was interrupted before it finished/);
    expect((await revertDns(l.env)).reverted).toBe(true);
    expect(content(l)).toBe(ORIGINAL);
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
  });

  it('a switch whose process lives and started then is running, however old its journal', async () => {
    const l = await setup();
    await interrupted(l, { pid: process.pid, processStart: (await processStartReader()(process.pid))!, at: '2000-01-01T00:00:00.000Z' });
    expect((await dnsStatus(l.env)).change?.state).toBe('in-progress');
  });
});

describe('one change at a time, across processes', () => {
  it('two switches at once: one goes ahead, the other is refused, and the original stays what it was', async () => {
    const l = await setup();
    const [a, b] = await Promise.allSettled([switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env), switchDns({ servers: ['127.0.0.4'] }, HOSTS, l.env)]);
    // Which one wins is up to the scheduler; exactly one must, and the other must change nothing.
    const winner = [a, b].find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ servers: string[] }> | undefined;
    const refused = [a, b].find((o) => o.status === 'rejected') as PromiseRejectedResult | undefined;
    expect(winner, 'one switch goes ahead').toBeDefined();
    expect(refused, 'the other is refused').toBeDefined();
    expect((refused!.reason as Error).name).toBe('DnsStateError');
    // Refused while the first holds the lock, or at commit because its plan predates the first's change.
    expect([
      `another DNS change is running now (process ${process.pid}); try again when it has finished`,
      'DNS was changed by another Gateway Doctor process since this switch was planned; nothing was changed: look again and retry',
    ]).toContain((refused!.reason as Error).message);
    const journal = await readJournal(l.dataDir);
    expect(journal).toMatchObject({ state: 'verified', servers: winner!.value.servers, previous: null });
    expect(Buffer.from((journal!.original as { contentBase64: string }).contentBase64, 'base64').toString()).toBe(ORIGINAL);
    expect(existsSync(path.join(l.dataDir, LOCK_FILE))).toBe(false);
    await revertDns(l.env);
    expect(content(l)).toBe(ORIGINAL);
  });

  it('a switch planned before another one finished is refused at commit (its "before" is stale)', async () => {
    const l = await setup();
    const first = await planSwitch({ servers: ['127.0.0.2'] }, l.env);
    const second = await planSwitch({ servers: ['127.0.0.4'] }, l.env);
    expect((await commitSwitch(first, HOSTS, l.env)).ok).toBe(true);
    const afterFirst = content(l);
    await expect(commitSwitch(second, HOSTS, l.env)).rejects.toThrow(
      new DnsStateError('DNS was changed by another Gateway Doctor process since this switch was planned; nothing was changed: look again and retry'),
    );
    expect(content(l)).toBe(afterFirst);
    const journal = await readJournal(l.dataDir);
    expect(Buffer.from((journal!.original as { contentBase64: string }).contentBase64, 'base64').toString()).toBe(ORIGINAL);
  });

  it('waits for nobody: a lock held by a live process refuses switch and revert; a dead holder\'s lock is taken over', async () => {
    const l = await setup();
    mkdirSync(l.dataDir, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(l.dataDir, LOCK_FILE), JSON.stringify({ pid: holder.pid, token: 't', createdAt: new Date().toISOString() }));
      await expect(switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).rejects.toThrow(`another DNS change is running now (process ${holder.pid})`);
      await expect(revertDns(l.env)).rejects.toThrow(DnsStateError);
      expect(l.executed).toEqual([]);
      expect(content(l)).toBe(ORIGINAL);
    } finally {
      holder.kill('SIGKILL');
    }
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path.join(l.dataDir, LOCK_FILE), JSON.stringify({ pid: dead, token: 't', createdAt: new Date().toISOString() }));
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    expect(existsSync(path.join(l.dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('a revert trusts the journal only as far as the machine agrees', () => {
  it('refuses a journal that names another file to write, writing nothing and keeping the journal', async () => {
    const l = await setup();
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    const victim = path.join(path.dirname(l.file), 'shadow');
    writeFileSync(victim, 'root:$6$secret:19000::::::\n');
    const journal = (await readJournal(l.dataDir))!;
    const executedBefore = l.executed.length;
    // Even sealed (an attacker who read the seal's key), the journal cannot aim the write elsewhere…
    await writeJournal(l.dataDir, { ...journal, original: { ...journal.original, target: victim, mode: 0o666 } as typeof journal.original });
    await expect(revertDns(l.env)).rejects.toThrow(DnsStateError);
    await expect(revertDns(l.env)).rejects.toThrow(`now points to ${l.file}, not to ${JSON.stringify(victim)}`);
    // …nor choose the bytes: the file's own marker line holds the digest of the copy Gateway Doctor saved.
    const evil = { ...journal.original, target: victim, contentBase64: Buffer.from('root::0:0:::::\n').toString('base64'), mode: 0o666 };
    await writeJournal(l.dataDir, { ...journal, original: evil as typeof journal.original });
    await expect(revertDns(l.env)).rejects.toThrow(`the saved copy of ${l.file} in the DNS journal is not the one Gateway Doctor saved before its change`);
    expect(readFileSync(victim, 'utf8')).toBe('root:$6$secret:19000::::::\n');
    expect(l.executed.length).toBe(executedBefore);
    expect(content(l)).toContain('nameserver 127.0.0.2\n');
    expect(await readJournal(l.dataDir)).not.toBeNull();
  });

  it('restores only the bytes Gateway Doctor saved: a sealed journal with other bytes is refused, nothing written', async () => {
    const l = await setup();
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    const switched = content(l);
    expect(switched).toMatch(/^# nameserver lines set by Gateway Doctor; .* \(saved copy sha256:[0-9a-f]{64}\)$/m);
    const journal = (await readJournal(l.dataDir))!;
    const attacker = Buffer.from('nameserver 6.6.6.6 # attacker controlled\n').toString('base64');
    await writeJournal(l.dataDir, { ...journal, original: { ...journal.original, contentBase64: attacker } as typeof journal.original });
    const executedBefore = l.executed.length;
    await expect(revertDns(l.env)).rejects.toThrow(/is not the one Gateway Doctor saved before its change .*; nothing was restored/);
    expect(l.executed.length).toBe(executedBefore);
    expect(content(l)).toBe(switched);
  });

  it('restores nothing when the confirmed settings are no longer the journal\'s (swapped after they were shown)', async () => {
    const l = await setup();
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    const shown = (await dnsStatus(l.env)).change!.restore!;
    expect(shown.lines).toEqual([`${l.file} will hold again:`, ...ORIGINAL.replace(/\n$/, '').split('\n').map((line) => `  ${line}`)]);
    await expect(revertDns(l.env, { expected: 'f'.repeat(64) })).rejects.toThrow(/not the ones shown before you confirmed/);
    expect(content(l)).toContain('nameserver 127.0.0.2\n');
    expect((await revertDns(l.env, { expected: shown.digest })).reverted).toBe(true);
    expect(content(l)).toBe(ORIGINAL);
  });

  it('forgets, without writing, a change something else has rewritten since', async () => {
    const l = await setup();
    expect((await switchDns({ servers: ['127.0.0.2'] }, HOSTS, l.env)).ok).toBe(true);
    const dhcp = '# generated by dhclient\nnameserver 10.9.9.9\n';
    writeFileSync(l.file, dhcp);
    const executedBefore = l.executed.length;
    const result = await revertDns(l.env);
    expect(result).toMatchObject({ reverted: false, message: expect.stringContaining("no longer holds Gateway Doctor's change") });
    expect(l.executed.length).toBe(executedBefore);
    expect(content(l)).toBe(dhcp);
    expect(await readJournal(l.dataDir)).toBeNull();
  });
});

