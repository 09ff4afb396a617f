/**
 * What a section is for, whatever its heading says. Proposals name the same part in many ways ("Test
 * plan", "Testing", "Tests"; "Design", "Approach", "Proposed solution"); a reader still sees it. Two
 * titles are taken for the same part when they share their words (after a light stemming) or belong
 * to one of the roles below, and only where the template expects the part (see `matchByRole`).
 */
import type { Section } from './parse';
import type { SectionSpec } from './template';
import { normalizeTitle } from './normalize';

/**
 * The parts most proposal templates share, each with the titles people give it. A title is in a
 * role when its normalised form is one of them. Kept short on purpose: the shared-words test
 * handles plain variations; these are the renamings no word overlap can see.
 */
const ROLES: readonly (readonly string[])[] = [
  ['design', 'design proposal', 'approach', 'proposal', 'solution', 'decision', 'proposed solution', 'proposed design', 'detailed design', 'design details', 'technical design', 'implementation', 'design and implementation', 'how it works', 'the proposal', 'specification', 'technical specification', 'spec', 'description', 'detailed description', 'reference level explanation'],
  ['alternatives', 'alternatives considered', 'approaches', 'options', 'options considered', 'considered alternatives', 'other approaches', 'rejected alternatives', 'alternative approaches', 'other options', 'alternative proposals', 'alternative designs', 'alternative solutions'],
  ['test plan', 'testing', 'tests', 'testing plan', 'testing strategy', 'test strategy', 'test coverage', 'validation', 'verification'],
  ['public apis', 'public api', 'api', 'apis', 'api changes', 'syntax', 'syntax changes', 'proposed syntax', 'proposed syntax changes', 'interface', 'interfaces', 'user interface', 'user facing changes', 'public interfaces'],
  ['motivation', 'why', 'problem', 'problem statement', 'the problem', 'context', 'background'],
  ['rationale', 'design rationale', 'why not'],
  ['summary', 'abstract', 'executive summary', 'tl;dr', 'tldr'],
  ['prior art', 'previous work', 'related work', 'existing work'],
  ['drawbacks', 'risks', 'downsides', 'cons', 'disadvantages'],
  ['compatibility', 'backward compatibility', 'backwards compatibility', 'compatibility implications', 'migration', 'upgrade'],
  ['security', 'security implications', 'security considerations'],
  ['documentation', 'docs', 'documentation updates', 'documentation changes'],
];

/** Headings around a proposal's body, never the body itself: notes, references, questions, appendices. */
const NOT_BODY = /^(?:(?:additional |further |implementation |design )?notes?|references?|links?|appendi(?:x|ces)\b.*|faq|glossary|terminology|definitions|(?:open|unresolved) questions|future (?:work|possibilities)|conclusions?|acknowledge?ments|related work|prior art|summary|abstract|timeline|history|changelog|copyright)$/;

const STOP = new Set(['a', 'an', 'and', 'or', 'of', 'the', 'to', 'for', 'in', 'on', 'with', 'what', 'how', 'is', 'are', 'not', 'this', 'section']);

/** A word reduced to a rough stem: "testing", "tests", "tested" all give "test". */
function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '') || word;
}

function words(key: string): Set<string> {
  return new Set(key.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2 && !STOP.has(w)).map(stem));
}

function roleOf(key: string): number {
  return ROLES.findIndex((r) => r.includes(key));
}

/** An appendix's label ("Appendix A. Alternative proposals"): the words after it name the part. */
const APPENDIX = /^appendix(?:\s+[a-z0-9]{1,3})?\s*[.:)-]?\s+/;

/** The role a heading (normalised) names, or -1. */
function roleOfHeading(key: string): number {
  // A question that asks why ("Why do we need a CVE process?") is the motivation; one that asks
  // why not ("Why not BECH32?") defends the design: its rationale.
  const bare = key
    .replace(APPENDIX, '')
    .replace(/^why not\b.*\?$/, 'why not')
    .replace(/^why\b(?! not\b).*\?$/, 'why')
    // "Proposed changes", "Core changes", "Key changes": what is proposed, in detail.
    .replace(/^(?:(?:the|proposed|core|main|key) )?changes$/, 'design');
  // "Proposal: Eager state sync" is a proposal: the words before a colon name the part.
  return roleOf(bare.includes(':') ? bare.slice(0, bare.indexOf(':')).trim() : bare);
}

/** Whether a heading (normalised) names one of the roles above, the same as one of the section's titles. */
function inSameRole(spec: SectionSpec, key: string): boolean {
  const role = roleOfHeading(key);
  return role >= 0 && spec.keys.some((k) => roleOf(k) === role);
}

/** The titles of the part that says what is proposed, in detail: what the author's own headings may stand for. */
const BODY = new Set(['design', 'design proposal', 'proposal', 'decision', 'solution', 'proposed solution', 'proposed design', 'detailed design', 'design details', 'technical design', 'specification', 'technical specification', 'spec', 'description', 'detailed description']);

/** Whether a template section is the part that says what is proposed (Design, Specification, Proposal...). */
export function isBodyPart(spec: SectionSpec): boolean {
  return spec.keys.some((k) => BODY.has(k));
}

/** Whether a heading (normalised) reads as the template section `spec`. */
export function sameRole(spec: SectionSpec, key: string): boolean {
  if (inSameRole(spec, key)) return true;
  const mine = words(key);
  if (!mine.size) return false;
  // A one-word title qualified by one or two words of the author's ("Draft implementation",
  // "Appendix 1: Registrar implementation" for "Implementation"): the last word says what it is.
  const own = key.replace(APPENDIX, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (own.length >= 2 && own.length <= 3 && spec.keys.some((k) => !/\s/.test(k) && k.length > 3 && stem(k) === stem(own[own.length - 1]))) return true;
  // Every word of the heading is one of the section's, the heading names at least half of them,
  // and the last, which says what the section is ("Proposal" for "Design Proposal"; "Implementation"
  // alone is not "Implementation History").
  // A combined title ("Examples and Interactions") counts each part as a title of its own.
  const titles = spec.keys.flatMap((k) => [k, ...k.split(/\s*\/\s*|\s+and\s+|\s*,\s*/).filter((p) => p && p !== k)]);
  return titles.some((k) => {
    const theirs = [...words(k)];
    const shared = [...mine].filter((w) => theirs.includes(w)).length;
    return shared === mine.size && shared * 2 >= theirs.length && mine.has(theirs[theirs.length - 1]);
  });
}

/**
 * Template sections still missing, found under another name where the template expects them: a
 * heading no section claimed, between the sections present before and after the missing one, that
 * reads as it (`sameRole`). Each heading stands for one section; a section with several candidates
 * takes the first. A heading named as one of the roles' titles stands for a section wherever it is.
 * Returns the headings taken, each with its section.
 */
export function matchByRole(
  sections: readonly Section[],
  title: Section | null,
  specs: readonly SectionSpec[],
  presentAt: (spec: SectionSpec) => Section | undefined,
  claimed: (section: Section) => boolean,
): Map<Section, SectionSpec> {
  const out = new Map<Section, SectionSpec>();
  // Nothing to match without a heading no section claimed.
  if (!sections.some((s) => s !== title && !claimed(s))) return out;
  // The sections taken here, by spec: looked up for every spec in every window.
  const standIn = new Map<SectionSpec, Section>();
  const take = (s: Section, spec: SectionSpec): void => {
    out.set(s, spec);
    standIn.set(spec, s);
  };
  const taken = (spec: SectionSpec): boolean => presentAt(spec) !== undefined || standIn.has(spec);
  const order = new Map(sections.map((s, i) => [s, i]));
  // Each heading normalised once: the passes below look at every heading for every missing section.
  const keyOf = new Map(sections.map((s) => [s, normalizeTitle(s.heading.text)]));
  const isUnder = (spec: SectionSpec, ancestor: SectionSpec): boolean => {
    for (let p = spec.parent; p !== null; p = specs[p].parent) if (p === ancestor.index) return true;
    return false;
  };
  const at = (spec: SectionSpec): number | undefined => {
    const s = presentAt(spec) ?? standIn.get(spec);
    return s === undefined ? undefined : order.get(s);
  };
  /** The sections present around where the template puts `spec`: between them the document may write it. */
  const window = (spec: SectionSpec): { lo: number; hi: number } => {
    let lo = -1;
    for (let j = spec.index - 1; j >= 0; j--) {
      const i = isUnder(specs[j], spec) ? undefined : at(specs[j]);
      if (i !== undefined) {
        lo = i;
        break;
      }
    }
    let hi = sections.length;
    for (let j = spec.index + 1; j < specs.length; j++) {
      const i = isUnder(specs[j], spec) ? undefined : at(specs[j]);
      if (i !== undefined) {
        hi = i;
        break;
      }
    }
    return { lo, hi };
  };
  // In the template's order, the window of each missing section in one sweep (what `window` gives,
  // without walking the template for each: a template of thousands of sections stays linear). A
  // spec's sections under it follow it, so the nearest present one before it is the last seen, and
  // the nearest after it is the first present one past its subtree.
  const subtreeEnd = specs.map((x) => x.index);
  for (let j = specs.length - 1; j >= 0; j--) {
    const parent = specs[j].parent;
    if (parent !== null) subtreeEnd[parent] = Math.max(subtreeEnd[parent], subtreeEnd[j]);
  }
  const nextPresent: number[] = new Array<number>(specs.length + 1).fill(sections.length);
  for (let j = specs.length - 1; j >= 0; j--) nextPresent[j] = at(specs[j]) ?? nextPresent[j + 1];
  let lastSeen = -1;
  for (const spec of specs) {
    const here = presentAt(spec);
    if (here !== undefined) {
      lastSeen = order.get(here) as number;
      continue;
    }
    const lo = lastSeen;
    const hi = nextPresent[subtreeEnd[spec.index] + 1];
    for (let i = lo + 1; i < hi; i++) {
      const s = sections[i];
      if (s === title || claimed(s) || out.has(s)) continue;
      if (sameRole(spec, keyOf.get(s) as string)) {
        take(s, spec);
        lastSeen = i;
        break;
      }
    }
  }
  // The proposal's body under the author's own headings: where the template has its design or
  // specification, the document has sections of its own ("## 3. Ledger Entry", "## 4. Transaction")
  // at the level of the sections around them. The first of them stands for it.
  for (const spec of specs) {
    if (taken(spec) || !spec.keys.some((k) => BODY.has(k))) continue;
    const { lo, hi } = window(spec);
    const peer = [sections[lo], sections[hi]].find((x) => x !== undefined);
    if (!peer) continue;
    // Only the first section at that level after the one before it: one that another part claimed
    // first ("## Test Plan" right after "## Proposal") leaves no place for the body. A heading that
    // names another part ("## Test Plan" where an older template had none) is that part, not the body.
    const own = sections.slice(lo + 1, hi).find((x) => x !== title && x.heading.level <= peer.heading.level);
    if (own && !claimed(own) && !out.has(own) && (own.blocks.length > 0 || own.children.length > 0) && roleOfHeading(keyOf.get(own) as string) < 0 && !NOT_BODY.test(keyOf.get(own) as string)) take(own, spec);
  }
  // Out of place: a heading that names the part outright ("## Approach" for "Design" above where
  // the template puts it, "## Approaches" for "Alternatives") is the part wherever it stands.
  for (const spec of specs) {
    if (taken(spec)) continue;
    const s = sections.find((x) => x !== title && !claimed(x) && !out.has(x) && inSameRole(spec, keyOf.get(x) as string));
    if (s) take(s, spec);
  }
  return out;
}

/**
 * One body for two: a section that stands for one of the template's design parts under a word of
 * its own ("## Design" for a KEP's "Design Details") is also the design part beside it that the
 * document lacks ("Proposal"): the author wrote the two as one. A section under the part's own
 * title ("## Proposal" alone) is not: the other part is then missing, as the template has it.
 * Returns each lacking part with the section that holds it.
 */
export function sharedBody(specs: readonly SectionSpec[], presentAt: (spec: SectionSpec) => Section | undefined): [Section, SectionSpec][] {
  const out: [Section, SectionSpec][] = [];
  const isBody = (spec: SectionSpec): boolean => spec.keys.some((k) => roleOf(k) === 0);
  for (const spec of specs) {
    if (presentAt(spec) !== undefined || !isBody(spec)) continue;
    const siblings = specs.filter((x) => x.parent === spec.parent);
    const at = siblings.indexOf(spec);
    for (const next of [siblings[at - 1], siblings[at + 1]]) {
      const section = next && isBody(next) ? presentAt(next) : undefined;
      if (!section || next.keys[0] === normalizeTitle(section.heading.text) || normalizeTitle(section.heading.text) === normalizeTitle(next.name)) continue;
      out.push([section, spec]);
      break;
    }
  }
  return out;
}

/**
 * A part written inside another: when the template's subsections of a missing section are in the
 * document under one heading (a KEP's Goals and Non-Goals under its "## Abstract", its Test Plan,
 * Graduation Criteria and Version Skew Strategy under "## Authorizer requirements"), that heading
 * holds the section too. At least two of them, and at least half of the section's subsections.
 */
export function heldByChildren(specs: readonly SectionSpec[], presentAt: (spec: SectionSpec) => Section | undefined, title: Section | null): [Section, SectionSpec][] {
  const out: [Section, SectionSpec][] = [];
  for (const spec of specs) {
    if (presentAt(spec) !== undefined || spec.children.length < 2) continue;
    const kids = spec.children.map((i) => presentAt(specs[i])).filter((k): k is Section => k !== undefined);
    if (kids.length < 2 || kids.length * 2 < spec.children.length) continue;
    const parent = kids[0].parent;
    if (!parent || parent === title || !kids.every((k) => k.parent === parent)) continue;
    out.push([parent, spec]);
  }
  return out;
}
