// Read-only access to files inside a browser's profile folder: never outside it (no `..`, no symbolic link that
// leads elsewhere), regular files only, size-capped. Nothing here throws: a file that cannot be used says why.
import { constants } from 'node:fs';
import { open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

export type ReadFailure = 'missing' | 'outside the profile' | 'not a regular file' | 'too large' | 'unreadable';
export type SafeRead = { ok: true; text: string } | { ok: false; reason: ReadFailure };

/** O_NOFOLLOW where the OS has it: the last component may not be a link (Windows has no such flag). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

function inside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of `file` (given relative to `root`, or absolute), when it exists and lies inside `root`. */
async function resolveInside(root: string, file: string): Promise<{ ok: true; real: string } | { ok: false; reason: ReadFailure }> {
  const absolute = path.resolve(root, file);
  if (!inside(path.resolve(root), absolute)) return { ok: false, reason: 'outside the profile' };
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(absolute)]);
    return inside(realRoot, real) ? { ok: true, real } : { ok: false, reason: 'outside the profile' };
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
}

/** Reads a UTF-8 text file inside `root`, at most `maxBytes`. */
export async function readInside(root: string, file: string, maxBytes: number): Promise<SafeRead> {
  const resolved = await resolveInside(root, file);
  if (!resolved.ok) return resolved;
  let handle;
  try {
    handle = await open(resolved.real, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : code === 'ELOOP' ? 'outside the profile' : 'unreadable' };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stats.size > maxBytes) return { ok: false, reason: 'too large' };
    // Read no more than the cap even if the file grows meanwhile.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) return { ok: false, reason: 'too large' };
    return { ok: true, text: buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The names of the real sub-folders (not links) of a folder inside `root`; empty when there is none. */
export async function subfoldersInside(root: string, dir: string): Promise<string[]> {
  const resolved = await resolveInside(root, dir);
  if (!resolved.ok) return [];
  try {
    const entries = await readdir(resolved.real, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

/** Whether a folder exists (following links: the browser's own root may well be one). */
export async function folderExists(dir: string): Promise<boolean> {
  try {
    const real = await realpath(dir);
    const entries = await readdir(real);
    return Array.isArray(entries);
  } catch {
    return false;
  }
}

/** Parses JSON that must be an object; null for anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text from a profile shown to the person: control characters removed, length capped. */
export function displayText(value: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
