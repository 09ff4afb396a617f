/**
 * Reading and writing on behalf of workspace data, which may come from a stranger: only regular
 * files are read, never more than a limit (enforced while reading, since a device reports size 0),
 * and every path is resolved, symlinks followed, before it is allowed to be used inside a folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { AUX_MAX_BYTES } from '../core/size';

export { AUX_MAX_BYTES };

export type ReadFailure = 'missing' | 'folder' | 'not-regular' | 'too-large' | 'unreadable';

/** Why a file was not read, with a message that says what is wrong and what is expected. */
export class ReadError extends Error {
  constructor(
    readonly file: string,
    readonly kind: ReadFailure,
    message: string,
    /** For `too-large`: the file's size as reported, or 0 where it reported less than it held. */
    readonly size = 0,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * The bytes of a regular file of at most `maxBytes`. A device, pipe, socket or folder is refused
 * without being opened for reading (a pipe would block, `/dev/zero` never ends), and the limit holds
 * however large the file claims to be.
 */
export function readFileBounded(file: string, maxBytes: number): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw failure(file, e);
  }
  check(file, st, maxBytes);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    throw failure(file, e);
  }
  try {
    // The file may have been swapped between the stat and the open.
    check(file, fs.fstatSync(fd), maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1));
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      // A file that reported a smaller size (a device, a file still growing): its real size is unknown.
      if (total > maxBytes) throw new ReadError(file, 'too-large', `${file}: is larger than the ${maxBytes}-byte limit.`);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof ReadError ? e : failure(file, e);
  } finally {
    fs.closeSync(fd);
  }
}

function check(file: string, st: fs.Stats, maxBytes: number): void {
  if (st.isDirectory()) throw new ReadError(file, 'folder', `${file}: is a folder, not a file.`);
  if (!st.isFile()) throw new ReadError(file, 'not-regular', `${file}: is not a regular file (a device, pipe or socket); only regular files are read.`);
  if (st.size > maxBytes) throw new ReadError(file, 'too-large', `${file}: is larger than the ${maxBytes}-byte limit.`, st.size);
}

function failure(file: string, e: unknown): ReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ReadError(file, 'missing', `${file}: no such file.`);
  if (code === 'EISDIR') return new ReadError(file, 'folder', `${file}: is a folder, not a file.`);
  if (code === 'EACCES' || code === 'EPERM') return new ReadError(file, 'unreadable', `${file}: cannot be read (permission denied); check its permissions.`);
  return new ReadError(file, 'unreadable', `${file}: cannot be read (${code ?? String(e)}).`);
}

/** A UTF-8 text file read within the limit; undefined when it is absent or is not a regular text file within it. */
export function readTextIfRegular(file: string, maxBytes = AUX_MAX_BYTES): string | undefined {
  try {
    const text = readFileBounded(file, maxBytes).toString('utf8');
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * `target` with every symlink on its way resolved; for a path that does not exist yet, its deepest
 * existing folder resolved and the rest appended. Null when a link on the way is broken or loops.
 */
function realPathOf(target: string): string | null {
  let existing = path.resolve(target);
  const rest: string[] = [];
  for (;;) {
    if (fs.lstatSync(existing, { throwIfNoEntry: false })) break;
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(fs.realpathSync(existing), ...rest);
  } catch {
    return null;
  }
}

/** Whether `target`, symlinks followed, is `folder` or inside it (itself resolved). */
export function isInside(folder: string, target: string): boolean {
  const base = realPathOf(folder);
  const real = realPathOf(target);
  if (base === null || real === null) return false;
  const rel = path.relative(base, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
