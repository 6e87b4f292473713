// Runs the operations a backend planned: directly when the process has the rights, otherwise with exactly those
// operations elevated (elevation.ts). Commands go through the shared runner (../run-command.ts): an argv array,
// never a shell. On Linux every program, elevated or not, is a trusted absolute path (trusted-program.ts): the
// user's PATH never decides what runs as root.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CommandError, runCommand, type Runner } from '../run-command.js';
import { fileIdentity, writeFileDurable } from './durable-write.js';
import {
  ElevationRefusedError,
  osascriptArgv,
  osascriptRefusal,
  pkexecArgv,
  pkexecRefusal,
  polkitRefusal,
  uacRefusal,
  windowsElevatedArgv,
} from './elevation.js';
import { DIRECT_TIMEOUT_MS, PROMPT_TIMEOUT_MS } from './limits.js';
import { trustedArgv, UntrustedProgramError } from './trusted-program.js';
import { RESOLV_CONF_MAX_BYTES, type Operation } from './types.js';

export interface ExecutorOptions {
  platform: NodeJS.Platform;
  /** root / Administrator: no prompt, the process does it itself. */
  privileged: boolean;
  run?: Runner;
  /**
   * Linux: turns an argv into one whose program is a trusted absolute path, or throws UntrustedProgramError
   * (default trusted-program.ts's trustedArgv; tests point it at their own folders).
   */
  resolveProgram?: (argv: readonly string[]) => string[];
  /** Per command when nobody is asked for a password. */
  timeoutMs?: number;
}

/** A required operation failed (the transaction then puts the saved configuration back). */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}

type Exec = Extract<Operation, { kind: 'exec' }>;
type WriteFile = Extract<Operation, { kind: 'write-file' }>;

function describe(argv: readonly string[]): string {
  const shown = argv.slice(0, 4).join(' ');
  return argv.length > 4 ? `${shown} …` : shown;
}

function stderrLine(error: unknown): string {
  if (error instanceof CommandError) return (error.stderr.trim().split('\n')[0] ?? '') || error.message;
  return (error as Error).message;
}

/** The bytes of a write, bounded: whatever planned it, root never writes more than a resolv.conf can hold. */
function contentOf(op: WriteFile): Buffer {
  const bytes = Buffer.from(op.contentBase64, 'base64');
  if (bytes.length > RESOLV_CONF_MAX_BYTES) throw new OperationError(`refusing to write ${bytes.length} bytes to ${op.path} (at most ${RESOLV_CONF_MAX_BYTES})`);
  if (!path.isAbsolute(op.path)) throw new OperationError(`refusing to write to a relative path: ${op.path}`);
  return bytes;
}

/** macOS and Windows plans name their programs by absolute path already (networksetup, %SystemRoot%\System32…). */
function absoluteProgram(op: Exec, platform: NodeJS.Platform): Exec {
  const program = op.argv[0] ?? '';
  const absolute = platform === 'win32' ? /^[A-Za-z]:\\/.test(program) : program.startsWith('/');
  if (!absolute) throw new OperationError(`refusing to run "${program}" without its full path`);
  return op;
}

export async function executeOperations(operations: readonly Operation[], options: ExecutorOptions): Promise<{ warnings: string[] }> {
  const run = options.run ?? runCommand;
  const resolveProgram = options.resolveProgram ?? ((argv: readonly string[]) => trustedArgv(argv));
  const timeoutMs = options.timeoutMs ?? DIRECT_TIMEOUT_MS;
  const warnings: string[] = [];

  const failed = (op: Exec, error: unknown): void => {
    // A flush tool that is not installed is not worth a warning.
    if (op.optional && (error as { code?: unknown }).code === 'ENOENT') return;
    const message = `${describe(op.argv)} failed: ${stderrLine(error)}`;
    if (op.optional) warnings.push(message);
    else throw new OperationError(message);
  };

  /** The op with its program as a trusted absolute path; null (after `failed`) when there is none. */
  const located = (op: Exec): Exec | null => {
    if (options.platform === 'darwin' || options.platform === 'win32') return absoluteProgram(op, options.platform);
    try {
      return { ...op, argv: resolveProgram(op.argv) };
    } catch (error) {
      if (!(error instanceof UntrustedProgramError)) throw error;
      failed(op, error);
      return null;
    }
  };

  const direct = async (op: Exec): Promise<void> => {
    const exec = located(op);
    if (!exec) return;
    try {
      await run(exec.argv, { timeoutMs });
    } catch (error) {
      const refusal = !options.privileged && error instanceof CommandError ? polkitRefusal(error.stderr) : null;
      if (refusal && !op.optional) throw new ElevationRefusedError(`Changing DNS needs administrator rights and ${refusal}.`);
      failed(op, error);
    }
  };

  if (options.privileged) {
    for (const op of operations) {
      if (op.kind === 'exec') await direct(op);
      else {
        // Root writes in the target's own folder (temp file + rename): nothing in a user-owned place is involved.
        // Owner and mode are the existing file's, never ones a plan (or a journal) names.
        const bytes = contentOf(op);
        const identity = await fileIdentity(op.path);
        await writeFileDurable(op.path, bytes, { mode: identity.mode, uid: identity.uid, gid: identity.gid });
      }
    }
    return { warnings };
  }

  switch (options.platform) {
    case 'linux':
      for (const op of operations) {
        if (op.kind === 'exec' && op.selfAuthorizing) await direct(op);
        else await viaPkexec(op, run, resolveProgram, failed);
      }
      return { warnings };
    case 'darwin':
    case 'win32': {
      const commands = operations.map((op) => {
        if (op.kind !== 'exec') throw new OperationError(`writing ${op.path} is not supported on ${options.platform}`);
        return absoluteProgram(op, options.platform);
      });
      if (commands.length === 0) return { warnings };
      const argv = options.platform === 'darwin' ? osascriptArgv(commands) : windowsElevatedArgv(commands);
      try {
        await run(argv, { timeoutMs: PROMPT_TIMEOUT_MS });
      } catch (error) {
        const stderr = error instanceof CommandError ? error.stderr : '';
        const refusal = options.platform === 'darwin' ? osascriptRefusal(stderr) : uacRefusal(stderr);
        if (refusal) throw new ElevationRefusedError(`Changing DNS needs administrator rights and ${refusal}.`);
        throw new OperationError(`the elevated change failed: ${stderrLine(error)}`);
      }
      return { warnings };
    }
    default:
      throw new OperationError(`changing DNS is not supported on ${options.platform}`);
  }
}

/**
 * Root will write into `file` by name: its folder must be one only root can change, or the user could swap the
 * file for a link to /etc/shadow while the password prompt is up.
 */
async function checkRootWritable(file: string): Promise<void> {
  const dir = path.dirname(file);
  const [folder, target] = await Promise.all([stat(dir), stat(file)]);
  if (folder.uid !== 0 || (folder.mode & 0o022) !== 0) {
    throw new OperationError(`refusing to have root write ${file}: its folder ${dir} can be changed by someone else than root`);
  }
  if (!target.isFile()) throw new OperationError(`refusing to have root write ${file}: it is not a regular file`);
}

async function viaPkexec(
  op: Operation,
  run: Runner,
  resolveProgram: (argv: readonly string[]) => string[],
  failed: (op: Exec, error: unknown) => void,
): Promise<void> {
  let pkexec: string;
  try {
    pkexec = resolveProgram(['pkexec'])[0]!;
  } catch {
    throw new ElevationRefusedError('Changing DNS needs administrator rights: run the command as root (pkexec is not installed).');
  }
  let exec: Exec;
  let input: Buffer | undefined;
  if (op.kind === 'write-file') {
    // The bytes go to root's `tee` on stdin: no temp file anywhere the user could replace with a link. tee writes
    // into the existing file (keeping its owner and mode, and working on a mount point). Not atomic like the root
    // path's rename: a reader in that instant may see a short file. Documented trade-off for a rare setup.
    input = contentOf(op);
    await checkRootWritable(op.path);
    exec = { kind: 'exec', argv: [...resolveTrusted(resolveProgram, 'tee'), '--', op.path] };
  } else {
    try {
      exec = { ...op, argv: resolveProgram(op.argv) };
    } catch (error) {
      if (!(error instanceof UntrustedProgramError)) throw error;
      failed(op, error);
      return;
    }
  }
  try {
    // tee echoes what it writes: that stdout is never looked at.
    await run(pkexecArgv(pkexec, exec.argv), { timeoutMs: PROMPT_TIMEOUT_MS, ...(input ? { input } : {}) });
  } catch (error) {
    const refusal = error instanceof CommandError ? pkexecRefusal(error.exitCode, error.stderr) : null;
    if (refusal && !exec.optional) throw new ElevationRefusedError(`Changing DNS needs administrator rights and ${refusal}.`);
    failed(exec, error);
  }
}

function resolveTrusted(resolveProgram: (argv: readonly string[]) => string[], name: string): string[] {
  try {
    return resolveProgram([name]);
  } catch (error) {
    throw new OperationError((error as Error).message);
  }
}
