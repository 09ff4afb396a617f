/**
 * A document written with an older version of its template, brought up to the current one: the
 * sections the current template added are inserted (with their guidance), the headings it
 * renamed get their new titles, and the field lines it added are put among the document's own
 * (with the template's placeholder values). Nothing the author wrote is removed.
 */
import { analyze, type Analysis } from './analyze';
import type { Section } from './parse';
import { insertSectionsEdits } from './insert';
import { missingSpecs } from './missing';
import { addedFields, droppedSections, type MetadataField, type SectionSpec } from './template';
import { normalizeTitle } from './normalize';
import type { TextEdit } from './types';

export interface Rename {
  /** The document's heading. */
  section: Section;
  /** The older template's title for it. */
  from: string;
  /** The current template's section. */
  to: SectionSpec;
}

export interface Upgrade {
  /** The same document analysed against the current template. */
  current: Analysis;
  /**
   * Sections of the current template that its older version did not have and the document lacks:
   * those it requires now, and, when the document has a section only the older version has, those
   * it requires from a later status too; a subsection is named with its parent when both are new.
   */
  added: SectionSpec[];
  /** The document's headings that carry a title the current template changed. */
  renamed: Rename[];
  /**
   * Fields the current template shows and its older version did not, that the document lacks
   * (those the template marks optional left out); none when the older version's fields are not known.
   */
  fields: MetadataField[];
}

/** What updating the document to the current template changes; null when it follows the current one or nothing would change. */
export function upgradeOf(a: Analysis): Upgrade | null {
  if (a.version === a.template) return null;
  const current = analyze(a.model, a.template, a.template, a.companions);
  const oldKeys = new Set(a.version.sections.flatMap((s) => s.keys));
  const isNew = (s: SectionSpec): boolean => !s.keys.some((k) => oldKeys.has(k));
  const lacks = (s: SectionSpec): boolean => !current.present.has(s.index) && !current.inline.has(s.index) && !current.leadInsLeft.has(s.index);
  const missingNow = new Set(missingSpecs(current).map((s) => s.index));
  // A document that has a section only the older version has (a 2019 KLIP's Performance
  // Implications) was surely written with it: what the current template requires from a later
  // status is named too. Otherwise only what it requires now.
  const evidence = droppedSections(a.template, a.version).some((s) => a.present.has(s.index));
  const added = current.template.sections.filter((s) => {
    if (s.optional || !isNew(s) || !lacks(s) || !(missingNow.has(s.index) || evidence)) return false;
    const parent = s.parent === null ? null : current.template.sections[s.parent];
    return !parent || !(isNew(parent) && lacks(parent));
  });
  const renamed: Rename[] = [];
  for (const p of a.present.values()) {
    if (a.specOf.get(p.section) !== p.spec) continue;
    const to = a.template.sections.find((s) => s.keys.includes(p.spec.keys[0]));
    const now = current.specOf.get(p.section);
    // The template renamed it, and the document still has the old title.
    if (!to || now !== to || to.keys[0] === p.spec.keys[0] || to.keys[0] === normalizeTitle(p.section.heading.text)) continue;
    renamed.push({ section: p.section, from: p.spec.name, to });
  }
  const fields = addedFields(a.template, a.version).filter((f) => !a.metadata.some((e) => e.field === f));
  return added.length || renamed.length || fields.length ? { current, added, renamed, fields } : null;
}

/**
 * The lines that add the missing fields among the document's own `Key: value` lines under its
 * title, each after the field the template puts before it (else before the first), written as the
 * line beside it is (`- **Key**: value`) with the template's placeholder value. None when the
 * document has no such lines to go by, or for a field its front matter would hold.
 */
function fieldEdits(a: Analysis, fields: MetadataField[]): TextEdit[] {
  const text = a.model.text;
  const lines = a.model.lines;
  const own = a.metadata.filter((e) => e.source === 'preamble');
  if (!own.length) return [];
  const order = a.template.metadata;
  const edits: TextEdit[] = [];
  for (const f of fields) {
    if (f.source === 'front-matter') continue;
    const at = order.indexOf(f);
    // The document's field the template puts last before this one; else the first of its own.
    const before = own.filter((e) => order.indexOf(e.field) >= 0 && order.indexOf(e.field) < at).sort((x, y) => order.indexOf(x.field) - order.indexOf(y.field)).pop();
    const model = before ?? own.reduce((x, y) => (y.keySpan.start < x.keySpan.start ? y : x));
    const line = lines.positionAt(model.keySpan.start).line;
    // A field whose value runs on over further lines (a list) is not a line to copy.
    if (lines.positionAt(model.valueSpan.end).line !== line) return [];
    const lead = text.slice(lines.lineStart(line), model.keySpan.start);
    const between = text.slice(model.keySpan.end, model.valueSpan.start);
    if (!/^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?$/.test(lead) || !/^(?:\*\*|__)?:(?:\*\*|__)?[ \t]*$/.test(between)) return [];
    const newLine = `${lead}${f.name}${between}${f.placeholder ?? f.default ?? ''}`.trimEnd();
    const eol = /\r\n|\n|\r/.exec(text.slice(lines.lineEnd(line), lines.lineEnd(line) + 2))?.[0];
    // After the line of the field before it (a last line without a break gets one); before the line of the first field otherwise.
    if (before && eol === undefined) {
      const where = lines.positionAt(lines.lineEnd(line));
      edits.push({ range: { start: where, end: where }, newText: `\n${newLine}` });
    } else {
      const where = before ? { line: line + 1, character: 0 } : { line, character: 0 };
      edits.push({ range: { start: where, end: where }, newText: `${newLine}${eol ?? '\n'}` });
    }
  }
  return edits;
}

/**
 * The edits that bring the document up to the current template: each renamed heading's old title
 * replaced by the current one (the rest of the heading line kept), the field lines it added or
 * requires put among the document's own (see `fieldEdits`), then the missing sections of the
 * current template inserted where it puts them.
 */
export function upgradeEdits(u: Upgrade): TextEdit[] {
  const a = u.current;
  const text = a.model.text;
  const edits: TextEdit[] = [];
  for (const r of u.renamed) {
    const span = r.section.heading.textSpan;
    const source = text.slice(span.start, span.end);
    const at = source.toLowerCase().indexOf(r.from.toLowerCase());
    const range = at < 0 ? span : { start: span.start + at, end: span.start + at + r.from.length };
    // Only the title changes: numbering, emphasis and an optional mark around it stay as written.
    edits.push({ range: a.model.lines.rangeOf(range), newText: at < 0 ? r.to.title : r.to.name });
  }
  // The fields the current template added, and those it requires that the document lacks, in its order.
  const lacking = a.template.metadata.filter((f) => u.fields.includes(f) || (f.required && !a.metadata.some((e) => e.field === f)));
  edits.push(...fieldEdits(a, lacking));
  const insert = new Map([...missingSpecs(a), ...u.added].map((s) => [s.index, s]));
  edits.push(...insertSectionsEdits(a, [...insert.values()].sort((x, y) => x.index - y.index)));
  return edits.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}
