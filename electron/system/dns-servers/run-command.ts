// The thin runner: executes an argv array (never a shell string) with a timeout, and says why it failed.
import { execFile } from 'node:child_process';

export type CommandResult = { ok: true; stdout: string } | { ok: false; code: string; message: string };

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export type CommandRunner = (argv: string[], options: RunOptions) => Promise<CommandResult>;

export const runCommand: CommandRunner = (argv, options) => {
  const [command, ...args] = argv;
  if (!command) return Promise.resolve({ ok: false, code: 'EINVAL', message: 'empty command' });
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 4 * 1024 * 1024,
        windowsHide: true,
        encoding: 'utf8',
        // Untranslated output where a tool would translate it.
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout) => {
        if (!error) return resolve({ ok: true, stdout });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean };
        const code = failure.killed ? 'ETIMEDOUT' : typeof failure.code === 'string' ? failure.code : `EXIT_${String(failure.code ?? '?')}`;
        resolve({ ok: false, code, message: failure.message.split('\n')[0]! });
      },
    );
  });
};
