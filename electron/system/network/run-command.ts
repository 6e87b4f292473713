// The thin runner under every network/proxy adapter: one argv array (never a shell string), a hard timeout, the
// sweep's abort signal, and output decoded as text. Pure argv builders and parsers live next to it.
import { execFile } from 'node:child_process';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest stdout accepted (route tables and registry dumps are small). */
  maxBuffer?: number;
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
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CommandError(`${file}: cancelled before it started`, 'ECANCELLED', argv));
      return;
    }
    let timedOut = false;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    execFile(
      file,
      args,
      {
        signal: controller.signal,
        windowsHide: true,
        maxBuffer: options.maxBuffer ?? 4 * 1024 * 1024,
        env: commandEnv(),
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        const durationMs = Math.round(performance.now() - started);
        if (!error) {
          resolve({ stdout, stderr, durationMs });
          return;
        }
        const failure = error as NodeJS.ErrnoException & { code?: string | number };
        if (timedOut) reject(new CommandError(`${file}: no answer within ${options.timeoutMs} ms`, 'ETIMEDOUT', argv, stderr));
        else if (failure.name === 'AbortError') reject(new CommandError(`${file}: cancelled`, 'ECANCELLED', argv, stderr));
        else if (typeof failure.code === 'number')
          reject(new CommandError(`${file} exited with status ${failure.code}: ${firstLine(stderr)}`, 'EEXIT', argv, stderr, failure.code));
        else reject(new CommandError(`${file}: ${failure.message}`, failure.code ?? 'EEXEC', argv, stderr));
      },
    );
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
