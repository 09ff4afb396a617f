/**
 * What a proposal says about itself: its metadata (a `Key: value` line under the title, or its
 * front matter, under the names the template gives) and its status, read from those or from the
 * kep.yaml beside it, and which of the template's statuses that status has reached.
 */
import { parse as parseYaml } from 'yaml';
import type { ProposalModel } from './parse';
import type { MetadataField, StatusSpec, TemplateSchema } from './template';
import { metadataLines, type MetadataLine } from './template';
import { escapeRe } from './normalize';
import type { Span } from './types';
import { LineIndex, loneCrAsLf } from './text';

export interface MetadataEntry {
  field: MetadataField;
  value: string;
  /** Span of the value in the document ({start,end} equal when the value is empty). */
  valueSpan: Span;
  /** Span of the key. */
  keySpan: Span;
  source: 'preamble' | 'front-matter' | 'section';
}

/** The document's status and where it was read. */
export interface DocumentStatus {
  value: string;
  source: 'metadata' | 'front-matter' | 'kep.yaml';
  /** How empty sections are reported in this status: a hint in a draft, an error once approved. */
  stage: 'draft' | 'approved' | 'history' | null;
  /** The release stage the proposal is targeted at (a KEP's `stage`: alpha, beta, stable), when the template has them and the document says. */
  release?: string;
}

/** Files beside the document that bear on its checks (a KEP's kep.yaml), as text. */
export interface Companions {
  kepYaml?: string;
}

/** The YAML's top-level mapping, or null when the text is not valid YAML or not a mapping. */
function readYamlMapping(text: string): Record<string, unknown> | null {
  try {
    const data: unknown = parseYaml(loneCrAsLf(text), { prettyErrors: false, maxAliasCount: 100 });
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The document's metadata under `fields` (the template's own, or with those of the older version the document follows). */
export function readMetadata(model: ProposalModel, template: TemplateSchema, preamble: Span, fields: readonly MetadataField[] = template.metadata, above?: Span): MetadataEntry[] {
  if (!fields.length) return [];
  const entries: MetadataEntry[] = [];
  // "Author(s)", "Authors" and "Author" name one field: what a field is called is matched without its plural.
  const bare = (name: string): string => name.trim().toLowerCase().replace(/\(s\)$|(?<=[a-z]{3})s$/, '');
  const lookup = (key: string): MetadataField | undefined => {
    const k = key.trim().toLowerCase();
    return fields.find((f) => f.name.toLowerCase() === k || f.aliases.some((a) => a.toLowerCase() === k)) ?? fields.find((f) => [f.name, ...f.aliases].some((n) => bare(n) === bare(k)));
  };
  // The lines under the title, then those above it (an EEP's header lines, then its title).
  for (const span of above && above.end > above.start ? [preamble, above] : [preamble]) {
    const text = model.text.slice(span.start, span.end);
    for (const line of metadataLines(text)) {
      const field = lookup(line.key);
      // A field of the template's front matter is read from the document's front matter only.
      if (field?.source === 'front-matter') continue;
      if (!field || entries.some((e) => e.field === field)) continue;
      entries.push({
        field,
        value: line.value,
        valueSpan: { start: span.start + line.valueStart, end: span.start + line.valueEnd },
        keySpan: { start: span.start + line.keyStart, end: span.start + line.keyStart + line.key.length },
        source: 'preamble',
      });
    }
  }
  entries.push(...sectionFields(model, fields, lookup, entries));
  const fm = model.frontMatter;
  if (fm?.data) {
    const rawLines = new LineIndex(fm.raw);
    const lineText = (i: number): string => fm.raw.slice(rawLines.lineStart(i), rawLines.lineEnd(i));
    for (const [key, raw] of Object.entries(fm.data)) {
      const field = lookup(key) ?? lookup(key.replace(/[-_]/g, ' '));
      if (!field || entries.some((e) => e.field === field)) continue;
      const value = yamlText(raw);
      // The key's line (the first line when none starts with the key as it is, e.g. a quoted key).
      // (Indented in a <pre> block.)
      const keyRe = new RegExp(`^[ \\t]*${escapeRe(key)}[ \\t]*:`);
      let line = 0;
      while (line < rawLines.lineCount && !keyRe.test(lineText(line))) line++;
      if (line === rawLines.lineCount) line = 0;
      const indent = /^[ \t]*/.exec(lineText(line))?.[0].length ?? 0;
      const keyStart = fm.rawStart + rawLines.lineStart(line) + indent;
      const valueEnd = fm.rawStart + rawLines.lineEnd(line);
      const colon = model.text.indexOf(':', keyStart);
      let valueStart = colon < 0 || colon > valueEnd ? valueEnd : colon + 1;
      while (valueStart < valueEnd && /\s/.test(model.text[valueStart])) valueStart++;
      entries.push({
        field,
        value,
        valueSpan: { start: valueStart, end: Math.max(valueStart, valueEnd) },
        keySpan: { start: keyStart, end: keyStart + key.length },
        source: 'front-matter',
      });
    }
  }
  return entries;
}

/**
 * Fields a document gives as sections of their own, each a heading over one short line: `## Status`
 * over `Implementable`, `## Author(s)` over a name, `## Date` over the date when the template has
 * one date field under its title.
 */
function sectionFields(
  model: ProposalModel,
  fields: readonly MetadataField[],
  lookup: (key: string) => MetadataField | undefined,
  found: readonly MetadataEntry[],
): MetadataEntry[] {
  const out: MetadataEntry[] = [];
  const lineFields = fields.filter((f) => f.source !== 'front-matter');
  const dates = lineFields.filter((f) => f.kind === 'date');
  for (const section of model.sections) {
    const [block] = section.blocks;
    if (section.children.length || section.blocks.length !== 1 || block.type !== 'paragraph') continue;
    const source = model.text.slice(block.span.start, block.span.end);
    const value = source.trim();
    if (!value || value.length > 120 || /[\r\n]/.test(value)) continue;
    const title = section.heading.text.trim();
    const named = lookup(title);
    const field = named?.source === 'front-matter' ? undefined : (named ?? (/^dates?$/i.test(title) && dates.length === 1 ? dates[0] : undefined));
    if (!field || found.some((e) => e.field === field) || out.some((e) => e.field === field)) continue;
    const start = block.span.start + (source.length - source.trimStart().length);
    out.push({
      field,
      value,
      valueSpan: { start, end: start + value.length },
      keySpan: section.heading.span,
      source: 'section',
    });
  }
  return out;
}

/** A front matter value as text: list items joined with commas, a mapping as `key: value` pairs. */
function yamlText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (Array.isArray(raw)) return raw.map(yamlText).join(', ');
  if (typeof raw === 'object') return Object.entries(raw as Record<string, unknown>).map(([k, v]) => `${k}: ${yamlText(v)}`).join(', ');
  return String(raw);
}

/**
 * The status, from the first place that has one: the document's metadata line or front matter
 * (under the template's status field name), then the kep.yaml beside it.
 */
export function readStatus(model: ProposalModel, template: TemplateSchema, metadata: MetadataEntry[], companions: Companions): DocumentStatus | null {
  const spec = template.status;
  if (!spec) return null;
  const name = spec.field.toLowerCase();
  const found = (value: string, source: DocumentStatus['source']): DocumentStatus | null => {
    const v = bareValue(value);
    return v ? { value: v, source, stage: statusStage(spec, v) } : null;
  };
  // kep.yaml is parsed only when the document itself does not say, and then once.
  let yaml: Record<string, unknown> | null | undefined;
  const yamlData = (): Record<string, unknown> | null => (yaml === undefined ? (yaml = readYamlMapping(companions.kepYaml ?? '')) : yaml);
  /** A field's value: a metadata line, then front matter, then kep.yaml. */
  const lookup = (field: string): { value: string; source: DocumentStatus['source'] } | null => {
    const key = field.toLowerCase();
    const entry = metadata.find((e) => e.field.name.toLowerCase() === key || e.field.aliases.some((x) => x.toLowerCase() === key));
    if (entry) return { value: entry.value, source: entry.source === 'front-matter' ? 'front-matter' : 'metadata' };
    const fmValue = valueOfKey(model.frontMatter?.data ?? null, key);
    if (fmValue !== null) return { value: fmValue, source: 'front-matter' };
    const yamlValue = companions.kepYaml !== undefined ? valueOfKey(yamlData(), key) : null;
    return yamlValue !== null ? { value: yamlValue, source: 'kep.yaml' } : null;
  };
  const at = lookup(name);
  const status = at ? found(at.value, at.source) : null;
  if (!status || !spec.releases.length) return status;
  const release = lookup(spec.releaseField);
  const value = release ? allowedValue(bareValue(release.value), spec.releases) : undefined;
  return value ? { ...status, release: value } : status;
}

/** A scalar under `key` (matched without case) in a mapping, as text; null when there is none. */
function valueOfKey(data: Record<string, unknown> | null, key: string): string | null {
  if (!data) return null;
  const k = Object.keys(data).find((x) => x.toLowerCase() === key);
  const v = k === undefined ? undefined : data[k];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

/** What a status value means for the findings: a draft, approved, history, or none of these. */
export function statusStage(spec: StatusSpec, value: string): DocumentStatus['stage'] {
  if (allowedValue(value, spec.draft)) return 'draft';
  if (allowedValue(value, spec.history)) return 'history';
  if (allowedValue(value, spec.approved)) return 'approved';
  return null;
}

/**
 * Whether the document has reached a status, for `requiredFrom`. Without a status, with a status
 * off the main path (rejected, withdrawn), or with one the template does not know, none of it.
 */
export function statusReached(template: TemplateSchema, status: DocumentStatus | null): (from: string) => boolean {
  const spec = template.status;
  if (!spec) return () => true;
  // Without a status what the proposal needs cannot be told: only what it always needs.
  if (!status) return () => false;
  const lower = (xs: readonly string[]): string[] => xs.map((x) => x.toLowerCase());
  const order = lower(spec.order);
  const releases = lower(spec.releases);
  const release = status.release ? releases.indexOf(status.release.toLowerCase()) : -1;
  // Required from a release stage: once the proposal is approved (a draft is not targeted at a
  // release) and its stage is that one or a later one; an approved one that names no stage is
  // taken to be targeted.
  const fromRelease = (from: string): boolean => (status.stage === 'approved' || status.stage === 'history') && (release < 0 || release >= releases.indexOf(from.toLowerCase()));
  const isRelease = (from: string): boolean => releases.includes(from.toLowerCase());
  const at = order.indexOf(allowedValue(status.value, order) ?? '');
  // A status off the way, or one the template does not know (a typo, "WIP": the metadata rule says
  // so), has reached none of it: what it needs cannot be told.
  if (at < 0) return (from) => isRelease(from) && fromRelease(from);
  return (from) => (isRelease(from) ? fromRelease(from) : at >= order.indexOf(from.toLowerCase()));
}

/**
 * The allowed value a status names as people write it: the value itself (case aside), or followed
 * by a note in parentheses or after a dash, colon or comma ("Draft (Reference Implementation
 * Available)", "Implemented - in 1.2"); undefined when it names none.
 */
export function allowedValue(value: string, allowed: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  const found = allowed.find((a) => {
    const x = a.toLowerCase();
    // A note after it (`Draft (Reference Implementation Available)`), or the release it went out in (`Released Cilium 1.17`).
    return v === x || (v.startsWith(x) && /^\s*[([\-\u2013\u2014:]/.test(v.slice(x.length))) || (v.startsWith(`${x} `) && /\d/.test(v.slice(x.length)));
  });
  if (found === undefined || v === found.toLowerCase()) return found;
  // A note that names another value is a list of choices ("Draft | Accepted", "Draft - Accepted"), not a note.
  const note = v.slice(found.length);
  const words = new Set(note.match(/[\p{L}\p{N}]+/gu) ?? []);
  const names = (a: string): boolean => (/\s/.test(a) ? note.includes(a.toLowerCase()) : words.has(a.toLowerCase()));
  return allowed.some((a) => a !== found && names(a)) ? undefined : found;
}

/** Strips emphasis and code marks around a metadata value: "_Merged_" -> "Merged". */
export function bareValue(value: string): string {
  return value
    .trim()
    .replace(/^([*_`]+)(.*?)\1$/, '$2')
    .replace(/^["']|["']$/g, '')
    .trim();
}

/**
 * The `Key: value` lines and two-column table rows between the document's title and its first
 * section (the first 8 KB of it), and those above the title: where documents write their fields.
 * Their offsets are of no use: they are relative to one slice or the other.
 */
export function preambleLines(model: ProposalModel): MetadataLine[] {
  const [first, second] = model.sections;
  const top = model.frontMatter ? model.frontMatter.span.end : 0;
  const start = first ? first.bodyStart : top;
  const end = second ? second.heading.span.start : first ? first.ownEnd : model.text.length;
  const lines = metadataLines(model.text.slice(start, Math.min(end, start + 8192)));
  // Fields above the title too (an EEP's header lines, then its title).
  if (first) lines.push(...metadataLines(model.text.slice(top, Math.min(first.heading.span.start, top + 8192))));
  return lines;
}

/** Field names that say when a document was written (compared lower-cased, '-' and '_' as spaces). */
const CREATION_FIELD = /^(?:date|created|created (?:on|at)|creation date|date created|start date|started|proposed|proposed on|submitted|submitted on)$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date as people write it (`2019-04-25`, `2019/4/25`, `25 April 2019`, `20-Aug-2021`, `April 25,
 * 2019`, `23-06-2018`), as YYYY-MM-DD; null for anything else. Two numbers before the year are day
 * and month, unless the first cannot be a month's day and the second can.
 */
export function dateIn(value: string): string | null {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const make = (y: number, m: number, d: number): string | null => (y >= 1970 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${pad(m)}-${pad(d)}` : null);
  const iso = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(value);
  if (iso) return make(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(value);
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    return a <= 12 && b > 12 ? make(Number(numeric[3]), a, b) : make(Number(numeric[3]), b, a);
  }
  const month = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  const dmy = /\b(\d{1,2})(?:st|nd|rd|th)?[-\s]+([A-Za-z]{3,9})\.?,?[-\s]+(\d{4})\b/.exec(value);
  if (dmy && month(dmy[2])) return make(Number(dmy[3]), month(dmy[2]), Number(dmy[1]));
  const mdy = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(value);
  if (mdy && month(mdy[1])) return make(Number(mdy[3]), month(mdy[1]), Number(mdy[2]));
  return null;
}

/** A section that lists the document's changes by date (an ADR's "Changelog"). */
const CHANGELOG = /^(?:change ?log|changes|history|revision history|revisions|document history|change history)$/i;

/** The dates that open the lines of a changelog section (`- 2020-07-17: initial version`, `23-06-2018: Some fixes`), within its first 4 KB. */
function changelogDates(model: ProposalModel): string[] {
  const out: string[] = [];
  for (const s of model.sections) {
    if (!CHANGELOG.test(s.heading.text.replace(/[*_`#:]/g, '').trim())) continue;
    for (const line of model.text.slice(s.bodyStart, Math.min(s.ownEnd, s.bodyStart + 4096)).split(/\r\n|\r|\n/)) {
      const lead = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^:|]{6,30}?)(?:\*\*|__)?\s*(?::|\s[-\u2013\u2014]\s|$)/.exec(line)?.[1];
      const d = lead === undefined ? null : dateIn(lead);
      if (d) out.push(d);
    }
  }
  return out;
}

/**
 * When the document says it was written: the earliest date among its front matter keys and its
 * fields under the title that name a creation (`date`, `created`, `creation-date`, `start-date`,
 * `Date:`, `| **Created** |`) and the dates that open its changelog's lines (an ADR's
 * `## Changelog` with `- 2020-07-17: initial version`); null when it says none. (`Updated` and
 * `Last modified` do not count.)
 */
export function documentDate(model: ProposalModel): string | null {
  return datesOf(model, CREATION_FIELD, true).sort()[0] ?? null;
}

/** Field names that say when a document was last changed (compared as `CREATION_FIELD`). */
const UPDATE_FIELD = /^(?:(?:last )?updated(?: on| at)?|last update|(?:last )?modified|last revised)$/;

/**
 * The earliest date a document says it was last updated (`Last updated: 2019-04-09`), or null: it
 * was written no later than that, whatever its first commit says (a repository whose history
 * starts after its documents were written).
 */
export function documentUpdated(model: ProposalModel): string | null {
  return datesOf(model, UPDATE_FIELD, false).sort()[0] ?? null;
}

function datesOf(model: ProposalModel, names: RegExp, changelog: boolean): string[] {
  const found: string[] = [];
  const consider = (key: string, value: unknown): void => {
    if (!names.test(key.toLowerCase().replace(/[-_]+/g, ' ').replace(/\*+/g, '').trim())) return;
    const v = value instanceof Date ? value.toISOString() : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    const d = dateIn(v);
    if (d) found.push(d);
  };
  for (const [k, v] of Object.entries(model.frontMatter?.data ?? {})) consider(k, v);
  for (const line of preambleLines(model)) consider(line.key, line.value);
  if (changelog) found.push(...changelogDates(model));
  return found;
}
