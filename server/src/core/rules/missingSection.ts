import { normalizeTitle } from '../normalize';
import type { Analysis } from '../analyze';
import type { SectionSpec } from '../template';
import type { Span } from '../types';
import { q, type RawFinding, type Rule } from './rule';

/** Where a missing section belongs: after which present section, or at the start of its parent. */
export interface Placement {
  /** The present section it goes after (a sibling or a section before it), or null. */
  after: SectionSpec | null;
  /** The present parent it goes into, when no earlier sibling is present. */
  parent: SectionSpec | null;
}

export function placementOf(a: Analysis, spec: SectionSpec): Placement {
  const specs = a.version.sections;
  const parent = spec.parent === null ? null : specs[spec.parent];
  for (let i = spec.index - 1; i >= 0; i--) {
    const s = specs[i];
    if (parent && s.index === parent.index) return { after: null, parent: a.present.has(s.index) ? s : null };
    if (s.parent === spec.parent && a.present.has(s.index)) return { after: s, parent };
  }
  return { after: null, parent: parent && a.present.has(parent.index) ? parent : null };
}

export function describePlacement(a: Analysis, spec: SectionSpec): string {
  const p = placementOf(a, spec);
  if (p.after) return `expected after ${q(p.after.name)}`;
  if (p.parent) return `expected at the start of ${q(p.parent.name)}`;
  const next = a.version.sections.find((s) => s.index > spec.index && s.parent === spec.parent && a.present.has(s.index));
  if (next) return `expected before ${q(next.name)}`;
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

/**
 * The subsections that go in with a missing section: the required ones that are absent, and those
 * present only because their parent is absent (a deeper heading elsewhere, under no template
 * section: once the parent is in place, it no longer counts as the parent's subsection).
 */
export function subsectionsWith(a: Analysis, spec: SectionSpec): SectionSpec[] {
  // A section named before the status that requires it (an update to the current template) comes
  // with the subsections required from that same status.
  const needed = (s: SectionSpec): boolean => a.required(s) || (!a.required(spec) && !s.optional && s.requiredFrom === spec.requiredFrom);
  return spec.children
    .map((i) => a.version.sections[i])
    .filter((s) => {
      if (!needed(s) || a.inline.has(s.index)) return false;
      const p = a.present.get(s.index);
      return !p || p.section.heading.level > s.level;
    });
}

/**
 * Whether the document wrote `parent` as one undivided section under a heading of its own words
 * ("## Problem" for "Problem Statement"): it did not take the template's outline there, so its
 * text holds what the template's subsections ask for, and their headings are not missing.
 */
function foldedInto(a: Analysis, parent: SectionSpec): boolean {
  const p = a.present.get(parent.index);
  return p !== undefined && p.state === 'written' && p.section.children.length === 0 && normalizeTitle(p.section.heading.text) !== parent.keys[0];
}

/** Required template sections that are absent; a missing parent is reported once, for its subtree. */
export function missingSpecs(a: Analysis): SectionSpec[] {
  const out: SectionSpec[] = [];
  for (const spec of a.version.sections) {
    if (a.present.has(spec.index) || a.inline.has(spec.index) || !a.required(spec)) continue;
    const parent = spec.parent === null ? null : a.version.sections[spec.parent];
    if (parent && !a.present.has(parent.index)) continue; // reported with its parent
    if (parent && foldedInto(a, parent)) continue;
    out.push(spec);
  }
  return out;
}

export const missingSection: Rule = {
  id: 'missing-section',
  severity: 'error',
  description: 'A section the template requires is absent.',
  check(a) {
    return missingSpecs(a).map((spec): RawFinding => {
      const subs = subsectionsWith(a, spec);
      const with_ = subs.length ? `, with its subsection${subs.length > 1 ? 's' : ''} ${subs.map((s) => q(s.name)).join(', ')}` : '';
      return {
        rule: 'missing-section',
        message: `Missing required section ${q(spec.name)}${with_} (${describePlacement(a, spec)}).`,
        range: a.model.lines.rangeOf(anchorSpan(a, spec)),
        section: spec.name,
        data: { kind: 'missing', sectionIndex: spec.index },
      };
    });
  },
};
