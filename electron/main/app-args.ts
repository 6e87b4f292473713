// The app's own command-line options (SPEC.md: the built-in profile, or `--profile FILE`). Chromium and
// Playwright add switches of their own, so anything else is left alone.
import path from 'node:path';

export interface AppArgs {
  /** Absolute path of the profile to load; undefined for the built-in profile. */
  profilePath?: string;
}

export type AppArgsResult = { ok: true; args: AppArgs } | { ok: false; message: string };

export function parseAppArgs(argv: readonly string[], cwd: string): AppArgsResult {
  const found: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--profile') {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) {
        return { ok: false, message: '--profile needs a file: --profile FILE' };
      }
      found.push(value);
      i += 1;
    } else if (arg.startsWith('--profile=')) {
      const value = arg.slice('--profile='.length);
      if (value === '') return { ok: false, message: '--profile needs a file: --profile FILE' };
      found.push(value);
    }
  }
  if (found.length > 1) return { ok: false, message: '--profile was given more than once' };
  const file = found[0];
  return { ok: true, args: file === undefined ? {} : { profilePath: path.resolve(cwd, file) } };
}
