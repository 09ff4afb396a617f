import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkModel, parseProposal, parseTemplate, type CheckOptions, type Finding, type TemplateSchema } from '../../server/src/core';
import { loadTemplateDirs } from '../../server/src/node/templates';
import { main } from '../../server/src/cli';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus');

let builtins: TemplateSchema[] | null = null;
export function builtinTemplates(): TemplateSchema[] {
  if (!builtins) {
    const loaded = loadTemplateDirs([path.join(ROOT, 'templates')]);
    if (loaded.errors.length) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    builtins = loaded.templates;
  }
  return builtins;
}

export function template(id: string): TemplateSchema {
  const t = builtinTemplates().find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

export interface CorpusDoc {
  family: string;
  /** The path upstream, e.g. keps/sig-node/589-efficient-node-heartbeats/README.md */
  upstreamPath: string;
  /** Path of the local copy under corpus/. */
  file: string;
}

export function corpusDocs(): CorpusDoc[] {
  const rows = fs.readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => c[4]?.startsWith('real/') && c[4].endsWith('.md'))
    .map((c) => ({ family: c[0], upstreamPath: c[3], file: path.join(CORPUS, c[4]) }));
}

/** Text in, findings out, with a one-off template. */
export function check(doc: string, tpl: TemplateSchema | TemplateSchema[], options: CheckOptions = {}) {
  return checkModel(parseProposal(doc), Array.isArray(tpl) ? tpl : [tpl], options);
}

export function tpl(text: string, name = 'fixture.md'): TemplateSchema {
  return parseTemplate(text, name);
}

/** "line:col-line:col rule message", one-based, for compact exact assertions. */
export function show(f: Finding): string {
  const r = f.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${f.severity} ${f.rule} ${f.message}`;
}

/** Runs the CLI in-process in `cwd`, collecting what it prints. */
export function runCli(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd });
  return { code, out, err };
}

/** A fresh copy of examples/keps in a temporary folder for each test of the suite: the folder's getter. */
export function withExampleKeps(prefix: string): () => string {
  let tmp = '';
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.cpSync(path.join(ROOT, 'examples', 'keps'), path.join(tmp, 'keps'), { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return () => tmp;
}

/** A KLIP with one empty section ('Design') and one missing ('Compatibility Implications'). */
export const PAUSE_KLIP = [
  '# KLIP 9 - Pause queries',
  '',
  '**Author**: Ada |',
  '**Status**: WIP |',
  '**Release Target**: 0.30 |',
  '**Discussion**: https://github.com/confluentinc/ksql/pull/9',
  '**tl;dr:** Let operators pause a persistent query and resume it later with its state.',
  '## Motivation and background',
  'Because.',
  '## What is in scope',
  'Pausing.',
  '## What is not in scope',
  'Resuming.',
  '## Value/Return',
  'Less load.',
  '## Public APIS',
  'PAUSE.',
  '## Design',
  '',
  '## Test plan',
  'Unit tests.',
  '## Documentation Updates',
  'Syntax page.',
  '## Security Implications',
  'None.',
  '',
].join('\n');

/** A temporary git repository; `git` runs in it with a fixed author and dates. */
export class TempRepo {
  readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-git-')));

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return this.gitWith({}, args);
  }

  private gitWith(extra: Record<string, string>, args: string[]): string {
    const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...extra };
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', env });
  }

  write(rel: string, text: string): void {
    const f = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  }

  /** Commits everything, at `date` (ISO 8601) when one is given. */
  commit(message: string, date?: string): void {
    this.git('add', '-A');
    this.gitWith(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, ['commit', '-q', '-m', message]);
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
