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
function git(cwd: string, args: string[], maxBuffer = 16 * 1024 * 1024, timeout = 60000): string {
  try {
    return execFileSync('git', ['-c', 'core.fsmonitor=false', '--no-pager', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout,
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

/** A file in a repository with history: the repository's root, its HEAD commit, and the file's path in it ('/'-separated). */
export interface TrackedPath {
  top: string;
  head: string;
  path: string;
}

/**
 * Where `file` sits in the git repository around it, or null: no git, not in a repository, no
 * commit yet, a shallow clone (its history is cut short), or a path that resolves outside the
 * repository's root.
 */
export function trackedPath(file: string, timeout = 5000): TrackedPath | null {
  try {
    // A file not saved yet (open in an editor) is where its folder is.
    const real = fs.existsSync(file) ? fs.realpathSync(file) : path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    const [top, shallow, head] = git(path.dirname(real), ['rev-parse', '--show-toplevel', '--is-shallow-repository', '--verify', 'HEAD'], 1024 * 1024, timeout).trim().split('\n');
    if (!top || shallow !== 'false' || !/^[0-9a-f]{40,64}$/.test(head ?? '')) return null;
    const rel = path.relative(fs.realpathSync(top), real);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return { top, head, path: rel.split(path.sep).join('/') };
  } catch {
    return null;
  }
}

/**
 * `git log` that reads commits only: no signature is checked (a repository's configuration could
 * name the program that checks them), and no external diff or text conversion runs.
 */
const LOG = ['-c', 'log.showSignature=false', 'log', '--no-show-signature', '--no-ext-diff', '--no-textconv', '--no-color'];

/** One commit that changed a file: its id, its date (ISO 8601, the committer's) and the file's path at it. */
export interface FileCommit {
  commit: string;
  date: string;
  path: string;
}

/** The commits that changed a file, newest first, renames followed, at most `max`. */
export function fileCommits(t: TrackedPath, max: number, timeout: number): FileCommit[] {
  const out = git(t.top, [...LOG, '--follow', `--max-count=${max}`, '--format=%x01%H %cI', '--name-only', '-z', '--end-of-options', t.head, '--', t.path], 16 * 1024 * 1024, timeout);
  const commits: FileCommit[] = [];
  for (const chunk of out.split('\x01')) {
    const m = /^([0-9a-f]{40,64}) (\S+)\0\n?([^\0]*)/.exec(chunk);
    // A path from git is the repository's own: one that would lead out of it is not read.
    if (!m || !m[3] || m[3].split('/').includes('..') || m[3].startsWith('/')) continue;
    commits.push({ commit: m[1], date: m[2], path: m[3] });
  }
  return commits;
}

/** A file's content at a commit, as git stores it; a file larger than `maxBytes` throws. */
export function fileAt(t: TrackedPath, c: FileCommit, maxBytes: number, timeout: number): string {
  return git(t.top, ['cat-file', 'blob', `${c.commit}:${c.path}`], maxBytes, timeout);
}

/** The date (ISO 8601) of the commit that first added the file, renames followed; null when none did (it is not committed yet). */
export function firstAdded(t: TrackedPath, timeout: number): string | null {
  const out = git(t.top, [...LOG, '--follow', '--diff-filter=A', '--format=%cI', '--end-of-options', t.head, '--', t.path], 1024 * 1024, timeout).trim();
  return out ? (out.split('\n').pop() ?? null) : null;
}
