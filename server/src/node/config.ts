/**
 * Settings as the server and the CLI read them, with defaults and validation: the workspace's
 * configuration file (`.proposalkit.json`, or `proposalkit` in `package.json`) merged with the
 * editor's `proposalKit.*` settings, which override it per user.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlobs } from '../core/patterns';
import { formatSize } from './files';
import { AUX_MAX_BYTES, readFileBounded, ReadError } from './safeFs';
import type { RuleId, SeveritySetting } from '../core';
import { LineIndex, RULE_IDS } from '../core';
import { CONFIG_FILE, emptyConfig, readProjectConfig, type ConfigIssue, type ConfigRead, type ProjectConfig } from '../core/config';

export interface Settings {
  /** Globs for the files that are proposals; empty: any markdown file that looks like one. */
  files: string[];
  rules: Partial<Record<RuleId, SeveritySetting>>;
  /** Extra template folders, relative to the workspace folder. */
  templates: string[];
  author: string;
  /** Glob -> template id, from the configuration file only. */
  templateFor: { glob: string; template: string }[];
  /** Documents larger than this many MB are not checked (the editor's setting only). */
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: Settings = { files: [], rules: {}, templates: [], author: '', templateFor: [], maxFileSizeMB: 5 };

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** Reads a raw settings object (the editor's); anything malformed is ignored, never thrown. */
export function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_SETTINGS };
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);
  const rules: Settings['rules'] = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (RULE_IDS.includes(k as RuleId) && typeof v === 'string' && SEVERITIES.has(v)) rules[k as RuleId] = v as SeveritySetting;
    }
  }
  const maxFileSizeMB = typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  return { files: strings(r.files), rules, templates: strings(r.templates), author: typeof r.author === 'string' ? r.author : '', templateFor: [], maxFileSizeMB };
}

/**
 * The configuration file's settings with the editor's on top: the editor's `files` and `author`
 * replace the file's when set, its rules override the file's rule by rule, and template folders
 * from both are read.
 */
export function mergeSettings(config: ProjectConfig | null, user: Settings): Settings {
  if (!config) return user;
  const templates = [...config.templates.map((t) => t.dir), ...user.templates];
  return {
    files: user.files.length ? user.files : config.files,
    rules: { ...config.rules, ...user.rules },
    templates: templates.filter((t, i) => templates.indexOf(t) === i),
    author: user.author.trim() || config.author,
    templateFor: config.templateFor.map(({ glob, template }) => ({ glob, template })),
    maxFileSizeMB: user.maxFileSizeMB,
  };
}

const matchers = new Map<string, (path: string) => boolean>();

/**
 * A glob matcher, compiled once. Globs the linear-time matcher cannot run match nothing, so an
 * unusable pattern never makes every file a proposal; the configuration file's validation says why.
 */
function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const key = JSON.stringify(globs);
  let m = matchers.get(key);
  if (!m) {
    try {
      m = compileGlobs(globs);
    } catch {
      m = () => false;
    }
    if (matchers.size > 256) matchers.clear();
    matchers.set(key, m);
  }
  return m;
}

/** Whether a document (path relative to its workspace folder) is one the settings say to check. */
export function isProposalPath(settings: Settings, relativePath: string): boolean {
  if (!settings.files.length) return true;
  return globMatcher(settings.files)(relativePath.replace(/\\/g, '/'));
}

/** The template the configuration assigns to a document (path relative to its workspace folder); the first matching glob wins. */
export function templateForPath(settings: Settings, relativePath: string): string | undefined {
  const p = relativePath.replace(/\\/g, '/');
  return settings.templateFor.find((t) => globMatcher([t.glob])(p))?.template;
}

export interface LoadedConfig {
  /** The file it was read from. */
  file: string;
  source: 'file' | 'package';
  text: string;
  config: ProjectConfig;
  issues: ConfigIssue[];
}

/**
 * The configuration of a workspace folder: `.proposalkit.json`, else the `proposalkit` key of
 * `package.json`; null when there is neither. Template folders that do not exist are issues too.
 */
export function loadProjectConfig(root: string): LoadedConfig | null {
  for (const [name, source] of [[CONFIG_FILE, 'file'], ['package.json', 'package']] as const) {
    const file = path.join(root, name);
    let text: string;
    try {
      text = readFileBounded(file, AUX_MAX_BYTES).toString('utf8');
    } catch (e) {
      const kind = e instanceof ReadError ? e.kind : 'unreadable';
      if (kind === 'missing') continue;
      if (source === 'package') continue;
      const why =
        kind === 'too-large'
          ? `is larger than ${formatSize(AUX_MAX_BYTES)}, more than any configuration needs`
          : kind === 'not-regular' || kind === 'folder'
            ? 'is not a regular file'
            : `cannot be read (${e instanceof Error ? e.message.replace(`${file}: `, '') : String(e)})`;
      const issue = { span: { start: 0, end: 0 }, message: `The configuration ${why}, so it is not read; make it a small JSON file.` };
      return { file, source, text: '', config: emptyConfig(), issues: [issue] };
    }
    const read = checkConfigText(root, text, source);
    if (!read.config && !read.issues.length) continue;
    return { file, source, text, config: read.config ?? emptyConfig(), issues: read.issues };
  }
  return null;
}

/** Which configuration a file is, by its name: `.proposalkit.json`, `package.json`, or neither. */
export function configSource(file: string): 'file' | 'package' | null {
  const name = path.basename(file);
  return name === CONFIG_FILE ? 'file' : name === 'package.json' ? 'package' : null;
}

/**
 * A configuration's text read and checked against the disk: what `readProjectConfig` finds, and
 * template folders that do not exist (relative to `root`, the configuration's folder).
 */
export function checkConfigText(root: string, text: string, source: 'file' | 'package'): ConfigRead {
  const read = readProjectConfig(text, source);
  const issues = [...read.issues];
  for (const t of read.config?.templates ?? []) {
    const dir = path.resolve(root, t.dir);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      issues.push({ span: t.span, message: `The template folder '${t.dir}' does not exist (looked for ${dir}).` });
    }
  }
  return { config: read.config, issues: issues.sort((a, b) => a.span.start - b.span.start) };
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
