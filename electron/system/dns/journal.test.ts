import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalChange, journalPath, JournalError, readJournal, removeJournal, writeJournal, type Journal } from './journal.js';

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

  it('tells an active, a running and an interrupted change apart', () => {
    const now = Date.parse('2025-11-26T04:01:00.000Z');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(journalChange(journal({ state: 'verified' }), now).state).toBe('active');
    expect(journalChange(journal({ state: 'applied' }), now).state).toBe('in-progress');
    expect(journalChange(journal({ state: 'applied', pid: dead }), now).state).toBe('interrupted');
    expect(journalChange(journal({ state: 'pending' }), now + 3_600_000).state).toBe('interrupted');
    expect(journalChange(journal({ state: 'verified' }), now)).toEqual({
      state: 'active',
      backend: 'resolv-conf',
      createdAt: '2025-11-26T04:00:00.000Z',
      servers: ['8.8.8.8'],
      interfaces: ['/etc/resolv.conf'],
      revert: 'gateway-doctor dns revert',
    });
  });
});
