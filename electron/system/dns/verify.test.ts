import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileSchema } from '../../common/spec.js';
import { startDnsServer, type LabDnsServer } from '../../../e2e/lab/dns-server.js';
import { profileHosts, verificationFailure, verifyResolution } from './verify.js';

let lab: LabDnsServer;
beforeAll(async () => {
  lab = await startDnsServer({
    zone: {
      'chat.lab': { kind: 'answer', ipv4: ['127.0.0.80'], ipv6: ['::1'] },
      'quiet.lab': { kind: 'silent' },
      'broken.lab': { kind: 'servfail' },
    },
  });
});
afterAll(() => lab.close());

describe('verification of a switch', () => {
  it('takes each target host once, IPv6 literals unbracketed', () => {
    const profile = ProfileSchema.parse({
      name: 'x',
      targets: [
        { id: 'a', url: 'https://Chat.lab/' },
        { id: 'b', url: 'https://chat.lab/api' },
        { id: 'c', url: 'http://[::1]:8080/' },
      ],
    });
    expect(profileHosts(profile)).toEqual(['chat.lab', '::1']);
  });

  it('resolves through the given servers within the deadline, and names each failure', async () => {
    const started = Date.now();
    const results = await verifyResolution(['chat.lab', 'quiet.lab', 'broken.lab', 'none.lab'], { servers: [lab.endpoint], deadlineMs: 600 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(results.map((r) => [r.host, r.ok, r.error ?? r.addresses.join(' ')])).toEqual([
      ['chat.lab', true, '127.0.0.80 ::1'],
      ['quiet.lab', false, 'ETIMEOUT'],
      ['broken.lab', false, 'ESERVFAIL'],
      ['none.lab', false, 'ENOTFOUND'],
    ]);
    expect(verificationFailure(results, 600)).toBe(
      'the new DNS servers did not resolve quiet.lab (no answer within 600 ms), broken.lab (ESERVFAIL), none.lab (the name does not exist for them)',
    );
    expect(verificationFailure(results.slice(0, 1))).toBeNull();
  });
});
