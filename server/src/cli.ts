#!/usr/bin/env node
/** `proposal-kit`: the checker for CI and the terminal. Same core as the language server. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs as parseArgv } from 'node:util';
import { checkModel, RULES, RULE_IDS, type RuleId, type SeveritySetting, type TemplateError, type TemplateSchema } from './core';
import { parseDocument } from './core/incremental';
import { statusText } from './core/check';
import { formatJson, formatMarkdown, formatSarif, formatSummary, formatText, type FileReport } from './core/report';
import { changedSince, GitError } from './node/git';
import { collectMarkdown, DEFAULT_MAX_BYTES, InputError, readMarkdown } from './node/files';
import { findConfigRoot, findGitRoot, formatIssues, loadProjectConfig } from './node/config';
import { unknownTemplateIssues } from './core/config';
import { createProposal } from './node/create';
import { isInside } from './node/safeFs';
import { parallelMap, serveWorker } from './node/parallel';
import { nodeWorkspaceHost } from './node/workspaceHost';
import { localDate, Workspace, type LoadedConfig, type Settings } from './core/workspace';
import { kepYamlFindingsFor } from './core/kepYaml';

declare const PROPOSAL_KIT_VERSION: string;
const VERSION = typeof PROPOSAL_KIT_VERSION === 'string' ? PROPOSAL_KIT_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  proposal-kit check [--format text|json|sarif|markdown] [--template ID] [--templates DIR]
                     [--rule RULE=SEVERITY]... [--jobs N] [--max-size MB] [--config FILE]
                     [--changed-since REF] <files or folders...>
  proposal-kit new --template ID --title "Title" [--dir DIR] [--author NAME]
                   [--number N] [--sig SIG] [--date YYYY-MM-DD] [--templates DIR]
                   [--config FILE]
  proposal-kit templates [--templates DIR] [--config FILE]
  proposal-kit --help | --version

check      Checks proposals: folders are searched for *.md. Exit code 0 when nothing is at
           error severity, 1 when something is, 2 for usage or file errors. Many files
           are checked on one thread per core (with more than two cores); --jobs N sets
           the number of threads.
           Files larger than --max-size MB (default 5) are not checked: exit code 2.
           --changed-since REF checks only the files added or changed since the merge base
           of REF and HEAD (committed, staged, or only in the working tree), as a pull
           request shows them; the exit code comes from those alone.
           --format markdown prints a summary for a pull request comment or a job summary.
new        Creates a proposal from a template (and kep.yaml for a KEP); prints its path.
           Never overwrites: a number already in use takes the next one.
templates  Lists the templates.

The configuration is read from .proposalkit.json (or "proposalkit" in package.json) in the
current folder or the nearest one above it, or from --config FILE; an error in it exits with 2.
Rules: ${RULE_IDS.join(', ')}. Severities: off, hint, information, warning, error.
`;

class UsageError extends Error {}

interface Args {
  positional: string[];
  options: Map<string, string[]>;
}

const VALUE_OPTIONS = ['format', 'template', 'templates', 'rule', 'title', 'dir', 'author', 'number', 'sig', 'date', 'jobs', 'max-size', 'config', 'changed-since'] as const;

/**
 * The command line, read by node's parseArgs. Every value option may repeat as far as the reader
 * goes (`--rule` and `--templates` do; `one` refuses a repeat of the others), and what it does
 * not know is said in plain words.
 */
function parseArgs(argv: string[]): Args {
  const options = Object.fromEntries([
    ...VALUE_OPTIONS.map((name) => [name, { type: 'string', multiple: true }] as const),
    ['help', { type: 'boolean', short: 'h' }] as const,
    ['version', { type: 'boolean' }] as const,
  ]);
  const { tokens } = parseArgv({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const positional: string[] = [];
  const found = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind === 'positional') positional.push(t.value);
    if (t.kind !== 'option') continue;
    if (t.name === 'help' || t.name === 'version') {
      found.set(t.name, ['']);
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(t.name)) throw new UsageError(`Unknown option ${t.rawName}.`);
    if (t.value === undefined) throw new UsageError(`Option ${t.rawName} needs a value.`);
    found.set(t.name, [...(found.get(t.name) ?? []), t.value]);
  }
  return { positional, options: found };
}

function one(args: Args, name: string): string | undefined {
  const v = args.options.get(name);
  if (v && v.length > 1) throw new UsageError(`Option --${name} is given more than once.`);
  return v?.[0];
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** This CLI's own bundled script, when it may start worker threads running it. */
  workerScript?: string;
}

/** The workspace a command works in: its root, its configuration, and the templates it reads. */
interface Opened {
  /** The configuration's folder, else the current folder: globs and the templates' paths start here. */
  root: string;
  config: LoadedConfig | null;
  settings: Settings;
  templates: TemplateSchema[];
  workspace: Workspace;
  /** Templates that could not be loaded (each already reported): `check` then exits with 2. */
  templateErrors: TemplateError[];
}

/** Thrown after the configuration's errors are printed: the command stops with exit code 2. */
class ConfigFailure extends Error {}

/**
 * The workspace root, which paths are matched and shown from: the folder holding `--config FILE`;
 * else, from the first folder or file named (the current folder when none is) up, the nearest with
 * a configuration, else the git repository's root, else the current folder when what is named is
 * inside it, else the folder named. A configuration or a repository makes `check` give the same
 * answer from anywhere.
 */
function configRoot(args: Args, io: Io): string {
  const explicit = one(args, 'config');
  if (explicit === undefined) {
    const named = args.positional.length ? path.resolve(io.cwd, args.positional[0]) : io.cwd;
    const start = fs.statSync(named, { throwIfNoEntry: false })?.isDirectory() === false ? path.dirname(named) : named;
    // Neither: the current folder when what is named is inside it (`check keps/` keeps the `keps/`
    // its paths are matched with), else the folder named.
    const inside = !path.relative(io.cwd, start).startsWith('..') && !path.isAbsolute(path.relative(io.cwd, start));
    return findConfigRoot(start) ?? findGitRoot(start) ?? (inside ? io.cwd : start);
  }
  const file = path.resolve(io.cwd, explicit);
  const name = path.basename(file);
  if (name !== '.proposalkit.json' && name !== 'package.json') throw new UsageError(`--config takes a .proposalkit.json or package.json file; got '${explicit}'.`);
  if (!fs.existsSync(file)) throw new UsageError(`--config ${explicit}: no such file; check the path.`);
  const loaded = loadProjectConfig(path.dirname(file));
  if (!loaded || loaded.file !== file) throw new UsageError(`--config ${explicit} holds no Proposal Kit configuration (package.json needs a "proposalkit" key).`);
  return path.dirname(file);
}

function openWorkspace(args: Args, io: Io): Opened {
  const root = configRoot(args, io);
  // The command line may run on a stranger's pull request: what the workspace names is read only
  // inside it, symlinks followed. A folder the user names (--templates) is theirs.
  const workspace = new Workspace(nodeWorkspaceHost(), { folders: [root], trusted: false, reader: 'cli' });
  const { errors, refused } = workspace.load((args.options.get('templates') ?? []).map((d) => path.resolve(io.cwd, d)));
  for (const message of refused) io.err(`proposal-kit: ${message}\n`);
  if (refused.length) throw new ConfigFailure();
  const { templates } = workspace;
  const config = workspace.configOf(root);
  const settings = workspace.settingsFor(root);
  for (const e of errors) io.err(`proposal-kit: template error: ${shown(io.cwd, e.file)}:${e.line}: ${e.detail}\n`);
  if (config) {
    const issues = [...config.issues, ...unknownTemplateIssues(config.config, templates.map((t) => t.id))].sort((a, b) => a.span.start - b.span.start);
    if (issues.length) {
      const file = shown(io.cwd, config.file);
      for (const line of formatIssues(config, issues, file)) io.err(`${line}\n`);
      io.err(`proposal-kit: the configuration ${file} has ${issues.length === 1 ? 'an error' : `${issues.length} errors`}: fix ${issues.length === 1 ? 'it' : 'them'} and run again.\n`);
      throw new ConfigFailure();
    }
  }
  return { root, config, settings, templates, workspace, templateErrors: errors };
}

function severities(args: Args): Partial<Record<RuleId, SeveritySetting>> {
  const out: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const spec of args.options.get('rule') ?? []) {
    const m = /^([a-z-]+)=(off|hint|information|warning|error)$/.exec(spec);
    if (!m) throw new UsageError(`--rule takes RULE=SEVERITY, e.g. --rule section-order=off; got '${spec}'.`);
    if (!RULE_IDS.includes(m[1] as RuleId)) throw new UsageError(`Unknown rule '${m[1]}'; the rules are ${RULE_IDS.join(', ')}.`);
    out[m[1] as RuleId] = m[2] as SeveritySetting;
  }
  return out;
}

const shown = (cwd: string, file: string): string => path.relative(cwd, file).split(path.sep).join('/') || file;

/** A checked file as reports name it: from the workspace root when it is inside, else from the current folder. */
const inWorkspace = (root: string, cwd: string, file: string): string => {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? shown(root, file) : shown(cwd, file);
};

/** What every thread that checks files needs: plain data, copied to worker threads. */
interface CheckContext {
  files: string[];
  cwd: string;
  /** The workspace root: the configuration's globs are relative to it. */
  root: string;
  settings: Settings;
  templates: TemplateSchema[];
  forced: string | undefined;
  severities: Partial<Record<RuleId, SeveritySetting>>;
  /** Files larger than this are not checked (an error naming the limit). */
  maxBytes: number;
}

/** A file's report, and for a KEP's README that of the kep.yaml beside it. */
type CheckOutcome = { report: FileReport; companion?: FileReport } | { error: { file: string; message: string } };

const CHECK_WORKER = 'proposal-kit check';

/** Reads and checks one file (on whichever thread takes it). */
function checkTask(ctx: CheckContext): (index: number) => CheckOutcome {
  // Each thread's own view of the workspace: which files are proposals, and their companions.
  const ws = new Workspace(nodeWorkspaceHost(), { folders: [ctx.root], trusted: false, reader: 'cli' });
  ws.templates = ctx.templates;
  return (index) => {
    const file = ctx.files[index];
    const name = inWorkspace(ctx.root, ctx.cwd, file);
    let text: string;
    try {
      text = readMarkdown(file, ctx.maxBytes);
    } catch (e) {
      return { error: { file: name, message: e instanceof InputError ? e.message.replace(file, name) : String(e) } };
    }
    const plan = ws.checkPlan(file, ctx.settings, ctx.forced);
    if (!plan) return { report: { path: name, template: null, progress: null, findings: [] } };
    const companions = ws.companions(file);
    const model = parseDocument(text);
    const result = checkModel(model, ctx.templates, { path: name, template: plan.template, severities: ctx.severities, companions, firstCommitDate: ws.firstCommitDate(file) });
    const analysis = result.analysis;
    const report: FileReport = {
      path: name,
      template: result.detection ? { id: result.detection.template.id, confidence: result.detection.confidence, name: result.detection.template.name } : null,
      progress: result.progress,
      findings: result.findings,
      status: analysis ? statusText(analysis) : null,
    };
    const kepYaml = ws.kepYamlFor(file);
    if (kepYaml === null || companions.kepYaml === undefined || !result.detection?.template.kepYaml) return { report };
    const findings = kepYamlFindingsFor(companions.kepYaml, { model, template: result.detection.template, status: result.analysis?.status ?? null }, ctx.severities);
    return { report, companion: { path: inWorkspace(ctx.root, ctx.cwd, kepYaml), template: null, progress: null, findings } };
  };
}

/** Below this much markdown in all, starting a worker thread costs more than it saves. */
const PARALLEL_MIN_BYTES = 256 * 1024;

function maxSizeOption(args: Args): number {
  const raw = one(args, 'max-size');
  if (raw === undefined) return DEFAULT_MAX_BYTES;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-size takes a size in MB greater than 0, e.g. --max-size 10; got '${raw}'.`);
  return Math.round(mb * 1024 * 1024);
}

function jobsOption(args: Args): number | undefined {
  const raw = one(args, 'jobs');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs takes a whole number of threads, 1 or more; got '${raw}'.`);
  return n;
}

/**
 * How many threads to check `files` on: --jobs if given, else one per core when there are more
 * than two cores and enough to do. (On two cores a second thread was measured to cost more than it
 * saves, on 2 MB and on 16 MB of proposals alike: the engine's own compiler and garbage collector
 * threads already keep the second core busy.)
 */
function threadsFor(files: readonly string[], jobs: number | undefined): number {
  if (files.length < 2) return 1;
  if (jobs !== undefined) return jobs;
  const cores = os.availableParallelism();
  if (cores <= 2) return 1;
  let bytes = 0;
  for (const f of files) bytes += fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.min(cores, 8);
}

function check(args: Args, io: Io): number {
  const format = one(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json, sarif or markdown; got '${format}'.`);
  const since = one(args, 'changed-since');
  if (!args.positional.length) throw new UsageError('Name the files or folders to check, e.g. proposal-kit check docs/proposals');
  const ws = openWorkspace(args, io);
  const { templates } = ws;
  const forced = one(args, 'template');
  if (forced && !templates.some((t) => t.id === forced)) {
    throw new UsageError(`Unknown template '${forced}'; the templates are ${templates.map((t) => t.id).join(', ')}.`);
  }
  const sev = { ...ws.settings.rules, ...severities(args) };
  const jobs = jobsOption(args);
  // A kep.yaml named on the command line is checked with the README beside it.
  const readmeOf = (p: string): string => {
    const readme = ws.workspace.readmeFor(p);
    return readme !== null && fs.existsSync(readme) ? readme : p;
  };
  const { files: found, errors } = collectMarkdown(args.positional.map((p) => readmeOf(path.resolve(io.cwd, p))));
  // A template is not a proposal: checking a folder that holds templates skips them.
  let files = [...new Set(found)].filter((f) => !ws.workspace.isTemplate(f));
  let scope: string | undefined;
  if (since !== undefined) {
    const changes = changedOrFail(ws.root, since);
    const all = files.length;
    // A KEP whose kep.yaml changed (its status, say) has changed too.
    const kepYamlChanged = (f: string): boolean => {
      const kep = ws.workspace.kepYamlFor(f);
      return kep !== null && fs.existsSync(kep) && changes.changed(kep);
    };
    files = files.filter((f) => changes.changed(f) || kepYamlChanged(f));
    scope = `added or changed since ${since} (merge base ${changes.base.slice(0, 12)})`;
    io.err(`proposal-kit: ${files.length} of ${all} markdown files ${scope}; only they are checked.\n`);
  }
  const context: CheckContext = { files, cwd: io.cwd, root: ws.root, settings: ws.settings, templates, forced, severities: sev, maxBytes: maxSizeOption(args) };
  const threads = io.workerScript ? threadsFor(files, jobs) : 1;
  const outcomes = parallelMap(files.length, checkTask, { script: io.workerScript ?? '', kind: CHECK_WORKER, threads, context }, (i, e) => ({
    error: { file: inWorkspace(ws.root, io.cwd, files[i]), message: `${inWorkspace(ws.root, io.cwd, files[i])}: could not be checked: ${e instanceof Error ? e.message : String(e)}` },
  }));
  const reports: FileReport[] = [];
  for (const o of outcomes) {
    if ('report' in o) reports.push(o.report, ...(o.companion ? [o.companion] : []));
    else errors.push(new InputError(o.error.file, o.error.message));
  }
  for (const e of errors) io.err(`proposal-kit: ${path.isAbsolute(e.file) ? e.message.replace(e.file, path.relative(io.cwd, e.file) || e.file) : e.message}\n`);
  if (format === 'json') io.out(formatJson(reports));
  else if (format === 'sarif') io.out(formatSarif(reports, RULES, { version: VERSION }));
  else if (format === 'markdown') io.out(formatMarkdown(reports, { scope }));
  else {
    io.out(formatText(reports));
    io.err(formatSummary(reports));
  }
  const broken = ws.templateErrors.length;
  if (broken) {
    io.err(`proposal-kit: ${broken === 1 ? 'a template' : `${broken} templates`} could not be loaded (see above), so no document was checked against ${broken === 1 ? 'it' : 'them'}: fix ${broken === 1 ? 'it' : 'them'} and run again.\n`);
  }
  if (errors.length || broken) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** The changes since a ref, or a clear error (exit code 2) when git cannot tell them. */
function changedOrFail(cwd: string, ref: string): ReturnType<typeof changedSince> {
  try {
    return changedSince(cwd, ref);
  } catch (e) {
    if (e instanceof GitError) throw new Error(`--changed-since ${ref}: ${e.message}`);
    throw e;
  }
}

function create(args: Args, io: Io): number {
  const id = one(args, 'template');
  const title = one(args, 'title');
  if (!id || !title?.trim()) throw new UsageError('proposal-kit new needs --template ID and --title "Title".');
  const ws = openWorkspace(args, io);
  const { templates } = ws;
  const t = templates.find((x) => x.id === id);
  if (!t) throw new UsageError(`Unknown template '${id}'; the templates are ${templates.map((x) => x.id).join(', ')}.`);
  const numberArg = one(args, 'number');
  const number = numberArg === undefined ? undefined : Number(numberArg);
  if (number !== undefined && (!Number.isInteger(number) || number < 0)) throw new UsageError(`--number must be a whole number; got '${numberArg}'.`);
  const date = one(args, 'date') ?? localDate(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD; got '${date}'.`);
  const configured = ws.workspace.proposalFolder(ws.root, undefined, id);
  const dirArg = one(args, 'dir') ?? (configured === undefined ? undefined : path.relative(io.cwd, configured) || '.');
  const sig = one(args, 'sig');
  if (t.file.path.includes('{sig}') && !sig && dirArg === undefined) {
    throw new UsageError(`A ${t.name} goes under its owning SIG: pass --sig NAME (e.g. --sig node), or --dir DIR.`);
  }
  if (dirArg !== undefined) {
    const st = fs.statSync(path.resolve(io.cwd, dirArg), { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw new UsageError(`--dir ${dirArg} is a file, not a folder.`);
  }
  // git reads the configuration of the repository the command runs in: the user ran it there.
  const author = one(args, 'author') ?? ws.workspace.authorFor(ws.root, ws.settings, io.cwd);
  // Files go inside the workspace; a --dir the user gives outside it is their own choice, and files
  // then go inside that folder. Either way a symlink on the way out is refused.
  const dir = dirArg === undefined ? undefined : path.resolve(io.cwd, dirArg);
  const userDir = one(args, 'dir') !== undefined && dir !== undefined && !isInside(ws.root, dir) ? dir : undefined;
  const created = createProposal(t, { title, author, date, number, sig }, { root: ws.root, dir, within: userDir ?? ws.root });
  io.out(`${path.relative(io.cwd, created.file)}\n`);
  for (const c of created.companions) io.out(`${path.relative(io.cwd, c)}\n`);
  return 0;
}

function listTemplates(args: Args, io: Io): number {
  const { templates } = openWorkspace(args, io);
  const width = Math.max(...templates.map((t) => t.id.length), 2);
  // Without `file.path`, a new proposal is named as the existing documents are (see `new`).
  for (const t of templates) io.out(`${t.id.padEnd(width)}  ${t.name}${t.description ? `: ${t.description}` : ''}  (${t.file.explicit ? t.file.path : 'named as its documents are'})\n`);
  return 0;
}

export function main(argv: string[], io: Io): number {
  try {
    const args = parseArgs(argv);
    if (args.options.has('version')) {
      io.out(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = args.positional;
    if (args.options.has('help') || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    const sub = { ...args, positional: rest };
    switch (command) {
      case 'check':
        return check(sub, io);
      case 'new':
        return create(sub, io);
      case 'templates':
        return listTemplates(sub, io);
      case undefined:
        throw new UsageError('Name a command: check, new or templates.');
      default:
        throw new UsageError(`Unknown command '${command}'; the commands are check, new and templates.`);
    }
  } catch (e) {
    if (e instanceof ConfigFailure) return 2;
    if (e instanceof UsageError) {
      io.err(`proposal-kit: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`proposal-kit: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (serveWorker(CHECK_WORKER, checkTask)) {
  // A worker thread started by `check`: it has done its share.
} else if (require.main === module) {
  const code = main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    workerScript: __filename,
  });
  process.exitCode = code;
}
