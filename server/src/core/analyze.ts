/**
 * One analysis per document version: which document section is which template section, the
 * state of each, the title and the metadata. Every rule, the outline and the fixes read this.
 */
import type { Block, ProposalModel, Section } from './parse';
import type { MetadataField, SectionSpec, TemplateSchema, TemplateVersion } from './template';
import { isLoneTitle, leadInOf, versionFields } from './template';
import { normalizeProse, normalizeTitle } from './normalize';
import type { Span } from './types';
import { splitLines } from './text';
import { heldByChildren, isBodyPart, matchByRole, sharedBody } from './roles';
import { UNFINISHED_NOTE } from './placeholders';
import { preambleLines, readMetadata, readStatus, statusReached, type Companions, type DocumentStatus, type MetadataEntry } from './metadata';

export type SectionState = 'written' | 'empty' | 'guidance' | 'todo';

export interface PresentSection {
  spec: SectionSpec;
  section: Section;
  state: SectionState;
  /** Own-body blocks that are left-over guidance. */
  guidanceBlocks: Block[];
}

export interface Duplicate {
  spec: SectionSpec;
  section: Section;
  first: Section;
}
export interface Analysis {
  model: ProposalModel;
  template: TemplateSchema;
  version: TemplateVersion;
  title: Section | null;
  /** Template sections present in the document, by spec index (the first occurrence). */
  present: Map<number, PresentSection>;
  /** Document sections that are template sections. */
  specOf: Map<Section, SectionSpec>;
  duplicates: Duplicate[];
  /** Headings that stand for their sections at another level or place, or combined: not out of order or at a wrong level. */
  elsewhere: Set<Section>;
  metadata: MetadataEntry[];
  /**
   * The fields the document is asked for when they are required: the current template's for a
   * document that follows it, else those the version it follows showed (see `versionFields`).
   */
  fields: MetadataField[];
  /** Span of the preamble (between the title and the first section). */
  preamble: Span;
  /**
   * Template sections written as a bold question or lead-in inside their parent instead of as a
   * heading ("* **How can this feature be enabled?**"): present and written, without a heading.
   */
  inline: Map<number, Block>;
  /** Parts led in by a bold label (a KLIP's tl;dr) that still say what the template says there: present, not written. */
  leadInsLeft: Map<number, Block>;
  /** The document's status, when the template gives statuses a meaning and the document has one. */
  status: DocumentStatus | null;
  /** The files beside the document it was analysed with. */
  companions: Companions;
  /** Whether a spec counts towards completeness and may be reported missing or empty. */
  required(spec: SectionSpec): boolean;
  /** Whether the document must carry a field: always, or because of the kind of proposal it says it is. */
  fieldRequired(field: MetadataField): boolean;
  /** Sections of the author's own (no template section) that say only that they are still to be written ("TBD"), with that text. */
  unwrittenOwn: { section: Section; text: string }[];
}

/**
 * A section that says only that it is still to be written: "TODO", "TBD", "TODO: later", a dash or
 * an ellipsis. ("N/A", "None" or "No" under a question is an answer, and counts as written.)
 */
/** A metadata value as a kind of proposal: "Informational", "**Informational**" both give "informational". */
function bareKind(value: string): string {
  return value.replace(/[*_`]/g, '').trim().toLowerCase();
}

/**
 * The kinds of proposal a section's guidance says need not have it: "Informational proposals
 * typically will not require test cases" (a CHIP's Test Cases). A document whose metadata names
 * that kind (its Category or Type) is not asked for the section.
 */
function notRequiredFor(spec: SectionSpec): string[] {
  // Read from the template's guidance once per section: the answer is asked for on every check.
  const known = sparedKinds.get(spec);
  if (known) return known;
  const out: string[] = [];
  const re = /\b([A-Z][\w-]+(?: Track)?) (?:proposals|CHIPs|EIPs|ERCs|RFCs|documents)(?: typically| usually| generally)? (?:will not|won't|do not|don't|does not|need not|are not required to) (?:require|need|have)\b/g;
  for (const m of spec.guidance.matchAll(re)) out.push(m[1].toLowerCase());
  sparedKinds.set(spec, out);
  return out;
}

const sparedKinds = new WeakMap<SectionSpec, string[]>();

export function isTodoOnly(text: string): boolean {
  if (/^(?:-+|\.\.\.|…)$/.test(text)) return true;
  // A note in brackets that starts with it says the whole is still to come, however it goes on:
  // "(TBD -- will cover this in our meeting with Robin tomorrow ...)".
  if (/^[([]\s*(?:tbd|tbc|todo|to do)\b[^)\]]*[)\]]\.?$/is.test(text)) return true;
  // "(pending)" in brackets is a note that the text is to come (an ADR's Decision not yet taken);
  // "Pending" alone may be an answer (a status).
  if (/^[([]\s*pending\s*[)\]]\.?$/i.test(text)) return true;
  // The word alone, or followed by a colon, a dash, a full stop or a parenthesis ("To do that, see below" is prose).
  const m = /^(?:tbd|tbc|todo|to do|to be (?:decided|determined|done|written))(?=$|\s*[:.(\-\u2013\u2014])/i.exec(text);
  return m !== null && text.slice(m[0].length).split(/[\s:.,;-]+/).filter(Boolean).length <= 3;
}
const ELLIPSIS_ONLY = /^(?:[\p{L}\p{N} *:/-]{0,40}?)\s*(?:\.\.\.|…)$/u;
const BRACKET_ONLY = /^\[[^\]]{3,}\]\.?$/;
/** How instructions to the author read: questions, "you", "this section", examples. */
const GUIDANCE_VOICE = /\?|\b(?:you|your|this section|this proposal|e\.g\.|for example|example:|describe|explain|list the|what|how|why)\b/i;
/** "<package>: <date> - <test coverage>": nothing but angle-bracket slots and punctuation. */
const ANGLE_ONLY = /^(?:\s*<[^<>]{1,40}>\s*[:,;-]?\s*)+$/;

export function analyze(model: ProposalModel, template: TemplateSchema, version: TemplateVersion, companions: Companions = {}): Analysis {
  const specs = version.sections;
  const title = findTitle(model, specs, version.titleHeading !== null);
  const present = new Map<number, PresentSection>();
  const specOf = new Map<Section, SectionSpec>();
  const duplicates: Duplicate[] = [];
  const byKey = new Map<string, SectionSpec[]>();
  for (const s of specs) for (const k of s.keys) byKey.set(k, [...(byKey.get(k) ?? []), s]);
  const guidanceSet = new Set(specs.filter((s) => !isKeptText(s)).flatMap((s) => [...s.guidanceBlocks, ...(s.slotGuidance ?? [])]));
  if (version !== template) for (const s of template.sections) if (!isKeptText(s)) for (const g of [...s.guidanceBlocks, ...(s.slotGuidance ?? [])]) guidanceSet.add(g);

  for (const section of model.sections) {
    if (section === title) continue;
    const candidates = byKey.get(normalizeTitle(section.heading.text));
    if (!candidates) continue;
    const ancestor = matchedAncestor(section, specOf);
    const fits = (spec: SectionSpec): boolean => {
      if (section.heading.level <= spec.level) return true;
      const parentSection = spec.parent === null ? null : (present.get(spec.parent)?.section ?? null);
      return ancestor === parentSection;
    };
    const key = normalizeTitle(section.heading.text);
    const fresh = candidates.filter((c) => !present.has(c.index) && fits(c));
    if (fresh.length) {
      specOf.set(section, fresh[0]);
      // One heading can stand for several sections when the template says so with an alias
      // ("Scope" covers both "What is in scope" and "What is not in scope").
      for (const spec of fresh.filter((c, i) => i === 0 || c.keys.indexOf(key) > 0)) {
        present.set(spec.index, { spec, section, state: 'empty', guidanceBlocks: [] });
      }
      continue;
    }
    const taken = candidates.find((c) => fits(c));
    if (taken) {
      const first = present.get(taken.index);
      if (!first) continue;
      // A heading with the section's own name takes it over from one that stood for it by an alias
      // ("## Scope" over "### What is in scope", then "## What is not in scope").
      if (taken.keys[0] === key && normalizeTitle(first.section.heading.text) !== key && taken.keys.includes(normalizeTitle(first.section.heading.text))) {
        present.set(taken.index, { spec: taken, section, state: 'empty', guidanceBlocks: [] });
        if (!specOf.has(section)) specOf.set(section, taken);
        continue;
      }
      // The same heading under different parents ("Pros" under each option) is not a duplicate.
      if (first.section.heading.level === section.heading.level && first.section.parent === section.parent) duplicates.push({ spec: taken, section, first: first.section });
    }
  }

  const elsewhere = matchElsewhere(model.sections, title, specs, byKey, present, specOf);
  const byRole = matchByRole(model.sections, title, specs, (s) => present.get(s.index)?.section, (s) => specOf.has(s));
  for (const [section, spec] of byRole) {
    specOf.set(section, spec);
    present.set(spec.index, { spec, section, state: 'empty', guidanceBlocks: [] });
    elsewhere.add(section);
  }
  for (const [section, spec] of sharedBody(specs, (s) => present.get(s.index)?.section)) {
    present.set(spec.index, { spec, section, state: 'empty', guidanceBlocks: [] });
  }
  for (const [section, spec] of heldByChildren(specs, (s) => present.get(s.index)?.section, title)) {
    present.set(spec.index, { spec, section, state: 'empty', guidanceBlocks: [] });
    if (!specOf.has(section)) specOf.set(section, spec);
    // Held inside another part: where it stands says nothing about the template's order.
    elsewhere.add(section);
  }

  const writtenMemo = new Map<Section, boolean>();
  for (const p of present.values()) {
    const own = classifyBlocks(p.section.blocks, guidanceSet, template.bracketPlaceholders);
    p.guidanceBlocks = own.guidance;
    if (own.written || p.section.children.some((c) => isWritten(c, guidanceSet, template.bracketPlaceholders, writtenMemo))) p.state = 'written';
    else if (own.todo) p.state = 'todo';
    else if (own.guidance.length) p.state = 'guidance';
    else p.state = 'empty';
  }
  // A design or specification heading with nothing under it, followed at its own level by headings
  // of the author's own ("## Specification", then "## Token" with its methods and events): they are
  // its parts, written a level too high.
  for (const p of present.values()) {
    if (p.state !== 'empty' || p.section.children.length || !isBodyPart(p.spec)) continue;
    const i = model.sections.indexOf(p.section);
    let written = false;
    for (let j = i + 1; j < model.sections.length; j++) {
      const next = model.sections[j];
      if (next.heading.level < p.section.heading.level) break;
      if (next.heading.level > p.section.heading.level) continue;
      if (specOf.has(next) || next.parent !== p.section.parent) break;
      if (isWritten(next, guidanceSet, template.bracketPlaceholders, writtenMemo)) written = true;
    }
    if (written) p.state = 'written';
  }

  const inline = new Map<number, Block>();
  for (const spec of specs) {
    if (present.has(spec.index) || spec.parent === null || spec.keys[0].length < 12) continue;
    const parent = present.get(spec.parent);
    if (!parent) continue;
    const found = findInline(parent.section, spec.keys);
    if (found) inline.set(spec.index, found);
  }

  // A part the template leads in with a bold label above its first section (a KLIP's tl;dr): the
  // document's line with that label there.
  const leadInsLeft = new Map<number, Block>();
  for (const spec of specs) {
    if (!spec.leadIn || present.has(spec.index)) continue;
    const found = leadInBlock(model, title, spec.keys);
    if (!found) continue;
    if (leadInIsGuidance(found, spec)) leadInsLeft.set(spec.index, found);
    else inline.set(spec.index, found);
  }

  const preamble = preambleSpan(model, title);
  const { fields: readable, asked: fields } = versionFields(template, version);
  const metadata = readMetadata(model, template, preamble, readable, aboveTitle(model, title));
  const status = readStatus(model, template, metadata, companions);
  const reached = statusReached(template, status);
  // What kind of proposal the document says it is: any of its fields' values (Category, Type), whether the template names the field or not.
  // Read only when the template's guidance spares some kind of proposal a section (rare).
  let kinds: Set<string> | undefined;
  const kindsOf = (): Set<string> => {
    const fmValues = Object.values(model.frontMatter?.data ?? {}).filter((v): v is string => typeof v === 'string');
    return (kinds ??= new Set([...metadata.map((m) => m.value), ...preambleLines(model).map((l) => l.value), ...fmValues].map(bareKind).filter((v) => v !== '')));
  };
  // A section the template lets the author replace, replaced (absent, or stood for by a heading of
  // the author's own): what it holds is not asked for either.
  const replaced = (i: number): boolean => {
    const p = present.get(i);
    return !p || !specs[i].keys.includes(normalizeTitle(p.section.heading.text));
  };
  const underReplaced = (spec: SectionSpec): boolean => {
    for (let i = spec.parent; i !== null; i = specs[i].parent) if (specs[i].replaceable && replaced(i)) return true;
    return false;
  };
  const required = (spec: SectionSpec): boolean => {
    if (spec.optional || (spec.requiredFrom !== null && !reached(spec.requiredFrom)) || underReplaced(spec)) return false;
    const spared = notRequiredFor(spec);
    return !spared.length || !spared.some((k) => kindsOf().has(k));
  };
  return {
    model,
    template,
    version,
    title,
    present,
    specOf,
    duplicates,
    elsewhere,
    inline,
    leadInsLeft,
    metadata,
    fields,
    preamble,
    status,
    companions,
    required,
    unwrittenOwn: model.sections.flatMap((section, i) => {
      if (section === title || specOf.has(section) || elsewhere.has(section) || section.children.length) return [];
      const content = section.blocks.filter((b) => b.kind === 'content');
      if (!content.length) {
        // A heading with nothing under it, before another of the author's, labels what follows
        // ("### Deallocation states" over "### For each state ..."); before the template's next
        // section, or at the end, it was started and left.
        const next = model.sections[i + 1];
        return !next || specOf.has(next) ? [{ section, text: '' }] : [];
      }
      const text = content.length === 1 ? content[0].text.trim() : '';
      return text && isTodoOnly(text) && /[\p{L}]/u.test(text) ? [{ section, text }] : [];
    }),
    fieldRequired: (field) => field.required || (field.requiredWhen !== undefined && kindsOf().has(bareKind(field.requiredWhen))),
  };
}

/** The parts of a combined heading: "Goals / Non-Goals", "Drawbacks and Alternatives", "Rollout & Lifecycle". */
function headingParts(key: string): string[] {
  return key.split(/\s*\/\s*|\s+and\s+|\s*,\s*/).filter(Boolean);
}

/**
 * A second look at the headings no template section claimed, for what a reader still sees there:
 * a section at another level or under another parent ("#### Test plan" under a roadmap), one
 * heading that combines two sections ("Goals/Non-Goals", "Rollout and Lifecycle"), and a
 * combined section in another order ("Background and Motivation" for "Motivation and
 * background"). Only sections not found otherwise are taken.
 */
function matchElsewhere(
  sections: readonly Section[],
  title: Section | null,
  specs: readonly SectionSpec[],
  byKey: ReadonlyMap<string, SectionSpec[]>,
  present: Map<number, PresentSection>,
  specOf: Map<Section, SectionSpec>,
): Set<Section> {
  const taken = new Set<Section>();
  const take = (section: Section, found: SectionSpec[]): void => {
    taken.add(section);
    if (!specOf.has(section)) specOf.set(section, found[0]);
    for (const spec of found) present.set(spec.index, { spec, section, state: 'empty', guidanceBlocks: [] });
  };
  const partsOf = new Map(specs.map((s) => [s.index, [...headingParts(s.keys[0])].sort().join('|')]));
  for (const section of sections) {
    if (section === title || specOf.has(section)) continue;
    const key = normalizeTitle(section.heading.text);
    const same = (byKey.get(key) ?? []).filter((c) => !present.has(c.index));
    if (same.length) {
      take(section, [same[0]]);
      continue;
    }
    const parts = headingParts(key);
    if (parts.length < 2) continue;
    const sorted = [...parts].sort().join('|');
    const reordered = specs.find((s) => !present.has(s.index) && partsOf.get(s.index) === sorted);
    if (reordered) {
      take(section, [reordered]);
      continue;
    }
    // Every part that names a section still missing stands for it ("Detailed Explanation and
    // Rationale" is the Detailed Explanation, whatever else it adds).
    const each = parts.map((p) => (byKey.get(p) ?? []).find((c) => !present.has(c.index))).filter((c): c is SectionSpec => c !== undefined);
    if (each.length) take(section, each);
  }
  return taken;
}

/**
 * A section whose template text every document keeps as it is: the copyright or licence statement
 * ("Copyright and related rights waived via CC0"). Its text is not guidance to replace.
 */
function isKeptText(spec: SectionSpec): boolean {
  return /^(?:copyright|licen[cs]e|copyright and licen[cs]e)$/i.test(spec.name.trim());
}

/**
 * The document's title: a lone H1 that comes first and is not itself a template section; where
 * the template has a title, the document's first heading at any level, unless it names a section
 * or holds others.
 */
function findTitle(model: ProposalModel, specs: SectionSpec[], templateHasTitle: boolean): Section | null {
  const first = model.sections[0];
  if (!first) return null;
  // A section name, or one combined with others ("Goals / Non-Goals"), is not the title.
  const key = normalizeTitle(first.heading.text);
  const isSection = (): boolean => [key, ...headingParts(key)].some((k) => specs.some((s) => s.keys.includes(k)));
  if (first.heading.level !== 1) return templateHasTitle && !first.children.length && !isSection() ? first : null;
  if (isLoneTitle(model)) return first;
  // Several H1s: the first is the title unless it names a template section.
  return isSection() ? null : first;
}

/** A block under `section` (or its subsections) that opens with one of `keys`. */
function findInline(section: Section, keys: readonly string[]): Block | null {
  for (const b of section.blocks) {
    if (b.kind !== 'content') continue;
    const texts = b.items ? b.items.map((i) => i.text) : [b.text];
    if (texts.some((t) => keys.some((k) => normalizeTitle(t.slice(0, k.length + 20)).startsWith(k)))) return b;
  }
  for (const c of section.children) {
    const found = findInline(c, keys);
    if (found) return found;
  }
  return null;
}

/**
 * Whether a lead-in part still says what the template says after its label: the template's words,
 * rewrapped or not. Not words in emphasis that sound like guidance: authors keep the template's
 * italics for their own tl;dr ("_[KLIP 15] already made the case for why ..._").
 */
function leadInIsGuidance(found: Block, spec: SectionSpec): boolean {
  const own = normalizeProse(spec.guidance);
  return own !== '' && normalizeProse(found.text).endsWith(own);
}

/**
 * The text above the first section (under the title) from a line led by a bold label that is one
 * of `keys` to the end of its paragraph (fields above it in the same paragraph left out).
 */
function leadInBlock(model: ProposalModel, title: Section | null, keys: readonly string[]): Block | null {
  for (const b of title ? title.blocks : model.leadingBlocks) {
    if (b.kind !== 'content') continue;
    const source = model.text.slice(b.span.start, b.span.end);
    let at = 0;
    for (const line of splitLines(source)) {
      const lead = leadInOf(line.replace(/^\s*[-*+]\s+/, ''));
      if (lead && keys.includes(normalizeTitle(lead.label))) {
        const start = b.span.start + at;
        return { ...b, span: { start, end: b.span.end }, text: source.slice(at).replace(/[*_`]/g, '') };
      }
      at += line.length + (/^\r\n/.test(source.slice(at + line.length)) ? 2 : 1);
    }
  }
  return null;
}

function matchedAncestor(section: Section, specOf: Map<Section, SectionSpec>): Section | null {
  for (let p = section.parent; p; p = p.parent) if (specOf.has(p)) return p;
  return null;
}

interface BlockClasses {
  written: boolean;
  /** Nothing but a "TODO" or "TBD". */
  todo: boolean;
  guidance: Block[];
}

function classifyBlocks(blocks: readonly Block[], guidanceSet: ReadonlySet<string>, brackets: boolean): BlockClasses {
  const content = blocks.filter((b) => b.kind === 'content' && !isUnfilledForm(b, guidanceSet));
  const guidance: Block[] = [];
  let prose = false;
  let code = false;
  const rest: Block[] = [];
  for (const b of content) {
    if (isGuidanceBlock(b, guidanceSet, brackets)) guidance.push(b);
    else rest.push(b);
  }
  for (const b of rest) {
    // A list of questions beside other guidance is the template asking, not the author answering.
    if (guidance.length && b.items?.every((i) => /\?$|^etc\.?$/i.test(i.text.trim()))) guidance.push(b);
    else if (b.type === 'code') code = true;
    else prose = true;
  }
  guidance.sort((x, y) => x.span.start - y.span.start);
  // A code block next to left-over guidance is the template's example, not the author's writing.
  const written = prose || (code && guidance.length === 0);
  const todo = content.length === 1 && isTodoOnly(content[0].text.trim());
  return { written: written && !todo, todo, guidance };
}

/**
 * A form the template asks the author to fill in, still untouched: a task list with nothing ticked
 * that is the template's own or reads as a form (an item ending in an empty "Feature gate name:"
 * slot), or an unticked "[ ] I understand ..." line. Not writing, and not guidance to delete
 * either. A task list of the author's own items (acceptance criteria still to be met) is writing,
 * ticked or not.
 */
function isUnfilledForm(b: Block, guidanceSet: ReadonlySet<string>): boolean {
  if (b.type === 'tasklist') return !b.checked && (isTemplateList(b, guidanceSet) || (b.items ?? []).some((i) => /:\s*$/.test(i.text)));
  return b.type === 'paragraph' && /^\[ \]\s/.test(b.text);
}

/**
 * A block that is the template's guidance, or nothing but a placeholder ("...", "[Describe it]").
 * A phrase in brackets alone is one only under a template that writes its placeholders so, or when
 * it says the text is still to be written ("[TODO]"): else it is the author's note ("[No changes]").
 */
function isGuidanceBlock(b: Block, guidanceSet: ReadonlySet<string>, brackets: boolean): boolean {
  const norm = normalizeProse(b.text);
  if (!norm || b.type === 'tasklist') return false;
  if (guidanceSet.has(norm)) return true;
  if (b.type === 'code' || b.type === 'table' || b.type === 'html') return false;
  if (b.emphasized && GUIDANCE_VOICE.test(b.text)) return true;
  const parts = b.items ? b.items.map((i) => i.text.trim()) : [b.text.trim()];
  const bracketOnly = (t: string): boolean => BRACKET_ONLY.test(t) && (brackets || UNFINISHED_NOTE.test(t));
  return parts.every((t) => t === '' || ELLIPSIS_ONLY.test(t) || bracketOnly(t) || ANGLE_ONLY.test(t));
}

/** The guidance of a template, joined once per set: task list items are looked for in it. */
const joinedGuidance = new WeakMap<ReadonlySet<string>, string>();

/** Whether each item of a list is text of the template's (a whole guidance block, or part of one). */
function isTemplateList(b: Block, guidanceSet: ReadonlySet<string>): boolean {
  if (guidanceSet.has(normalizeProse(b.text))) return true;
  const items = (b.items ?? []).map((i) => normalizeProse(i.text)).filter(Boolean);
  if (!items.length) return false;
  let joined = joinedGuidance.get(guidanceSet);
  if (joined === undefined) joinedGuidance.set(guidanceSet, (joined = [...guidanceSet].join('\u0000')));
  const all = joined;
  return items.every((item) => all.includes(item));
}

function isWritten(section: Section, guidanceSet: ReadonlySet<string>, brackets: boolean, memo: Map<Section, boolean>): boolean {
  const cached = memo.get(section);
  if (cached !== undefined) return cached;
  const own = classifyBlocks(section.blocks, guidanceSet, brackets);
  const result = own.written || section.children.some((c) => isWritten(c, guidanceSet, brackets, memo));
  memo.set(section, result);
  return result;
}

/** The text between the front matter and the title, when the title is not the first thing (header lines above it). */
function aboveTitle(model: ProposalModel, title: Section | null): Span | undefined {
  if (!title) return undefined;
  const start = model.frontMatter ? model.frontMatter.span.end : 0;
  return title.heading.span.start > start ? { start, end: title.heading.span.start } : undefined;
}

function preambleSpan(model: ProposalModel, title: Section | null): Span {
  const fmEnd = model.frontMatter ? model.frontMatter.span.end : 0;
  if (title) {
    const idx = model.sections.indexOf(title);
    const next = model.sections[idx + 1];
    return { start: title.bodyStart, end: next ? next.heading.span.start : model.text.length };
  }
  const first = model.sections[0];
  return { start: fmEnd, end: first ? first.heading.span.start : model.text.length };
}

