// Writes that survive a crash and that readers never see half-done: temp file in the same folder, fsync, rename,
// fsync of the folder. A file that is a mount point (Docker's and our lab's bind-mounted /etc/resolv.conf) cannot be
// renamed over: it is rewritten in place instead, new bytes first and the length last, so it is never empty. (It is
// recognised up front, so no temp file is left in a folder that belongs to another mount.) Temp files a crash left
// behind (ours by their exact name pattern only) are removed before the next write next to the same file.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DurableWriteOptions {
  mode?: number;
  /** Give the new file this owner (root writing a root-owned file keeps it so). */
  uid?: number;
  gid?: number;
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; the rename is as durable as it gets there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The mount points listed in /proc/self/mountinfo (5th field; spaces and the like are octal-escaped there). */
export function parseMountPoints(mountinfo: string): string[] {
  return mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined && field !== '')
    .map((field) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))));
}

/** Whether `file` is itself a mount point (Linux; elsewhere the rename's EBUSY still catches it). */
export async function isMountPoint(file: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  try {
    return parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8')).includes(path.resolve(file));
  } catch {
    return false;
  }
}

/** The temp files this module names for `file` (`.resolv.conf.<12 hex>.tmp`), and nothing else. */
export function isOwnTempFile(name: string, file: string): boolean {
  const base = path.basename(file);
  return name.length === base.length + 18 && name.startsWith(`.${base}.`) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(base.length + 2));
}

/** Removes temp files a crash between open and rename left next to `file` (in /etc, say): ours by name only. */
export async function removeStrayTempFiles(file: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(path.dirname(file));
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => isOwnTempFile(name, file)).map((name) => rm(path.join(path.dirname(file), name), { force: true })));
}

const tempName = (file: string): string => path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);

export async function writeFileDurable(file: string, data: Uint8Array | string, options: DurableWriteOptions = {}): Promise<void> {
  if (await isMountPoint(file)) {
    await rewriteInPlace(file, data);
    return;
  }
  const dir = path.dirname(file);
  await removeStrayTempFiles(file);
  const temp = tempName(file);
  const mode = options.mode ?? 0o644;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      // The umask may have narrowed the mode given to open().
      await handle.chmod(mode);
      if (options.uid !== undefined && options.gid !== undefined) await handle.chown(options.uid, options.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EBUSY') {
      await rewriteInPlace(file, data);
      return;
    }
    throw error;
  }
  await fsyncDir(dir);
}

/** For a file that cannot be replaced (a mount point): overwrite from the start, then cut to the new length. */
export async function rewriteInPlace(file: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const handle = await open(file, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Mode and owner of an existing file, to give its replacement the same. */
export async function fileIdentity(file: string): Promise<{ mode: number; uid: number; gid: number }> {
  const info = await stat(file);
  return { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
}
