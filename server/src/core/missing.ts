/**
 * Missing template sections: which required ones a document lacks, where each belongs, which
 * subsections go in with it, and the guidance it comes with. The missing-section rule, the fixes
 * and the template upgrade all read these.
 */
import type { Analysis } from './analyze';
import type { Block } from './parse';
import { normalizeTitle } from './normalize';
import type { SectionSpec } from './template';

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
  const after = presentSiblings(a).before[spec.index];
  if (after) return { after, parent };
  return { after: null, parent: parent && a.present.has(parent.index) ? parent : null };
}

/** The first present section after `spec` under the same parent, or undefined. */
export function nextPresentSibling(a: Analysis, spec: SectionSpec): SectionSpec | undefined {
  return presentSiblings(a).after[spec.index] ?? undefined;
}

interface PresentSiblings {
  /** By spec index: the last present section before it under the same parent. */
  before: (SectionSpec | null)[];
  /** By spec index: the first present section after it under the same parent. */
  after: (SectionSpec | null)[];
}

const siblingsOf = new WeakMap<Analysis, PresentSiblings>();

/**
 * Each template section's present neighbours under its parent, worked out once per analysis in two
 * sweeps (a section's siblings before it all follow its parent in the template's order): asking for
 * every missing section of a template of thousands stays linear.
 */
function presentSiblings(a: Analysis): PresentSiblings {
  const known = siblingsOf.get(a);
  if (known) return known;
  const specs = a.version.sections;
  const before: (SectionSpec | null)[] = new Array<SectionSpec | null>(specs.length).fill(null);
  const after: (SectionSpec | null)[] = new Array<SectionSpec | null>(specs.length).fill(null);
  const last = new Map<number | null, SectionSpec>();
  for (const s of specs) {
    before[s.index] = last.get(s.parent) ?? null;
    if (a.present.has(s.index)) last.set(s.parent, s);
  }
  const next = new Map<number | null, SectionSpec>();
  for (let i = specs.length - 1; i >= 0; i--) {
    const s = specs[i];
    after[s.index] = next.get(s.parent) ?? null;
    if (a.present.has(s.index)) next.set(s.parent, s);
  }
  const result = { before, after };
  siblingsOf.set(a, result);
  return result;
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
 * ("## Problem" for "Problem Statement"), or divided it by bold lead-in lines of its own: it did
 * not take the template's outline there, so its text holds what the template's subsections ask
 * for, and their headings are not missing.
 */
function foldedInto(a: Analysis, parent: SectionSpec): boolean {
  const p = a.present.get(parent.index);
  if (p === undefined || p.state !== 'written' || p.section.children.length > 0) return false;
  return normalizeTitle(p.section.heading.text) !== parent.keys[0] || boldDivided(a, p.section.blocks);
}

/**
 * Whether a section is divided by lines of bold lead-ins of its own instead of subheadings
 * ("**Implemented Testing:**", "**Testing Infrastructure:**"): two or more paragraphs that are a
 * bold label ending in a colon and nothing else (a bold question is an answer's heading, not this).
 */
function boldDivided(a: Analysis, blocks: readonly Block[]): boolean {
  const leads = blocks.filter((b) => b.type === 'paragraph' && /^\s*(?:\*\*|__)[^*_\n?]{2,60}?(?::(?:\*\*|__)|(?:\*\*|__):)\s*$/.test(a.model.text.slice(b.span.start, b.span.end)));
  return leads.length >= 2;
}

/**
 * Whether `spec` is an overview its parent gives in its own opening text: a first subsection called
 * Overview, Summary or Introduction is what the paragraphs under the parent's heading, before its
 * first subheading, already are; one called (High-Level) Architecture is what a diagram there is
 * (a mermaid, PlantUML or Graphviz block, or an image).
 */
function openedBy(a: Analysis, parent: SectionSpec, spec: SectionSpec): boolean {
  if (parent.children[0] !== spec.index) return false;
  const prose = /^(?:overview|summary|introduction)$/.test(spec.keys[0]);
  const drawing = /^(?:(?:high level )?architecture|architecture overview)$/.test(spec.keys[0]);
  if (!prose && !drawing) return false;
  const p = a.present.get(parent.index);
  const diagram = (b: Block): boolean =>
    (b.type === 'code' && /^\s*(?:`{3,}|~{3,})\s*(?:mermaid|plantuml|puml|dot|graphviz)\b/i.test(a.model.text.slice(b.span.start, b.span.start + 40))) ||
    (b.type === 'paragraph' && /^\s*!\[/.test(a.model.text.slice(b.span.start, b.span.end)));
  return p !== undefined && p.section.blocks.some((b) => b.kind === 'content' && ((b.type === 'paragraph' && b.text.trim().length > 0 && prose) || (drawing && diagram(b))));
}

/** Required template sections that are absent; a missing parent is reported once, for its subtree. */
export function missingSpecs(a: Analysis): SectionSpec[] {
  const out: SectionSpec[] = [];
  for (const spec of a.version.sections) {
    if (a.present.has(spec.index) || a.inline.has(spec.index) || a.leadInsLeft.has(spec.index) || !a.required(spec)) continue;
    const parent = spec.parent === null ? null : a.version.sections[spec.parent];
    if (parent && !a.present.has(parent.index)) continue; // reported with its parent
    if (parent && (foldedInto(a, parent) || openedBy(a, parent, spec))) continue;
    out.push(spec);
  }
  return out;
}

/** The guidance for a section: the spec's own, else that of the current template's section with the same title. */
export function guidanceFor(a: Analysis, spec: SectionSpec): string {
  if (spec.guidance) return spec.guidance;
  const key = spec.keys[0];
  return a.template.sections.find((s) => s.keys.includes(key) || normalizeTitle(s.title) === key)?.guidance ?? '';
}
