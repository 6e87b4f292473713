import { describe, expect, it } from 'vitest';
import { parseBridgeArgs } from './args.js';
import { hostAllowed, originAllowed, tokenMatches } from './request-guard.js';

describe('hostAllowed', () => {
  it('accepts only 127.0.0.1 and localhost with the exact port', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true);
    expect(hostAllowed('localhost:4000', 4000)).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', 'localhost', '127.0.0.1:40000', 'evil.example:4000', 'LOCALHOST:4000', '[::1]:4000', '127.0.0.1:4000.evil.example', '0.0.0.0:4000']) {
      expect(hostAllowed(host, 4000), String(host)).toBe(false);
    }
  });
});

describe('originAllowed', () => {
  it('accepts no Origin or the same origin as the Host, nothing else', () => {
    expect(originAllowed(undefined, '127.0.0.1:4000')).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', '127.0.0.1:4000')).toBe(true);
    expect(originAllowed('http://localhost:4000', 'localhost:4000')).toBe(true);
    for (const origin of ['null', '', 'http://localhost:4000', 'https://127.0.0.1:4000', 'http://127.0.0.1:4001', 'http://evil.example']) {
      expect(originAllowed(origin, '127.0.0.1:4000'), origin).toBe(false);
    }
  });
});

describe('tokenMatches', () => {
  it('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    for (const given of [undefined, '', 'abd', 'ab', 'abcd', ['abc']]) {
      expect(tokenMatches(given, 'abc'), String(given)).toBe(false);
    }
  });
});

describe('parseBridgeArgs', () => {
  it('reads --profile, --port and --renderer-dir', () => {
    expect(parseBridgeArgs([])).toEqual({ port: 0 });
    expect(parseBridgeArgs(['--profile', 'p.json', '--port', '8080'])).toEqual({ profile: 'p.json', port: 8080 });
    expect(parseBridgeArgs(['--port=0', '--renderer-dir', 'x'])).toEqual({ port: 0, rendererDir: 'x' });
  });

  it('refuses bad ports, unknown options and positionals', () => {
    for (const argv of [['--port', '65536'], ['--port', 'abc'], ['--port', '1e3'], ['--port', ''], ['--port', '80.5'], ['--nope'], ['file.json'], ['--profile']]) {
      expect(() => parseBridgeArgs(argv), argv.join(' ')).toThrow();
    }
  });
});
