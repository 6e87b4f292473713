// Runs the operations a backend planned: directly when the process has the rights, otherwise with exactly those
// operations elevated (elevation.ts). Commands go through the shared runner (../run-command.ts): an argv array, never a shell.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import type { Operation } from './types.js';

export interface ExecutorOptions {
  platform: NodeJS.Platform;
  /** root / Administrator: no prompt, the process does it itself. */
  privileged: boolean;
  run?: Runner;
  /** Finds a program on PATH (pkexec wants absolute paths). */
  which?: (name: string) => string | null;
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

const DIRECT_TIMEOUT_MS = 30_000;
/** Someone is typing a password. */
const PROMPT_TIMEOUT_MS = 300_000;

export function which(name: string, pathEnv = process.env.PATH ?? ''): string | null {
  if (name.includes('/')) return name;
  for (const dir of [...pathEnv.split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function describe(argv: readonly string[]): string {
  const shown = argv.slice(0, 4).join(' ');
  return argv.length > 4 ? `${shown} …` : shown;
}

function stderrLine(error: unknown): string {
  if (error instanceof CommandError) return (error.stderr.trim().split('\n')[0] ?? '') || error.message;
  return (error as Error).message;
}

export async function executeOperations(operations: readonly Operation[], options: ExecutorOptions): Promise<{ warnings: string[] }> {
  const run = options.run ?? runCommand;
  const find = options.which ?? ((name: string) => which(name));
  const timeoutMs = options.timeoutMs ?? DIRECT_TIMEOUT_MS;
  const warnings: string[] = [];

  const failed = (op: Extract<Operation, { kind: 'exec' }>, error: unknown): void => {
    // A flush tool that is not installed is not worth a warning.
    if (op.optional && error instanceof CommandError && error.code === 'ENOENT') return;
    const message = `${describe(op.argv)} failed: ${stderrLine(error)}`;
    if (op.optional) warnings.push(message);
    else throw new OperationError(message);
  };

  const direct = async (op: Extract<Operation, { kind: 'exec' }>): Promise<void> => {
    try {
      await run(op.argv, { timeoutMs });
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
        const identity = await fileIdentity(op.path);
        await writeFileDurable(op.path, Buffer.from(op.contentBase64, 'base64'), { mode: op.mode, uid: identity.uid, gid: identity.gid });
      }
    }
    return { warnings };
  }

  switch (options.platform) {
    case 'linux':
      for (const op of operations) {
        if (op.kind === 'exec' && op.selfAuthorizing) await direct(op);
        else await viaPkexec(op, run, find, failed);
      }
      return { warnings };
    case 'darwin':
    case 'win32': {
      const commands = operations.map((op) => {
        if (op.kind !== 'exec') throw new OperationError(`writing ${op.path} is not supported on ${options.platform}`);
        return op;
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

async function viaPkexec(
  op: Operation,
  run: Runner,
  find: (name: string) => string | null,
  failed: (op: Extract<Operation, { kind: 'exec' }>, error: unknown) => void,
): Promise<void> {
  const pkexec = find('pkexec');
  if (!pkexec) throw new ElevationRefusedError('Changing DNS needs administrator rights: run the command as root (pkexec is not installed).');
  let scratch: string | null = null;
  let exec: Extract<Operation, { kind: 'exec' }>;
  if (op.kind === 'write-file') {
    // The new content goes to a private temp file that root copies over the target: cp writes into the existing
    // file (keeping its owner and mode, and working on a mount point). Not atomic like the root path's rename:
    // a reader in that instant may see a short file. Documented trade-off for a rare setup.
    scratch = await mkdtemp(path.join(tmpdir(), 'gateway-doctor-'));
    const source = path.join(scratch, 'content');
    await writeFile(source, Buffer.from(op.contentBase64, 'base64'), { mode: 0o600 });
    const cp = find('cp') ?? '/bin/cp';
    exec = { kind: 'exec', argv: [cp, '-T', '--', source, op.path] };
  } else {
    const program = find(op.argv[0]!);
    if (!program) throw new OperationError(`${op.argv[0]} is not installed`);
    exec = { ...op, argv: [program, ...op.argv.slice(1)] };
  }
  try {
    await run(pkexecArgv(pkexec, exec.argv), { timeoutMs: PROMPT_TIMEOUT_MS });
  } catch (error) {
    const refusal = error instanceof CommandError ? pkexecRefusal(error.exitCode, error.stderr) : null;
    if (refusal && !exec.optional) throw new ElevationRefusedError(`Changing DNS needs administrator rights and ${refusal}.`);
    failed(exec, error);
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
