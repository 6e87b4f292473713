// The trusted-folder lookup on the real file system: look-alikes first in PATH, files and folders others can
// change, links that lead out of a trusted folder. Ownership checks need root to chown test files to someone else.
import { chmodSync, chownSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTrustedProgram, trustedArgv, untrustedReason, UntrustedProgramError } from './trusted-program.js';

const notRoot = process.getuid?.() !== 0 ? 'not running as root (test files cannot be given to root or chowned away)' : null;
if (notRoot) console.warn(`trusted-program: ownership tests skipped: ${notRoot}`);

/** A root-only folder with an executable `name` in it. */
function folderWith(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-trusted-'));
  chmodSync(dir, 0o755);
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  chmodSync(file, 0o755);
  return { dir, file };
}

describe('findTrustedProgram', () => {
  it('finds tee in /usr/bin even when a look-alike comes first in PATH', () => {
    const planted = folderWith('tee');
    const saved = process.env.PATH;
    process.env.PATH = `${planted.dir}${path.delimiter}${saved ?? ''}`;
    try {
      const found = findTrustedProgram('tee');
      expect(found).not.toBeNull();
      expect(['/usr/bin/tee', '/bin/tee']).toContain(found);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('takes bare names only', () => {
    for (const name of ['../bin/tee', '/usr/bin/tee', '-tee', '', 'te e', 'tee\n']) expect(findTrustedProgram(name)).toBeNull();
  });

  it.skipIf(notRoot !== null)('accepts a root-owned program in a root-only folder, and nothing anyone else can change', () => {
    const { dir, file } = folderWith('tool');
    expect(findTrustedProgram('tool', { dirs: [dir] })).toBe(file);

    chmodSync(file, 0o775); // group-writable
    expect(findTrustedProgram('tool', { dirs: [dir] })).toBeNull();
    expect(untrustedReason(file)).toBe(`${file} can be changed by someone else than root`);
    chmodSync(file, 0o755);

    chownSync(file, 65534, 65534); // owned by nobody
    expect(findTrustedProgram('tool', { dirs: [dir] })).toBeNull();
    chownSync(file, 0, 0);

    chmodSync(dir, 0o777); // anyone may replace it
    expect(untrustedReason(file)).toBe(`its folder ${dir} can be changed by someone else than root`);
    chmodSync(dir, 0o755);

    chmodSync(file, 0o644); // not executable
    expect(untrustedReason(file)).toBe(`${file} is not an executable file`);
  });

  it.skipIf(notRoot !== null)('follows a link to where the program really is, and checks that folder too', () => {
    const trusted = folderWith('unused');
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'gd-untrusted-'));
    chmodSync(elsewhere, 0o777);
    const real = path.join(elsewhere, 'tool');
    writeFileSync(real, '#!/bin/sh\n', { mode: 0o755 });
    symlinkSync(real, path.join(trusted.dir, 'tool'));
    expect(findTrustedProgram('tool', { dirs: [trusted.dir] })).toBeNull();
    expect(untrustedReason(path.join(trusted.dir, 'tool'))).toBe(`its folder ${elsewhere} can be changed by someone else than root`);
  });
});

describe('trustedArgv', () => {
  it('turns a bare name into its trusted path, and keeps the arguments as they are', () => {
    const argv = trustedArgv(['tee', '--', '/etc/resolv.conf']);
    expect(argv.slice(1)).toEqual(['--', '/etc/resolv.conf']);
    expect(path.isAbsolute(argv[0]!)).toBe(true);
  });

  it('refuses a program that is not installed, or an absolute path outside the trusted folders', () => {
    expect(() => trustedArgv(['gateway-doctor-no-such-tool'])).toThrow(
      new UntrustedProgramError('gateway-doctor-no-such-tool is not installed in /usr/bin, /bin, /usr/sbin, /sbin (owned by root)'),
    );
    const { file } = folderWith('tool');
    expect(() => trustedArgv([file, 'x'])).toThrow(UntrustedProgramError);
    expect(() => trustedArgv([])).toThrow(UntrustedProgramError);
  });

  it.skipIf(notRoot !== null)('accepts an absolute path in a trusted folder only when it passes the same checks', () => {
    const { dir, file } = folderWith('tool');
    expect(trustedArgv([file, '-x'], { dirs: [dir] })).toEqual([file, '-x']);
    chmodSync(file, 0o777);
    expect(() => trustedArgv([file], { dirs: [dir] })).toThrow(`refusing to run ${file}: ${file} can be changed by someone else than root`);
  });
});
