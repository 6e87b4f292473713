import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppArgs } from './app-args.js';

const CWD = path.resolve('/home/user/work');

describe('parseAppArgs', () => {
  it('uses the built-in profile when none is given, ignoring Chromium’s and Playwright’s switches', () => {
    expect(parseAppArgs(['/usr/lib/electron', '.', '--inspect=0', '--remote-debugging-port=0', '--no-sandbox'], CWD)).toEqual({
      ok: true,
      args: {},
    });
  });

  it('reads --profile FILE and --profile=FILE, relative to the working directory', () => {
    expect(parseAppArgs(['electron', '.', '--profile', 'lab.json'], CWD)).toEqual({
      ok: true,
      args: { profilePath: path.join(CWD, 'lab.json') },
    });
    expect(parseAppArgs(['Gateway Doctor', `--profile=${path.resolve('/tmp/p.json')}`], CWD)).toEqual({
      ok: true,
      args: { profilePath: path.resolve('/tmp/p.json') },
    });
  });

  it('refuses a missing value and a repeated option', () => {
    expect(parseAppArgs(['electron', '.', '--profile'], CWD)).toMatchObject({ ok: false, message: expect.stringMatching(/needs a file/) });
    expect(parseAppArgs(['electron', '.', '--profile', '--no-sandbox'], CWD)).toMatchObject({ ok: false });
    expect(parseAppArgs(['electron', '--profile='], CWD)).toMatchObject({ ok: false });
    expect(parseAppArgs(['electron', '--profile', 'a.json', '--profile=b.json'], CWD)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/more than once/),
    });
  });
});
