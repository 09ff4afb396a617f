/**
 * How right the checker's findings are on the real documents of ../shared/corpus: each corpus root
 * is checked as a workspace (a wild family in a git repository with its main template as it is in
 * `.proposals/templates/`, its earlier versions in the history), and every finding is matched to the labels people wrote by reading the
 * documents (see README.md beside this file).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { RULE_IDS } from '../../server/src/core';
import { parseDocument } from '../../server/src/core/incremental';
import { loadTemplateDirs } from '../../server/src/node/templates';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
export const LABELS_DIR = path.join(__dirname, 'labels');
export const FIGURES_FILE = path.join(__dirname, 'figures.json');

export type Verdict = 'T' | 'F' | 'D';

export interface Label {
  document: string;
  rule: string;
  target: string;
  verdict: Verdict;
  reason: string;
  /** Where the label is written: `labels/<family>.tsv:<line>`. */
  at: string;
}

export interface Family {
  name: string;
  /** `trees` (a built-in template's family) or `wild` (a team's own template). */
  kind: 'trees' | 'wild';
  /** The family's root in the corpus. */
  dir: string;
  /** For a wild family: its main template, from the root. */
  template?: string;
}

export function families(): Family[] {
  const trees = ['enhancements', 'ksql', 'materialize', 'kepler'].map((name): Family => ({ name, kind: 'trees', dir: path.join(CORPUS, 'trees', name) }));
  const manifest = fs.readFileSync(path.join(CORPUS, 'wild', 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  const wild = manifest.map((row): Family => {
    const [name, , , template] = row.split('\t');
    return { name, kind: 'wild', dir: path.join(CORPUS, 'wild', name), template };
  });
  return [...trees, ...wild];
}

const RULES = new Set<string>(['follows', ...RULE_IDS]);

/** A family's labels; a malformed line is an error naming it. */
export function readLabels(family: string): Label[] {
  const files = fs.existsSync(LABELS_DIR) ? fs.readdirSync(LABELS_DIR).filter((f) => f === `${family}.tsv`) : [];
  const out: Label[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(LABELS_DIR, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const at = `labels/${file}:${i + 1}`;
      if (!line.trim() || line.startsWith('#')) return;
      const cols = line.split('\t');
      if (cols.length !== 5) throw new Error(`${at}: a label has 5 tab-separated columns (document, rule, target, verdict, reason); this line has ${cols.length}.`);
      const [document, rule, target, verdict, reason] = cols.map((c) => c.trim());
      if (!RULES.has(rule)) throw new Error(`${at}: unknown rule '${rule}'.`);
      if (verdict !== 'T' && verdict !== 'F' && verdict !== 'D') throw new Error(`${at}: the verdict is T, F or D; got '${verdict}'.`);
      if (!document || !target || !reason) throw new Error(`${at}: document, target and reason must not be empty.`);
      out.push({ document, rule, target, verdict, reason, at });
    });
  }
  return out;
}

/** Titles and names compared as people read them: case, emphasis, punctuation and leading numbers aside. */
export function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/^[\s#]*(?:[a-z]\.)?\d+(?:\.\d+)*[.):]?\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface JudgedFinding {
  document: string;
  line: number;
  rule: string;
  message: string;
  /** What the finding is about, as matched against the labels' targets. */
  targets: string[];
  verdict: Verdict | null;
  label: Label | null;
}

export interface Counts {
  findings: number;
  T: number;
  F: number;
  D: number;
  unlabelled: number;
  /** T labels (not `follows`), and how many of them were reported. */
  problems: number;
  reported: number;
}

export interface FamilyResult {
  family: string;
  kind: Family['kind'];
  documents: number;
  labelledDocuments: number;
  detected: number;
  detection: number;
  /** null when no finding is judged: there is nothing to be right or wrong about. */
  precision: number | null;
  recall: number;
  counts: Counts;
  byRule: Record<string, Counts>;
  findings: JudgedFinding[];
  /** Documents whose template the checker got wrong: `doc: expected X, got Y`. */
  misdetected: string[];
  /** T labels nothing reported. */
  missed: Label[];
  /** Markdown documents with no `follows` label. */
  unlabelledDocuments: string[];
  /** Label lines naming a document that is not there. */
  strayLabels: Label[];
  /** Template errors, file errors: what `check` printed on standard error, summary aside. */
  errors: string[];
}

interface JsonFinding {
  rule: string;
  message: string;
  section: string | null;
  field: string | null;
  range: { start: { line: number } };
}

interface JsonFile {
  path: string;
  template: { id: string } | null;
  findings: JsonFinding[];
}

function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === '.history' || e.name === '.proposals' || e.name === '.git') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/** Runs git in a family's workspace, as a fixed person, without the machine's or the user's git configuration. */
function git(root: string, args: string[], date?: string): void {
  const who = { GIT_AUTHOR_NAME: 'Fidelity', GIT_AUTHOR_EMAIL: 'fidelity@example.com', GIT_COMMITTER_NAME: 'Fidelity', GIT_COMMITTER_EMAIL: 'fidelity@example.com' };
  const when = date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const env = { ...process.env, ...who, ...when, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };
  execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The day after a YYYY-MM-DD date, at noon UTC. */
function dayAfter(date: string): string {
  return `${new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T12:00:00Z`;
}

/**
 * The checkout a team has: a git repository where the template's earlier versions (the family's
 * `.history/<date>.<commit>.<name>`) were committed one after the other, at their dates, as
 * `.proposals/templates/<name>`, and then the current template with the documents. The corpus
 * does not say when the current template was last changed: that commit is made the day after the
 * newest earlier version, so only documents written before that are held to an earlier version.
 */
/**
 * A family's other templates (wild/README.md names them): a team with two templates puts both in
 * `.proposals/templates/`, each under a name of its own (a folder's `0000-template.md` is named
 * after its folder).
 */
const OTHER_TEMPLATES: Record<string, string[]> = {
  'npm-rfc': ['withdrawn/0000-template.md'],
  'cardano-cip': ['.github/CPS-TEMPLATE.md'],
  'xrpl-xls': ['templates/AMENDMENT_TEMPLATE.md'],
};

/** The name a template's copy gets in `.proposals/templates/`: its own, or its folder's when that is not unique to it. */
function copyName(template: string, taken: readonly string[]): string {
  const base = path.basename(template);
  if (base.toLowerCase() === 'readme.md') return `${path.basename(path.dirname(template))}.md`;
  return taken.includes(base) ? `${path.basename(path.dirname(template))}-${base}` : base;
}

function commitHistory(family: Family, root: string, name: string): void {
  const history = path.join(family.dir, '.history');
  const versions = fs.existsSync(history) ? fs.readdirSync(history).filter((f) => /^\d{4}-\d{2}-\d{2}\.[0-9a-f]+\./.test(f)).sort() : [];
  git(root, ['init', '-q', '-b', 'main']);
  const target = path.join('.proposals', 'templates', name);
  for (const v of versions) {
    fs.copyFileSync(path.join(history, v), path.join(root, target));
    git(root, ['add', '--', target]);
    git(root, ['commit', '-q', '-m', `Template as of ${v.slice(0, 10)}`], `${v.slice(0, 10)}T12:00:00Z`);
  }
  fs.copyFileSync(path.join(family.dir, family.template as string), path.join(root, target));
  for (const other of OTHER_TEMPLATES[family.name] ?? []) fs.copyFileSync(path.join(family.dir, other), path.join(root, '.proposals', 'templates', copyName(other, [name])));
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'The current template and the documents'], versions.length ? dayAfter(versions[versions.length - 1].slice(0, 10)) : undefined);
}

/** The workspace a family is checked in, and how the checker's template ids read as label targets. */
function workspaceFor(family: Family): { root: string; targetOf: (id: string) => string; cleanup: () => void } {
  if (family.kind === 'trees') return { root: family.dir, targetOf: (id) => id, cleanup: () => undefined };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fidelity-${family.name}-`));
  fs.cpSync(family.dir, root, { recursive: true, filter: (src) => path.basename(src) !== '.history' });
  const templates = path.join(root, '.proposals', 'templates');
  fs.mkdirSync(templates, { recursive: true });
  const main = family.template as string;
  // A template kept as a folder's README.md is named after its folder, as a team would name the copy.
  const name = copyName(main, []);
  commitHistory(family, root, name);
  const loaded = loadTemplateDirs([templates]);
  // Each template id as the labels name it: the path of the template it was copied from.
  const sources = new Map([[name, main], ...(OTHER_TEMPLATES[family.name] ?? []).map((o) => [copyName(o, [name]), o] as const)]);
  const ids = new Map(loaded.templates.map((t) => [t.id, sources.get(path.basename(t.source)) ?? main]));
  return { root, targetOf: (id) => ids.get(id) ?? id, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The headings of a document by line (1-based), to place a finding under its nearest heading. */
function headingsOf(file: string): { line: number; text: string }[] {
  const text = fs.readFileSync(file, 'utf8');
  const model = parseDocument(text);
  return model.sections.map((s) => ({ line: model.lines.positionAt(s.heading.span.start).line + 1, text: s.heading.text }));
}

function quoted(message: string): string[] {
  const head = message.split(' (')[0];
  return [...head.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

function targetsOf(f: JsonFinding, line: number, headings: { line: number; text: string }[]): string[] {
  const at = headings.find((h) => h.line === line)?.text;
  const above = [...headings].reverse().find((h) => h.line <= line)?.text ?? '(top)';
  switch (f.rule) {
    case 'missing-section':
      return [...(f.section ? [f.section] : []), ...quoted(f.message)];
    case 'placeholder':
      return [above, ...(f.section ? [f.section] : [])];
    case 'metadata':
      return f.field ? [f.field] : [];
    case 'kep-yaml':
      return f.field ? f.field.split(', ') : ['yaml'];
    case 'template-version':
    case 'too-complex':
      return ['-'];
    default:
      return [...(f.section ? [f.section] : []), ...(at ? [at] : [])];
  }
}

const emptyCounts = (): Counts => ({ findings: 0, T: 0, F: 0, D: 0, unlabelled: 0, problems: 0, reported: 0 });

export function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

/** Checks one family as a workspace and judges every finding against its labels. */
export function measureFamily(family: Family): FamilyResult {
  const labels = readLabels(family.name);
  const ws = workspaceFor(family);
  try {
    let out = '';
    let err = '';
    main(['check', '--format', 'json', '.'], { out: (s) => (out += s), err: (s) => (err += s), cwd: ws.root });
    const reports = new Map<string, JsonFile>();
    for (const f of (JSON.parse(out || '{"files":[]}') as { files: JsonFile[] }).files) reports.set(f.path, f);
    const docs = markdownFiles(family.dir);
    // A label's document is there when it is a file of the family (a kep.yaml is checked only with the README beside it).
    const present = new Set([...docs, ...[...reports.keys()], ...labels.map((l) => l.document).filter((d) => fs.existsSync(path.join(family.dir, d)))]);
    const byDoc = new Map<string, Label[]>();
    for (const l of labels) byDoc.set(l.document, [...(byDoc.get(l.document) ?? []), l]);

    // Which template each document follows.
    const misdetected: string[] = [];
    const unlabelledDocuments: string[] = [];
    let labelledDocuments = 0;
    let detected = 0;
    for (const doc of docs) {
      const follows = (byDoc.get(doc) ?? []).find((l) => l.rule === 'follows');
      if (!follows) {
        unlabelledDocuments.push(doc);
        continue;
      }
      labelledDocuments++;
      const id = reports.get(doc)?.template?.id;
      const got = id === undefined ? 'none' : ws.targetOf(id);
      if (got === follows.target) detected++;
      else misdetected.push(`${doc}: follows ${follows.target}, checked as ${got}`);
    }

    // Every finding, judged. On a document that is not a proposal, or one checked against a template
    // it does not follow, every claim is false: it measures the document against the wrong outline.
    const wrongTemplate = new Map<string, Label>();
    for (const doc of docs) {
      const follows = (byDoc.get(doc) ?? []).find((l) => l.rule === 'follows');
      const id = reports.get(doc)?.template?.id;
      if (!follows || id === undefined || ws.targetOf(id) === follows.target) continue;
      const reason = follows.target === 'none' ? `not a proposal (${follows.reason})` : `checked against ${ws.targetOf(id)}, but it follows ${follows.target}`;
      wrongTemplate.set(doc, { ...follows, verdict: 'F', reason });
    }
    const findings: JudgedFinding[] = [];
    const reportedLabels = new Set<Label>();
    for (const [doc, report] of reports) {
      if (!report.findings.length) continue;
      const headings = doc.endsWith('.md') ? headingsOf(path.join(ws.root, doc)) : [];
      const docLabels = byDoc.get(doc) ?? [];
      for (const f of report.findings) {
        const line = f.range.start.line + 1;
        const targets = targetsOf(f, line, headings);
        const keys = new Set(targets.map(norm));
        const candidates = docLabels.filter((l) => l.rule === f.rule);
        const onLine = candidates.filter((l) => l.target === `L${line}`);
        const matching = candidates.filter((l) => keys.has(norm(l.target)));
        for (const l of [...onLine, ...matching]) if (l.verdict === 'T') reportedLabels.add(l);
        // The finding's verdict: a label on its line, else one on what it is mainly about, else any.
        const primary = norm(targets[0] ?? '');
        const label = wrongTemplate.get(doc) ?? onLine[0] ?? matching.find((l) => norm(l.target) === primary) ?? matching[0] ?? null;
        findings.push({ document: doc, line, rule: f.rule, message: f.message, targets, verdict: label?.verdict ?? null, label });
      }
    }

    const counts = emptyCounts();
    const byRule: Record<string, Counts> = {};
    const bump = (rule: string, fn: (c: Counts) => void): void => {
      fn(counts);
      fn((byRule[rule] ??= emptyCounts()));
    };
    for (const f of findings) {
      bump(f.rule, (c) => {
        c.findings++;
        if (f.verdict) c[f.verdict]++;
        else c.unlabelled++;
      });
    }
    const missed: Label[] = [];
    for (const l of labels) {
      if (l.rule === 'follows' || l.verdict !== 'T') continue;
      const hit = reportedLabels.has(l);
      bump(l.rule, (c) => {
        c.problems++;
        if (hit) c.reported++;
      });
      if (!hit) missed.push(l);
    }
    // A label about a file that is there but gets no findings (a template's kep.yaml) is not stray.
    const strayLabels = labels.filter((l) => !present.has(l.document) && !fs.existsSync(path.join(family.dir, l.document)));
    const errors = err
      .split('\n')
      .filter((l) => l.startsWith('proposal-kit:'))
      .map((l) => l.replace(ws.root, '<root>'));
    return {
      family: family.name,
      kind: family.kind,
      documents: docs.length,
      labelledDocuments,
      detected,
      detection: ratio(detected, labelledDocuments),
      precision: counts.T + counts.F ? counts.T / (counts.T + counts.F) : null,
      recall: ratio(counts.reported, counts.problems),
      counts,
      byRule,
      findings,
      misdetected,
      missed,
      unlabelledDocuments,
      strayLabels,
      errors,
    };
  } finally {
    ws.cleanup();
  }
}

export interface Figures {
  [family: string]: { detection: number; precision: number | null; recall: number };
}

export function readFigures(): Figures {
  return fs.existsSync(FIGURES_FILE) ? (JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8')) as Figures) : {};
}

/** A figure as recorded: three decimals, rounded down so that the same run passes. */
export function floor3(x: number): number {
  return Math.floor(x * 1000 + 1e-9) / 1000;
}
