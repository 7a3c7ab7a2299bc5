// Reading a file named on the command line (model, scenario, knowledge base, mapping, CSV, capture):
// the one way the CLI reads input files. The file is opened first and the opened descriptor
// fstat'ed (no check-then-open race); anything but a regular file — a directory, a named pipe, a
// socket, a device such as /dev/zero, also behind a symbolic link — is refused before a byte is
// read. The opening never blocks (O_NONBLOCK: a FIFO without a writer would hang the open itself).
// The size limit holds while reading, whatever fstat said (a file may grow, a special file may say
// 0). Failures are FileError: one line naming the path, the errno code and what it means.
import { constants, type Stats } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import { formatSize, MAX_MODEL_BYTES, tooLargeMessage } from '../../model/schema';
import { decodeUtf8Strict, invalidUtf8Offset } from '../utf8';

/** What went wrong: an errno code (ENOENT, EACCES…), or one of the checks of this module. */
export type FileErrorCode = string;

/** A file that cannot be read (or written): `message` is one line for the user. */
export class FileError extends Error {
  constructor(
    /** The path as given. */
    readonly path: string,
    /** errno code (`ENOENT`…), or `NOT_REGULAR`, `TOO_LARGE`, `INVALID_UTF8`. */
    readonly code: FileErrorCode,
    /** The message without the path, e.g. `is a directory, not a regular file`. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EBUSY: 'device or resource busy',
  EAGAIN: 'resource temporarily unavailable',
  EOVERFLOW: 'file too large for this system',
  EFBIG: 'file too large',
  ETXTBSY: 'text file busy',
  EINVAL: 'invalid argument',
  ENOMEM: 'out of memory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EEXIST: 'file exists',
  ESTALE: 'stale file handle',
  ETIMEDOUT: 'timed out',
};

/** `ENOENT (no such file or directory)`; the error's own message when it has no errno code. */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && code !== '') return ERRNO_TEXT[code] ? `${code} (${ERRNO_TEXT[code]})` : code;
  return e instanceof Error ? e.message : String(e);
}

function label(path: string, what?: string): string {
  return what ? `${what} ${path}` : path;
}

/** An errno failure of `verb` (read, write) on `path`, as a FileError. */
export function errnoError(e: unknown, path: string, what?: string, verb = 'read'): FileError {
  if (e instanceof FileError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const reason = errnoReason(e);
  return new FileError(path, typeof code === 'string' ? code : 'EUNKNOWN', reason, `cannot ${verb} ${label(path, what)}: ${reason}`);
}

/** What a non-regular file is, e.g. `a named pipe`. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a file of a known kind';
}

async function viaLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

async function notRegular(path: string, s: Stats, what?: string): Promise<FileError> {
  const link = (await viaLink(path)) ? ' behind a symbolic link' : '';
  const reason = s.isDirectory() ? `is a directory${link}, not a regular file` : `not a regular file (${kindOf(s)}${link})`;
  return new FileError(path, 'NOT_REGULAR', reason, `${label(path, what)}: ${reason}`);
}

function tooLarge(path: string, limit: number, size: number | undefined, what?: string): FileError {
  const reason = size !== undefined ? tooLargeMessage('the file', size, limit) : `the file is larger than the limit of ${formatSize(limit)}`;
  return new FileError(path, 'TOO_LARGE', reason, `${label(path, what)}: ${reason}`);
}

/** O_NONBLOCK: opening a FIFO must not wait for a writer (0 where the platform has no such flag). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** An opened regular file: the handle (the caller closes it) and the size fstat reported. */
export interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
}

/** Opens `path` for reading and checks, on the opened descriptor, that it is a regular file. */
export async function openRegularFile(path: string, what?: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    // Opening a socket fails with ENXIO on Linux; say what the path is when that is why.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENXIO' || code === 'EOPNOTSUPP' || code === 'EISDIR') {
      const s = await stat(path).catch(() => undefined);
      if (s && !s.isFile()) throw await notRegular(path, s, what);
    }
    throw errnoError(e, path, what);
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw await notRegular(path, s, what);
    return { handle, size: s.size };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw errnoError(e, path, what);
  }
}

/** Largest single read: big files are read in steps, each step a read of the opened file. */
const READ_STEP = 8 * 1024 * 1024;

export interface ReadOptions {
  /** Most bytes accepted; the read stops with TOO_LARGE as soon as more have been read. */
  readonly limit?: number;
  /** What the file is, for messages: `knowledge base`, `mapping file`… */
  readonly what?: string;
}

/** The bytes of a regular file, at most `limit` (default MAX_MODEL_BYTES). */
export async function readFileBytes(path: string, options: ReadOptions = {}): Promise<Buffer> {
  const limit = options.limit ?? MAX_MODEL_BYTES;
  const { handle, size } = await openRegularFile(path, options.what);
  try {
    if (size > limit) throw tooLarge(path, limit, size, options.what);
    // size + 1: a file that grew since fstat is noticed; the buffer never exceeds limit + 1.
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(size + 1, 64 * 1024)));
    let filled = 0;
    for (;;) {
      if (filled === buf.length) {
        if (filled > limit) throw tooLarge(path, limit, undefined, options.what);
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, filled, Math.min(READ_STEP, buf.length - filled), null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) throw tooLarge(path, limit, undefined, options.what);
    return buf.subarray(0, filled);
  } catch (e) {
    throw errnoError(e, path, options.what);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export interface TextOptions extends ReadOptions {
  /**
   * true (default): strict UTF-8 — a leading byte-order mark is dropped, invalid UTF-8 (and
   * encoded surrogates) is an INVALID_UTF8 error naming the byte, line and column. false: the
   * lenient decoding of Buffer#toString (invalid bytes become U+FFFD, a BOM is kept).
   */
  readonly fatal?: boolean;
}

/** The text of a regular file, decoded as UTF-8 (see TextOptions.fatal). */
export async function readTextFile(path: string, options: TextOptions = {}): Promise<string> {
  const bytes = await readFileBytes(path, options);
  if (options.fatal === false) return bytes.toString('utf8');
  return decodeUtf8(bytes, path, options.what);
}

/** Strict UTF-8 decoding (leading BOM dropped); a FileError naming the first bad byte otherwise. */
export function decodeUtf8(bytes: Uint8Array, path: string, what?: string): string {
  const r = decodeUtf8Strict(bytes);
  if (r.kind === 'ok') return r.text;
  throw new FileError(path, 'INVALID_UTF8', r.reason, `${label(path, what)}: ${r.reason}`);
}

export { invalidUtf8Offset };

export interface ChunkOptions {
  /** Bytes per chunk (default 1 MiB). */
  readonly chunkSize?: number;
  readonly what?: string;
}

/** The bytes of a regular file in chunks (a fresh buffer each), for files of any size. */
export async function* readFileChunks(path: string, options: ChunkOptions = {}): AsyncGenerator<Buffer> {
  const chunkSize = options.chunkSize ?? 1024 * 1024;
  const { handle } = await openRegularFile(path, options.what);
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, chunkSize, null));
      } catch (e) {
        throw errnoError(e, path, options.what);
      }
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
