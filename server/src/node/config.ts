/**
 * The configuration file on disk: `.proposalkit.json`, or `proposalkit` in `package.json`, read and
 * checked with each error at its key. How it merges with the editor's settings is the workspace's
 * decision (core/workspace.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUX_MAX_BYTES, readFileBounded, ReadError } from './safeFs';
import { LineIndex } from '../core';
import { checkConfigText as checkWorkspaceConfig, configOfFolder, type LoadedConfig } from '../core/workspace';
import type { ConfigIssue, ConfigRead } from '../core/config';

/**
 * The configuration of a workspace folder: `.proposalkit.json`, else the `proposalkit` key of
 * `package.json`; null when there is neither. Template folders that do not exist are issues too.
 */
export function loadProjectConfig(root: string): LoadedConfig | null {
  return configOfFolder(onDisk, root, (file) => {
    try {
      return { text: readFileBounded(file, AUX_MAX_BYTES).toString('utf8') };
    } catch (e) {
      return { failure: e instanceof ReadError ? e.kind : 'unreadable', detail: e instanceof Error ? e.message.replace(`${file}: `, '') : String(e) };
    }
  });
}

const onDisk = { path, isDirectory: (dir: string): boolean => fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false };

/** A configuration's text read and checked against the disk (see the workspace's `checkConfigText`). */
export function checkConfigText(root: string, text: string, source: 'file' | 'package'): ConfigRead {
  return checkWorkspaceConfig(onDisk, root, text, source);
}

/**
 * The nearest folder, from `start` up, that holds a git repository's `.git` (a folder, or a file in
 * a worktree); null when none does. Only looked at, never run: nothing the repository configures runs.
 */
export function findGitRoot(start: string): string | null {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** The nearest folder, from `start` up, that holds a configuration; null when none does. */
export function findConfigRoot(start: string): string | null {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (loadProjectConfig(dir)) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** `file:line:col message` lines (one-based), as compilers print them. */
export function formatIssues(loaded: LoadedConfig, issues: readonly ConfigIssue[], shownFile: string): string[] {
  const lines = new LineIndex(loaded.text);
  return issues.map((i) => {
    const p = lines.positionAt(i.span.start);
    return `${shownFile}:${p.line + 1}:${p.character + 1} error config ${i.message}`;
  });
}
