import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_KEY_FILE, journalChange, journalPath, JournalError, readJournal, removeJournal, switchRunning, writeJournal, type Journal } from './journal.js';
import { processStartReader } from './process-start.js';
import { savedDigest } from './saved-config.js';

const saved = { kind: 'resolv-conf' as const, path: '/etc/resolv.conf', target: '/etc/resolv.conf', contentBase64: 'bmFtZXNlcnZlciAxMC4wLjAuMQo=', mode: 0o644 };
const journal = (fields: Partial<Journal> = {}): Journal => ({
  version: 1,
  state: 'pending',
  pid: process.pid,
  createdAt: '2025-11-26T04:00:00.000Z',
  updatedAt: '2025-11-26T04:00:00.000Z',
  backend: 'resolv-conf',
  servers: ['8.8.8.8'],
  interfaces: ['/etc/resolv.conf'],
  original: saved,
  before: saved,
  previous: null,
  ...fields,
});

describe('DNS journal', () => {
  it('round-trips through a private file in a folder it creates', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'gd-journal-')), 'nested', 'gateway-doctor');
    expect(await readJournal(dataDir)).toBeNull();
    await writeJournal(dataDir, journal());
    expect(await readJournal(dataDir)).toEqual(journal());
    expect(statSync(journalPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, JOURNAL_KEY_FILE)).mode & 0o777).toBe(0o600);
    await removeJournal(dataDir);
    expect(await readJournal(dataDir)).toBeNull();
  });

  it('refuses to use a damaged journal, saying where it is', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gd-journal-'));
    writeFileSync(journalPath(dataDir), '{"version":1,"state":"pend');
    await expect(readJournal(dataDir)).rejects.toThrow(JournalError);
    await expect(readJournal(dataDir)).rejects.toThrow(journalPath(dataDir));
    expect(readFileSync(journalPath(dataDir), 'utf8')).toContain('pend');
  });

  it('refuses, whole and with a clear reason, a journal someone edited to do more than restore DNS', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gd-journal-'));
    const write = (value: unknown): void => writeFileSync(journalPath(dataDir), JSON.stringify(value));
    const cases: [string, unknown, string][] = [
      ['an unknown key at the top', { ...journal(), run: ['/bin/sh'] }, '(top level): unknown key run'],
      ['an unknown key in a saved configuration', { ...journal(), original: { ...saved, owner: 0 } }, 'original: unknown key owner'],
      ['a relative target', { ...journal(), original: { ...saved, target: 'etc/shadow' } }, 'original.target: must be an absolute path'],
      ['a target with a newline', { ...journal(), before: { ...saved, target: '/etc/resolv.conf\n/etc/shadow' } }, 'before.target: control characters are not allowed'],
      ['content that is not Base64', { ...journal(), original: { ...saved, contentBase64: 'not base64!' } }, 'original.contentBase64: not Base64'],
      ['content too large for a resolv.conf', { ...journal(), original: { ...saved, contentBase64: 'A'.repeat(90_000) } }, 'original.contentBase64: more than 65536 bytes'],
      ['a mode with more than permission bits', { ...journal(), original: { ...saved, mode: 0o177777 } }, 'original.mode'],
    ];
    for (const [what, value, reason] of cases) {
      write(value);
      const error = await readJournal(dataDir).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error, what).toBeInstanceOf(JournalError);
      expect(error!.message, what).toContain(reason);
      expect(error!.message, what).toContain('nothing was reverted');
    }
  });

  it('does not read a journal far too large to be one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gd-journal-'));
    writeFileSync(journalPath(dataDir), ' '.repeat(1024 * 1024 + 1));
    await expect(readJournal(dataDir)).rejects.toThrow(/far too large to be one/);
  });

  it('still reads a journal written before the mode became informational, and one without it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gd-journal-'));
    const { mode: _mode, ...withoutMode } = saved;
    await writeJournal(dataDir, journal({ original: withoutMode, before: saved }));
    expect(await readJournal(dataDir)).toEqual(journal({ original: withoutMode, before: saved }));
  });

  it('tells an active, a running and an interrupted change apart by the process, never by the clock', async () => {
    const read = processStartReader();
    const own = (await read(process.pid))!;
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const state = async (j: Journal): Promise<string> => journalChange(j, await switchRunning(j, read)).state;
    expect(await state(journal({ state: 'verified', processStart: own }))).toBe('active');
    expect(await state(journal({ state: 'applied', processStart: own }))).toBe('in-progress');
    // Hours old, and still running: the clock does not decide.
    expect(await state(journal({ state: 'pending', processStart: own, createdAt: '2000-01-01T00:00:00.000Z' }))).toBe('in-progress');
    expect(await state(journal({ state: 'applied', pid: dead, processStart: own }))).toBe('interrupted');
    // pid 1 always lives, but it is not the process that wrote the journal; a date in 2999 changes nothing.
    expect(await state(journal({ state: 'applied', pid: 1, processStart: own, createdAt: '2999-01-01T00:00:00.000Z' }))).toBe('interrupted');
    expect(await state(journal({ state: 'applied', pid: 1, createdAt: '2999-01-01T00:00:00.000Z' }))).toBe('interrupted');
    expect(journalChange(journal({ state: 'verified' }), false)).toEqual({
      state: 'active',
      backend: 'resolv-conf',
      createdAt: '2025-11-26T04:00:00.000Z',
      servers: ['8.8.8.8'],
      interfaces: ['/etc/resolv.conf'],
      revert: 'gateway-doctor dns revert',
      restore: { digest: savedDigest(saved), lines: ['/etc/resolv.conf will hold again:', '  nameserver 10.0.0.1'] },
    });
  });
});

describe('a journal Gateway Doctor did not write', () => {
  const sealed = async (): Promise<string> => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gd-journal-'));
    await writeJournal(dataDir, journal({ state: 'verified' }));
    return dataDir;
  };
  const refusal = (dataDir: string): Promise<Error | null> =>
    readJournal(dataDir).then(
      () => null,
      (e: unknown) => e as Error,
    );

  it('is refused when written without the seal, or changed after it was sealed', async () => {
    const dataDir = await sealed();
    const file = journalPath(dataDir);
    const evil = { ...saved, contentBase64: Buffer.from('nameserver 6.6.6.6 # attacker controlled\n').toString('base64') };
    const { seal: _seal, ...unsealed } = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    for (const forged of [{ ...unsealed, original: evil }, { ...JSON.parse(readFileSync(file, 'utf8')), original: evil }, unsealed]) {
      writeFileSync(file, JSON.stringify(forged));
      const error = await refusal(dataDir);
      expect(error).toBeInstanceOf(JournalError);
      expect(error!.message).toBe(
        `the DNS journal ${file} was not written by Gateway Doctor, or was changed after it was written (its seal does not match); nothing was changed or restored from it: look at it, fix DNS by hand if needed, then delete it`,
      );
    }
  });

  it('is refused when the key that seals journals is gone or replaced', async () => {
    const dataDir = await sealed();
    writeFileSync(path.join(dataDir, JOURNAL_KEY_FILE), `${'0'.repeat(64)}\n`);
    expect((await refusal(dataDir))?.message).toMatch(/was not written by Gateway Doctor/);
    unlinkSync(path.join(dataDir, JOURNAL_KEY_FILE));
    expect((await refusal(dataDir))?.message).toMatch(/was not written by Gateway Doctor/);
  });

  it.skipIf(process.platform === 'win32')('is refused at once when it is a FIFO, a folder or a symbolic link', async () => {
    const dataDir = await sealed();
    const file = journalPath(dataDir);
    unlinkSync(file);
    execFileSync('mkfifo', [file]);
    const started = Date.now();
    const error = await refusal(dataDir);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error!.message).toBe(
      `the DNS journal ${file} is a named pipe (FIFO), not a file, so Gateway Doctor did not write it; nothing was changed or restored: look at it, fix DNS by hand if needed, then delete it`,
    );
    unlinkSync(file);
    const elsewhere = path.join(dataDir, 'elsewhere.json');
    await writeJournal(dataDir, journal());
    writeFileSync(elsewhere, readFileSync(file));
    unlinkSync(file);
    symlinkSync(elsewhere, file);
    expect((await refusal(dataDir))!.message).toContain('is a symbolic link, which is not expected there');
  });
});
