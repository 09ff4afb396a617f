/**
 * Comments in a proposal that turn findings off, in the forms markdownlint users know:
 *
 *   <!-- proposal-kit-disable-next-line RULE... -->  findings that start on the next line
 *   <!-- proposal-kit-disable-line RULE... -->       findings that start on the comment's own line(s)
 *   <!-- proposal-kit-disable RULE... -->            findings after the comment, up to
 *   <!-- proposal-kit-enable RULE... -->             this comment (or the end of the document)
 *   <!-- proposal-kit-disable-file RULE... -->       findings anywhere in the document
 *
 * No rule name means every rule. Names are separated by spaces or commas. A finding is placed by
 * where its range starts: a finding about a whole section (empty, or a missing one reported on the
 * heading it belongs after) starts at that heading, so "the next line" is the heading's line.
 * Comments are read where markdown has HTML (a comment block, a comment inside a paragraph, list
 * or heading), never inside code. A name that is no rule, or a form that does not exist, is a
 * finding of its own (rule `suppression`) at the comment, and that finding is not turned off by
 * comments.
 */
import type { Block, ProposalModel } from './parse';
import { floorIndex } from './text';
import type { RawFinding } from './rules/rule';
import type { Finding, Span } from './types';

export const SUPPRESSION_FORMS = ['disable-next-line', 'disable-line', 'disable', 'enable', 'disable-file'] as const;
type Form = (typeof SUPPRESSION_FORMS)[number];

const PREFIX = 'proposal-kit-';

interface Directive {
  form: Form;
  /** The rule names given; empty means every rule. */
  rules: string[];
  span: Span;
}

export interface Suppressions {
  /** Comments naming rules or forms that do not exist. */
  findings: RawFinding[];
  /** Whether a comment turns this finding off. */
  suppressed(f: Pick<Finding, 'rule' | 'range'>): boolean;
}

/** The comments of the HTML in the document, in document order: their spans in the text. */
function commentSpans(model: ProposalModel): Span[] {
  const sources: Span[] = [];
  const fromBlock = (b: Block): void => {
    if (b.kind === 'comment') sources.push(b.span);
    else for (const i of b.inlines) if (i.kind === 'html') sources.push(i.span);
  };
  model.leadingBlocks.forEach(fromBlock);
  for (const s of model.sections) {
    for (const i of s.heading.inlines) if (i.kind === 'html') sources.push(i.span);
    s.blocks.forEach(fromBlock);
  }
  sources.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const source of sources) {
    // indexOf on the source alone: each character of the document is looked at a bounded number of times.
    const part = model.text.slice(source.start, source.end);
    for (let at = part.indexOf('<!--'); at >= 0; ) {
      const close = part.indexOf('-->', at + 4);
      if (close < 0) break;
      out.push({ start: source.start + at, end: source.start + close + 3 });
      at = part.indexOf('<!--', close + 3);
    }
  }
  return out;
}

const FORM_LIST = `${SUPPRESSION_FORMS.slice(0, -1).map((f) => PREFIX + f).join(', ')} and ${PREFIX}${SUPPRESSION_FORMS[SUPPRESSION_FORMS.length - 1]}`;

/** Reads the suppression comments of `model`; `rules` are the rule ids a comment may name. */
export function suppressionsOf(model: ProposalModel, rules: readonly string[]): Suppressions {
  const findings: RawFinding[] = [];
  const directives: Directive[] = [];
  for (const span of commentSpans(model)) {
    const body = model.text.slice(span.start + 4, span.end - 3);
    const head = /^\s*proposal-kit-([A-Za-z-]*)/.exec(body);
    if (!head) continue;
    const range = model.lines.rangeOf(span);
    const form = SUPPRESSION_FORMS.find((f) => f === head[1]);
    if (!form) {
      findings.push({
        rule: 'suppression',
        message: `Unknown comment '${PREFIX}${head[1]}': the comments that turn findings off are ${FORM_LIST}.`,
        range,
      });
      continue;
    }
    const names = body.slice(head[0].length).split(/[\s,]+/).filter(Boolean);
    const known: string[] = [];
    for (const name of names) {
      if (rules.includes(name)) known.push(name);
      else findings.push({ rule: 'suppression', message: `Unknown rule '${name}' in a ${PREFIX}${form} comment: the rules are ${rules.join(', ')}.`, range });
    }
    // A comment whose every name is unknown turns nothing off (not every rule).
    if (names.length && !known.length) continue;
    directives.push({ form, rules: known, span });
  }
  return { findings, suppressed: turnedOff(model, rules, directives) };
}

/** Per rule, the merged, ascending spans of offsets in which findings are turned off. */
function turnedOff(model: ProposalModel, rules: readonly string[], directives: readonly Directive[]): Suppressions['suppressed'] {
  const { lines, text } = model;
  const spans = new Map<string, Span[]>(rules.map((r) => [r, []]));
  const lineStart = (line: number): number => (line >= lines.lineCount ? text.length + 1 : lines.lineStart(line));
  const open = new Map<string, number>();
  for (const d of directives) {
    const named = d.rules.length ? d.rules : d.form === 'enable' ? [...open.keys()] : rules;
    const first = lines.positionAt(d.span.start).line;
    const last = lines.positionAt(d.span.end).line;
    for (const rule of named) {
      const add = (start: number, end: number): void => void spans.get(rule)?.push({ start, end });
      if (d.form === 'disable-next-line') add(lineStart(last + 1), lineStart(last + 2));
      else if (d.form === 'disable-line') add(lineStart(first), lineStart(last + 1));
      else if (d.form === 'disable-file') add(0, Infinity);
      else if (d.form === 'disable') {
        if (!open.has(rule)) open.set(rule, d.span.end);
      } else if (open.has(rule)) {
        add(open.get(rule) as number, d.span.start);
        open.delete(rule);
      }
    }
  }
  for (const [rule, start] of open) spans.get(rule)?.push({ start, end: Infinity });
  const merged = new Map<string, { starts: number[]; ends: number[] }>();
  for (const [rule, list] of spans) {
    const starts: number[] = [];
    const ends: number[] = [];
    for (const s of list.sort((a, b) => a.start - b.start)) {
      if (s.end <= s.start) continue;
      if (ends.length && s.start <= ends[ends.length - 1]) ends[ends.length - 1] = Math.max(ends[ends.length - 1], s.end);
      else {
        starts.push(s.start);
        ends.push(s.end);
      }
    }
    if (starts.length) merged.set(rule, { starts, ends });
  }
  return (f) => {
    const m = merged.get(f.rule);
    if (!m || f.rule === 'suppression') return false;
    const at = lines.offsetAt(f.range.start);
    const i = floorIndex(m.starts, at);
    return m.starts[i] <= at && at < m.ends[i];
  };
}
