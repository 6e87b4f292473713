import { describe, expect, it } from 'vitest';
import { bypassesProxy, ipBytes, isImplicitlyBypassed, parseBypassRules } from './bypass-rules.js';

const bypass = (list: string | string[], url: string, suffixMatching = false): boolean =>
  bypassesProxy(parseBypassRules(list, { suffixMatching }), new URL(url));

describe('ipBytes', () => {
  it('reads IPv4, IPv6, embedded IPv4 and brackets', () => {
    expect(ipBytes('10.1.2.3')).toEqual([10, 1, 2, 3]);
    expect(ipBytes('[::1]')).toEqual([...Array(15).fill(0), 1]);
    expect(ipBytes('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1]);
    expect(ipBytes('fe80::1%eth0')!.slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(ipBytes('example.com')).toBeNull();
  });
});

describe('Chromium bypass rules', () => {
  it('never proxies loopback and link-local hosts, unless <-loopback> says so', () => {
    expect(isImplicitlyBypassed(new URL('http://localhost:8080/'))).toBe(true);
    expect(isImplicitlyBypassed(new URL('http://app.localhost/'))).toBe(true);
    expect(isImplicitlyBypassed(new URL('http://127.5.6.7/'))).toBe(true);
    expect(isImplicitlyBypassed(new URL('http://[::1]/'))).toBe(true);
    expect(isImplicitlyBypassed(new URL('http://169.254.169.254/'))).toBe(true);
    expect(isImplicitlyBypassed(new URL('http://[fe80::1]/'))).toBe(true);
    expect(isImplicitlyBypassed(new URL('https://chatgpt.com/'))).toBe(false);
    expect(bypass('', 'http://127.0.0.1:3000/')).toBe(true);
    expect(bypass('<-loopback>', 'http://127.0.0.1:3000/')).toBe(false);
  });

  it('matches "*", <local>, wildcards, leading dots, schemes and ports', () => {
    expect(bypass('*', 'https://chatgpt.com/')).toBe(true);
    expect(bypass('<local>', 'http://intranet/')).toBe(true);
    expect(bypass('<local>', 'http://intranet.corp/')).toBe(false);
    expect(bypass('*.corp.example', 'https://wiki.corp.example/')).toBe(true);
    expect(bypass('*.corp.example', 'https://corp.example/')).toBe(false);
    expect(bypass('.openai.com', 'https://auth.openai.com/')).toBe(true);
    expect(bypass('chatgpt.com', 'https://chatgpt.com/')).toBe(true);
    expect(bypass('chatgpt.com', 'https://www.chatgpt.com/')).toBe(false);
    expect(bypass('https://chatgpt.com', 'http://chatgpt.com/')).toBe(false);
    expect(bypass('https://chatgpt.com', 'https://chatgpt.com/')).toBe(true);
    expect(bypass('chatgpt.com:8443', 'https://chatgpt.com/')).toBe(false);
    expect(bypass('chatgpt.com:443', 'https://chatgpt.com/')).toBe(true);
    expect(bypass('CHATGPT.COM', 'https://chatgpt.com/')).toBe(true);
  });

  it('NO_PROXY suffix matching: "example.com" means "*example.com"', () => {
    expect(bypass('openai.com', 'https://auth.openai.com/', true)).toBe(true);
    expect(bypass('openai.com', 'https://notopenai.com/', true)).toBe(true); // Chromium's (and curl's old) behaviour
    expect(bypass('openai.com', 'https://openai.org/', true)).toBe(false);
    expect(bypass('localhost, .corp.example ,10.0.0.0/8', 'https://a.corp.example/', true)).toBe(true);
  });

  it('matches IP literals and CIDR blocks only for IP hosts (no DNS)', () => {
    expect(bypass('10.0.0.0/8', 'http://10.20.30.40/')).toBe(true);
    expect(bypass('10.0.0.0/8', 'http://11.0.0.1/')).toBe(false);
    expect(bypass('10.0.0.0/8', 'http://ten.example/')).toBe(false);
    expect(bypass('192.0.2.7', 'http://192.0.2.7:8080/')).toBe(true);
    expect(bypass('169.254/16', 'http://169.254.1.1/', false)).toBe(true);
    expect(bypass(['fd00::/8'], 'http://[fd12::1]/')).toBe(true);
    expect(bypass(['[2001:db8::]/32'], 'http://[2001:db8:1::5]/')).toBe(true);
    expect(bypass(['[2001:db8::]/32'], 'http://[2001:db9::5]/')).toBe(false);
  });

  it('keeps the entries as written for evidence and ignores junk', () => {
    const rules = parseBypassRules('a.example;; ,b.example <-loopback> 300.1.1.1/99');
    expect(rules.entries).toEqual(['a.example', 'b.example', '<-loopback>', '300.1.1.1/99']);
    expect(rules.implicit).toBe(false);
    expect(rules.rules).toHaveLength(2);
  });
});
