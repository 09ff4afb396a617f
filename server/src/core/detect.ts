/**
 * Which template a document follows, with a confidence between 0 and 1. The evidence, strongest
 * first: `template: <id>` in front matter, the file path conventions, the title, and how many of the
 * template's headings the document has. Documents below the threshold are not proposals: they get
 * no findings at all.
 */
import { compileGlobs } from './patterns';
import type { ProposalModel } from './parse';
import type { MetadataField, TemplateSchema, TemplateVersion } from './template';
import { addedFields, droppedSections, fieldNameKey, fixedTitle, isLoneTitle, optionalField, sameField } from './template';
import { documentDate, documentUpdated, preambleLines } from './metadata';
import { escapeRe, normalizeProse, normalizeTitle } from './normalize';
import { sameRole } from './roles';

export interface Detection {
  template: TemplateSchema;
  /** The version the document follows best: the template itself, or one of its older versions. */
  version: TemplateVersion;
  confidence: number;
  reason: 'front-matter' | 'forced' | 'path' | 'title' | 'headings' | 'metadata';
}

/** Heading scores closer than this are a tie. */
const NEAR = 0.05;

/** Documents whose best evidence is weaker than this are not treated as proposals. */
const MIN_CONFIDENCE = 0.4;

const pathMatchers = new WeakMap<TemplateSchema, (path: string) => boolean>();

/** The template's path globs, compiled once per template. */
function matchesPath(t: TemplateSchema, path: string): boolean {
  let m = pathMatchers.get(t);
  if (!m) {
    m = compileGlobs(t.detect.paths, { ignoreCase: true });
    pathMatchers.set(t, m);
  }
  return m(path);
}

export function detectTemplate(
  model: ProposalModel,
  path: string | undefined,
  templates: readonly TemplateSchema[],
  forcedId?: string,
  firstCommitDate?: () => string | null,
): Detection | null {
  if (!templates.length) return null;
  const keys = docOutline(model);
  // When the document was written, asked for only when a template has dated versions to choose from.
  let date: string | null | undefined;
  // Its first commit, or the day it says it was last updated when that is earlier.
  const committed = (): string | null => [firstCommitDate?.() ?? null, documentUpdated(model)].filter((d): d is string => d !== null).sort()[0] ?? null;
  const docDate = (): string | null => (date === undefined ? (date = documentDate(model) ?? dateFromPath(path) ?? committed()) : date);
  const byId = (id: string): TemplateSchema | undefined => templates.find((t) => t.id === id);
  // The document's fields (its `Key: value` lines and front matter keys) with their values, read when a version's fields are compared.
  let fields: Map<string, string[]> | undefined;
  const docFields = (): Map<string, string[]> => (fields ??= fieldValues(model));
  const bestVersion = (t: TemplateSchema, outline: DocOutline, dateOfDoc: () => string | null): TemplateVersion => versionOf(t, outline, dateOfDoc, docFields);

  if (forcedId) {
    const t = byId(forcedId);
    return t ? { template: t, version: bestVersion(t, keys, docDate), confidence: 1, reason: 'forced' } : null;
  }
  const declared = model.frontMatter?.data?.template;
  if (typeof declared === 'string' && byId(declared.trim())) {
    const t = byId(declared.trim()) as TemplateSchema;
    return { template: t, version: bestVersion(t, keys, docDate), confidence: 1, reason: 'front-matter' };
  }

  // The template's own copy among the documents (`0000-template.md` beside the RFCs) is not a proposal.
  // A new proposal starts as the template's body too, but with its front matter filled in (a date,
  // an author): only a copy whose front matter is the template's own is the template.
  const body = bodyText(model);
  const copyOf = (t: TemplateSchema): boolean => sameText(t.body, body) && sameText(t.frontMatter ?? '', model.frontMatter && model.frontMatter.form !== 'pre' ? model.frontMatter.raw : '');
  if (templates.some(copyOf) || namedAsTemplate(path)) return null;

  // A workspace template that fits wins over a built-in one: the team's own template is what its
  // documents follow, even where a built-in family shares section names with it.
  let best: Detection | null = null;
  let bestOwn: Detection | null = null;
  // Two outlines that fit a document almost equally (a built-in template and another's older
  // version of it) are told apart by every heading, the document's own subsections included.
  const flat = new Map<Detection, number>();
  const beats = (d: Detection, than: Detection | null): boolean => {
    if (!than) return true;
    if (d.reason === 'headings' && than.reason === 'headings' && Math.abs(d.confidence - than.confidence) < NEAR) {
      return (flat.get(d) ?? 0) > (flat.get(than) ?? 0);
    }
    return d.confidence > than.confidence;
  };
  const consider = (d: Detection): void => {
    if (beats(d, best)) best = d;
    if (!d.template.builtin && beats(d, bestOwn)) bestOwn = d;
  };
  const fmKeys = frontMatterKeys(model);
  const normalPath = path ? path.replace(/\\/g, '/') : undefined;
  const title = titleText(model);
  for (const t of templates) {
    const similarity = Math.max(similarityTo(t, keys), ...t.versions.map((v) => similarityTo(v, keys)));
    if (normalPath && matchesPath(t, normalPath)) {
      consider({ template: t, version: bestVersion(t, keys, docDate), confidence: Math.max(0.9, similarity), reason: 'path' });
    }
    // A template whose title is fixed words, not a slot (npm's "# Withdrawal Amendment"): a document
    // under that very title is one of its documents, whatever else it holds.
    if (title !== null && t.titleHeading !== null && fixedTitle(t.titleHeading) && normalizeTitle(title) === normalizeTitle(t.titleHeading)) {
      consider({ template: t, version: bestVersion(t, keys, docDate), confidence: 1, reason: 'title' });
    }
    if (title !== null && t.detect.title?.test(title)) {
      consider({ template: t, version: bestVersion(t, keys, docDate), confidence: Math.max(0.8, similarity), reason: 'title' });
    }
    const byHeadings: Detection = { template: t, version: bestVersion(t, keys, docDate), confidence: similarity, reason: 'headings' };
    const allHeadings = { keys: keys.keys, nested: keys.nested.map(() => false), parents: keys.parents };
    flat.set(byHeadings, Math.max(similarityTo(t, allHeadings), ...t.versions.map((v) => similarityTo(v, allHeadings))));
    consider(byHeadings);
    // Front matter keys shared with the template's own add to an outline that fits at all (two
    // sections in common): on their own they would claim a sibling template's documents.
    // A document named like the template (`XLS-0005-.../README.md` beside `XLS_TEMPLATE.md`) needs
    // only two sections in common.
    const shared = sharedFields(t, fmKeys);
    const named = namedLike(t, normalPath) || titledLike(t, title);
    // Nearly all the template's fields (an EEP's Author, Status, Type, Created, Post-History) say as much.
    const common = named || shared >= 0.8 ? 2 : 3;
    const loose = Math.max(similarityTo(t, keys, common), ...t.versions.map((v) => similarityTo(v, keys, common)));
    // Named as the template's file names its documents, with most of its fields (an XLS's <pre>
    // block, a TensorFlow RFC's table) and a section of the template's: its document, with
    // sections of its own. (The same table over another questionnaire's sections is not.)
    const one = named && shared >= 0.8 ? Math.max(similarityTo(t, keys, 1), ...t.versions.map((v) => similarityTo(v, keys, 1))) : 0;
    // Named so, with sections in common, it is one of the template's documents, even when it writes
    // its fields as headings of their own (a CFP's "## Author(s)", "## Status").
    if (named && loose > 0) consider({ template: t, version: bestVersion(t, keys, docDate), confidence: Math.max(loose, MIN_CONFIDENCE), reason: 'path' });
    // Named as the template names its documents and carrying nearly all of its many fields (an
    // XLS's <pre> block, an ERC's front matter: six or more), it is the template's document even
    // under headings all its own. (A few fields over another questionnaire's sections, a TensorFlow
    // SIG request under the RFC table, are not.)
    if (named && shared >= 0.75 && sharedCount(t, fmKeys) >= 6 && loose === 0 && one === 0) {
      consider({ template: t, version: bestVersion(t, keys, docDate), confidence: MIN_CONFIDENCE + 0.1, reason: 'path' });
    }
    if (shared >= 0.5 && (loose > 0 || one > 0)) {
      consider({ template: t, version: bestVersion(t, keys, docDate), confidence: Math.min(0.9, Math.max(loose, one, MIN_CONFIDENCE) + 0.3 * shared), reason: 'metadata' });
    }
  }
  const own = bestOwn as Detection | null;
  const found = own && own.confidence >= MIN_CONFIDENCE ? own : (best as Detection | null);
  if (!found || found.confidence < MIN_CONFIDENCE) return null;
  return { ...found, confidence: Math.round(found.confidence * 100) / 100 };
}

/**
 * Whether the document's title starts as the template's title starts its documents' titles: the
 * words before the number (`RFC-NNNN Title` gives `RFC-0001 Memorandum on ...`; `ADR {ADR-NUMBER}:
 * {TITLE}` gives `ADR 016: ...`), two letters or more of them.
 */
function titledLike(t: TemplateSchema, title: string | null): boolean {
  const prefix = /^([^{]*?)\s*\{n\}/.exec(t.titlePattern)?.[1] ?? '';
  if (title === null || !/[a-z]{2}/i.test(prefix)) return false;
  const words = prefix.replace(/[-_:\s]+$/, '');
  return new RegExp(`^\\W*${escapeRe(words)}[-_:\\s]*0*\\d+\\b`, 'i').test(title);
}

/**
 * Whether a folder or file on the document's path starts with the name the template's file gives
 * its proposals, then a number: `XLS_TEMPLATE.md` names `XLS-0005-...`, `CIP-TEMPLATE.md` names
 * `CIP-0001`, not `CPS-0011`.
 */
function namedLike(t: TemplateSchema, path: string | undefined): boolean {
  const stem = (t.source.replace(/\\/g, '/').split('/').pop() ?? '').replace(/\.(?:md|markdown)$/i, '');
  // `CFP-003-template.md` carries its own number: its documents are `CFP-36975-...`.
  const prefix = (/^(.*?)[-_ ]?template$/i.exec(stem)?.[1] ?? '').replace(/(?<=[a-z])[-_ ]?\d+$/i, '');
  if (!path || prefix.length < 2 || !/[a-z]/i.test(prefix)) return false;
  // `yyyymmdd-rfc-template.md` names its documents by the day: `20190610-resource-variable-semantics.md`.
  const re = /^y{4}-?m{2}-?d{2}(?![a-z])/i.test(prefix) ? /^(?:19|20)\d\d-?[01]\d-?[0-3]\d[-_]/ : new RegExp(`^${escapeRe(prefix)}[-_ ]?\\d`, 'i');
  return path.split('/').some((part) => re.test(part));
}

/**
 * The document's field names, lower-cased, with '-' and '_' as spaces: its front matter keys and
 * the `Key: value` lines or table rows between its title and its first section, or above its title.
 */
function frontMatterKeys(model: ProposalModel): Set<string> {
  const data = model.frontMatter?.data;
  const keys = new Set(data ? Object.keys(data).map(fieldKey) : []);
  for (const line of preambleLines(model)) keys.add(fieldKey(line.key));
  return keys;
}

function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[-_]+/g, ' ').trim();
}

/** The share of a template's own fields (three or more) that the document has too; 0 for other templates. */
function sharedFields(t: TemplateSchema, docKeys: Set<string>): number {
  const fields = countedFields(t);
  if (fields.length < 3 || !docKeys.size) return 0;
  return sharedCount(t, docKeys) / fields.length;
}

/**
 * A template's fields that count as evidence: a field it calls optional (`requires: [optional - XLS
 * number(s) ...]`) or asks only of some kinds of proposal (EEP 33's Erlang-Version) says nothing when absent.
 */
function countedFields(t: TemplateSchema): TemplateSchema['metadata'] {
  return t.metadata.filter((f) => !/^\W*optional\b/i.test(f.placeholder ?? '') && f.requiredWhen === undefined);
}

/** How many of a template's fields the document has. */
function sharedCount(t: TemplateSchema, docKeys: Set<string>): number {
  return countedFields(t).filter((f) => [f.name, ...f.aliases].some((n) => docKeys.has(fieldKey(n)))).length;
}

/**
 * A file whose name says it is a template and carries no number of its own: `0000-template.md`,
 * `klip-template.md`, `00000000_template.md`, `EP-TEMPLATE.md`, `keps/NNNN-kep-template/README.md`.
 * (`1234-pod-template/README.md` is a proposal about pod templates.)
 */
export function namedAsTemplate(path: string | undefined): boolean {
  const parts = path?.replace(/\\/g, '/').split('/').filter(Boolean) ?? [];
  let stem = (parts.pop() ?? '').replace(/\.(?:md|markdown)$/i, '');
  if (/^(?:readme|index)$/i.test(stem) && parts.length) stem = parts[parts.length - 1];
  return /(?:^|[-_])template$/i.test(stem) && !/[1-9]/.test(stem);
}

/** The text after the front matter. */
function bodyText(model: ProposalModel): string {
  return model.frontMatter ? model.text.slice(model.frontMatter.span.end) : model.text;
}

/** Equal but for line endings and white space at either end. */
function sameText(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 64 + (a.length >> 4)) return false;
  const norm = (x: string): string => x.replace(/\r\n?/g, '\n').trim();
  return norm(a) === norm(b);
}

function titleText(model: ProposalModel): string | null {
  const first = model.sections[0];
  return first && first.heading.level === 1 ? first.heading.text : null;
}

/** A document's headings for detection: their normalised titles, and which sit under another heading (not the title). */
export interface DocOutline {
  keys: string[];
  nested: boolean[];
  /** Each heading's parent heading (its index), or null. */
  parents: (number | null)[];
}

/** The normalised headings of the document, except a lone H1 title. */
function docOutline(model: ProposalModel): DocOutline {
  const title = model.sections.length > 0 && model.sections[0].heading.level === 1 && isLoneTitle(model) ? model.sections[0] : null;
  const sections = model.sections.filter((s) => s !== title);
  const parents = sections.map((s) => (s.parent !== null && s.parent !== title ? sections.indexOf(s.parent) : null));
  return { keys: sections.map((s) => normalizeTitle(s.heading.text)), nested: parents.map((p) => p !== null), parents };
}

/**
 * Harmonic mean of two shares: the template's sections the document has, and the document's
 * headings that are template sections, not counting the document's own subsections (a heading
 * under another that is not a template section): they add detail, not another outline. Needs at
 * least `minCommon` sections in common.
 */
/** Every title of a version's sections: the same for each document it is compared with, so kept. */
const versionKeys = new WeakMap<TemplateVersion, Set<string>>();

function similarityTo(version: TemplateVersion, doc: DocOutline, minCommon = 3): number {
  const docKeys = doc.keys;
  if (!version.sections.length || !docKeys.length) return 0;
  const docSet = new Set(docKeys);
  let specKeys = versionKeys.get(version);
  if (!specKeys) {
    specKeys = new Set(version.sections.flatMap((s) => s.keys));
    versionKeys.set(version, specKeys);
  }
  let specHits = 0;
  for (const s of version.sections) {
    if (s.keys.some((k) => docSet.has(k))) specHits++;
  }
  const docHits = docKeys.filter((k) => specKeys.has(k)).length;
  if (specHits < minCommon) return 0;
  // A subsection counts only when its parent is not a template section (it then belongs to the document's own outline).
  const parentKey = (i: number): string | null => (doc.parents[i] === null ? null : docKeys[doc.parents[i] as number]);
  const counted = docKeys.filter((k, i) => specKeys.has(k) || !doc.nested[i] || !specKeys.has(parentKey(i) ?? '')).length;
  const recall = specHits / version.sections.length;
  const precision = docHits / counted;
  return (2 * precision * recall) / (precision + recall);
}

/** The date a path carries ("20230126_name.md", "2023-01-26-name.md"), as YYYY-MM-DD. */
function dateFromPath(path: string | undefined): string | null {
  const name = path?.replace(/\\/g, '/').split('/').pop() ?? '';
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[_-]/.exec(name) ?? /(?:^|[_-])(\d{4})-?(\d{2})-?(\d{2})(?:[_-]|\.md$)/.exec(name);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) > 31 || m[1] === '0000') return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * The version in force when the document was written (`docDate`: the date its metadata gives, else
 * its path, else its first commit), else the current template; another version wins when the
 * document's headings fit it clearly better, or as well with a heading only that version has.
 */
function versionOf(t: TemplateSchema, outline: DocOutline, dateOfDoc: () => string | null, docFields: () => Map<string, string[]>): TemplateVersion {
  // Versions differ in their own subsections too: here every heading of the document counts.
  const docKeys: DocOutline = { keys: outline.keys, nested: outline.keys.map(() => false), parents: outline.parents };
  const all: TemplateVersion[] = [t, ...t.versions];
  let best: TemplateVersion = t;
  const docDate = t.versions.some((v) => v.date !== undefined) ? dateOfDoc() : null;
  // Whether a version was in force at the document's date.
  let held = false;
  // An undated current template counts from the newest dated version on.
  const dateOf = (v: TemplateVersion): string | undefined =>
    v.date ?? (v === t ? t.versions.map((x) => x.date ?? '').sort().pop() || undefined : undefined);
  if (docDate) {
    const inForce = all
      .filter((v) => dateOf(v) !== undefined && (dateOf(v) as string) <= docDate)
      .sort((a, b) => ((dateOf(a) as string) < (dateOf(b) as string) ? 1 : (dateOf(a) as string) > (dateOf(b) as string) ? -1 : all.indexOf(a) - all.indexOf(b)));
    if (inForce.length) {
      best = inForce[0];
      held = true;
    } else {
      // Older than every version known (a 2018 ADR before the template's first commit): the oldest
      // is the nearest to what it was written with.
      // On the same day, the one listed later is the older (the current template counts from its newest version's day).
      const oldest = all.filter((v) => dateOf(v) !== undefined).sort((a, b) => ((dateOf(a) as string) < (dateOf(b) as string) ? -1 : (dateOf(a) as string) > (dateOf(b) as string) ? 1 : all.indexOf(b) - all.indexOf(a)))[0];
      if (oldest) {
        best = oldest;
        held = true;
      }
    }
  }
  // Another version wins when it fits clearly better, or at least as well while the document has a
  // heading that only that version has (KLIP's "Performance Implications", which the current
  // template dropped): evidence of when it was written. A version older than the one in force at
  // the document's date wins only on such a heading: a document that lacks what its version added
  // lacks a section, it was not written earlier.
  // So is a field only that version showed, still holding what it showed there (gRPC's
  // `Status: {Draft, In Review, ...}` line, or one of those values, which the 2026 template dropped);
  // a field alone is not (an EIP's `eip: 5267`, assigned by the editors whatever the template).
  const hasOwnHeading = (v: TemplateVersion): boolean =>
    droppedSections(t, v).some((s) => s.keys.some((k) => docKeys.keys.includes(k))) || droppedFields(t, v).some((f) => showsOwnValue(f, docFields()));
  const base = best;
  const baseScore = similarityTo(base, docKeys);
  let bestScore = -1;
  for (const v of all) {
    if (v === base) continue;
    const score = similarityTo(v, docKeys);
    const own = score >= baseScore && hasOwnHeading(v) && !hasOwnHeading(base);
    // Older: dated, and after it in the list, newest first (two versions of one day are in commit order).
    const older = held && v.date !== undefined && all.indexOf(v) > all.indexOf(base);
    const wins = older ? own : score > baseScore + 0.05 || own;
    if (wins && score > bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best !== t && hasWhatCurrentAdds(t, best, docKeys, docFields) ? t : best;
}

/** Whether the document has the field with the value the template showed for it, or one of the values it offered. */
function showsOwnValue(f: MetadataField, doc: Map<string, string[]>): boolean {
  const shown = [f.placeholder, ...f.values].filter((x): x is string => x !== undefined).map(normalizeProse);
  return [f.name, ...f.aliases].some((n) => (doc.get(fieldNameKey(n)) ?? []).some((v) => shown.includes(normalizeProse(v))));
}

/** The document's fields by name (see `fieldNameKey`): its front matter keys and `Key: value` lines, with their values as text. */
function fieldValues(model: ProposalModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    const k = fieldNameKey(key);
    out.set(k, [...(out.get(k) ?? []), value]);
  };
  for (const [k, v] of Object.entries(model.frontMatter?.data ?? {})) add(k, typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  for (const line of preambleLines(model)) add(line.key, line.value);
  return out;
}

/** The fields an older version showed that the current template no longer has under any of their names, optional ones left out. */
function droppedFields(t: TemplateSchema, v: TemplateVersion): MetadataField[] {
  if (v === t || !v.metadata) return [];
  return v.metadata.filter((f) => !optionalField(f) && !t.metadata.some((c) => sameField(c, f)));
}

/**
 * Whether the document has every required section the current template added since `older`, by
 * its title or under another that reads as it (`sameRole`; an appendix is not the section itself): a
 * document brought up to date follows the current template, whatever its date.
 */
function hasWhatCurrentAdds(t: TemplateSchema, older: TemplateVersion, docKeys: DocOutline, docFields: () => Map<string, string[]>): boolean {
  const oldKeys = new Set(older.sections.flatMap((s) => s.keys));
  const added = t.sections.filter((s) => !s.optional && !s.keys.some((k) => oldKeys.has(k)));
  const doc = new Set(docKeys.keys);
  if (added.length) return added.every((s) => s.keys.some((k) => doc.has(k)) || docKeys.keys.some((k) => !/^appendix\b/.test(k) && sameRole(s, k)));
  // The same sections: the fields the current template added (Kepler's Reviewers and Approvers) tell.
  const fields = addedFields(t, older);
  return fields.length > 0 && fields.every((f) => [f.name, ...f.aliases].some((n) => docFields().has(fieldNameKey(n))));
}
