import { describe, expect, it } from 'vitest';
import { DNS_PRESET_IDS, DNS_PRESETS } from '../../../electron/common/dns-schema.js';
import { PRESET_NAMES, resolverName, resolverShortName } from './names.js';

describe('resolver names', () => {
  it('names every preset by its label from the one preset table', () => {
    for (const id of DNS_PRESET_IDS) expect(PRESET_NAMES[id]).toBe(DNS_PRESETS[id].label);
  });

  it('names a well-known resolver on port 53 by its provider, any other by its address', () => {
    expect(resolverName('2620:fe::9')).toBe('Quad9');
    expect(resolverName('1.0.0.1')).toBe('Cloudflare DNS');
    expect(resolverName('8.8.8.8:5353')).toBe('the reference DNS server 8.8.8.8:5353');
    expect(resolverShortName('127.0.0.2')).toBe('Reference 127.0.0.2');
  });
});
