/**
 * The workspace configuration, `.proposalkit.json` (or the `proposalkit` key of `package.json`):
 * which files are proposals, which template a glob uses, rule severities, template folders, where
 * new proposals go and who writes them. The server and the CLI read it with this one function, so
 * the editor and CI agree. Its shape is checked against the JSON schema the editor validates it
 * with; every error names the key or value it is about, and the rest still applies.
 */
import { globProblem } from './patterns';
import { parseJson, type JsonEntry, type JsonNode } from './json';
import { schemaIssues } from './schema';
import type { RuleId, SeveritySetting, Span } from './types';

export interface ProjectConfig {
  /** Globs, relative to the configuration's folder, of the files that are proposals; empty: any that looks like one. */
  files: string[];
  /** Glob -> template id: documents matching the glob are checked against that template. */
  templateFor: { glob: string; template: string; span: Span }[];
  rules: Partial<Record<RuleId, SeveritySetting>>;
  /** Template folders, relative to the configuration's folder. */
  templates: { dir: string; span: Span }[];
  /** Template id (or "*" for every template) -> folder, relative to the configuration's folder. */
  newProposalFolders: { template: string; dir: string; span: Span }[];
  /** Author for new proposals when git has none. */
  author: string;
}

export interface ConfigIssue {
  span: Span;
  message: string;
}

export interface ConfigRead {
  /** Null when the text holds no configuration (a package.json without a `proposalkit` key). */
  config: ProjectConfig | null;
  issues: ConfigIssue[];
}

export const CONFIG_FILE = '.proposalkit.json';
const PACKAGE_KEY = 'proposalkit';

/** The keys, in the order the README and the schema give them. */
export const CONFIG_KEYS = ['$schema', 'files', 'templateFor', 'rules', 'templates', 'newProposalFolders', 'author'] as const;

export function emptyConfig(): ProjectConfig {
  return { files: [], templateFor: [], rules: {}, templates: [], newProposalFolders: [], author: '' };
}

/**
 * Reads a configuration. `source` says what the text is: the `.proposalkit.json` file itself, or a
 * `package.json` whose `proposalkit` key holds it.
 */
export function readProjectConfig(text: string, source: 'file' | 'package'): ConfigRead {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    // A package.json that is not JSON is npm's to report, unless it is our key that breaks it.
    if (source === 'package' && !text.includes(`"${PACKAGE_KEY}"`)) return { config: null, issues: [] };
    const span = { start: parsed.offset, end: Math.min(text.length, parsed.offset + 1) };
    return { config: null, issues: [{ span, message: `Not valid JSON: ${parsed.message}` }] };
  }
  let root: JsonNode = parsed.node;
  const issues: ConfigIssue[] = [];
  const problem = (span: Span, message: string): void => {
    issues.push({ span, message });
  };
  if (source === 'package') {
    if (root.kind !== 'object') return { config: null, issues: [] };
    const entry = root.entries.find((e) => e.key === PACKAGE_KEY);
    if (!entry) return { config: null, issues: [] };
    root = entry.value;
  }
  const config = emptyConfig();
  // The shape of each value: the JSON schema, the one the editor validates the file with.
  const checked = schemaIssues(root);
  for (const c of checked) problem(c.span, c.message);
  if (root.kind !== 'object') return { config, issues };
  const bad = new Set(checked.map((c) => c.path.join('/')));
  const good = (...path: string[]): boolean => !bad.has(path.join('/'));
  const strings = (key: string, node: JsonNode): { value: string; span: Span }[] =>
    node.kind === 'array' && good(key) ? node.items.flatMap((item, i) => (item.kind === 'string' && good(key, String(i)) ? [{ value: item.value.trim(), span: item.span }] : [])) : [];
  const mapping = (key: string, node: JsonNode): JsonEntry[] =>
    node.kind === 'object' && good(key) ? node.entries.filter((e) => e.value.kind === 'string' && good(key, e.key)) : [];
  const textOf = (node: JsonNode): string => (node.kind === 'string' ? node.value.trim() : '');

  // What the schema cannot say: a key given twice, globs Proposal Kit cannot use, folders outside the workspace.
  const seen = new Set<string>();
  for (const entry of root.entries) {
    const { key, value } = entry;
    if (seen.has(key)) {
      problem(entry.keySpan, `"${key}" is given twice: keep one.`);
      continue;
    }
    seen.add(key);
    switch (key) {
      case 'files':
        for (const g of strings(key, value)) {
          const why = globProblem(g.value);
          if (why) problem(g.span, `"files" holds a glob Proposal Kit cannot use: ${why}.`);
          else config.files.push(g.value);
        }
        break;
      case 'templateFor':
        for (const m of mapping(key, value)) {
          const why = globProblem(m.key);
          if (why) problem(m.keySpan, `"templateFor" has a glob Proposal Kit cannot use: ${why}.`);
          else config.templateFor.push({ glob: m.key, template: textOf(m.value), span: m.value.span });
        }
        break;
      case 'rules':
        for (const r of mapping(key, value)) config.rules[r.key as RuleId] = textOf(r.value) as SeveritySetting;
        break;
      case 'templates':
        config.templates = strings(key, value).map((s) => ({ dir: s.value, span: s.span }));
        break;
      case 'newProposalFolders':
        for (const m of mapping(key, value)) {
          const dir = textOf(m.value);
          if (leavesRoot(dir)) problem(m.value.span, `"newProposalFolders" maps "${m.key}" to '${dir}', which is outside the workspace; name a folder inside it, relative to the workspace root, without '..'.`);
          else config.newProposalFolders.push({ template: m.key, dir, span: m.keySpan });
        }
        break;
      case 'author':
        if (good(key)) config.author = textOf(value);
        break;
    }
  }
  issues.sort((a, b) => a.span.start - b.span.start);
  return { config, issues };
}

/** Whether a configured path points out of the workspace root: absolute, or climbing out with '..'. */
function leavesRoot(p: string): boolean {
  const unix = p.replace(/\\/g, '/');
  if (/^(?:[a-z]:)?\//i.test(unix) || unix.startsWith('~')) return true;
  let depth = 0;
  for (const part of unix.split('/')) {
    if (part === '..') depth--;
    else if (part && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** Issues for template ids the configuration names that no loaded template has. */
export function unknownTemplateIssues(config: ProjectConfig, ids: readonly string[]): ConfigIssue[] {
  const known = new Set(ids);
  const list = ids.join(', ');
  const issues: ConfigIssue[] = [];
  for (const t of config.templateFor) {
    if (!known.has(t.template)) issues.push({ span: t.span, message: `No template '${t.template}': the templates are ${list}.` });
  }
  for (const f of config.newProposalFolders) {
    if (f.template !== '*' && !known.has(f.template)) issues.push({ span: f.span, message: `No template '${f.template}': the templates are ${list} (or "*" for every template).` });
  }
  return issues;
}

/** The folder new proposals from the template go to, when the configuration names one. */
export function newProposalFolder(config: ProjectConfig, id: string): string | undefined {
  return (config.newProposalFolders.find((f) => f.template === id) ?? config.newProposalFolders.find((f) => f.template === '*'))?.dir;
}
