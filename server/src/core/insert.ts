/**
 * The text edits that insert missing sections where the template puts them, each with its
 * guidance as an HTML comment and the required subsections that go in with it.
 */
import type { Analysis } from './analyze';
import { guidanceFor, nextPresentSibling, placementOf, subsectionsWith } from './missing';
import type { Section } from './parse';
import type { SectionSpec } from './template';
import { LINE_BREAK, splitLines } from './text';
import type { Span, TextEdit } from './types';

/** Markdown for a new section (and its missing required subsections), guidance as an HTML comment. */
function sectionText(a: Analysis, spec: SectionSpec, eol: string): string {
  // A part led by a bold label goes in as the template writes it, its words for the author to replace.
  if (spec.leadIn) return `**${spec.title}:** ${spec.body.replace(LINE_BREAKS, eol)}${eol}${eol}`;
  const guidance = guidanceFor(a, spec).replace(/--+>/g, '->').trim();
  let text = `${'#'.repeat(spec.level)} ${spec.title}${eol}${eol}`;
  if (guidance) text += `<!-- ${guidance.replace(LINE_BREAKS, eol)} -->${eol}${eol}`;
  for (const child of subsectionsWith(a, spec)) text += sectionText(a, child, eol);
  return text;
}

/** Where a missing section is inserted: an offset at the start of a line (or the end of the text). */
function insertionOffset(a: Analysis, spec: SectionSpec): number {
  // A part led in by a bold label belongs above the first section, under the title and its fields.
  // With no title and no section, it goes where the first section would.
  if (spec.leadIn) return a.title || a.model.sections.length ? a.preamble.end : templatePlace(a, spec);
  return pastDeeperHeadings(a, spec, templatePlace(a, spec));
}

/**
 * A section put right before headings deeper than its own would take them in as its subsections
 * (a mis-levelled "### Scope" after an inserted "## Motivation" would read as part of it): unless
 * they are its own subsections, it goes after them, before the next heading at its level or above.
 */
function pastDeeperHeadings(a: Analysis, spec: SectionSpec, at: number): number {
  const sections = a.model.sections;
  let k = sections.findIndex((s) => s.heading.span.start >= at);
  if (k < 0 || sections[k].heading.level <= spec.level || a.model.text.slice(at, sections[k].heading.span.start).trim()) return at;
  const ownSubsection = (s: Section): boolean => {
    for (let t = a.specOf.get(s); t && t.parent !== null; t = a.version.sections[t.parent]) if (t.parent === spec.index) return true;
    return false;
  };
  if (ownSubsection(sections[k])) return at;
  while (k < sections.length && sections[k].heading.level > spec.level) k++;
  return k < sections.length ? sections[k].heading.span.start : a.model.text.length;
}

function templatePlace(a: Analysis, spec: SectionSpec): number {
  const p = placementOf(a, spec);
  if (p.after) {
    const s = a.present.get(p.after.index)?.section;
    if (s) return s.end;
  }
  if (p.parent) {
    const s = a.present.get(p.parent.index)?.section;
    if (s) return s.ownEnd;
  }
  const next = nextPresentSibling(a, spec);
  if (next) return (a.present.get(next.index)?.section.heading.span.start as number) ?? 0;
  if (a.title) return a.title.ownEnd;
  return a.model.frontMatter ? a.model.lines.nextLineStart(a.model.frontMatter.span.end) : 0;
}

const LINE_BREAKS = new RegExp(LINE_BREAK, 'g');
const TRAILING_BREAKS = new RegExp(`${LINE_BREAK}+$`);

/**
 * `newText` for `span`, so that no line break it puts next to one around it joins with it: a lone
 * "\r" followed by "\n" reads as one "\r\n", a line less. Either side gets a "\r" or "\n" of its own.
 */
export function keepingBreaks(text: string, span: Span, newText: string): string {
  let out = newText;
  if (out.charCodeAt(out.length - 1) === 13 && text.charCodeAt(span.end) === 10) out += '\n';
  const next = out ? out.charCodeAt(0) : text.charCodeAt(span.end);
  if (text.charCodeAt(span.start - 1) === 13 && next === 10) out = `\r${out}`;
  return out;
}

/** Where the line break that ends just before `at` starts ("\n", "\r\n" or a lone "\r"); -1 when there is none. */
function breakBefore(text: string, at: number): number {
  if (at >= 2 && text.charCodeAt(at - 1) === 10 && text.charCodeAt(at - 2) === 13) return at - 2;
  const c = text.charCodeAt(at - 1);
  return at >= 1 && (c === 10 || c === 13) ? at - 1 : -1;
}

/** The edits that insert `specs` (missing sections), grouped per insertion point, in template order. */
export function insertSectionsEdits(a: Analysis, specs: readonly SectionSpec[]): TextEdit[] {
  const eol = a.model.lines.eol();
  const text = a.model.text;
  const byOffset = new Map<number, string>();
  for (const spec of [...specs].sort((x, y) => x.index - y.index)) {
    const at = insertionOffset(a, spec);
    byOffset.set(at, (byOffset.get(at) ?? '') + sectionText(a, spec, eol));
  }
  const edits: TextEdit[] = [];
  for (const [at, body] of byOffset) {
    let prefix = '';
    // Whether a line break ends just before `at`, and a blank line before that.
    const lineBreak = breakBefore(text, at);
    const blankBefore = lineBreak >= 0 && breakBefore(text, lineBreak) >= 0;
    if (at > 0 && lineBreak < 0) prefix = eol + eol;
    else if (!blankBefore && text.slice(0, at).trim()) prefix = eol;
    const closer = closerAt(a, at);
    if (closer) prefix = `${lineBreak >= 0 || at === 0 ? '' : eol}${closer}${eol}${eol}`;
    let out = prefix + body;
    if (at === text.length) out = out.replace(TRAILING_BREAKS, eol);
    edits.push({ range: a.model.lines.rangeOf({ start: at, end: at }), newText: keepingBreaks(text, { start: at, end: at }, out) });
  }
  return edits.sort((x, y) => x.range.start.line - y.range.start.line);
}

/**
 * What closes a fenced code block or an HTML comment left open up to `at` (the end of the document,
 * usually): a section inserted there would otherwise be read as more code or comment.
 */
function closerAt(a: Analysis, at: number): string | null {
  const blocks = [...a.model.leadingBlocks, ...a.model.sections.flatMap((s) => s.blocks)];
  const open = blocks.filter((b) => b.span.start < at && (at <= b.span.end || !a.model.text.slice(b.span.end, at).trim())).pop();
  if (!open) return null;
  const source = a.model.text.slice(open.span.start, open.span.end);
  if (open.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)?.[1];
    if (!fence) return null;
    const lines = splitLines(source.trimEnd());
    const closed = lines.length > 1 && new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(lines[lines.length - 1]);
    return closed ? null : fence;
  }
  if (/^\s*<!--/.test(source) && !source.includes('-->')) return '-->';
  return null;
}
