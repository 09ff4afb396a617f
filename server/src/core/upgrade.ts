/**
 * A document written with an older version of its template, brought up to the current one: the
 * sections the current template added are inserted (with their guidance) and the headings it
 * renamed get their new titles. Nothing the author wrote is removed.
 */
import { analyze, type Analysis } from './analyze';
import type { Section } from './parse';
import { insertSectionsEdits } from './insert';
import { missingSpecs } from './missing';
import { droppedSections, type SectionSpec } from './template';
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
  return added.length || renamed.length ? { current, added, renamed } : null;
}

/**
 * The edits that bring the document up to the current template: each renamed heading's old title
 * replaced by the current one (the rest of the heading line kept), then the missing sections of the
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
  const insert = new Map([...missingSpecs(a), ...u.added].map((s) => [s.index, s]));
  edits.push(...insertSectionsEdits(a, [...insert.values()].sort((x, y) => x.index - y.index)));
  return edits.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}
