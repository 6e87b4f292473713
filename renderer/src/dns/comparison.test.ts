import { describe, expect, it } from 'vitest';
import { CheckResultSchema, type CheckResult } from '../../../electron/common/spec.js';
import { dnsComparison, DnsEvidenceSchema } from './comparison.js';
// Captured from the engine's `dns` check in a network namespace: the system resolver on 127.0.0.1:53 and the
// profile's reference resolver on 127.0.0.2:53 (lab DNS servers), target http://chat.lab:8080/.
import badAnswerJson from './fixtures/dns-check.bad-answer.json';
import bothFailJson from './fixtures/dns-check.both-fail.json';
import failingJson from './fixtures/dns-check.failing.json';
import passJson from './fixtures/dns-check.pass.json';
import slowJson from './fixtures/dns-check.slow.json';

const check = (json: unknown): CheckResult => CheckResultSchema.parse(json);
const failing = check(failingJson);
const pass = check(passJson);
const slow = check(slowJson);
const bothFail = check(bothFailJson);
const badAnswer = check(badAnswerJson);

/** The same measurement as the default profile would make it, against Google and Cloudflare. */
function withReferences(result: CheckResult, map: Record<string, string>): CheckResult {
  return CheckResultSchema.parse(JSON.parse(JSON.stringify(result).replace(/"127\.0\.0\.2"/g, (m) => `"${map[m.slice(1, -1)] ?? m.slice(1, -1)}"`)));
}

describe('the captured dns check evidence', () => {
  it('is what the comparison reads', () => {
    for (const result of [failing, pass, slow, bothFail, badAnswer]) {
      expect(result.id).toBe('dns');
      expect(DnsEvidenceSchema.safeParse(result.evidence).success).toBe(true);
    }
  });
});

describe('dnsComparison', () => {
  it('says switching is likely to help when the reference answered (with an address that works) where yours failed', () => {
    const comparison = dnsComparison(failing, false);
    expect(comparison.tone).toBe('helps');
    expect(comparison.verdict).toBe('The reference DNS server 127.0.0.2 answered where yours failed — switching is likely to help.');
    expect(comparison.rows).toEqual([
      {
        host: 'chat.lab',
        yours: { text: 'Server failure', ok: false, durationMs: 46 },
        reference: { name: 'the reference DNS server 127.0.0.2', heading: 'Reference 127.0.0.2', text: '127.0.0.1', ok: true, durationMs: 46 },
      },
    ]);
    expect(comparison.latency).toEqual({ yoursMs: 46, references: [{ name: 'the reference DNS server 127.0.0.2', ms: 46 }] });
  });

  it('names well-known reference resolvers by their provider', () => {
    const google = withReferences(failing, { '127.0.0.2': '8.8.8.8' });
    expect(dnsComparison(google, false).verdict).toBe('Google Public DNS answered where yours failed — switching is likely to help.');
    expect(dnsComparison(google, false).rows[0]!.reference).toMatchObject({ name: 'Google Public DNS', heading: 'Google Public DNS' });
    const cloudflare = withReferences(pass, { '127.0.0.2': '1.1.1.1' });
    expect(dnsComparison(cloudflare, false).verdict).toBe('Your DNS works as well as Cloudflare DNS — switching is unlikely to help.');
    // Another port is not the public service.
    const ported = withReferences(pass, { '127.0.0.2': '8.8.8.8:5353' });
    expect(dnsComparison(ported, false).verdict).toContain('the reference DNS server 8.8.8.8:5353');
  });

  it('says switching is unlikely to help when your DNS works as well', () => {
    const comparison = dnsComparison(pass, false);
    expect(comparison.tone).toBe('no-help');
    expect(comparison.verdict).toBe('Your DNS works as well as the reference DNS server 127.0.0.2 — switching is unlikely to help.');
    expect(comparison.rows[0]).toMatchObject({ yours: { text: '127.0.0.1', ok: true, durationMs: 28 }, reference: { text: '127.0.0.1', ok: true } });
  });

  it('says switching may make pages faster when your DNS is slow and the reference was faster', () => {
    const comparison = dnsComparison(slow, false);
    expect(comparison.tone).toBe('may-help');
    expect(comparison.verdict).toBe('Your DNS works but is slow (460 ms; the reference DNS server 127.0.0.2: 21 ms) — switching may make pages start faster.');
  });

  it('does not promise speed when the reference was no faster', () => {
    const evidence = structuredClone(slow.evidence) as { latency: { referenceAverageMs: Record<string, number> } };
    evidence.latency.referenceAverageMs['127.0.0.2'] = 600;
    const comparison = dnsComparison({ ...slow, evidence }, false);
    expect(comparison.tone).toBe('no-help');
    expect(comparison.verdict).toBe('Your DNS is slow, but the reference DNS server 127.0.0.2 was not faster — switching is unlikely to help.');
  });

  it('says switching will not help when the reference cannot find the name either', () => {
    const comparison = dnsComparison(bothFail, false);
    expect(comparison.tone).toBe('no-help');
    expect(comparison.verdict).toBe('The reference DNS server 127.0.0.2 could not find chat.lab either — switching is unlikely to help.');
    expect(comparison.rows[0]).toMatchObject({ yours: { text: 'Name not found', ok: false }, reference: { text: 'Name not found', ok: false } });
  });

  it('says switching is likely to help when your DNS gives an address that does not work', () => {
    const comparison = dnsComparison(badAnswer, false);
    expect(comparison.tone).toBe('helps');
    expect(comparison.verdict).toBe(
      'Your DNS gave an address for chat.lab that does not work, and the reference DNS server 127.0.0.2 gave one that does — switching is likely to help.',
    );
    // The wrong answer is shown as what it is: an answer, marked not OK.
    expect(comparison.rows[0]).toMatchObject({ yours: { text: '127.0.0.9', ok: false }, reference: { text: '127.0.0.1', ok: true } });
  });

  it('blames the hosts file, not DNS, when the bad answer comes from it', () => {
    const evidence = structuredClone(badAnswer.evidence) as { names: { fromHostsFile?: boolean }[] };
    evidence.names[0]!.fromHostsFile = true;
    const comparison = dnsComparison({ ...badAnswer, evidence }, false);
    expect(comparison.tone).toBe('no-help');
    expect(comparison.verdict).toContain('hosts file');
    expect(comparison.rows[0]!.yours.text).toBe('127.0.0.9 (hosts file)');
  });

  it('is careful when the reference found the name but its address did not answer', () => {
    const evidence = structuredClone(failing.evidence) as { names: { connect: { reference: { ok: boolean; code?: string }[] } }[] };
    evidence.names[0]!.connect.reference = [{ ...evidence.names[0]!.connect.reference[0]!, ok: false, code: 'ECONNREFUSED' }];
    const comparison = dnsComparison({ ...failing, evidence }, false);
    expect(comparison.tone).toBe('may-help');
    expect(comparison.verdict).toBe('The reference DNS server 127.0.0.2 found chat.lab where yours failed, but its address did not answer either — switching alone may not help.');
  });

  it('says nothing can be compared when the reference did not answer at all', () => {
    const evidence = structuredClone(failing.evidence) as { names: { reference: { kind: string; addresses: string[] }[]; connect?: unknown }[] };
    evidence.names[0]!.reference = evidence.names[0]!.reference.map((r) => ({ ...r, kind: 'timeout', addresses: [] }));
    delete evidence.names[0]!.connect;
    const comparison = dnsComparison({ ...failing, evidence }, false);
    expect(comparison.tone).toBe('no-help');
    expect(comparison.verdict).toBe('Neither your DNS nor the reference DNS server 127.0.0.2 answered — switching is unlikely to help until the connection works.');
    expect(comparison.rows[0]!.reference.text).toBe('No answer (timed out)');
  });

  it('before the check has finished, says it is comparing or that the diagnosis must run', () => {
    expect(dnsComparison(undefined, true)).toEqual({ tone: 'unknown', verdict: 'Comparing your DNS with the reference DNS servers…', latency: null, rows: [] });
    expect(dnsComparison(undefined, false).verdict).toBe('Run the diagnosis to compare your DNS with the reference DNS servers.');
  });

  it('falls back to the check’s own summary when it was skipped, did not finish or has unreadable evidence', () => {
    const skipped: CheckResult = { ...pass, status: 'skip', summary: "The profile's targets are IP addresses, so DNS plays no part.", evidence: {} };
    expect(dnsComparison(skipped, false)).toMatchObject({ tone: 'no-help', verdict: "The profile's targets are IP addresses, so DNS plays no part. Switching DNS will not help." });
    const timedOut: CheckResult = { ...pass, status: 'error', summary: 'There was no time left to test DNS before the deadline.', evidence: { error: 'ETIMEDOUT' } };
    expect(dnsComparison(timedOut, false)).toMatchObject({ tone: 'unknown', verdict: 'Your DNS could not be compared: There was no time left to test DNS before the deadline.' });
    const odd: CheckResult = { ...pass, evidence: { names: 'not a list' } };
    expect(dnsComparison(odd, false)).toMatchObject({ tone: 'unknown', rows: [] });
  });
});
