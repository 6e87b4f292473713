// The one thin runner under every OS adapter (network, proxy, DNS servers, DNS switch): one argv array (never a
// shell string), a hard timeout, the caller's abort signal, unlocalized output decoded as text. Pure argv builders
// and parsers live with each adapter; only this executes.
import { execFile } from 'node:child_process';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest stdout accepted (route tables and registry dumps are small). */
  maxBuffer?: number;
  /**
   * Sent on timeout or abort. SIGTERM lets a tool that changes settings stop cleanly; a read-only probe under a
   * sweep's deadline passes SIGKILL so a tool that ignores SIGTERM cannot hold the deadline.
   */
  killSignal?: NodeJS.Signals;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs one command; adapters take it as a parameter so tests can feed captured output. */
export type Runner = (argv: readonly string[], options: RunOptions) => Promise<RunResult>;

/** A command that could not run, timed out, was cancelled, or exited non-zero. */
export class CommandError extends Error {
  constructor(
    message: string,
    /** ENOENT (not installed), ETIMEDOUT, ECANCELLED, EEXIT (non-zero status) or Node's errno code. */
    readonly code: string,
    readonly argv: readonly string[],
    readonly stderr = '',
    readonly exitCode: number | null = null,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** English, unlocalized output where the tool honours it; the caller's environment otherwise. */
function commandEnv(): NodeJS.ProcessEnv {
  if (process.platform === 'win32') return process.env;
  return { ...process.env, LC_ALL: 'C', LANG: 'C' };
}

export function runCommand(argv: readonly string[], options: RunOptions): Promise<RunResult> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new CommandError('empty command', 'EINVAL', argv));
  if (options.signal?.aborted) return Promise.reject(new CommandError(`${file}: cancelled before it started`, 'ECANCELLED', argv));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Timeout and abort settle at once and kill with our own signal: execFile's `signal` option always sends
    // SIGTERM, and its `timeout` option waits for the exit (forever, for a tool that ignores the signal).
    let stopped = false;
    const child = execFile(
      file,
      args,
      { windowsHide: true, maxBuffer: options.maxBuffer ?? 4 * 1024 * 1024, env: commandEnv(), encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (stopped) return;
        cleanUp();
        const durationMs = Math.round(performance.now() - started);
        if (!error) {
          resolve({ stdout, stderr, durationMs });
          return;
        }
        const failure = error as NodeJS.ErrnoException & { code?: string | number };
        if (typeof failure.code === 'number')
          reject(new CommandError(`${file} exited with status ${failure.code}: ${firstLine(stderr)}`, 'EEXIT', argv, stderr, failure.code));
        else reject(new CommandError(`${file}: ${failure.message}`, failure.code ?? 'EEXEC', argv, stderr));
      },
    );
    // What the tool said before it was stopped (execFile hands its buffer only to the exit callback).
    let stderrSoFar = '';
    child.stderr?.on('data', (chunk: string) => {
      stderrSoFar += chunk;
    });
    const stop = (code: 'ETIMEDOUT' | 'ECANCELLED'): void => {
      if (stopped) return;
      stopped = true;
      cleanUp();
      child.kill(options.killSignal ?? 'SIGTERM');
      const message = code === 'ETIMEDOUT' ? `${file}: no answer within ${options.timeoutMs} ms` : `${file}: cancelled`;
      reject(new CommandError(message, code, argv, stderrSoFar));
    };
    const onAbort = (): void => stop('ECANCELLED');
    const timer = setTimeout(() => stop('ETIMEDOUT'), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    function cleanUp(): void {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/**
 * PowerShell without profile or prompts, for one read-only pipeline. The pipeline text is ours (validated data
 * only); output is forced to UTF-8 so localized adapter names ("WLAN-Verbindung", "Ethernet 2") survive.
 */
export function powershellArgv(pipeline: string): string[] {
  return [
    'powershell.exe',
    '-NoProfile',
    '-NonInteractive',
    '-Command',
    `[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ${pipeline}`,
  ];
}
