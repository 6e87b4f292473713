import { describe, expect, it } from 'vitest';
import { DnsSwitchRequestSchema } from '../../../electron/common/dns-schema.js';
import { choiceRequest, parseServerList, presetHint, requestTarget, switchLabel } from './switch-choice.js';

describe('parseServerList', () => {
  it('takes addresses separated by commas, spaces or lines, without duplicates', () => {
    expect(parseServerList(' 127.0.0.2, 127.0.0.3\n2001:DB8::53 127.0.0.2 ')).toEqual({ ok: true, servers: ['127.0.0.2', '127.0.0.3', '2001:db8::53'] });
  });

  it('refuses what the engine would refuse, with the contract’s own words', () => {
    expect(parseServerList('')).toEqual({ ok: false, problem: 'Type at least one DNS server address, like 9.9.9.9.' });
    expect(parseServerList('8.8.8.8;reboot')).toEqual({ ok: false, problem: '"reboot" is not an IPv4 or IPv6 address.' });
    expect(parseServerList('dns.google')).toEqual({ ok: false, problem: '"dns.google" is not an IPv4 or IPv6 address.' });
    expect(parseServerList('127.0.0.2:5353')).toMatchObject({ ok: false, problem: '"127.0.0.2:5353" is not an IPv4 or IPv6 address.' });
    expect(parseServerList('224.0.0.251')).toEqual({ ok: false, problem: '224.0.0.251 is not a unicast address.' });
    expect(parseServerList('::')).toEqual({ ok: false, problem: ':: is the unspecified address.' });
    expect(parseServerList('1.1.1.1 1.0.0.1 8.8.8.8 8.8.4.4 9.9.9.9 149.112.112.112 127.0.0.2')).toEqual({ ok: false, problem: 'Give at most 6 DNS servers.' });
  });

  it('gives only requests the contract accepts', () => {
    for (const text of ['127.0.0.2', '9.9.9.9, 2620:fe::fe', '1.1.1.1 1.0.0.1 8.8.8.8 8.8.4.4 9.9.9.9 149.112.112.112']) {
      const built = choiceRequest({ kind: 'custom', text });
      expect(built.ok).toBe(true);
      if (built.ok) expect(DnsSwitchRequestSchema.safeParse(built.request).success).toBe(true);
    }
  });
});

describe('choiceRequest and labels', () => {
  it('a preset asks for the preset, custom servers for the servers', () => {
    expect(choiceRequest({ kind: 'preset', preset: 'google' })).toEqual({ ok: true, request: { preset: 'google' } });
    expect(choiceRequest({ kind: 'custom', text: '127.0.0.2' })).toEqual({ ok: true, request: { servers: ['127.0.0.2'] } });
    expect(choiceRequest({ kind: 'custom', text: 'x' })).toMatchObject({ ok: false });
  });

  it('words the switch button after the choice', () => {
    expect(switchLabel({ kind: 'preset', preset: 'google' })).toBe('Switch to Google DNS');
    expect(switchLabel({ kind: 'preset', preset: 'cloudflare' })).toBe('Switch to Cloudflare DNS');
    expect(switchLabel({ kind: 'preset', preset: 'quad9' })).toBe('Switch to Quad9 DNS');
    expect(switchLabel({ kind: 'custom', text: '127.0.0.2' })).toBe('Switch to 127.0.0.2');
    expect(switchLabel({ kind: 'custom', text: '127.0.0.2 127.0.0.3' })).toBe('Switch to these DNS servers');
    expect(switchLabel({ kind: 'custom', text: 'nonsense' })).toBe('Switch to these DNS servers');
    expect(requestTarget({ preset: 'quad9' })).toBe('Quad9 DNS');
    expect(requestTarget({ servers: ['127.0.0.2', '127.0.0.3'] })).toBe('127.0.0.2 and 127.0.0.3');
    expect(presetHint('google')).toBe('8.8.8.8 · 8.8.4.4');
  });
});
