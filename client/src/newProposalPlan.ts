/**
 * The decisions behind "New Proposal" that are not VS Code glue: which folder the proposal goes
 * in, which template folders are read, which SIG and author are offered, today's date, and how
 * template errors are reported. Pure apart from `node:path`; the command passes in what it read
 * from the editor and the file system.
 */
import * as path from 'node:path';
import type { TemplateError, TemplateSchema } from '../../server/src/core';
import { newProposalFolder, type ProjectConfig } from '../../server/src/core/config';
import type { ClientSettings } from './settings';

export type Target =
  /** `root` is the workspace folder the template's path starts from; `dir` a folder the user chose. */
  | { kind: 'folder'; root: string; dir?: string }
  /** Several workspace folders and nothing says which: ask. */
  | { kind: 'ask'; folders: string[] }
  /** No folder is open: a new proposal has nowhere to go. */
  | { kind: 'none' };

function contains(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The workspace folder holding `p` (the innermost one, for nested folders). */
export function folderOf(folders: readonly string[], p: string): string | undefined {
  return folders.filter((f) => contains(f, p)).sort((a, b) => b.length - a.length)[0];
}

/**
 * Where a new proposal goes. Right-clicking a folder puts it directly in that folder, except the
 * workspace folder itself: there the template's own path (`design-proposals/klip-...`) applies,
 * as it does from the command palette. Otherwise the workspace folder of the active file, or the
 * only one.
 */
export function chooseTarget(input: { folders: readonly string[]; clicked?: string; active?: string }): Target {
  const { folders, clicked, active } = input;
  if (clicked !== undefined) {
    const root = folderOf(folders, clicked);
    if (root === undefined) return { kind: 'folder', root: clicked, dir: clicked };
    return path.relative(root, clicked) === '' ? { kind: 'folder', root } : { kind: 'folder', root, dir: clicked };
  }
  const fromActive = active === undefined ? undefined : folderOf(folders, active);
  if (fromActive !== undefined) return { kind: 'folder', root: fromActive };
  if (folders.length === 1) return { kind: 'folder', root: folders[0] };
  if (folders.length > 1) return { kind: 'ask', folders: [...folders] };
  return { kind: 'none' };
}

/**
 * The template folders, weakest first (a later folder's template replaces an earlier one with the
 * same id): the built-in templates, the workspace's `.proposals/templates/` when it exists, then
 * the folders the `proposalKit.templates` setting names, since a setting is the most deliberate.
 */
export function templateDirs(input: { builtin: string; root: string; configured: readonly string[]; exists: (dir: string) => boolean }): string[] {
  const dirs = [input.builtin];
  const workspace = path.join(input.root, '.proposals', 'templates');
  if (input.exists(workspace)) dirs.push(workspace);
  for (const c of input.configured) dirs.push(path.resolve(input.root, c));
  return dirs.filter((d, i) => dirs.indexOf(d) === i);
}

export interface TemplatePickItem {
  label: string;
  description: string;
  detail: string;
  id: string;
}

export function templatePickItems(templates: readonly TemplateSchema[]): TemplatePickItem[] {
  return templates.map((t) => ({ label: t.name, description: t.id, detail: t.description, id: t.id }));
}

/** Whether the template files proposals under a SIG (a KEP), so the SIG must be asked for. */
export function needsSig(t: TemplateSchema): boolean {
  return t.file.path.includes('{sig}');
}

/** The SIG a chosen folder already names (`keps/sig-node/...` gives `node`), to offer as the default. */
export function sigFromFolder(root: string, dir: string | undefined): string {
  if (dir === undefined) return '';
  const segments = path.relative(root, dir).split(path.sep);
  const sig = segments.reverse().find((s) => /^sig-./.test(s));
  return sig ? sig.slice(4) : '';
}

/**
 * What New Proposal is told instead of asking, when it is run with an argument object: from a
 * keybinding's `args` (`{ "template": "klip" }`), a task, or another extension (tests use it to
 * skip the prompts). Each field that is missing or not a usable value is asked for as usual.
 */
export interface NewProposalPresets {
  template?: string;
  title?: string;
  sig?: string;
}

export function readPresets(arg: unknown): NewProposalPresets {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return {};
  const o = arg as Record<string, unknown>;
  const presets: NewProposalPresets = {};
  if (typeof o.template === 'string' && o.template.trim()) presets.template = o.template.trim();
  if (typeof o.title === 'string' && validateTitle(o.title) === undefined) presets.title = o.title.trim();
  if (typeof o.sig === 'string' && validateSig(o.sig) === undefined) presets.sig = normalizeSig(o.sig);
  return presets;
}

export function validateTitle(value: string): string | undefined {
  return value.trim() ? undefined : 'Give the proposal a title.';
}

export function validateSig(value: string): string | undefined {
  const v = value.trim().replace(/^sig-/, '');
  if (!v) return 'Name the SIG that owns the proposal, e.g. node.';
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(v)) return 'A SIG name has only letters, digits and dashes, e.g. node or api-machinery.';
  return undefined;
}

/** The SIG as the scaffolder wants it: trimmed, without "sig-". */
export function normalizeSig(value: string): string {
  return value.trim().replace(/^sig-/, '');
}

/**
 * Where `git config user.name` runs. In a trusted workspace, in the workspace folder (a repository
 * may set its own user.name). In Restricted Mode, in the home folder, so git reads only the user's
 * global configuration and nothing the untrusted repository's .git/config says.
 */
export function gitCwd(root: string, trusted: boolean, home: string): string {
  return trusted ? root : home;
}

/** The author: git's user.name, else the `proposalKit.author` setting, else none (the template shows TBD). */
export function chooseAuthor(git: string | null, setting: string | undefined): string | undefined {
  return git?.trim() || setting?.trim() || undefined;
}

/** The local date as YYYY-MM-DD (not UTC: a proposal started late in the evening is dated today). */
export function localDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * One warning naming each template that failed to load (file relative to the workspace folder, and
 * line), for errors not shown before in this session; undefined when there is nothing new. Adds
 * what it reports to `shown`.
 */
export function templateErrorMessage(errors: readonly TemplateError[], root: string, shown: Set<string>): string | undefined {
  const fresh = errors.filter((e) => !shown.has(e.message));
  if (!fresh.length) return undefined;
  for (const e of fresh) shown.add(e.message);
  const where = (e: TemplateError): string => {
    const rel = path.relative(root, e.file);
    const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : e.file;
    return `${file}:${e.line}: ${e.detail}`;
  };
  const head = fresh.length === 1 ? 'Proposal Kit skipped a template with an error' : `Proposal Kit skipped ${fresh.length} templates with errors`;
  return `${head}: ${fresh.map(where).join(' ')}`;
}

/**
 * The workspace's configuration file under the user's settings: template folders from both (the
 * file's first), the user's author when set, else the file's.
 */
export function withProjectConfig(user: ClientSettings, config: ProjectConfig | null): ClientSettings {
  if (!config) return user;
  const templates = [...config.templates.map((t) => t.dir), ...user.templates];
  return { templates: templates.filter((t, i) => templates.indexOf(t) === i), author: user.author ?? (config.author || undefined) };
}

/** The folder a new proposal goes to: the one clicked, else the configuration's for the template, else none (the template's path). */
export function proposalFolder(root: string, clicked: string | undefined, config: ProjectConfig | null, id: string): string | undefined {
  if (clicked !== undefined) return clicked;
  const configured = config ? newProposalFolder(config, id) : undefined;
  return configured === undefined ? undefined : path.resolve(root, configured);
}
