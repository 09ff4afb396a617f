/**
 * A KEP's kep.yaml: read leniently for the status, checked strictly against the template's kepYaml
 * spec and the README beside it. Findings are positioned in kep.yaml itself.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { ProposalModel } from './parse';
import type { TemplateSchema } from './template';
import { LineIndex, loneCrAsLf } from './text';
import type { DocumentStatus } from './metadata';
import type { RawFinding, RuleInfo } from './rules/rule';
import { applySeverities, type Severities } from './severity';
import type { Finding, Severity, Span } from './types';

export type KepYamlSpec = NonNullable<TemplateSchema['kepYaml']>;

export const KEP_YAML_RULE: RuleInfo = {
  id: 'kep-yaml',
  severity: 'error',
  description: "A KEP's kep.yaml is not valid YAML, lacks a required key, has a status, stage or date that is not allowed, or disagrees with its README's number or title.",
};

/** The number and title a KEP README's heading gives ("# KEP-1234: Title"), when it has one. */
function kepHeading(readme: ProposalModel): { number: string; title: string; heading: string } | null {
  const first = readme.sections[0];
  if (!first || first.heading.level !== 1) return null;
  const m = /^\[?KEP-(\d+)\]?\s*[:.-]?\s*(.*)$/i.exec(first.heading.text.trim());
  return m ? { number: String(Number(m[1])), title: m[2].trim(), heading: first.heading.text.trim() } : null;
}

/** Values that only stand in for one still to be written. */
const UNFILLED = /^(?:tbd|todo|tbc|n\/a|\{[a-z]+\})$/i;
const DATE_KEYS = /(?:^|-)date$|^last-updated$/;

/**
 * kep.yaml's findings against the template's spec and, when given, the README's heading: invalid
 * YAML (at the bad line, and nothing else), missing or empty required keys, a status or stage that
 * is not allowed, a date that is not a real YYYY-MM-DD date, and a number or title that differs
 * from the README's.
 */
export function checkKepYaml(
  text: string,
  spec: KepYamlSpec,
  readme: ProposalModel | null,
  severities: Severities = {},
  status: DocumentStatus | null = null,
): Finding[] {
  if (severities['kep-yaml'] === 'off') return [];
  return applySeverities(KEP_YAML_RULE, kepYamlProblems(text, spec, readme), status, severities);
}

/** kep.yaml's findings before severities: each with the severity it suggests, when not the rule's own. */
function kepYamlProblems(text: string, spec: KepYamlSpec, readme: ProposalModel | null): RawFinding[] {
  const lines = new LineIndex(text);
  const out: RawFinding[] = [];
  // A title worded differently from the README's is common upstream and harms no tooling: a
  // warning unless the rule's severity is set.
  const report = (span: Span, message: string, field?: string, suggested?: Severity): void => {
    out.push({ rule: 'kep-yaml', ...(suggested === undefined ? {} : { severity: suggested }), message, range: lines.rangeOf(span), ...(field === undefined ? {} : { field }) });
  };
  const firstLine: Span = { start: 0, end: lines.lineEnd(0) };

  if (text.includes('\u0000')) {
    report(firstLine, 'kep.yaml is a binary file, not YAML: write it as "key: value" lines.');
    return out;
  }
  const doc = parseDocument(loneCrAsLf(text), { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const message = e.message.split('\n')[0];
    let at = Math.min(e.pos[0], text.length);
    // An unclosed quote, [ or { is noticed where the next line starts: the bad line is the one before.
    if ((e.code === 'MISSING_CHAR' || /end with a/.test(message)) && (at === text.length || text[at - 1] === '\n' || text[at - 1] === '\r')) {
      const before = text.slice(0, at).replace(/\s+$/, '');
      if (before) at = before.length;
    }
    // An unclosed quote may run over many lines: the bad line is where it opens.
    const quote = /closing "quote/.test(message) ? '"' : /closing 'quote/.test(message) ? "'" : null;
    if (quote && text.lastIndexOf(quote, at - 1) >= 0) at = text.lastIndexOf(quote, at - 1);
    const line = lines.positionAt(at).line;
    report({ start: lines.lineStart(line), end: lines.lineEnd(line) }, `kep.yaml is not valid YAML: ${message}`);
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    if (root === null) report(firstLine, `kep.yaml is empty: it needs ${spec.required.map((k) => `'${k}'`).join(', ')}.`);
    else report(spanOf(root, text) ?? firstLine, 'kep.yaml must be a set of "key: value" lines.');
    return out;
  }
  const pairs = new Map<string, Pair>();
  for (const p of root.items) {
    if (isScalar(p.key)) pairs.set(String(p.key.value), p);
  }
  const valueSpan = (p: Pair): Span => spanOf(p.value as YamlNode | null, text) ?? spanOf(p.key as YamlNode, text) ?? firstLine;
  const scalar = (p: Pair | undefined): string | null => {
    const v = p?.value;
    return isScalar(v) && v.value !== null && typeof v.value !== 'object' ? String(v.value).trim() : null;
  };

  const missing = spec.required.filter((k) => !pairs.has(k));
  if (missing.length) {
    const names = missing.map((k) => `'${k}'`).join(', ');
    report(firstLine, `kep.yaml has no ${names}: add ${missing.length === 1 ? 'it' : 'them'} (${missing.map((k) => `"${k}: <value>"`).join(', ')}).`, missing.join(', '));
  }
  for (const key of spec.required) {
    const p = pairs.get(key);
    if (!p) continue;
    const v = p.value;
    const empty = v === null || (isScalar(v) && (v.value === null || String(v.value).trim() === '')) || ((isSeq(v) || isMap(v)) && v.items.length === 0);
    const unfilled = isSeq(v) ? v.items.length > 0 && v.items.every((i) => isScalar(i) && UNFILLED.test(String(i.value).trim())) : UNFILLED.test(scalar(p) ?? '');
    if (empty) report(spanOf(p.key as YamlNode, text) ?? firstLine, `'${key}' in kep.yaml is empty: fill it in.`, key);
    else if (unfilled) report(valueSpan(p), `'${key}' in kep.yaml is still a placeholder: replace it with the real value.`, key);
  }

  const allowed = (key: 'status' | 'stage', values: string[]): void => {
    const p = pairs.get(key);
    if (!p || !values.length) return;
    const v = scalar(p);
    if (v === null || v === '' || values.includes(v)) return;
    report(valueSpan(p), `${key} '${v}' in kep.yaml is not an allowed value: expected one of ${values.join(', ')}.`, key);
  };
  allowed('status', spec.status);
  allowed('stage', spec.stage);

  for (const [key, p] of pairs) {
    if (!DATE_KEYS.test(key) || p.value === null) continue;
    const v = scalar(p);
    if (v === null || v === '' || UNFILLED.test(v)) continue;
    if (!isRealDate(v)) report(valueSpan(p), `${key} '${v}' in kep.yaml is not a date: write it as YYYY-MM-DD.`, key);
  }

  // A person named twice in a list is a slip (a merge that kept both copies).
  for (const key of ['authors', 'reviewers', 'approvers', 'prr-approvers']) {
    const v = pairs.get(key)?.value;
    if (!isSeq(v)) continue;
    const seen = new Set<string>();
    for (const item of v.items) {
      if (!isScalar(item) || item.value === null) continue;
      const name = String(item.value).trim();
      const handle = name.toLowerCase().replace(/^@/, '');
      if (handle && seen.has(handle)) report(spanOf(item as YamlNode, text) ?? firstLine, `'${key}' in kep.yaml names '${name}' twice: remove the repeat.`, key);
      seen.add(handle);
    }
  }
  // Each feature gate names the components it is in, as upstream's template has it.
  const gates = pairs.get('feature-gates')?.value;
  if (isSeq(gates)) {
    for (const gate of gates.items) {
      if (!isMap(gate)) continue;
      const name = gate.get('name');
      const components = gate.get('components');
      const none = components === undefined || components === null || (isSeq(components) && components.items.length === 0);
      if (typeof name === 'string' && none) {
        report(spanOf(gate.get('name', true) as YamlNode, text) ?? firstLine, `Feature gate '${name}' in kep.yaml names no components: list those it is in under "components:" (kubelet, kube-apiserver, ...).`, 'feature-gates');
      }
    }
  }

  const heading = readme ? kepHeading(readme) : null;
  if (heading) {
    const number = pairs.get('kep-number');
    const n = scalar(number);
    if (number && n !== null && /^\d+$/.test(n) && String(Number(n)) !== heading.number) {
      report(valueSpan(number), `kep-number ${n} in kep.yaml differs from the README's title '${heading.heading}': make them the same number.`, 'kep-number');
    }
    const title = pairs.get('title');
    const t = scalar(title);
    if (title && t && heading.title && !UNFILLED.test(t) && !sameTitle(t, heading.title)) {
      report(valueSpan(title), `title '${t}' in kep.yaml does not name the same enhancement as the README's title '${heading.title}': make them agree.`, 'title', 'warning');
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Words that say nothing about which enhancement a title names. */
const COMMON_WORDS = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'of', 'to', 'in', 'on', 'a', 'an', 'kep', 'api', 'support', 'new', 'add']);

/**
 * Whether two titles name the same enhancement as people write them: the same words run together
 * ("ClusterProfile" and "Cluster Profile"), or most of the shorter title's significant words in the
 * longer one ("KYAML", "DRA Structured Parameters", the same words in another order). Titles that
 * share a word or two by chance ("Pod Scheduling Readiness", "Pod Lifecycle Sleep Action") differ.
 */
function sameTitle(a: string, b: string): boolean {
  const words = (t: string): string[] => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const [wa, wb] = [words(a), words(b)];
  if (wa.join('') === wb.join('')) return true;
  const significant = (ws: string[]): string[] => [...new Set(ws.filter((w) => !COMMON_WORDS.has(w)))];
  const [sa, sb] = [significant(wa), significant(wb)];
  const [shorter, longer] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
  if (!shorter.length) return false;
  const joined = longer.join('');
  const found = shorter.filter((w) => longer.includes(w) || (w.length > 3 && longer.some((x) => x.length > 3 && (x.startsWith(w) || w.startsWith(x)))) || (w.length > 5 && joined.includes(w)));
  return found.length * 2 > shorter.length;
}

function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function spanOf(node: YamlNode | null | undefined, text: string): Span | null {
  const r = node?.range;
  if (!r) return null;
  // A block value's range runs to the next key; a finding marks its own text only.
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return { start: r[0], end };
}

/**
 * The findings for the kep.yaml beside a README, given the README's check: none unless the README
 * is a proposal whose template describes kep.yaml.
 */
export function kepYamlFindingsFor(
  kepText: string,
  readme: { model: ProposalModel; template: TemplateSchema | null; status: DocumentStatus | null },
  severities: Severities = {},
): Finding[] {
  const spec = readme.template?.kepYaml;
  return spec ? checkKepYaml(kepText, spec, readme.model, severities, readme.status) : [];
}
