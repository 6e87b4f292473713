// The notifiers' argv builders (pure), the one-line note when a notifier is missing (for real: there is no
// notify-send on the test machine, or a fake PATH makes sure of it), and the Windows text arriving as data through
// the environment (run for real with Node standing in for PowerShell, which cannot run here).
import { describe, expect, it } from 'vitest';
import { CommandError, runCommand, type Runner } from '../run-command.js';
import {
  notificationCommand,
  sendDesktopNotification,
  WINDOWS_BODY_VARIABLE,
  WINDOWS_TITLE_VARIABLE,
} from './desktop-notification.js';

const HOSTILE_TITLE = 'Lab"; rm -rf ~; echo "\n$(id)`id` works again';
const HOSTILE_BODY = "--help' & calc.exe & '\u001b]0;pwned\u0007";

describe('notificationCommand', () => {
  it('Linux: notify-send with the texts as the last two argv items, after "--"', () => {
    expect(notificationCommand('ChatGPT works again', 'ChatGPT answers normally.', 'linux')).toEqual({
      argv: ['notify-send', '--app-name=Gateway Doctor', '--', 'ChatGPT works again', 'ChatGPT answers normally.'],
    });
  });

  it('macOS: a fixed AppleScript run handler; the texts are its argv, never its code', () => {
    const { argv } = notificationCommand(HOSTILE_TITLE, HOSTILE_BODY, 'darwin')!;
    expect(argv.slice(0, 7)).toEqual([
      '/usr/bin/osascript',
      '-e',
      'on run argv',
      '-e',
      'display notification (item 2 of argv) with title (item 1 of argv)',
      '-e',
      'end run',
    ]);
    expect(argv).toHaveLength(9);
    // One line each, control characters out, and no leading "-" that osascript would read as an option.
    expect(argv[7]).toBe('Lab"; rm -rf ~; echo " $(id)`id` works again');
    expect(argv[8]).toBe("\u2010-help' & calc.exe & ' ]0;pwned");
  });

  it('Windows: PowerShell by its full path with a fixed script; the texts go through environment variables', () => {
    const command = notificationCommand(HOSTILE_TITLE, HOSTILE_BODY, 'win32', { SystemRoot: 'C:\\Windows' })!;
    expect(command.argv.slice(0, 4)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    const script = command.argv[4]!;
    expect(script).toContain(`$env:${WINDOWS_TITLE_VARIABLE}`);
    expect(script).not.toContain('rm -rf');
    expect(script).not.toContain('calc.exe');
    expect(command.env).toEqual({
      [WINDOWS_TITLE_VARIABLE]: 'Lab"; rm -rf ~; echo " $(id)`id` works again',
      [WINDOWS_BODY_VARIABLE]: "\u2010-help' & calc.exe & ' ]0;pwned",
    });
  });

  it('has no command where no tool is known', () => {
    expect(notificationCommand('a', 'b', 'aix')).toBeNull();
  });
});

describe('sendDesktopNotification', () => {
  it('a missing notifier is a one-line note, not a failure (for real: nothing on PATH)', async () => {
    const previous = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const outcome = await sendDesktopNotification('Lab works again', 'Lab answers normally.', { platform: 'linux' });
      expect(outcome).toEqual({ sent: false, note: 'no desktop notification: notify-send is not installed' });
    } finally {
      process.env.PATH = previous;
    }
  });

  it('a notifier that fails is a note naming the tool and its status', async () => {
    const failing: Runner = async (argv) => {
      throw new CommandError('osascript exited with status 1', 'EEXIT', argv, 'execution error', 1);
    };
    expect(await sendDesktopNotification('t', 'b', { platform: 'darwin', run: failing })).toEqual({
      sent: false,
      note: 'no desktop notification: osascript failed (it exited with status 1)',
    });
  });

  it('runs the command it built, with its environment', async () => {
    const calls: { argv: readonly string[]; env?: Record<string, string> }[] = [];
    const recording: Runner = async (argv, options) => {
      calls.push({ argv, ...(options.env ? { env: options.env } : {}) });
      return { stdout: '', stderr: '', durationMs: 1 };
    };
    expect(await sendDesktopNotification('t', 'b', { platform: 'win32', run: recording })).toEqual({ sent: true });
    expect(calls[0]!.env).toEqual({ [WINDOWS_TITLE_VARIABLE]: 't', [WINDOWS_BODY_VARIABLE]: 'b' });
  });

  it('text passed through the environment arrives as data, byte for byte (the Windows path, run with Node)', async () => {
    const { env } = notificationCommand(HOSTILE_TITLE, HOSTILE_BODY, 'win32')!;
    const echo = `process.stdout.write(process.env.${WINDOWS_TITLE_VARIABLE} + "|" + process.env.${WINDOWS_BODY_VARIABLE})`;
    const { stdout } = await runCommand([process.execPath, '-e', echo], { timeoutMs: 10_000, env: env! });
    expect(stdout).toBe(`${env![WINDOWS_TITLE_VARIABLE]}|${env![WINDOWS_BODY_VARIABLE]}`);
  });
});
