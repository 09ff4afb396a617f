/**
 * The decisions behind "New Proposal" that are the editor's own: which folder the user means,
 * what is asked, and how template errors are reported. The workspace's decisions (template
 * folders, settings, author) are the workspace module's. Pure apart from `node:path`.
 */
import * as path from 'node:path';
import type { TemplateError, TemplateSchema } from '../../server/src/core';
import { innermostFolder } from '../../server/src/core/workspace';

/** The workspace folder holding `p` (the innermost one, for nested folders). */
export function folderOf(folders: readonly string[], p: string): string | undefined {
  return innermostFolder(path, folders, p);
}

export type Target =
  /** `root` is the workspace folder the template's path starts from; `dir` a folder the user chose. */
  | { kind: 'folder'; root: string; dir?: string }
  /** Several workspace folders and nothing says which: ask. */
  | { kind: 'ask'; folders: string[] }
  /** No folder is open: a new proposal has nowhere to go. */
  | { kind: 'none' };

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
