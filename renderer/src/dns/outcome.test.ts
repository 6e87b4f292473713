import { describe, expect, it } from 'vitest';
import { DnsRevertResultSchema, DnsSwitchResultSchema } from '../../../electron/common/dns-schema.js';
import { revertOutcome, switchOutcome } from './outcome.js';
// Captured from the engine in a namespace: a switch to a working lab resolver, and one to Google's servers that
// cannot be reached there (so verification fails and the engine reverts by itself).
import answers from './fixtures/engine-answers.json';

describe('switchOutcome', () => {
  it('a verified switch lists every host with its addresses', () => {
    const view = switchOutcome(DnsSwitchResultSchema.parse(answers.switchCustom));
    expect(view).toEqual({
      outcome: 'verified',
      title: 'DNS switched and verified',
      message: 'DNS is now 127.0.0.2 on /etc/resolv.conf, and it found every address the service needs. Try the service again; if it does not help, use Revert to previous DNS.',
      hosts: [{ host: 'chat.lab', ok: true, detail: '127.0.0.1' }],
      warnings: [],
    });
  });

  it('a switch the engine undid says so, and why', () => {
    const view = switchOutcome(DnsSwitchResultSchema.parse(answers.switchGoogle));
    expect(view.outcome).toBe('reverted');
    expect(view.title).toBe('Switch undone — your DNS is as it was');
    expect(view.message).toBe(
      'Gateway Doctor reverted the change by itself because the new DNS servers did not resolve chat.lab (ECONNREFUSED); the previous DNS settings were put back.',
    );
    expect(view.hosts).toEqual([{ host: 'chat.lab', ok: false, detail: 'ECONNREFUSED' }]);
    expect(view.warnings).toEqual([]);
  });

  it('a switch that never happened (the password prompt was refused) is a failure, not a revert', () => {
    const refused = DnsSwitchResultSchema.parse({
      ...answers.switchGoogle,
      ok: false,
      reverted: false,
      verification: [],
      reason: 'The administrator password prompt was cancelled. Nothing was changed.',
    });
    expect(switchOutcome(refused)).toMatchObject({
      outcome: 'failed',
      title: 'The switch did not go through',
      message: 'The administrator password prompt was cancelled. Nothing was changed.',
      hosts: [],
    });
  });

  it('a switch whose undo failed points to Revert, which restores the saved settings', () => {
    const stuck = DnsSwitchResultSchema.parse({
      ...answers.switchGoogle,
      ok: false,
      reverted: false,
      revertNeeded: true,
      reason: 'the new servers did not answer, and undoing the change failed; they still need to be restored',
    });
    expect(switchOutcome(stuck).message).toBe(
      'The new servers did not answer, and undoing the change failed; they still need to be restored. Your previous DNS settings are saved: use Revert to previous DNS to restore them.',
    );
  });
});

describe('revertOutcome', () => {
  it('words a revert and a revert with nothing to do', () => {
    const revert = DnsRevertResultSchema.parse(answers.revert);
    expect(revert.message).toMatch(/^Restored the DNS settings saved 2026-11-26T\d\d:\d\d:\d\d\.\d{3}Z\.$/);
    // The engine's ISO time, as people read it.
    expect(revertOutcome(revert, 'en-GB').message).toMatch(/^Your previous DNS settings are back\. Restored the DNS settings saved 26 Nov 2026, \d\d:\d\d\.$/);
    expect(revertOutcome(DnsRevertResultSchema.parse(answers.revertNothing))).toEqual({ reverted: false, message: 'There is no DNS change to revert.', warnings: [] });
  });
});
