// The engine protocol's parsers, both ways: what each side accepts, and what it drops.
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../engine/profile.js';
import { parseClientMessage, parseHostMessage, proxyQueryTarget } from './engine-protocol.js';

const profile = parseProfile(
  {
    name: 'Lab',
    targets: [
      { id: 'app', url: 'https://chat.lab/' },
      { id: 'auth', url: 'http://auth.lab:8080/login?next=%2F' },
    ],
  },
  'test profile',
);

describe('init (main → engine)', () => {
  it('says whether main answers proxy questions', () => {
    expect(parseClientMessage({ init: { profile } })).toEqual({ kind: 'init', profile, resolvesProxies: false });
    expect(parseClientMessage({ init: { profile, resolvesProxies: true } })).toEqual({ kind: 'init', profile, resolvesProxies: true });
    expect(parseClientMessage({ init: { profile, resolvesProxies: 'yes' } })).toMatchObject({ kind: 'invalid' });
  });
});

describe('resolve-proxy (engine → main)', () => {
  it('reads a question', () => {
    expect(parseHostMessage({ type: 'resolve-proxy', id: 3, url: 'https://chat.lab/' })).toEqual({ kind: 'resolve-proxy', id: 3, url: 'https://chat.lab/' });
  });

  it('drops malformed questions', () => {
    for (const bad of [
      { type: 'resolve-proxy', id: 3 },
      { type: 'resolve-proxy', id: -1, url: 'https://chat.lab/' },
      { type: 'resolve-proxy', id: 1.5, url: 'https://chat.lab/' },
      { type: 'resolve-proxy', id: 3, url: 42 },
      { type: 'resolve-proxy', id: 3, url: `https://chat.lab/${'a'.repeat(2_100)}` },
      { type: 'resolve-proxy', id: 3, url: 'https://chat.lab/', extra: true },
      { type: 'resolve-host', id: 3, url: 'https://chat.lab/' },
    ]) {
      expect(parseHostMessage(bad), JSON.stringify(bad).slice(0, 80)).toMatchObject({ kind: 'invalid' });
    }
  });

  it('does not disturb results, errors and events', () => {
    expect(parseHostMessage({ id: 1, result: null })).toEqual({ kind: 'result', id: 1, result: null });
    expect(parseHostMessage({ id: 1, error: { message: 'no' } })).toEqual({ kind: 'error', id: 1, message: 'no' });
    expect(parseHostMessage({ id: 1, type: 'resolve-proxy', result: 'x' })).toMatchObject({ kind: 'invalid' });
  });
});

describe('proxy-resolved (main → engine)', () => {
  it("reads Electron's answer or main's refusal", () => {
    expect(parseClientMessage({ type: 'proxy-resolved', id: 7, rules: 'PROXY proxy.corp:8080; DIRECT' })).toEqual({
      kind: 'proxy-resolved',
      id: 7,
      rules: 'PROXY proxy.corp:8080; DIRECT',
    });
    expect(parseClientMessage({ type: 'proxy-resolved', id: 7, rules: 'DIRECT' })).toMatchObject({ rules: 'DIRECT' });
    expect(parseClientMessage({ type: 'proxy-resolved', id: 7, error: 'not a target' })).toEqual({ kind: 'proxy-failed', id: 7, message: 'not a target' });
  });

  it('drops answers that are not a PAC result', () => {
    for (const bad of [
      { type: 'proxy-resolved', id: 7 },
      { type: 'proxy-resolved', id: 7, rules: 'PROXY a:1', error: 'both' },
      { type: 'proxy-resolved', id: 7, rules: 42 },
      { type: 'proxy-resolved', id: 7, rules: 'PROXY a:1\nDIRECT' },
      { type: 'proxy-resolved', id: 7, rules: 'PROXY a:1'.padEnd(5_000, ' ') },
      { type: 'proxy-resolved', id: 'seven', rules: 'DIRECT' },
    ]) {
      expect(parseClientMessage(bad), JSON.stringify(bad).slice(0, 80)).toMatchObject({ kind: 'invalid' });
    }
  });
});

describe('proxyQueryTarget', () => {
  it("allows the profile's targets, normalized", () => {
    expect(proxyQueryTarget('https://chat.lab/', profile)).toBe('https://chat.lab/');
    expect(proxyQueryTarget('HTTPS://Chat.LAB', profile)).toBe('https://chat.lab/');
    expect(proxyQueryTarget('https://chat.lab:443/', profile)).toBe('https://chat.lab/');
    expect(proxyQueryTarget('http://auth.lab:8080/login?next=%2F', profile)).toBe('http://auth.lab:8080/login?next=%2F');
  });

  it('refuses every other URL', () => {
    for (const url of [
      'https://chat.lab/other',
      'http://chat.lab/',
      'https://evil.example/',
      'http://auth.lab:8080/login',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ws://chat.lab/',
      'not a url',
      '',
    ]) {
      expect(proxyQueryTarget(url, profile), url).toBeNull();
    }
  });
});
