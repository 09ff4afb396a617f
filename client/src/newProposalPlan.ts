/**
 * The decisions behind "New Proposal" that are the editor's own: which folder the user means and
 * what is asked. What is created, and where, is the language server's (proposalKit/newProposal).
 * Pure: folders are URIs as strings, and the editor says which workspace folder holds one.
 */
import type { ProposalTemplateInfo } from '../../server/src/protocol';
import { normalizeSig, validateSig, validateTitle } from '../../server/src/core/names';

export type Target =
  /** `root` is the workspace folder the template's path starts from; `dir` a folder the user chose. */
  | { kind: 'folder'; root: string; dir?: string }
  /** Several workspace folders and nothing says which: ask. */
  | { kind: 'ask'; folders: string[] }
  /** No folder is open: a new proposal has nowhere to go. */
  | { kind: 'none' };

export interface TargetInput {
  folders: readonly string[];
  clicked?: string;
  active?: string;
  /** The workspace folder holding a file or folder (the innermost one), as the editor says. */
  folderOf: (uri: string) => string | undefined;
}

/**
 * Where a new proposal goes. Right-clicking a folder puts it directly in that folder, except the
 * workspace folder itself: there the template's own path (`design-proposals/klip-...`) applies,
 * as it does from the command palette. Otherwise the workspace folder of the active file, or the
 * only one. A folder outside every workspace folder is refused by the language server.
 */
export function chooseTarget(input: TargetInput): Target {
  const { folders, clicked, active, folderOf } = input;
  if (clicked !== undefined) {
    const root = folderOf(clicked);
    if (root === undefined) return { kind: 'folder', root: clicked, dir: clicked };
    return root === clicked ? { kind: 'folder', root } : { kind: 'folder', root, dir: clicked };
  }
  const fromActive = active === undefined ? undefined : folderOf(active);
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

export function templatePickItems(templates: readonly ProposalTemplateInfo[]): TemplatePickItem[] {
  return templates.map((t) => ({ label: t.name, description: t.id, detail: t.description, id: t.id }));
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
