/**
 * `npm run fidelity`: how right the findings are on the real documents of ../shared/corpus, per
 * family and per rule, with every finding that has no label yet.
 *
 *   npm run fidelity                      the tables, then what is not judged yet
 *   npm run fidelity -- --family ksql     one family (repeatable)
 *   npm run fidelity -- --json            the same as JSON
 *   npm run fidelity -- --verbose         also every labelled problem nothing reported
 *   npm run fidelity -- --record          raise test/fidelity/figures.json to today's figures
 *                                         (a figure is never lowered)
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CORPUS, FIGURES_FILE, families, floor3, measureFamily, ratio, readFigures, type Counts, type FamilyResult, type Figures } from './measure';

const { values } = parseArgs({
  options: {
    family: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
  },
});

if (!fs.existsSync(CORPUS)) {
  process.stderr.write(`npm run fidelity needs the shared corpus at ${CORPUS} (the shared folder checked out beside this repository).\n`);
  process.exit(2);
}

const all = families();
const wanted = values.family ?? [];
for (const name of wanted) {
  if (!all.some((f) => f.name === name)) {
    process.stderr.write(`Unknown family '${name}'; the families are ${all.map((f) => f.name).join(', ')}.\n`);
    process.exit(2);
  }
}
const results = all.filter((f) => !wanted.length || wanted.includes(f.name)).map(measureFamily);

const fmt = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

function total(rs: readonly FamilyResult[]): Counts & { documents: number; labelled: number; detected: number } {
  const c = { documents: 0, labelled: 0, detected: 0, findings: 0, T: 0, F: 0, D: 0, unlabelled: 0, problems: 0, reported: 0 };
  for (const r of rs) {
    c.documents += r.documents;
    c.labelled += r.labelledDocuments;
    c.detected += r.detected;
    for (const k of ['findings', 'T', 'F', 'D', 'unlabelled', 'problems', 'reported'] as const) c[k] += r.counts[k];
  }
  return c;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ families: results }, null, 2)}\n`);
} else {
  const out: string[] = [];
  out.push('How right the findings are, per family (precision = true / judged findings; recall = labelled problems reported / labelled problems)', '');
  const rows = results.map((r) => [
    `${r.family} (${r.kind})`,
    `${r.labelledDocuments}/${r.documents}`,
    fmt(r.detection),
    String(r.counts.findings),
    String(r.counts.T + r.counts.F),
    fmt(r.precision),
    `${r.counts.reported}/${r.counts.problems}`,
    fmt(r.recall),
    String(r.counts.unlabelled),
  ]);
  for (const kind of ['trees', 'wild'] as const) {
    const rs = results.filter((r) => r.kind === kind);
    if (!rs.length) continue;
    const t = total(rs);
    rows.push([`all ${kind}`, `${t.labelled}/${t.documents}`, fmt(ratio(t.detected, t.labelled)), String(t.findings), String(t.T + t.F), fmt(ratio(t.T, t.T + t.F)), `${t.reported}/${t.problems}`, fmt(ratio(t.reported, t.problems)), String(t.unlabelled)]);
  }
  out.push(table(['family', 'labelled docs', 'detection', 'findings', 'judged', 'precision', 'problems reported', 'recall', 'unlabelled'], rows), '');

  const byRule = new Map<string, Counts>();
  for (const r of results) {
    for (const [rule, c] of Object.entries(r.byRule)) {
      const acc = byRule.get(rule) ?? { findings: 0, T: 0, F: 0, D: 0, unlabelled: 0, problems: 0, reported: 0 };
      for (const k of Object.keys(acc) as (keyof Counts)[]) acc[k] += c[k];
      byRule.set(rule, acc);
    }
  }
  out.push('Per rule, all families', '');
  out.push(
    table(
      ['rule', 'findings', 'true', 'false', 'either', 'unlabelled', 'precision', 'problems reported', 'recall'],
      [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, c]) => [rule, String(c.findings), String(c.T), String(c.F), String(c.D), String(c.unlabelled), fmt(ratio(c.T, c.T + c.F)), `${c.reported}/${c.problems}`, fmt(ratio(c.reported, c.problems))]),
    ),
    '',
  );

  for (const r of results) {
    const lines: string[] = [];
    for (const e of r.errors) lines.push(`  error: ${e}`);
    for (const d of r.unlabelledDocuments) lines.push(`  document without a follows label: ${d}`);
    for (const l of r.strayLabels) lines.push(`  label for a document that is not there: ${l.at} ${l.document}`);
    for (const m of r.misdetected) lines.push(`  detection: ${m}`);
    for (const f of r.findings.filter((x) => x.verdict === null)) lines.push(`  unlabelled: ${f.document}:${f.line} ${f.rule} [${f.targets.join(' | ')}] ${f.message}`);
    for (const f of r.findings.filter((x) => x.verdict === 'F')) lines.push(`  false: ${f.document}:${f.line} ${f.rule} ${f.message} (${f.label?.at}: ${f.label?.reason})`);
    if (values.verbose) for (const l of r.missed) lines.push(`  missed: ${l.document} ${l.rule} '${l.target}' (${l.at}: ${l.reason})`);
    if (lines.length) out.push(`${r.family}:`, ...lines, '');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (values.record) {
  const figures: Figures = readFigures();
  for (const r of results) {
    const old = figures[r.family];
    const now = { detection: floor3(r.detection), precision: r.precision === null ? null : floor3(r.precision), recall: floor3(r.recall) };
    const best = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
    figures[r.family] = old
      ? { detection: Math.max(old.detection, now.detection), precision: best(old.precision, now.precision), recall: Math.max(old.recall, now.recall) }
      : now;
  }
  const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(FIGURES_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  process.stderr.write(`Recorded ${FIGURES_FILE}.\n`);
}
