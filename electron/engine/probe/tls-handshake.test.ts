import { describe, expect, it } from 'vitest';
import { tlsProblemFor } from './tls-handshake.js';

describe('tlsProblemFor', () => {
  it.each([
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
  ])('%s is an unknown issuer, whatever the name', (code) => {
    expect(tlsProblemFor(code, true)).toBe('unknown-issuer');
    expect(tlsProblemFor(code, false)).toBe('unknown-issuer');
  });
  it('names expired and wrong-host certificates', () => {
    expect(tlsProblemFor('CERT_HAS_EXPIRED', true)).toBe('expired');
    expect(tlsProblemFor(undefined, false)).toBe('wrong-host');
    expect(tlsProblemFor('ERR_TLS_CERT_ALTNAME_INVALID', false)).toBe('wrong-host');
  });
  it('calls any other verification error other, and a good certificate no problem', () => {
    expect(tlsProblemFor('CERT_NOT_YET_VALID', true)).toBe('other');
    expect(tlsProblemFor(undefined, true)).toBeUndefined();
  });
});
