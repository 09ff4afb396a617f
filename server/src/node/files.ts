/** Reading user files safely: clear errors for missing, unreadable, binary or non-UTF-8 files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatSize } from '../core/size';
import { readFileBounded, ReadError } from './safeFs';

export { formatSize };

export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a markdown file as text, or throws an InputError that says what is wrong and what to do. */
/** The largest proposal checked unless told otherwise: 5 MB (the largest real KEPs are about 170 KB). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function readMarkdown(file: string, maxBytes = DEFAULT_MAX_BYTES): string {
  let buf: Buffer;
  try {
    buf = readFileBounded(file, maxBytes);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    switch (e.kind) {
      case 'too-large':
        throw new InputError(file, `${file}: is ${e.size ? `${formatSize(e.size)}, ` : ''}larger than the ${formatSize(maxBytes)} limit for a proposal, so it is not checked; leave it out, or raise the limit with --max-size MB.`);
      case 'missing':
        throw new InputError(file, `${file}: no such file or folder; check the path.`);
      case 'folder':
        throw new InputError(file, `${file}: is a folder; pass it as a folder to search it for *.md files.`);
      case 'not-regular':
        throw new InputError(file, `${file}: is not a regular file (a device, pipe or socket), so it is not read; leave it out of the paths to check.`);
      default:
        throw new InputError(file, e.message);
    }
  }
  if (buf.subarray(0, 8192).includes(0)) {
    throw new InputError(file, `${file}: is a binary file, not markdown; leave it out of the paths to check.`);
  }
  try {
    return decoder.decode(buf);
  } catch {
    throw new InputError(file, `${file}: is not valid UTF-8 text; save it as UTF-8 and check it again.`);
  }
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** The markdown files under each path: files as given, folders searched for *.md (sorted). */
export function collectMarkdown(paths: readonly string[]): { files: string[]; errors: InputError[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      errors.push(new InputError(dir, `${dir}: the folder cannot be read; check its permissions.`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) files.push(p);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      errors.push(new InputError(p, `${p}: no such file or folder; check the path.`));
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, errors };
}

/**
 * The markdown files below `root`, sorted, at most `limit` of them and 12 folders deep: what the
 * editor lists as the workspace's proposals. Folders that cannot be read are skipped, and symbolic
 * links are not followed, so nothing outside `root` is listed.
 */
export function listMarkdown(root: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 12 || out.length >= limit) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), depth + 1);
      else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(path.join(dir, e.name));
    }
  };
  walk(root, 0);
  return out;
}

/** Every file and folder below `root`, as '/'-separated paths relative to it (bounded depth). */
export function listTree(root: string, maxDepth = 4): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > maxDepth) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name)) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(r);
      if (e.isDirectory()) walk(path.join(dir, e.name), r, depth + 1);
    }
  };
  walk(root, '', 0);
  return out;
}
