import type { Analysis } from '../analyze';
import { normalizeTitle } from '../normalize';
import type { SectionSpec } from '../template';
import type { Span } from '../types';
import { missingSpecs, nextPresentSibling, placementOf, subsectionsWith } from '../missing';
import { q, type RawFinding, type Rule } from './rule';

/** A present section as the reader finds it: by the template's name, or by the document's heading when it is written under other words. */
function shownName(a: Analysis, spec: SectionSpec): string {
  const heading = a.present.get(spec.index)?.section.heading.text;
  return heading !== undefined && !spec.keys.includes(normalizeTitle(heading)) ? heading : spec.name;
}

function describePlacement(a: Analysis, spec: SectionSpec): string {
  const p = placementOf(a, spec);
  if (p.after) return `expected after ${q(shownName(a, p.after))}`;
  if (p.parent) return `expected at the start of ${q(shownName(a, p.parent))}`;
  const next = nextPresentSibling(a, spec);
  if (next) return `expected before ${q(shownName(a, next))}`;
  return a.title ? 'expected after the title' : 'expected at the top of the document';
}

/** The span a missing-section finding is shown on: the heading it should follow, else the title. */
function anchorSpan(a: Analysis, spec: SectionSpec): Span {
  const p = placementOf(a, spec);
  const anchor = p.after ?? p.parent;
  const section = anchor ? a.present.get(anchor.index)?.section : a.title;
  if (section) return section.heading.span;
  const first = a.model.sections[0];
  if (first) return first.heading.span;
  return { start: 0, end: a.model.lines.lineEnd(0) };
}

export const missingSection: Rule = {
  id: 'missing-section',
  severity: 'error',
  description: 'A section the template requires is absent.',
  check(a) {
    return missingSpecs(a).map((spec): RawFinding => {
      const subs = subsectionsWith(a, spec);
      const with_ = subs.length ? `, with its subsection${subs.length > 1 ? 's' : ''} ${subs.map((s) => q(s.name)).join(', ')}` : '';
      // A part the template leads in with a bold label is asked for in that form.
      const where = spec.leadIn ? `a paragraph that starts "**${spec.title}:**", ${a.title ? 'under the title' : 'above the first section'}` : describePlacement(a, spec);
      return {
        rule: 'missing-section',
        message: `Missing required section ${q(spec.name)}${with_} (${where}).`,
        range: a.model.lines.rangeOf(anchorSpan(a, spec)),
        section: spec.name,
        data: { kind: 'missing', sectionIndex: spec.index },
      };
    });
  },
};
