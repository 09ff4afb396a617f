/**
 * What a template file's git history and a document's first commit tell, read with git's
 * read-only commands (see git.ts) and kept per file and HEAD commit. A template's history is read
 * when templates load; a document's first commit is asked for after edits, and where the file sits
 * (with HEAD) is then asked of git at most every few seconds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyVersion, withHistory, type HistoryVersion, type TemplateSchema } from '../core/template';
import { localDate } from '../core/workspace';
import { fileAt, fileCommits, firstAdded, trackedPath, type TrackedPath } from './git';
import { AUX_MAX_BYTES } from './safeFs';

/** At most this many earlier versions of a template are read. */
export const MAX_VERSIONS = 50;

/** All git work for one template's history stops after this long; what was read by then is used. */
const HISTORY_BUDGET_MS = 10_000;

/** A single git command waits at most this long. */
const COMMAND_MS = 5_000;

const histories = new Map<string, { head: string; versions: HistoryVersion[] }>();
const firstCommits = new Map<string, { head: string; date: string | null }>();

/** How long where a file sits in its repository (and HEAD) is taken as known: an edit a second asks git at most this often. */
const TRACKED_MS = 5_000;

const tracked = new Map<string, { at: number; value: TrackedPath | null }>();

/**
 * What git said of folders lately: the top of the work tree a folder is in (with HEAD), or null
 * outside every repository. A file in a folder below one of them, with no `.git` of its own on the
 * way, is answered without asking git again: checking many files costs one git command, not one each.
 */
const folders = new Map<string, { at: number; top: string | null; head: string }>();

function knownFolder(file: string, now: number): TrackedPath | null | undefined {
  let real: string;
  try {
    real = fs.existsSync(file) ? fs.realpathSync(file) : path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return undefined;
  }
  for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
    const hit = folders.get(dir);
    if (hit && now - hit.at < TRACKED_MS) {
      if (hit.top === null) return null;
      const rel = path.relative(hit.top, real);
      return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? { top: hit.top, head: hit.head, path: rel.split(path.sep).join('/') } : undefined;
    }
    // A repository of its own below the folder git was asked about: ask again.
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `trackedPath`, asked of git at most once in TRACKED_MS per file, and not at all for a file in a folder git was just asked about. */
function trackedNow(file: string, timeout: number): TrackedPath | null {
  const hit = tracked.get(file);
  const now = Date.now();
  if (hit && now - hit.at < TRACKED_MS) return hit.value;
  const known = knownFolder(file, now);
  const value = known === undefined ? trackedPath(file, timeout) : known;
  if (known === undefined) {
    try {
      const dir = path.dirname(fs.existsSync(file) ? fs.realpathSync(file) : path.join(fs.realpathSync(path.dirname(file)), path.basename(file)));
      if (folders.size >= 1000) folders.clear();
      // Inside a repository, the answer holds for its work tree. Outside every one, no folder from
      // this one up to the root has a repository, so it holds for any file with no `.git` on its way up.
      folders.set(value ? path.resolve(fs.realpathSync(value.top)) : path.parse(dir).root, { at: now, top: value ? fs.realpathSync(value.top) : null, head: value?.head ?? '' });
    } catch {
      // Where the file is cannot be told: nothing is kept.
    }
  }
  return remember(tracked, file, { at: now, value }).value;
}

/** Keeps a cache from growing without end in a long session. */
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= 1000) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The earlier versions of a template file from its git history, newest first (the version HEAD
 * holds included); none when the file is not in a repository with history. A version that cannot
 * be read as a template is skipped.
 */
export function templateHistory(file: string, budgetMs = HISTORY_BUDGET_MS): HistoryVersion[] {
  const started = Date.now();
  const where = trackedPath(file, Math.min(COMMAND_MS, budgetMs));
  if (!where) return [];
  const hit = histories.get(file);
  if (hit && hit.head === where.head) return hit.versions;
  const versions: HistoryVersion[] = [];
  const left = (): number => Math.min(COMMAND_MS, budgetMs - (Date.now() - started));
  try {
    for (const c of fileCommits(where, MAX_VERSIONS, left())) {
      if (left() <= 0) break;
      let text: string;
      try {
        text = fileAt(where, c, AUX_MAX_BYTES, left());
      } catch {
        continue;
      }
      const v = historyVersion(text, file, c.date.slice(0, 10), c.commit);
      if (v) versions.push(v);
    }
  } catch {
    // git could not list the commits (or took too long): no history.
  }
  return remember(histories, file, { head: where.head, versions }).versions;
}

/** The template with the earlier versions its file's git history holds (see `withHistory`). */
export function withGitHistory(t: TemplateSchema, file: string): TemplateSchema {
  return withHistory(t, templateHistory(file));
}

/**
 * The day (YYYY-MM-DD) the file was first committed, or today when it is not committed yet (it is
 * being written now); null outside a repository with history.
 */
export function firstCommitDate(file: string): string | null {
  const where = trackedNow(file, COMMAND_MS);
  if (!where) return null;
  const hit = firstCommits.get(file);
  if (hit && hit.head === where.head) return hit.date;
  let date: string | null = null;
  try {
    date = firstAdded(where, COMMAND_MS)?.slice(0, 10) ?? null;
  } catch {
    date = null;
  }
  return remember(firstCommits, file, { head: where.head, date }).date ?? localDate(new Date());
}
