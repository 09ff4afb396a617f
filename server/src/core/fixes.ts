/**
 * Findings -> text edits. Every edit adds template text or replaces template text; none deletes
 * anything the author wrote.
 */
import type { Analysis } from './analyze';
import type { Section } from './parse';
import { insertSectionsEdits, keepingBreaks } from './insert';
import { missingSpecs } from './missing';
import { upgradeEdits, upgradeOf } from './upgrade';
import { LINE_BREAK } from './text';
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

const BREAK_AND_BLANK_LINE = new RegExp(`^[ \\t]*${LINE_BREAK}(?:[ \\t]*${LINE_BREAK})?`);

function replaceSpan(a: Analysis, span: Span, newText: string): TextEdit {
  return { range: a.model.lines.rangeOf(span), newText };
}

/** The edits that insert every missing section, made once per analysis: every missing section's fixes offer them. */
const insertAll = new WeakMap<Analysis, TextEdit[]>();
function insertAllEdits(a: Analysis): TextEdit[] {
  let edits = insertAll.get(a);
  if (!edits) {
    edits = insertSectionsEdits(a, missingSpecs(a));
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
      const edits = upgradeEdits(u);
      // Nothing to change (only fields it cannot add, in a table or the front matter): the note says it all.
      if (!edits.length) return [];
      return [{ title: `Update to the current ${a.template.name} template`, edits, preferred: true, fixes: [finding] }];
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
