/** A file's bytes as the language server asks for them: its text, or why it is not given. */
import type { ReadFileResult } from '../../server/src/protocol';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of a file's bytes: refused when larger than `maxBytes`, binary (a NUL in its first 8 KB) or not UTF-8. */
export function fileText(bytes: Uint8Array, maxBytes: number, mtime: number): ReadFileResult {
  const size = bytes.length;
  if (size > maxBytes) return { problem: 'too-large', size, mtime };
  if (bytes.subarray(0, 8192).includes(0)) return { problem: 'binary', size, mtime };
  try {
    return { text: decoder.decode(bytes), size, mtime };
  } catch {
    return { problem: 'not-utf8', size, mtime };
  }
}
