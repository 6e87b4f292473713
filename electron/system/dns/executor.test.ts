import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, type RunOptions, type Runner } from '../run-command.js';
import { ElevationRefusedError } from './elevation.js';
import { executeOperations, OperationError } from './executor.js';
import type { Operation } from './types.js';

const dir = (): string => mkdtempSync(path.join(tmpdir(), 'gd-exec-'));
const b64 = (text: string): string => Buffer.from(text).toString('base64');
/** Stands in for the trusted-folder lookup (pkexec, nmcli… are not installed here). */
const resolveProgram = (argv: readonly string[]): string[] => (argv[0]!.startsWith('/') ? [...argv] : [`/usr/bin/${argv[0]}`, ...argv.slice(1)]);

/** Records each argv (and what went to stdin); `answer` decides what it does (default: succeed silently). */
function recorder(answer: (argv: readonly string[], options: RunOptions) => void = () => {}) {
  const calls: string[][] = [];
  const inputs: (string | undefined)[] = [];
  const run: Runner = async (argv, options) => {
    calls.push([...argv]);
    inputs.push(options.input === undefined ? undefined : Buffer.from(options.input).toString());
    answer(argv, options);
    return { stdout: '', stderr: '', durationMs: 1 };
  };
  return { run, calls, inputs };
}

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

const fail = (argv: readonly string[], code: string, stderr: string, exitCode: number | null = 1): never => {
  throw new CommandError(`${argv[0]} failed`, code, argv, stderr, exitCode);
};

describe('executeOperations with the rights already (root / Administrator)', () => {
  it('writes a file durably in place of the old one, keeping its mode', async () => {
    const file = path.join(dir(), 'resolv.conf');
    writeFileSync(file, 'nameserver 10.0.0.1\n', { mode: 0o640 });
    const { run, calls } = recorder();
    await executeOperations([{ kind: 'write-file', path: file, contentBase64: b64('nameserver 127.0.0.2\n') }], {
      platform: 'linux',
      privileged: true,
      run,
    });
    expect(readFileSync(file, 'utf8')).toBe('nameserver 127.0.0.2\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(calls).toEqual([]);
  });

  it('never takes a mode from the operation (a journal could name 0o777): the file keeps its own', async () => {
    const file = path.join(dir(), 'resolv.conf');
    writeFileSync(file, 'nameserver 10.0.0.1\n', { mode: 0o644 });
    // What an edited journal would carry, smuggled past the type.
    const op = { kind: 'write-file', path: file, contentBase64: b64('nameserver 127.0.0.2\n'), mode: 0o4777 } as Operation;
    await executeOperations([op], { platform: 'linux', privileged: true });
    expect(readFileSync(file, 'utf8')).toBe('nameserver 127.0.0.2\n');
    expect(statSync(file).mode & 0o7777).toBe(0o644);
  });

  it('refuses to write more than a resolv.conf can hold, changing nothing', async () => {
    const file = path.join(dir(), 'resolv.conf');
    writeFileSync(file, 'nameserver 10.0.0.1\n');
    const huge = Buffer.alloc(64 * 1024 + 1, 'x').toString('base64');
    await expect(executeOperations([{ kind: 'write-file', path: file, contentBase64: huge }], { platform: 'linux', privileged: true })).rejects.toThrow(
      /refusing to write 65537 bytes/,
    );
    expect(readFileSync(file, 'utf8')).toBe('nameserver 10.0.0.1\n');
  });

  it('runs commands directly, in order; an optional failure is a warning, a missing optional tool is nothing', async () => {
    const { run, calls } = recorder((argv) => {
      if (argv[1] === 'flush-caches') fail(argv, 'EEXIT', 'Failed to flush caches: Unit dbus-org.freedesktop.resolve1.service not found.\n');
      if (argv[0] === '/usr/bin/nscd') fail(argv, 'ENOENT', '');
    });
    const ops: Operation[] = [
      { kind: 'exec', argv: ['nmcli', 'device', 'reapply', 'eth0'], selfAuthorizing: true },
      { kind: 'exec', argv: ['resolvectl', 'flush-caches'], optional: true },
      { kind: 'exec', argv: ['nscd', '-i', 'hosts'], optional: true },
    ];
    const { warnings } = await executeOperations(ops, { platform: 'linux', privileged: true, run, resolveProgram });
    expect(calls).toEqual(ops.map((o) => resolveProgram((o as { argv: string[] }).argv)));
    expect(warnings).toEqual(['resolvectl flush-caches failed: Failed to flush caches: Unit dbus-org.freedesktop.resolve1.service not found.']);
  });

  it('stops at a required failure with the tool\'s own words', async () => {
    const { run, calls } = recorder((argv) => fail(argv, 'EEXIT', "Error: Failed to modify connection 'x': ipv6.dns: invalid IP address\n"));
    await expect(
      executeOperations(
        [
          { kind: 'exec', argv: ['nmcli', 'connection', 'modify', 'uuid', 'u'] },
          { kind: 'exec', argv: ['nmcli', 'device', 'reapply', 'eth0'] },
        ],
        { platform: 'linux', privileged: true, run, resolveProgram },
      ),
    ).rejects.toThrow(new OperationError("nmcli connection modify uuid … failed: Error: Failed to modify connection 'x': ipv6.dns: invalid IP address"));
    expect(calls).toHaveLength(1);
  });
});

describe('executeOperations without the rights', () => {
  it('Linux: polkit tools run as they are; a file is written by pkexec tee from stdin, no temp file anywhere', async () => {
    const work = dir();
    const real = path.join(work, 'real-resolv.conf');
    writeFileSync(real, 'nameserver 10.0.0.1\n', { mode: 0o640 });
    const link = path.join(work, 'resolv.conf');
    symlinkSync(real, link);
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('gateway-doctor-'));
    // Stands in for pkexec: runs the wrapped argv for real (we cannot answer a password prompt here).
    const { run, calls, inputs } = recorder((argv, options) => {
      if (argv[0] === '/usr/bin/pkexec') execFileSync(argv[1]!, argv.slice(2), { input: options.input, stdio: ['pipe', 'ignore', 'pipe'] });
    });
    await executeOperations(
      [
        { kind: 'exec', argv: ['resolvectl', 'dns', 'eth0', '8.8.8.8'], selfAuthorizing: true },
        { kind: 'write-file', path: real, contentBase64: b64('nameserver 8.8.8.8\n') },
      ],
      { platform: 'linux', privileged: false, run, resolveProgram },
    );
    expect(calls[0]).toEqual(['/usr/bin/resolvectl', 'dns', 'eth0', '8.8.8.8']);
    // Only the target is named: the bytes come on stdin, so there is no source file to swap for a link.
    expect(calls[1]).toEqual(['/usr/bin/pkexec', '/usr/bin/tee', '--', real]);
    expect(inputs[1]).toBe('nameserver 8.8.8.8\n');
    expect(readFileSync(real, 'utf8')).toBe('nameserver 8.8.8.8\n');
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('gateway-doctor-'))).toEqual(before);
  });

  it('Linux: root does not write by name into a folder others can change (they could swap in a link)', async () => {
    const work = dir();
    chmodSync(work, 0o777);
    const file = path.join(work, 'resolv.conf');
    writeFileSync(file, 'nameserver 10.0.0.1\n');
    const { run, calls } = recorder();
    await expect(
      executeOperations([{ kind: 'write-file', path: file, contentBase64: b64('nameserver 8.8.8.8\n') }], { platform: 'linux', privileged: false, run, resolveProgram }),
    ).rejects.toThrow(new OperationError(`refusing to have root write ${file}: its folder ${work} can be changed by someone else than root`));
    expect(calls).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('nameserver 10.0.0.1\n');
  });

  it('Linux: programs come from the system folders only, never from the PATH the user controls', async () => {
    // A PATH whose first folder holds look-alikes of everything a change runs.
    const planted = dir();
    for (const name of ['pkexec', 'tee', 'cp', 'nmcli', 'resolvectl']) writeFileSync(path.join(planted, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const savedPath = process.env.PATH;
    process.env.PATH = `${planted}${path.delimiter}${savedPath ?? ''}`;
    try {
      const file = path.join(dir(), 'resolv.conf');
      writeFileSync(file, 'nameserver 10.0.0.1\n');
      const { run, calls } = recorder();
      const write: Operation = { kind: 'write-file', path: file, contentBase64: b64('nameserver 8.8.8.8\n') };
      const pkexecInstalled = existsSync('/usr/bin/pkexec') || existsSync('/usr/sbin/pkexec');
      if (!pkexecInstalled) {
        await expect(executeOperations([write], { platform: 'linux', privileged: false, run })).rejects.toThrow(/pkexec is not installed/);
      }
      const nmcliInstalled = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].some((d) => existsSync(path.join(d, 'nmcli')));
      if (!nmcliInstalled) {
        await expect(
          executeOperations([{ kind: 'exec', argv: ['nmcli', 'device', 'reapply', 'eth0'], selfAuthorizing: true }], { platform: 'linux', privileged: false, run }),
        ).rejects.toThrow(/nmcli device reapply eth0 failed: nmcli is not installed in \/usr\/bin, \/bin, \/usr\/sbin, \/sbin/);
      }
      for (const argv of calls) expect(argv.some((arg) => arg.startsWith(planted))).toBe(false);
      expect(calls.every((argv) => argv[0]!.startsWith('/usr/') || argv[0]!.startsWith('/bin/') || argv[0]!.startsWith('/sbin/'))).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe('nameserver 10.0.0.1\n');
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('Linux: a dismissed pkexec prompt or a polkit refusal is an ElevationRefusedError', async () => {
    const dismissed = recorder((argv) => fail(argv, 'EEXIT', 'Error executing command as another user: Request dismissed\n', 126));
    await expect(
      executeOperations([{ kind: 'exec', argv: ['/usr/sbin/some-tool', 'x'] }], { platform: 'linux', privileged: false, run: dismissed.run, resolveProgram }),
    ).rejects.toBeInstanceOf(ElevationRefusedError);
    const polkit = recorder((argv) => fail(argv, 'EEXIT', "Error: Failed to modify connection 'Wired connection 1': Insufficient privileges\n"));
    await expect(
      executeOperations([{ kind: 'exec', argv: ['nmcli', 'connection', 'modify'], selfAuthorizing: true }], {
        platform: 'linux',
        privileged: false,
        run: polkit.run,
        resolveProgram,
      }),
    ).rejects.toThrow(/needs administrator rights and the system refused the authorization \(insufficient privileges\)/);
  });

  it('macOS: every command under one osascript prompt; "User canceled" is a refusal', async () => {
    const { run, calls } = recorder();
    await executeOperations(
      [
        { kind: 'exec', argv: ['/usr/sbin/networksetup', '-setdnsservers', 'Wi-Fi', '8.8.8.8'] },
        { kind: 'exec', argv: ['/usr/bin/killall', '-HUP', 'mDNSResponder'], optional: true },
      ],
      { platform: 'darwin', privileged: false, run },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('/usr/bin/osascript');
    expect(calls[0]![2]).toContain("'/usr/sbin/networksetup' '-setdnsservers' 'Wi-Fi' '8.8.8.8' && { '/usr/bin/killall'");
    const cancel = recorder((argv) => fail(argv, 'EEXIT', '0:186: execution error: User canceled. (-128)\n'));
    await expect(
      executeOperations([{ kind: 'exec', argv: ['/usr/sbin/networksetup', '-setdnsservers', 'Wi-Fi', 'empty'] }], { platform: 'darwin', privileged: false, run: cancel.run }),
    ).rejects.toThrow(ElevationRefusedError);
  });

  it('Windows: one elevated PowerShell; a declined UAC prompt is a refusal', async () => {
    const { run, calls } = recorder();
    await executeOperations([{ kind: 'exec', argv: [PS, '-EncodedCommand', 'QQA='] }, { kind: 'exec', argv: ['C:\\Windows\\System32\\ipconfig.exe', '/flushdns'], optional: true }], {
      platform: 'win32',
      privileged: false,
      run,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(PS);
    expect(calls[0]![4]).toContain('-Verb RunAs');
    // A program named without its full path would be looked up through PATH and the current folder: refused.
    await expect(
      executeOperations([{ kind: 'exec', argv: ['ipconfig.exe', '/flushdns'] }], { platform: 'win32', privileged: false, run }),
    ).rejects.toThrow(new OperationError('refusing to run "ipconfig.exe" without its full path'));
    expect(calls).toHaveLength(1);
    const declined = recorder((argv) => fail(argv, 'EEXIT', 'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.\n'));
    await expect(
      executeOperations([{ kind: 'exec', argv: [PS, '-EncodedCommand', 'QQA='] }], { platform: 'win32', privileged: false, run: declined.run }),
    ).rejects.toThrow(/UAC\) was declined/);
  });
});
