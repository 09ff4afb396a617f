/**
 * The workspace, decided once for the language server, the command line and New Proposal: its
 * folders, which template folders are read and in what order, which of them may lead outside it,
 * how the configuration file and the editor's settings merge, which files are proposals, and the
 * files beside a proposal (a KEP's kep.yaml). The file system comes in through `WorkspaceHost`, so
 * that this module stays pure.
 */
import type { Companions } from './metadata';
import { CONFIG_FILE, emptyConfig, newProposalFolder, readProjectConfig, type ConfigIssue, type ConfigRead, type ProjectConfig } from './config';
import { compileGlobs } from './patterns';
import { AUX_MAX_BYTES, formatSize } from './size';
import { RULE_IDS } from './rules';
import type { TemplateError, TemplateSchema } from './template';
import type { RuleId, SeveritySetting } from './types';

// ---------------------------------------------------------------------------------------------
// Settings

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

/** Reads a raw settings object (the editor's `proposalKit` section); anything malformed is ignored, never thrown. */
export function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_SETTINGS };
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : []);
  const rules: Settings['rules'] = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (RULE_IDS.includes(k as RuleId) && typeof v === 'string' && SEVERITIES.has(v)) rules[k as RuleId] = v as SeveritySetting;
    }
  }
  const maxFileSizeMB = typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  const author = typeof r.author === 'string' ? r.author.trim() : '';
  return { files: strings(r.files), rules, templates: strings(r.templates), author, templateFor: [], maxFileSizeMB };
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

// ---------------------------------------------------------------------------------------------
// What the workspace reads through its host

/** A configuration file as read from a workspace folder. */
export interface LoadedConfig {
  /** The file it was read from. */
  file: string;
  source: 'file' | 'package';
  text: string;
  config: ProjectConfig;
  issues: ConfigIssue[];
}

/**
 * A folder of templates, and for one that workspace data names (its `.proposals/templates/`, its
 * configuration's folders) where the workspace is not trusted, the workspace root that it and
 * every file read from it must resolve inside, symlinks followed.
 */
export type TemplateDir = string | { dir: string; within: string };

export interface LoadedTemplates {
  templates: TemplateSchema[];
  errors: TemplateError[];
}

/** The path operations of the platform (node's `path` is one). */
export interface PathOps {
  readonly sep: string;
  resolve(...paths: string[]): string;
  join(...paths: string[]): string;
  relative(from: string, to: string): string;
  dirname(p: string): string;
  basename(p: string): string;
  isAbsolute(p: string): boolean;
}

/** What the workspace needs from the file system and the machine. */
export interface WorkspaceHost {
  readonly path: PathOps;
  /** The folder of the built-in templates. */
  readonly builtinTemplates: string;
  isDirectory(dir: string): boolean;
  /** Whether `p` resolves inside `root`, symbolic links followed. */
  isInside(root: string, p: string): boolean;
  /** A folder's configuration (`.proposalkit.json`, else `proposalkit` in `package.json`); null when it has none. */
  readConfig(root: string): LoadedConfig | null;
  /** Templates from folders, weakest first: a later folder's template replaces an earlier one's with the same id. */
  loadTemplates(dirs: readonly TemplateDir[]): LoadedTemplates;
  /** A small text file (a kep.yaml); undefined when it is absent, not a regular file, or too large. */
  readText(file: string): string | undefined;
  /** git's user.name, read in `folder`, or from the user's global configuration alone when `folder` is null. */
  gitUserName(folder: string | null): string | null;
  /** The markdown files below a folder (symbolic links not followed), sorted, at most `limit`. */
  listMarkdown(root: string, limit: number): string[];
  /** The day (YYYY-MM-DD) a file was first committed to the repository it is in, today when it is not committed yet; null when it is in none. */
  firstCommitDate(file: string): string | null;
}

export interface WorkspaceOptions {
  /** The workspace folders, absolute. The command line has one: its configuration's folder, else the current one. */
  folders: readonly string[];
  /**
   * Whether what the workspace names may lead outside it. False in the editor's Restricted Mode
   * and on the command line, which may run on a stranger's pull request.
   */
  trusted: boolean;
  /** Who reads: the refusal of a folder outside the workspace says what to do in each. */
  reader: 'editor' | 'cli';
}

export interface WorkspaceLoad {
  /** Templates that failed to load, each with its file and line. */
  errors: TemplateError[];
  /** Template folders the configuration names that were refused, each with the message saying why. */
  refused: string[];
}

/** A document as the workspace checks it: the template the configuration assigns to it, if any. */
export interface CheckPlan {
  template: string | undefined;
}

export class Workspace {
  private readonly configs = new Map<string, LoadedConfig | null>();
  private templateFiles = new Set<string>();
  /** The templates, after `load`. */
  templates: TemplateSchema[] = [];

  constructor(
    readonly host: WorkspaceHost,
    readonly options: WorkspaceOptions,
  ) {}

  get folders(): readonly string[] {
    return this.options.folders;
  }

  /**
   * Reads each folder's configuration and the templates, weakest first: the built-in templates;
   * then for each folder its `.proposals/templates/` (when it exists), the folders its
   * configuration names, and the folders the user names (`userFolders`: the editor's setting,
   * relative to the folder; the command line's `--templates`, absolute). Where the workspace is not
   * trusted, a folder its configuration names outside it is refused, and what it names is read only
   * inside it. Folders that do not exist are skipped, except those named on the command line (an
   * error says so).
   */
  load(userFolders: readonly string[] = []): WorkspaceLoad {
    const p = this.host.path;
    const { trusted, reader } = this.options;
    const dirs: TemplateDir[] = [this.host.builtinTemplates];
    const refused: string[] = [];
    for (const root of this.folders) {
      const config = this.host.readConfig(root);
      this.configs.set(root, config);
      const confined = (dir: string): TemplateDir => (trusted ? dir : { dir, within: root });
      const own = p.join(root, '.proposals', 'templates');
      if (this.host.isDirectory(own)) dirs.push(confined(own));
      for (const { dir } of config?.config.templates ?? []) {
        const abs = p.resolve(root, dir);
        if (!trusted && !this.host.isInside(root, abs)) refused.push(refusal(dir, reader));
        else if (this.host.isDirectory(abs)) dirs.push(confined(abs));
      }
      for (const dir of userFolders) {
        const abs = p.resolve(root, dir);
        if (reader === 'cli' || this.host.isDirectory(abs)) dirs.push(abs);
      }
    }
    const key = (d: TemplateDir): string => (typeof d === 'string' ? d : d.dir);
    const unique = dirs.filter((d, i) => dirs.findIndex((x) => key(x) === key(d)) === i);
    const { templates, errors } = this.host.loadTemplates(unique);
    this.templates = templates;
    // A template that failed to load is still a template, not a proposal to check.
    this.templateFiles = new Set([...templates.map((t) => p.resolve(t.source)), ...errors.map((e) => p.resolve(e.file))]);
    return { errors, refused };
  }

  /** A workspace folder's configuration, as last read by `load`. */
  configOf(root: string | undefined): LoadedConfig | null {
    return root === undefined ? null : (this.configs.get(root) ?? null);
  }

  /** The workspace folder holding `file` (the innermost, for nested folders); undefined outside every folder. */
  rootOf(file: string): string | undefined {
    return innermostFolder(this.host.path, this.folders, file);
  }

  /** `file` relative to its workspace folder, '/'-separated; undefined outside every folder. */
  relativePath(file: string): string | undefined {
    const root = this.rootOf(file);
    return root === undefined ? undefined : this.host.path.relative(root, file).split(this.host.path.sep).join('/');
  }

  /** The settings for a file: its folder's configuration file, with the editor's settings (`user`) on top. */
  settingsFor(file: string | undefined, user: Settings = DEFAULT_SETTINGS): Settings {
    return mergeSettings(this.configOf(file === undefined ? undefined : this.rootOf(file))?.config ?? null, user);
  }

  /** Whether `file` is one the templates were read from: a template is not a proposal. */
  isTemplate(file: string): boolean {
    return this.templateFiles.has(this.host.path.resolve(file));
  }

  /** Which configuration a file is, by its name: `.proposalkit.json`, `package.json`, or neither. */
  configKind(file: string): 'file' | 'package' | null {
    const name = this.host.path.basename(file);
    return name === CONFIG_FILE ? 'file' : name === 'package.json' ? 'package' : null;
  }

  /**
   * How a document is checked, or null when it is not a proposal: a template, a configuration
   * file, or a file inside a workspace folder that the `files` globs leave out. `file` is undefined
   * for a document not on disk; it and a file outside every folder are checked when they look like
   * a proposal. A template named for the check (`--template`) comes first, then `templateFor`.
   */
  checkPlan(file: string | undefined, settings: Settings, forced?: string): CheckPlan | null {
    if (file !== undefined && (this.isTemplate(file) || this.configKind(file) !== null)) return null;
    if (file !== undefined && forced === undefined && this.isAttachment(file)) return null;
    if (forced !== undefined) return { template: forced };
    const rel = file === undefined ? undefined : this.relativePath(file);
    if (rel === undefined) return { template: undefined };
    if (!isProposalPath(settings, rel)) return null;
    return { template: templateForPath(settings, rel) };
  }

  /**
   * Whether `file` is other markdown in a proposal's own folder: a template that keeps each
   * proposal as a folder's README.md with a companion (a KEP's kep.yaml) makes the folder holding
   * that companion a proposal's, and its other files notes and attachments, not proposals.
   */
  isAttachment(file: string): boolean {
    const p = this.host.path;
    if (/^readme\.md$/i.test(p.basename(file))) return false;
    const dir = p.dirname(file);
    return this.templates.some(
      (t) => /(?:^|\/)readme\.md$/i.test(t.file.path) && t.file.companions.some((c) => this.host.readText(p.join(dir, c)) !== undefined),
    );
  }

  /**
   * The files in the workspace folders that may be proposals: markdown files that are not
   * templates and that the `files` globs (with the editor's settings, `user`) let in; at most
   * `limit` in all. Which of them are proposals, their check says.
   */
  proposalFiles(user: Settings = DEFAULT_SETTINGS, limit = 2000): string[] {
    const out = new Set<string>();
    for (const root of this.folders) {
      // A folder inside another is listed with each: the same file once.
      for (const file of this.host.listMarkdown(root, limit - out.size)) {
        if (this.checkPlan(file, this.settingsFor(file, user)) !== null) out.add(file);
      }
    }
    return [...out];
  }

  /**
   * When a document was first committed, for a check to ask only when it needs it (the document's
   * metadata and path give no date, and its template has dated versions); none for a document not on disk.
   */
  firstCommitDate(file: string | undefined): (() => string | null) | undefined {
    return file === undefined ? undefined : () => this.host.firstCommitDate(file);
  }

  /** kep.yaml's path for a KEP's README.md (any case), else null. */
  kepYamlFor(readme: string): string | null {
    const p = this.host.path;
    return p.basename(readme).toLowerCase() === 'readme.md' ? p.join(p.dirname(readme), 'kep.yaml') : null;
  }

  /** README.md's path for a kep.yaml, else null. */
  readmeFor(kepYaml: string): string | null {
    const p = this.host.path;
    return p.basename(kepYaml) === 'kep.yaml' ? p.join(p.dirname(kepYaml), 'README.md') : null;
  }

  /**
   * The files beside the proposal at `file` that bear on its check, their text from `textOf` (the
   * language server gives an open editor's text, unsaved edits included), by default the disk's.
   */
  companions(file: string, textOf: (file: string) => string | undefined = (f) => this.host.readText(f)): Companions {
    const kep = this.kepYamlFor(file);
    if (!kep) return {};
    const text = textOf(kep);
    return text === undefined ? {} : { kepYaml: text };
  }

  /** The folder a new proposal goes to: the one the user chose, else the configuration's for the template, else none (the template's own path). */
  proposalFolder(root: string, chosen: string | undefined, id: string): string | undefined {
    if (chosen !== undefined) return chosen;
    const config = this.configOf(root)?.config;
    const configured = config ? newProposalFolder(config, id) : undefined;
    return configured === undefined ? undefined : this.host.path.resolve(root, configured);
  }

  /**
   * The author of a new proposal: git's user.name, else the settings' author, else none. git reads
   * the repository's configuration in `gitFolder`; by default the workspace folder when the
   * workspace is trusted, else only the user's global configuration.
   */
  authorFor(root: string, settings: Settings, gitFolder: string | null = this.options.trusted ? root : null): string | undefined {
    return this.host.gitUserName(gitFolder)?.trim() || settings.author.trim() || undefined;
  }
}

/** A file as read for the workspace: its text, or why it was not read. */
export type FileRead = { text: string } | { failure: 'missing' | 'folder' | 'not-regular' | 'too-large' | 'unreadable'; detail?: string };

/**
 * A folder's configuration: `.proposalkit.json`, else the `proposalkit` key of `package.json`;
 * null when there is neither. Template folders that do not exist are issues too. `read` reads a
 * file of at most AUX_MAX_BYTES.
 */
export function configOfFolder(host: Pick<WorkspaceHost, 'path' | 'isDirectory'>, root: string, read: (file: string) => FileRead): LoadedConfig | null {
  for (const [name, source] of [[CONFIG_FILE, 'file'], ['package.json', 'package']] as const) {
    const file = host.path.join(root, name);
    const got = read(file);
    if ('failure' in got) {
      if (got.failure === 'missing' || source === 'package') continue;
      const why =
        got.failure === 'too-large'
          ? `is larger than ${formatSize(AUX_MAX_BYTES)}, more than any configuration needs`
          : got.failure === 'not-regular' || got.failure === 'folder'
            ? 'is not a regular file'
            : `cannot be read (${got.detail ?? 'unreadable'})`;
      const issue = { span: { start: 0, end: 0 }, message: `The configuration ${why}, so it is not read; make it a small JSON file.` };
      return { file, source, text: '', config: emptyConfig(), issues: [issue] };
    }
    const checked = checkConfigText(host, root, got.text, source);
    if (!checked.config && !checked.issues.length) continue;
    return { file, source, text: got.text, config: checked.config ?? emptyConfig(), issues: checked.issues };
  }
  return null;
}

/**
 * A configuration's text read and checked against the workspace: what `readProjectConfig` finds,
 * and template folders that do not exist (relative to `root`, the configuration's folder).
 */
export function checkConfigText(host: Pick<WorkspaceHost, 'path' | 'isDirectory'>, root: string, text: string, source: 'file' | 'package'): ConfigRead {
  const read = readProjectConfig(text, source);
  const issues = [...read.issues];
  for (const t of read.config?.templates ?? []) {
    const dir = host.path.resolve(root, t.dir);
    if (!host.isDirectory(dir)) issues.push({ span: t.span, message: `The template folder '${t.dir}' does not exist (looked for ${dir}).` });
  }
  return { config: read.config, issues: issues.sort((a, b) => a.span.start - b.span.start) };
}

/** Whether `p` is `folder` or inside it, by the names alone. */
function within(path: PathOps, folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The folder of `folders` holding `p` (the innermost, for nested folders); undefined when none does. */
export function innermostFolder(path: PathOps, folders: readonly string[], p: string): string | undefined {
  return folders.filter((f) => within(path, f, p)).sort((a, b) => b.length - a.length)[0];
}

function refusal(dir: string, reader: 'editor' | 'cli'): string {
  const how =
    reader === 'editor'
      ? 'in Restricted Mode it is not read. Trust the workspace to use it, or move the templates into the workspace.'
      : 'the command line reads only template folders inside the workspace. Name it with --templates DIR to use it, or move the templates into the workspace.';
  return `The template folder '${dir}' in the workspace's configuration is outside the workspace (or a symbolic link out of it); ${how}`;
}

/** The local date as YYYY-MM-DD (not UTC: a proposal started late in the evening is dated today). */
export function localDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
