/**
 * The workspace configuration, `.proposalkit.json` (or the `proposalkit` key of `package.json`):
 * which files are proposals, which template a glob uses, rule severities, template folders, where
 * new proposals go and who writes them. The server and the CLI read it with this one function, so
 * the editor and CI agree. Every error names the key or value it is about; the rest still applies.
 */
import { globProblem } from './patterns';
import { parseJson, type JsonNode } from './json';
import { RULE_IDS } from './rules';
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

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export function emptyConfig(): ProjectConfig {
  return { files: [], templateFor: [], rules: {}, templates: [], newProposalFolders: [], author: '' };
}

const KIND_NAME: Record<JsonNode['kind'], string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

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
  if (root.kind !== 'object') {
    problem(root.span, `The configuration must be a JSON object, e.g. { "files": ["docs/rfcs/*.md"] }; found ${KIND_NAME[root.kind]}.`);
    return { config, issues };
  }

  const strings = (node: JsonNode, key: string, example: string): { value: string; span: Span }[] => {
    if (node.kind !== 'array') {
      problem(node.span, `"${key}" must be a list of text values, e.g. ${example}; found ${KIND_NAME[node.kind]}.`);
      return [];
    }
    const out: { value: string; span: Span }[] = [];
    for (const item of node.items) {
      if (item.kind !== 'string') problem(item.span, `Each entry of "${key}" must be text, e.g. ${example}; found ${KIND_NAME[item.kind]}.`);
      else if (!item.value.trim()) problem(item.span, `An entry of "${key}" is empty: remove it or fill it in.`);
      else out.push({ value: item.value.trim(), span: item.span });
    }
    return out;
  };
  const mapping = (node: JsonNode, key: string, example: string): { key: string; keySpan: Span; value: string; span: Span }[] => {
    if (node.kind !== 'object') {
      problem(node.span, `"${key}" must be an object, e.g. ${example}; found ${KIND_NAME[node.kind]}.`);
      return [];
    }
    const out: { key: string; keySpan: Span; value: string; span: Span }[] = [];
    for (const e of node.entries) {
      if (e.value.kind !== 'string' || !e.value.value.trim()) {
        problem(e.value.span, `"${key}" maps "${e.key}" to ${e.value.kind === 'string' ? 'empty text' : KIND_NAME[e.value.kind]}; expected text, e.g. ${example}.`);
      } else out.push({ key: e.key, keySpan: e.keySpan, value: e.value.value.trim(), span: e.value.span });
    }
    return out;
  };

  const seen = new Set<string>();
  for (const entry of root.entries) {
    const { key, value } = entry;
    if (seen.has(key)) {
      problem(entry.keySpan, `"${key}" is given twice: keep one.`);
      continue;
    }
    seen.add(key);
    switch (key) {
      case '$schema':
        if (value.kind !== 'string') problem(value.span, `"$schema" must be text (the schema's path or URL); found ${KIND_NAME[value.kind]}.`);
        break;
      case 'files':
        for (const g of strings(value, key, '["docs/rfcs/*.md"]')) {
          const why = globProblem(g.value);
          if (why) problem(g.span, `"files" holds a glob Proposal Kit cannot use: ${why}.`);
          else config.files.push(g.value);
        }
        break;
      case 'templateFor':
        for (const m of mapping(value, key, '{ "docs/decisions/*.md": "madr" }')) {
          const why = globProblem(m.key);
          if (why) problem(m.keySpan, `"templateFor" has a glob Proposal Kit cannot use: ${why}.`);
          else config.templateFor.push({ glob: m.key, template: m.value, span: m.span });
        }
        break;
      case 'rules':
        if (value.kind !== 'object') {
          problem(value.span, `"rules" must be an object of rule ids and severities, e.g. { "section-order": "off" }; found ${KIND_NAME[value.kind]}.`);
          break;
        }
        for (const r of value.entries) {
          if (!RULE_IDS.includes(r.key as RuleId)) {
            problem(r.keySpan, `Unknown rule '${r.key}': the rules are ${RULE_IDS.join(', ')}.`);
          } else if (r.value.kind !== 'string' || !SEVERITY_SETTINGS.includes(r.value.value as SeveritySetting)) {
            const found = r.value.kind === 'string' ? `'${r.value.value}'` : KIND_NAME[r.value.kind];
            problem(r.value.span, `The severity of '${r.key}' must be one of ${SEVERITY_SETTINGS.join(', ')}; found ${found}.`);
          } else config.rules[r.key as RuleId] = r.value.value as SeveritySetting;
        }
        break;
      case 'templates':
        config.templates = strings(value, key, '[".proposals/templates", "docs/templates"]').map((s) => ({ dir: s.value, span: s.span }));
        break;
      case 'newProposalFolders':
        for (const m of mapping(value, key, '{ "madr": "docs/decisions" }')) {
          if (leavesRoot(m.value)) problem(m.span, `"newProposalFolders" maps "${m.key}" to '${m.value}', which is outside the workspace; name a folder inside it, relative to the workspace root, without '..'.`);
          else config.newProposalFolders.push({ template: m.key, dir: m.value, span: m.keySpan });
        }
        break;
      case 'author':
        if (value.kind !== 'string') problem(value.span, `"author" must be text, e.g. "Platform Team"; found ${KIND_NAME[value.kind]}.`);
        else config.author = value.value.trim();
        break;
      default:
        problem(entry.keySpan, `Unknown key "${key}": the keys are ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')}.`);
    }
  }
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
