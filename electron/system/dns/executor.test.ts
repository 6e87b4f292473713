import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, type Runner } from '../run-command.js';
import { ElevationRefusedError } from './elevation.js';
import { executeOperations, OperationError } from './executor.js';
import type { Operation } from './types.js';

const dir = (): string => mkdtempSync(path.join(tmpdir(), 'gd-exec-'));
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const which = (name: string): string => (name.startsWith('/') ? name : `/usr/bin/${name}`);

/** Records each argv; `answer` decides what it does (default: succeed silently). */
function recorder(answer: (argv: readonly string[]) => void = () => {}) {
  const calls: string[][] = [];
  const run: Runner = async (argv) => {
    calls.push([...argv]);
    answer(argv);
    return { stdout: '', stderr: '', durationMs: 1 };
  };
  return { run, calls };
}

const fail = (argv: readonly string[], code: string, stderr: string, exitCode: number | null = 1): never => {
  throw new CommandError(`${argv[0]} failed`, code, argv, stderr, exitCode);
};

describe('executeOperations with the rights already (root / Administrator)', () => {
  it('writes a file durably in place of the old one, keeping its mode', async () => {
    const file = path.join(dir(), 'resolv.conf');
    writeFileSync(file, 'nameserver 10.0.0.1\n', { mode: 0o640 });
    const { run, calls } = recorder();
    await executeOperations([{ kind: 'write-file', path: file, contentBase64: b64('nameserver 127.0.0.2\n'), mode: 0o640 }], {
      platform: 'linux',
      privileged: true,
      run,
    });
    expect(readFileSync(file, 'utf8')).toBe('nameserver 127.0.0.2\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(calls).toEqual([]);
  });

  it('runs commands directly, in order; an optional failure is a warning, a missing optional tool is nothing', async () => {
    const { run, calls } = recorder((argv) => {
      if (argv[1] === 'flush-caches') fail(argv, 'EEXIT', 'Failed to flush caches: Unit dbus-org.freedesktop.resolve1.service not found.\n');
      if (argv[0] === 'nscd') fail(argv, 'ENOENT', '');
    });
    const ops: Operation[] = [
      { kind: 'exec', argv: ['nmcli', 'device', 'reapply', 'eth0'], selfAuthorizing: true },
      { kind: 'exec', argv: ['resolvectl', 'flush-caches'], optional: true },
      { kind: 'exec', argv: ['nscd', '-i', 'hosts'], optional: true },
    ];
    const { warnings } = await executeOperations(ops, { platform: 'linux', privileged: true, run });
    expect(calls).toEqual(ops.map((o) => (o as { argv: string[] }).argv));
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
        { platform: 'linux', privileged: true, run },
      ),
    ).rejects.toThrow(new OperationError("nmcli connection modify uuid … failed: Error: Failed to modify connection 'x': ipv6.dns: invalid IP address"));
    expect(calls).toHaveLength(1);
  });
});

describe('executeOperations without the rights', () => {
  it('Linux: polkit tools run as they are; a file is copied by pkexec cp from a private temp file', async () => {
    const work = dir();
    const real = path.join(work, 'real-resolv.conf');
    writeFileSync(real, 'nameserver 10.0.0.1\n');
    const link = path.join(work, 'resolv.conf');
    symlinkSync(real, link);
    // Stands in for pkexec: runs the wrapped argv for real (we cannot answer a password prompt here).
    const { run, calls } = recorder((argv) => {
      if (argv[0] === '/usr/bin/pkexec') execFileSync(argv[1]!, argv.slice(2));
    });
    await executeOperations(
      [
        { kind: 'exec', argv: ['resolvectl', 'dns', 'eth0', '8.8.8.8'], selfAuthorizing: true },
        { kind: 'write-file', path: real, contentBase64: b64('nameserver 8.8.8.8\n'), mode: 0o644 },
      ],
      { platform: 'linux', privileged: false, run, which },
    );
    expect(calls[0]).toEqual(['resolvectl', 'dns', 'eth0', '8.8.8.8']);
    expect(calls[1]!.slice(0, 4)).toEqual(['/usr/bin/pkexec', '/usr/bin/cp', '-T', '--']);
    expect(calls[1]![5]).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('nameserver 8.8.8.8\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
  });

  it('Linux: a dismissed pkexec prompt or a polkit refusal is an ElevationRefusedError', async () => {
    const dismissed = recorder((argv) => fail(argv, 'EEXIT', 'Error executing command as another user: Request dismissed\n', 126));
    await expect(
      executeOperations([{ kind: 'exec', argv: ['/usr/sbin/some-tool', 'x'] }], { platform: 'linux', privileged: false, run: dismissed.run, which }),
    ).rejects.toBeInstanceOf(ElevationRefusedError);
    const polkit = recorder((argv) => fail(argv, 'EEXIT', "Error: Failed to modify connection 'Wired connection 1': Insufficient privileges\n"));
    await expect(
      executeOperations([{ kind: 'exec', argv: ['nmcli', 'connection', 'modify'], selfAuthorizing: true }], {
        platform: 'linux',
        privileged: false,
        run: polkit.run,
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
    await executeOperations([{ kind: 'exec', argv: ['powershell.exe', '-EncodedCommand', 'QQA='] }, { kind: 'exec', argv: ['ipconfig.exe', '/flushdns'], optional: true }], {
      platform: 'win32',
      privileged: false,
      run,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]![4]).toContain('-Verb RunAs');
    const declined = recorder((argv) => fail(argv, 'EEXIT', 'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.\n'));
    await expect(
      executeOperations([{ kind: 'exec', argv: ['powershell.exe', '-EncodedCommand', 'QQA='] }], { platform: 'win32', privileged: false, run: declined.run }),
    ).rejects.toThrow(/UAC\) was declined/);
  });
});
