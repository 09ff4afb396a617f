/**
 * Findings -> text edits. Every edit adds template text or replaces template text; none deletes
 * anything the author wrote.
 */
import type { Analysis } from './analyze';
import { missingSpecs, placementOf, subsectionsWith } from './rules/missingSection';
import type { Section } from './parse';
import type { SectionSpec } from './template';
import { normalizeTitle } from './normalize';
import { upgradeEdits, upgradeOf } from './upgrade';
import { LINE_BREAK, splitLines } from './text';
import type { Finding, Span, TextEdit } from './types';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix for its finding. */
  preferred: boolean;
  /** The findings this fix resolves. */
  fixes: Finding[];
  /** Where the cursor goes after the fix, for editors that can place it: an offset into one edit's `newText`. */
  cursor?: { edit: number; offset: number };
}

export const NOT_APPLICABLE = 'N/A: ';

/** The guidance for a section: the spec's own, else that of the current template's section with the same title. */
export function guidanceFor(a: Analysis, spec: SectionSpec): string {
  if (spec.guidance) return spec.guidance;
  const key = spec.keys[0];
  return a.template.sections.find((s) => s.keys.includes(key) || normalizeTitle(s.title) === key)?.guidance ?? '';
}

/** Markdown for a new section (and its missing required subsections), guidance as an HTML comment. */
export function sectionText(a: Analysis, spec: SectionSpec, eol: string): string {
  const guidance = guidanceFor(a, spec).replace(/--+>/g, '->').trim();
  let text = `${'#'.repeat(spec.level)} ${spec.title}${eol}${eol}`;
  if (guidance) text += `<!-- ${guidance.replace(LINE_BREAKS, eol)} -->${eol}${eol}`;
  for (const child of subsectionsWith(a, spec)) text += sectionText(a, child, eol);
  return text;
}

/** Where a missing section is inserted: an offset at the start of a line (or the end of the text). */
export function insertionOffset(a: Analysis, spec: SectionSpec): number {
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
  const next = a.version.sections.find((s) => s.index > spec.index && s.parent === spec.parent && a.present.has(s.index));
  if (next) return (a.present.get(next.index)?.section.heading.span.start as number) ?? 0;
  if (a.title) return a.title.ownEnd;
  return a.model.frontMatter ? a.model.lines.nextLineStart(a.model.frontMatter.span.end) : 0;
}

const LINE_BREAKS = new RegExp(LINE_BREAK, 'g');
const TRAILING_BREAKS = new RegExp(`${LINE_BREAK}+$`);
const BREAK_AND_BLANK_LINE = new RegExp(`^[ \\t]*${LINE_BREAK}(?:[ \\t]*${LINE_BREAK})?`);

/**
 * `newText` for `span`, so that no line break it puts next to one around it joins with it: a lone
 * "\r" followed by "\n" reads as one "\r\n", a line less. Either side gets a "\r" or "\n" of its own.
 */
function keepingBreaks(text: string, span: Span, newText: string): string {
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

/** Missing required sections, as specs (a missing parent stands for its subtree). */
export function missingSections(a: Analysis): SectionSpec[] {
  return missingSpecs(a);
}

function replaceSpan(a: Analysis, span: Span, newText: string): TextEdit {
  return { range: a.model.lines.rangeOf(span), newText };
}

/** The edits that insert every missing section, made once per analysis: every missing section's fixes offer them. */
const insertAll = new WeakMap<Analysis, TextEdit[]>();
function insertAllEdits(a: Analysis): TextEdit[] {
  let edits = insertAll.get(a);
  if (!edits) {
    edits = insertSectionsEdits(a, missingSections(a));
    insertAll.set(a, edits);
  }
  return edits;
}

/** The fixes for one finding (several for a status: one per allowed value). */
export function fixesFor(a: Analysis, finding: Finding, all: readonly Finding[]): Fix[] {
  const data = finding.data;
  if (!data) return [];
  switch (data.kind) {
    case 'missing': {
      const spec = a.version.sections[data.sectionIndex];
      const fixes: Fix[] = [{ title: `Insert section '${spec.name}'`, edits: insertSectionsEdits(a, [spec]), preferred: true, fixes: [finding] }];
      const missing = all.filter((f) => f.rule === 'missing-section');
      if (missing.length > 1) fixes.push({ title: `Insert all ${missing.length} missing sections`, edits: insertAllEdits(a), preferred: false, fixes: missing });
      return fixes;
    }
    case 'level': {
      const p = [...a.present.values()].find((x) => a.model.lines.rangeOf(x.section.heading.span).start.line === finding.range.start.line);
      if (!p) return [];
      const h = p.section.heading;
      const source = a.model.text.slice(h.span.start, h.span.end);
      const atx = /^ {0,3}(#{1,6})(?=[ \t]|$)/.exec(source);
      const marks = '#'.repeat(data.expected);
      const edit = atx
        ? replaceSpan(a, { start: h.span.start + atx[0].length - atx[1].length, end: h.span.start + atx[0].length }, marks)
        : replaceSpan(a, h.span, `${marks} ${a.model.text.slice(h.textSpan.start, h.textSpan.end)}`);
      return [{ title: `Make '${p.spec.name}' a level ${data.expected} heading (${marks})`, edits: [edit], preferred: true, fixes: [finding] }];
    }
    case 'guidance': {
      const text = a.model.text;
      // Only text the template itself holds is removed: guidance recognised by its voice (an
      // italic question, a bracketed note) may be the author's own words, and is left to them.
      if (!isTemplateText(a, text.slice(data.start, data.end))) return [];
      let end = data.end;
      // Take the line break and one blank line after the block with it.
      const rest = BREAK_AND_BLANK_LINE.exec(text.slice(end));
      if (rest) end += rest[0].length;
      const span = { start: data.start, end };
      return [{ title: 'Remove the template guidance', edits: [replaceSpan(a, span, keepingBreaks(text, span, ''))], preferred: true, fixes: [finding] }];
    }
    case 'status': {
      const entry = a.metadata.find((m) => {
        const r = a.model.lines.rangeOf(m.valueSpan);
        return r.start.line === finding.range.start.line && r.start.character === finding.range.start.character;
      });
      if (!entry) return [];
      return data.values.map((v) => ({ title: `Set ${entry.field.name} to '${v}'`, edits: [replaceSpan(a, entry.valueSpan, v)], preferred: false, fixes: [finding] }));
    }
    case 'empty': {
      const p = [...a.present.values()].find((x) => a.model.lines.rangeOf(x.section.heading.span).start.line === finding.range.start.line);
      if (!p) return [];
      const edit = notApplicableEdit(a, p.section);
      const offset = edit.newText.indexOf(NOT_APPLICABLE) + NOT_APPLICABLE.length;
      return [{ title: 'Mark as not applicable', edits: [edit], preferred: false, fixes: [finding], cursor: { edit: 0, offset } }];
    }
    case 'upgrade': {
      const u = upgradeOf(a);
      if (!u) return [];
      return [{ title: `Update to the current ${a.template.name} template`, edits: upgradeEdits(u), preferred: true, fixes: [finding] }];
    }
    default:
      return [];
  }
}

/**
 * Puts "N/A: " under an empty section's heading, after a blank line, for the author to say why the
 * section does not apply; a blank line keeps it apart from what follows (a comment, a definition).
 */
function notApplicableEdit(a: Analysis, section: Section): TextEdit {
  const text = a.model.text;
  const eol = a.model.lines.eol();
  // The end of the heading's last line: after any spaces that end it.
  const at = a.model.lines.lineEnd(a.model.lines.positionAt(section.heading.span.end).line);
  const next = a.model.lines.nextLineStart(at);
  const nextLine = next < text.length ? text.slice(next, a.model.lines.lineEnd(a.model.lines.positionAt(next).line)) : '';
  const newText = `${eol}${eol}${NOT_APPLICABLE}${nextLine.trim() ? eol : ''}`;
  const span = { start: at, end: at };
  return { range: a.model.lines.rangeOf(span), newText: keepingBreaks(text, span, newText) };
}

/** Text with every run of white space made one space, for comparing text whitespace aside. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether `source` is, whitespace aside, a run of whole words of a section body of the template. */
export function isTemplateText(a: Analysis, source: string): boolean {
  const needle = collapse(source);
  if (!needle) return false;
  const specs = a.version === a.template ? a.template.sections : [...a.template.sections, ...a.version.sections];
  return specs.some((spec) => ` ${collapse(spec.body)} `.includes(` ${needle} `));
}
