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
