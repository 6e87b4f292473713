import { describe, expect, it } from 'vitest';
import { splitTerse, terseField } from './nmcli-terse.js';

describe('splitTerse', () => {
  it('splits on unescaped colons only', () => {
    expect(splitTerse('Café WiFi\\: 5GHz:3b9c:802-11-wireless:wlp2s0')).toEqual(['Café WiFi: 5GHz', '3b9c', '802-11-wireless', 'wlp2s0']);
    expect(splitTerse('*:Cafe\\:Guest:24::wlp0s20f3')).toEqual(['*', 'Cafe:Guest', '24', '', 'wlp0s20f3']);
  });

  it('unescapes backslashes', () => {
    expect(splitTerse('back\\\\slash:x')).toEqual(['back\\slash', 'x']);
    expect(splitTerse('a\\\\b:c')).toEqual(['a\\b', 'c']);
  });
});

describe('terseField', () => {
  it('unescapes colons and backslashes in values', () => {
    expect(terseField('IP6.DNS[1]:fd00\\:1234\\:\\:1')).toEqual({ field: 'IP6.DNS[1]', value: 'fd00:1234::1' });
    expect(terseField('GENERAL.DEVICE:a\\\\b')).toEqual({ field: 'GENERAL.DEVICE', value: 'a\\b' });
    expect(terseField('no colon')).toBeNull();
  });

  it('keeps an empty value and refuses an empty field name', () => {
    expect(terseField('ipv4.dns:')).toEqual({ field: 'ipv4.dns', value: '' });
    expect(terseField(':value')).toBeNull();
  });
});
