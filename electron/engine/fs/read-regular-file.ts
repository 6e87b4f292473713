// Reads a file someone else may have put there (a profile given on the command line, the DNS journal and lock in
// the data folder) without letting it stall or flood the process:
//   - opened non-blocking: opening a FIFO for reading would otherwise wait for a writer forever, holding one of
//     libuv's four pool threads, and every later file operation queues behind the stuck ones;
//   - only a regular file is read (fstat on the open handle, so a swap after a check cannot slip through): a FIFO,
//     device or socket is refused at once;
//   - a symbolic link is refused where none is expected (O_NOFOLLOW: the last component is not followed);
//   - at most `maxBytes` are read, whatever the file claims or grows to meanwhile.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

export type UnreadableReason = 'missing' | 'not-a-file' | 'symlink' | 'too-large' | 'unreadable';

export class UnreadableFileError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly file: string,
    /** The system's error code, or the size found, for evidence and messages. */
    readonly detail: string,
  ) {
    super(`${file}: ${reason} (${detail})`);
    this.name = 'UnreadableFileError';
  }
}

export interface ReadRegularFileOptions {
  maxBytes: number;
  /** Follow a symbolic link at the path itself (a profile may be a link; the journal and lock never are). */
  followSymlink?: boolean;
}

// Windows has neither flag (and no FIFOs in the file system): 0 leaves them out there.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** What a file type is called in a message: "a named pipe (FIFO)", "a device", "a folder"… */
function kindOf(stats: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** The file's bytes, or UnreadableFileError saying why not (never hangs on a FIFO, never reads past maxBytes). */
export async function readRegularFile(file: string, options: ReadRegularFileOptions): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | NONBLOCK | (options.followSymlink ? 0 : NOFOLLOW));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') throw new UnreadableFileError('missing', file, code);
    // O_NOFOLLOW on a symlink: ELOOP on Linux, EMLINK on FreeBSD, ELOOP on macOS.
    if (code === 'ELOOP' || code === 'EMLINK') throw new UnreadableFileError('symlink', file, 'a symbolic link');
    // A device may refuse a non-blocking open (ENXIO: a FIFO's write end, a tty without carrier).
    if (code === 'ENXIO' || code === 'ENODEV') throw new UnreadableFileError('not-a-file', file, 'a device or pipe');
    throw new UnreadableFileError('unreadable', file, code);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnreadableFileError('not-a-file', file, kindOf(stats));
    if (stats.size > options.maxBytes) throw new UnreadableFileError('too-large', file, `${stats.size} bytes`);
    // Read one byte more than allowed: a file that grew since the fstat is caught too.
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) throw new UnreadableFileError('too-large', file, `more than ${options.maxBytes} bytes`);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('unreadable', file, (error as NodeJS.ErrnoException).code ?? 'error');
  } finally {
    await handle.close();
  }
}

/** A short phrase for people: why the file was not read ("is a named pipe (FIFO), not a file"). */
export function unreadableProblem(error: UnreadableFileError, maxBytes: number): string {
  switch (error.reason) {
    case 'missing':
      return 'does not exist';
    case 'not-a-file':
      return `is ${error.detail}, not a file`;
    case 'symlink':
      return 'is a symbolic link, which is not expected there';
    case 'too-large':
      return `is larger than ${maxBytes >= 1024 ? `${Math.round(maxBytes / 1024)} KB` : `${maxBytes} bytes`} (${error.detail})`;
    case 'unreadable':
      return `cannot be read (${error.detail})`;
  }
}
