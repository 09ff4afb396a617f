import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The author from git config ("Name <email>" reduced to the name), or null when git has none. */
export function gitAuthor(cwd: string): string | null {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 }).trim();
    return name || null;
  } catch {
    return null;
  }
}

/** A git command that failed or cannot run here, said in plain words. */
export class GitError extends Error {}

/**
 * What a ref may look like: branch, tag and remote names, hashes, and `~N`/`^N`/`@{...}` suffixes.
 * Nothing else reaches git; in particular nothing that starts with "-" (an option).
 */
const REF = /^[A-Za-z0-9_][A-Za-z0-9._/@{}~^+-]{0,254}$/;

/**
 * Runs git with an argument list (no shell), in a repository that may be a stranger's: the
 * repository's configuration could name programs to run (core.fsmonitor, diff drivers), so the
 * commands used here are ones that read only objects and refs, never the working tree or the
 * index, and fsmonitor is off for good measure.
 */
function git(cwd: string, args: string[], maxBuffer = 16 * 1024 * 1024): string {
  try {
    return execFileSync('git', ['-c', 'core.fsmonitor=false', '--no-pager', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60000,
      maxBuffer,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: string | Buffer };
    if (err.code === 'ENOENT') throw new GitError('git is not installed or not on the PATH.');
    const detail = String(err.stderr ?? '').trim().split('\n')[0];
    throw new GitError(detail || (e instanceof Error ? e.message : String(e)));
  }
}

/** The blob id git gives this content (SHA-1 of "blob <size>\0" and the bytes). */
function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export interface ChangedSince {
  /** The merge base of the ref and HEAD, as a commit id. */
  base: string;
  /** Whether a file (an absolute path) was added or changed since the merge base, in commits or in the working tree. */
  changed(file: string): boolean;
}

/**
 * The files added or changed since `ref`, as a pull request shows them: relative to the merge base
 * of `ref` and HEAD, with what is committed since and what the working tree holds now (staged or
 * not, and files git does not track yet). A file is unchanged when its bytes, or its bytes with
 * "\r\n" made "\n" (a checkout that converts line endings), are the blob the merge base has at its
 * path. git is asked only for the merge base and its tree: the working tree is read here.
 */
export function changedSince(cwd: string, ref: string): ChangedSince {
  if (!REF.test(ref) || ref.includes('..')) {
    throw new GitError(`'${ref}' is not a git ref this command takes: give a branch, tag or commit, e.g. origin/main.`);
  }
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch (e) {
    const detail = e instanceof GitError ? e.message : '';
    if (/not a git repository/i.test(detail) || /git is not installed/.test(detail)) throw new GitError(`${detail}`);
    throw new GitError(`'${ref}' is no commit in this repository: fetch it first (e.g. git fetch origin main; in GitHub Actions, actions/checkout with fetch-depth: 0).`);
  }
  let base: string;
  try {
    base = git(cwd, ['merge-base', commit, 'HEAD']).trim();
  } catch {
    throw new GitError(`'${ref}' and HEAD have no commit in common (a shallow clone? fetch more history, e.g. actions/checkout with fetch-depth: 0).`);
  }
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  const blobs = new Map<string, string>();
  // "<mode> blob <id>\t<path>\0" for every file of the merge base's tree.
  for (const entry of git(cwd, ['ls-tree', '-r', '-z', '--full-tree', base], 512 * 1024 * 1024).split('\0')) {
    const m = /^(\d{6}) blob ([0-9a-f]{40,64})\t/.exec(entry);
    if (m && m[1] !== '120000') blobs.set(entry.slice(m[0].length), m[2]);
  }
  const root = fs.realpathSync(top);
  return {
    base,
    changed(file) {
      let real: string;
      try {
        real = fs.realpathSync(file);
      } catch {
        return true;
      }
      const rel = path.relative(root, real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
      const id = blobs.get(rel.split(path.sep).join('/'));
      if (id === undefined) return true;
      const content = fs.readFileSync(real);
      if (blobId(content) === id) return false;
      return !content.includes(13) || blobId(Buffer.from(content.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')) !== id;
    },
  };
}
