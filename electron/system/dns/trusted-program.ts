// Where the programs of a DNS change come from. What runs as root (under pkexec, or in a root process), and what
// decides what runs as root (the reads whose output becomes a restore), is never looked up through the user's
// PATH, where ~/.local/bin may come first: only in the system's own folders, and only a file that nobody but root
// can change (owned by root, not group- or other-writable, in a folder of the same kind).
import { realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

export const TRUSTED_DIRS: readonly string[] = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/** A bare program name: no path, nothing that reads as an option. */
const PROGRAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}$/;

export interface TrustOptions {
  /** The folders searched, in order (tests point this at a temp folder). */
  dirs?: readonly string[];
}

function rootOnly(info: Stats): boolean {
  return info.uid === 0 && (info.mode & 0o022) === 0;
}

/** Why `file` is not a program root may run, or null when it is one. */
export function untrustedReason(file: string): string | null {
  let real: string;
  let info: Stats;
  try {
    real = realpathSync(file);
    info = statSync(real);
  } catch (error) {
    return `${file} is not there (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!info.isFile() || (info.mode & 0o111) === 0) return `${real} is not an executable file`;
  if (!rootOnly(info)) return `${real} can be changed by someone else than root`;
  for (const dir of new Set([path.dirname(file), path.dirname(real)])) {
    let folder: Stats;
    try {
      folder = statSync(dir);
    } catch {
      return `${dir} cannot be read`;
    }
    if (!rootOnly(folder)) return `its folder ${dir} can be changed by someone else than root`;
  }
  return null;
}

/** The absolute path of `name` in the trusted folders, or null when no trustworthy copy is installed there. */
export function findTrustedProgram(name: string, options: TrustOptions = {}): string | null {
  if (!PROGRAM_NAME.test(name)) return null;
  for (const dir of options.dirs ?? TRUSTED_DIRS) {
    const candidate = path.join(dir, name);
    if (untrustedReason(candidate) === null) return candidate;
  }
  return null;
}

/** A program that is not installed where it may be trusted (the runner treats it as "not installed"). */
export class UntrustedProgramError extends Error {
  readonly code = 'ENOENT';
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedProgramError';
  }
}

/**
 * The argv with its program as a trusted absolute path: a bare name is looked up in the trusted folders, an
 * absolute path must be in one of them and pass the same checks. Throws UntrustedProgramError otherwise.
 */
export function trustedArgv(argv: readonly string[], options: TrustOptions = {}): string[] {
  const [program, ...args] = argv;
  if (!program) throw new UntrustedProgramError('empty command');
  const dirs = options.dirs ?? TRUSTED_DIRS;
  if (path.isAbsolute(program)) {
    if (!dirs.includes(path.dirname(program))) throw new UntrustedProgramError(`${program} is not in ${dirs.join(', ')}`);
    const reason = untrustedReason(program);
    if (reason) throw new UntrustedProgramError(`refusing to run ${program}: ${reason}`);
    return [program, ...args];
  }
  const found = findTrustedProgram(program, options);
  if (!found) throw new UntrustedProgramError(`${program} is not installed in ${dirs.join(', ')} (owned by root)`);
  return [found, ...args];
}
