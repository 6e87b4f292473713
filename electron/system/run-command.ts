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
  /**
   * Written to the command's stdin, which is then closed (the bytes an elevated `tee` writes, so no temp file
   * sits where the user could swap it). Without it, stdin is left as it was.
   */
  input?: string | Uint8Array;
  /** Extra environment variables: how text reaches a script as data, never spliced into its code. */
  env?: Record<string, string>;
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
      { windowsHide: true, maxBuffer: options.maxBuffer ?? 4 * 1024 * 1024, env: { ...commandEnv(), ...options.env }, encoding: 'utf8' },
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
    if (options.input !== undefined && child.stdin) {
      // A tool that exits before reading everything (a dismissed prompt) closes the pipe: that is its exit status's
      // business, not an uncaught EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
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

const hasControlChars = (value: string): boolean => [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const DRIVE_PATH = /^[A-Za-z]:\\(?:[^\\/:*?"<>|]+\\?)*$/;

/**
 * %SystemRoot% (normally C:\Windows): from the environment when it is an absolute drive path without "." or ".."
 * parts, else C:\Windows. Windows programs are always run by this full path, never looked up through PATH or the
 * current folder, where a planted powershell.exe could come first.
 */
export function windowsSystemRoot(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.SystemRoot ?? env.SYSTEMROOT ?? '';
  const parts = value.split('\\');
  if (!DRIVE_PATH.test(value) || hasControlChars(value) || parts.some((part) => part === '.' || part === '..')) return 'C:\\Windows';
  return value.replace(/\\+$/, '');
}

/** Windows PowerShell 5.1, which every supported Windows has (pwsh 7 is optional). */
export const windowsPowerShellPath = (env: NodeJS.ProcessEnv = process.env): string =>
  `${windowsSystemRoot(env)}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;

/** A program of System32 (ipconfig.exe, route.exe…) by its full path. */
export function windowsSystem32Path(program: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!/^[A-Za-z0-9_-]+\.exe$/.test(program)) throw new Error(`not a System32 program name: "${program}"`);
  return `${windowsSystemRoot(env)}\\System32\\${program}`;
}

/**
 * PowerShell without profile or prompts, for one read-only pipeline. The pipeline text is ours (validated data
 * only); output is forced to UTF-8 so localized adapter names ("WLAN-Verbindung", "Ethernet 2") survive.
 */
export function powershellArgv(pipeline: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    windowsPowerShellPath(env),
    '-NoProfile',
    '-NonInteractive',
    '-Command',
    `[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ${pipeline}`,
  ];
}
