/**
 * Template markdown -> TemplateSchema. A template's headings are its sections; its front matter
 * says what headings cannot. Older upstream versions of a template are kept as outlines so that
 * documents written with them are recognised and checked against the sections they were written to.
 */
import { compileRegex, globProblem, type Pattern } from './patterns';
import { TEMPLATE_SETTINGS, templateSettingsProblem } from './schema';
import { scanPlaceholders } from './placeholders';
import { parseProposal, type Block, type ProposalModel, type Section } from './parse';
import { hasOptionalMark, normalizeProse, normalizeTitle, stripOptionalMark } from './normalize';
import { LINE_BREAK, LineIndex, loneCrAsLf, splitLines } from './text';
import { isMap, isScalar, parseDocument as parseYamlDocument } from 'yaml';
import { DEFAULT_LIMITS, nestingDepth, parseDocument } from './incremental';

export interface SectionSpec {
  /** Position in `sections` (document order of the template). */
  index: number;
  /** The heading text exactly as the template writes it. */
  title: string;
  /** The title without optional marks, for messages. */
  name: string;
  level: number;
  parent: number | null;
  children: number[];
  /** Normalised title and aliases: any of them names this section. */
  keys: string[];
  optional: boolean;
  /**
   * The status from which on the section is required (the template's `requiredFrom`, or its
   * parent's); null when its being required does not depend on the status.
   */
  requiredFrom: string | null;
  /** Guidance for the author, as plain text (from the template body; may be empty). */
  guidance: string;
  /** The section's own body in the template, verbatim (what a new proposal gets under the heading). */
  body: string;
  /** Normalised visible guidance blocks: a document block equal to one of these is left-over guidance. */
  guidanceBlocks: string[];
  /**
   * A part the template asks for in a paragraph of its own above its first section, led by a bold
   * label (a KLIP's `**tl;dr:** _two or three sentences..._`), not under a heading.
   */
  leadIn?: true;
  /**
   * The template lets the author replace the section, with all under it, by text of their own
   * ("If the RFC goal is to document best practices, then this section can be replaced with the
   * actual documentation").
   */
  replaceable?: true;
  /** Normalised text under the template's example headings inside it (`### Section 1`, `### Option 1:`): guidance wherever a document keeps it. */
  slotGuidance?: string[];
  /**
   * Another template the section's guidance tells the author to structure it with (XLS's
   * Specification: "use the [AMENDMENT_TEMPLATE.md](./AMENDMENT_TEMPLATE.md) to structure this
   * section"): its file name as linked, and its sections once that template is loaded beside this one.
   */
  uses?: { file: string; sections?: SectionSpec[] };
}

export interface MetadataField {
  name: string;
  aliases: string[];
  kind: 'text' | 'people' | 'date' | 'link';
  values: string[];
  default?: string;
  fill?: 'author' | 'date' | 'default' | 'title';
  required: boolean;
  /** Where documents write it: a `Key: value` line under the title (the default) or their front matter. */
  source?: 'line' | 'front-matter' | 'header';
  /** The template leaves it empty (`null`, `[]`): a document may too. */
  emptyAllowed?: boolean;
  /** The value the template itself shows (a placeholder), if the template has the line. */
  placeholder?: string;
  /** Values that earlier versions of the template showed (the template's `placeholders`): left in, they are placeholders too. */
  placeholders?: string[];
  /** What the template says of the field beside it: a YAML comment on its line, an HTML comment under it. */
  note?: string;
  /**
   * A kind of proposal that must carry the field though others need not: a value one of the
   * document's fields holds (EEP 33's "For Standards Track EEPs, ... add a Erlang-Version header").
   */
  requiredWhen?: string;
  /** The form a date field must be written in, as the template names it (`dd-mmm-yyyy`). */
  dateForm?: string;
  /** How the template writes the field's line, its value as `<value>` (`**Status:** <value>`, `* Date: <value>`). */
  shape?: string;
}

/** How a template's status values bear on what a proposal must have written. */
export interface StatusSpec {
  /** The metadata line, front matter key or kep.yaml key that holds the status (matched without case). */
  field: string;
  /** The statuses a proposal goes through, in order: `requiredFrom` counts along them. */
  order: string[];
  /** Statuses in which an empty section is only a hint. */
  draft: string[];
  /** Statuses in which an empty section is an error. */
  approved: string[];
  /**
   * Statuses of a proposal that is history (implemented, merged, withdrawn, replaced): its findings
   * are hints, unless a severity is set for the rule.
   */
  history: string[];
  /**
   * Release stages a proposal is targeted at, in order (a KEP's `stage` in kep.yaml: alpha, beta,
   * stable), read from `releaseField`; `requiredFrom` may name one. Empty when the template has none.
   */
  releases: string[];
  releaseField: string;
}

export interface TemplateVersion {
  /** "current" for the template itself, else the version label from front matter. */
  version: string;
  date?: string;
  note?: string;
  sections: SectionSpec[];
  /** The template's H1 text, when it has one. */
  titleHeading: string | null;
  /**
   * The metadata fields the version shows (its `**Status**: Draft` lines, front matter keys, table
   * rows), read as the current template's are; undefined when they are not known (an outline
   * written in the settings without field lines).
   */
  metadata?: MetadataField[];
}

export interface TemplateSchema extends TemplateVersion {
  id: string;
  name: string;
  description: string;
  /** Where the template came from (file path or a label). */
  source: string;
  titlePattern: string;
  /** `explicit`: the template's settings give the path; otherwise New Proposal follows the existing documents' naming. */
  file: { path: string; companions: string[]; explicit?: boolean };
  detect: { paths: string[]; title: Pattern | null };
  metadata: MetadataField[];
  kepYaml: { required: string[]; status: string[]; stage: string[] } | null;
  /** The status values' bearing on requirements; null when the template says nothing about it. */
  status: StatusSpec | null;
  /** The template text with its front matter removed: what a new proposal starts from. */
  body: string;
  /** The team's own front matter, as the template writes it (without `proposal-kit:`): a new proposal carries it. */
  frontMatter: string | null;
  /** Older versions, newest first. */
  versions: TemplateVersion[];
  /**
   * Whether the template writes placeholders in brackets (`[Enhancement Title]`): only then is a
   * bracketed instruction in a document left-over template text, not the author's own note.
   */
  bracketPlaceholders: boolean;
  /** Files created beside a new proposal (a KEP's kep.yaml), attached by whoever loads the template. */
  companionFiles: { name: string; text: string }[];
  /** One of Proposal Kit's own templates (set by whoever loads it): a workspace template that fits a document wins over it. */
  builtin?: boolean;
}

export class TemplateError extends Error {
  constructor(
    readonly file: string,
    /** One-based, as editors and compilers print it. */
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'TemplateError';
  }
}

type Dict = Record<string, unknown>;

/** How a template is parsed: a document's limits, with 10 s of time as a backstop. */
// A template's sections are guidance, not prose full of markup: the most emphasis, link and code
// marks in one section of a real template (EEP 33's) is about 130. A thousand is plenty, and the
// parser's time grows much faster than their number, so past it a template is refused at once
// rather than after seconds of parsing.
const TEMPLATE_LIMITS = { ...DEFAULT_LIMITS, budgetMs: 10_000, maxMarks: 1000 };

export function parseTemplate(text: string, source: string): TemplateSchema {
  if (text.includes('\u0000')) throw new TemplateError(source, 1, 'This is a binary file, not a markdown template.');
  // A template is read whole or not at all: one nested deeper than any document may be is refused
  // first, at the line where it goes too deep.
  const max = DEFAULT_LIMITS.maxDepth;
  if (nestingDepth(text, max) > max) {
    // The line where it goes too deep: the depth of a prefix only grows with it.
    const lines = new LineIndex(text);
    let lo = 0;
    let hi = lines.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nestingDepth(text.slice(0, lines.lineEnd(mid)), max) > max) hi = mid;
      else lo = mid + 1;
    }
    throw new TemplateError(source, lo + 1, `Lists or quotes nest more than ${max} levels deep here; a template may nest at most ${max}.`);
  }
  // Within the limits of a document, with more time: a template is read once, its marks and nesting
  // are capped like a document's, and a busy machine must not refuse a normal one. One that would
  // take longer is refused, not half read.
  const model = parseDocument(text, TEMPLATE_LIMITS);
  const lines = model.lines;
  const unread = model.unchecked[0];
  if (unread) {
    const r = unread.reason;
    const why =
      r.kind === 'marks'
        ? `it holds ${r.marks} emphasis, link and code marks without a heading between them, more than the ${r.limit} a template may`
        : r.kind === 'time'
          ? `reading it took more than ${r.budgetMs / 1000} s`
          : r.kind === 'error'
            ? `the markdown parser could not read it (${r.message})`
            : `lists or quotes nest more than ${r.limit} levels deep`;
    throw new TemplateError(source, lines.positionAt(unread.span.start).line + 1, `The template is too complex to read from here on: ${why}.`);
  }
  const fm = model.frontMatter;
  if (fm?.error) {
    throw new TemplateError(source, lines.positionAt(fm.error.span.start).line + 1, fm.error.message);
  }
  const fmData: Dict = fm?.data ?? {};
  const fmRaw = fm ? fm.raw : '';
  const fmLine = fm ? lines.positionAt(fm.rawStart).line : 0;
  const split = splitFrontMatter(fmData, (key, detail) => new TemplateError(source, keyLine(fmRaw, key, fmLine, false), detail));
  const data = split.settings;
  const at = (key: string): number => keyLine(fmRaw, key, fmLine, split.nested);
  const err = (key: string, detail: string): TemplateError => new TemplateError(source, at(key), detail);
  // The settings' shape is the schema's; what a schema cannot say (headings named, patterns usable) is checked below.
  const problem = templateSettingsProblem(data, SETTINGS_KEY);
  if (problem) {
    throw new TemplateError(source, problem.key === SETTINGS_KEY ? keyLine(fmRaw, SETTINGS_KEY, fmLine, false) : at(problem.key), problem.message);
  }

  // Metadata in a <pre> block stays in the body: a new proposal writes it the same way.
  const bodyStart = fm && fm.form !== 'pre' ? fm.span.end : 0;
  const body = text.slice(bodyStart).replace(LEADING_BREAK, '');

  const titleSection = templateTitle(model);
  const optionalExtra = stringList(data.optional, 'optional', err);
  const aliases = aliasMap(data.aliases, err);
  const status = statusSpec(data.status, err);
  const requiredFrom = requiredFromMap(data.requiredFrom, status, err);
  const outlineRules: OutlineRules = { optionalExtra, aliases, requiredFrom };
  const declared = data.metadata === undefined ? [] : (data.metadata as Dict[]).flatMap((f) => [String(f.name), ...(Array.isArray(f.aliases) ? f.aliases.map(String) : [])]);
  const leadIns = leadInParts(model, titleSection, declared);
  const sections = withLeadIns(leadIns, specsFrom(model, titleSection, outlineRules, text));
  if (!sections.length) {
    throw new TemplateError(source, 1, 'The template has no section headings: add "## Section" headings for the sections a proposal needs.');
  }
  checkUnknown(optionalExtra, sections, (name) => err('optional', `"optional" names '${name}', which is not a heading of this template.`));
  checkUnknown(Object.keys(aliases), sections, (name) => err('aliases', `"aliases" names '${name}', which is not a heading of this template.`));
  checkUnknown(Object.keys(requiredFrom), sections, (name) => err('requiredFrom', `"requiredFrom" names '${name}', which is not a heading of this template.`));

  const fileName = source.replace(/\\/g, '/').split('/').pop() ?? source;
  // A template kept as a folder's README.md (Flux's `rfcs/RFC-0000/README.md`) is named after its title.
  const readmeId = /^readme\.md$/i.test(fileName) ? slugId(nameFromTitle(titleSection?.heading.text ?? null)) : '';
  const id = str(data.id, 'id', err) ?? (readmeId || fileName.replace(/\.md$/i, ''));
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id)) throw err('id', `Template id '${id}' may use only letters, digits, '.', '_' and '-'.`);
  const titleHeading = titleSection?.heading.text ?? null;
  const fileSpec = (data.file ?? {}) as Dict;
  const detect = (data.detect ?? {}) as Dict;
  let titleRe: Pattern | null = null;
  const titleSrc = str(detect.title, 'detect', err);
  if (titleSrc) {
    try {
      titleRe = compileRegex(titleSrc, { ignoreCase: true });
    } catch (e) {
      throw err('detect', `"detect.title" is not a regular expression Proposal Kit can use: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }
  const detectPaths = stringList(detect.paths, 'detect', err);
  for (const g of detectPaths) {
    const problem = globProblem(g);
    if (problem) throw err('detect', `"detect.paths" holds a glob Proposal Kit cannot use: ${problem}.`);
  }
  const metadata =
    data.metadata === undefined
      ? markedRequired(withLines(frontMatterFields(split.fields, yamlComments(fmRaw)), metadataFields(inferredMetadata(model, leadIns), err, model)))
      : metadataFields(data.metadata, err, model);
  const versions = versionList(data.versions, outlineRules, titleHeading, err);
  const fields = withOlderPlaceholders(metadata, versions);

  return {
    id,
    name: str(data.name, 'name', err) ?? (nameFromTitle(titleHeading) || id),
    description: str(data.description, 'description', err) ?? '',
    source,
    titlePattern: str(data.title, 'title', err) ?? titlePatternFrom(titleHeading),
    file: {
      path: relativeFilePath(str(fileSpec.path, 'file', err) ?? '{slug}.md', err),
      companions: stringList(fileSpec.companions, 'file', err).map((c) => companionName(c, err)),
      explicit: fileSpec.path !== undefined,
    },
    detect: { paths: detectPaths, title: titleRe },
    metadata: fields,
    kepYaml: kepYaml(data.kepYaml, err),
    status,
    body,
    frontMatter: Object.keys(split.fields).length && fm?.form !== 'pre' ? teamFrontMatter(fmRaw, split.nested) : null,
    version: 'current',
    date: data.date === undefined ? undefined : String(data.date),
    sections,
    titleHeading,
    versions,
    bracketPlaceholders: usesBracketPlaceholders(model),
    companionFiles: [],
  };
}

const LEADING_BREAK = new RegExp(`^${LINE_BREAK}`);

/** Whether a template's text (headings and prose) holds a placeholder in brackets. */
function usesBracketPlaceholders(model: ProposalModel): boolean {
  const blocks = [...model.leadingBlocks, ...model.sections.flatMap((s) => s.blocks)];
  const inlines = [...model.sections.map((s) => s.heading.inlines), ...blocks.map((b) => b.inlines)];
  return inlines.some((list) => scanPlaceholders(list, true).some((h) => h.text.startsWith('[')));
}

/** A placeholder in braces (single or double), brackets or angle brackets: `{title}`, `{{TITLE}}`, `[Title]`, `<name>`. */
const PLACEHOLDER_SRC = String.raw`\{\{[^{}]*\}\}|\{[^{}]*\}|\[[^[\]]*\]|<[^<>]*>`;
const PLACEHOLDER = new RegExp(PLACEHOLDER_SRC, 'g');
const PLACEHOLDER_HEADING = new RegExp(String.raw`^\s*(?:${PLACEHOLDER_SRC})\s*$`);

/** A template id made of a name: `RFC` gives `rfc`. */
function slugId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
}

/**
 * Whether a README.md or NOTES.md in a templates folder is a template: one whose title is a slot
 * to fill (`# RFC-NNNN Title`), not a folder's own description (`# Our templates`).
 */
export function readsAsTemplate(t: TemplateSchema): boolean {
  const title = t.titleHeading;
  return title !== null && (t.titlePattern !== '{title}' || new RegExp(PLACEHOLDER.source).test(title));
}

/** A title that describes itself: `Title of RFC` names the RFC's title and the template, `RFC`. */
const TITLE_OF = /^\s*title of (?:the |this |your |an? )?([\w-]+)\s*$/i;

/**
 * A plain template's display name: its title without the placeholders (`RFC: [Title]` gives
 * `RFC`); empty when nothing else is in it.
 */
export function nameFromTitle(title: string | null): string {
  if (!title) return '';
  const of = TITLE_OF.exec(title);
  if (of) return of[1];
  return title
    .replace(PLACEHOLDER, ' ')
    // `CFP-003: Template` names the template by its own number: its name is `CFP`.
    .replace(/\b([A-Z]{2,})[-_ ]\d+\b(?=\W*template\W*$)/i, '$1')
    .replace(/\b(?:title|number|template|NNNN|XXXX?)\b/gi, ' ')
    .replace(/[\s:#-]+$|^[\s:#-]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A plain template's title pattern: its title with the first placeholder replaced by the proposal's
 * title (`ADR: [Short title]` gives `ADR: {title}`); `{title}` when it has no placeholder.
 * Only the title's own words are kept around it.
 */
export function titlePatternFrom(title: string | null): string {
  if (!title) return '{title}';
  if (TITLE_OF.test(title)) return '{title}';
  // Slots in capitals name what goes there: `ADR {ADR-NUMBER}: {TITLE}` gives `ADR {n}: {title}`.
  const slotted = title.replace(PLACEHOLDER, (m) => capitalSlot(m.replace(/^[{[<]+|[}\]>]+$/g, '')) ?? m).replace(/\b(?:NNNN?|XXXX?)\b/g, '{n}');
  if (slotted.includes('{title}')) return slotted;
  let replaced = false;
  const pattern = slotted.replace(PLACEHOLDER, (m) => {
    if (replaced || /^\{(?:n|date|author)\}$/.test(m)) return m;
    replaced = true;
    return '{title}';
  });
  if (replaced) return pattern;
  // A title that names its parts in words: `KLIP Number - Title` gives `KLIP {n} - {title}`.
  const words = slotted.replace(/\b(?:Number|NNNN|XXXX?)\b/g, '{n}').replace(/\bTitle\b/, '{title}');
  if (words.includes('{title}')) return words;
  // A title that is the template's own name (`CFP-003: Template`): its documents put their number
  // after the same prefix and their title where it says Template (`CFP-42466: ...`).
  const named = slotted.replace(/\bTemplate\b/, '{title}').replace(/\b([A-Z]{2,}[-_ ])\d+\b/, '$1{n}');
  return named.includes('{title}') ? named : '{title}';
}

/** The variable a slot in capitals stands for (`NUMBER`, `ADR-NUMBER`, `TITLE: ...`, `DATE`, `AUTHOR`), or null. */
function capitalSlot(inner: string): string | null {
  const word = inner.split(':')[0].trim();
  if (!word || word !== word.toUpperCase()) return null;
  if (/^(?:[A-Z]+-)?(?:NUMBER|NUM|NO)$|^(?:N{2,}|X{3,})$/.test(word)) return '{n}';
  if (/^TITLE$/.test(word)) return '{title}';
  if (/^(?:DATE|YYYY-MM-DD)$/.test(word)) return '{date}';
  if (/^AUTHORS?$/.test(word)) return '{author}';
  return null;
}

/**
 * Metadata fields of a template whose front matter lists none: the `Key: value` lines under its
 * title. A value of alternatives (`{proposed | accepted | rejected}`) gives the allowed values and
 * the first is a new proposal's; a value naming `YYYY-MM-DD` is a date New Proposal fills in; an
 * `Author` line gets the author. None is required: a plain template cannot say so.
 */
function inferredMetadata(model: ProposalModel, leadIns: readonly SectionSpec[]): Dict[] {
  const out: Dict[] = [];
  const parts = new Set(leadIns.flatMap((l) => l.keys));
  // Lines inside HTML comments are instructions to the author, not fields.
  const { text: raw, aboveTitle } = preambleText(model);
  const dateForms = datesMustBe(model.text);
  const visible = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\r\n\u2028\u2029]/g, ' '));
  for (const line of metadataLines(visible)) {
    if (out.some((f) => String(f.name).toLowerCase() === line.key.toLowerCase())) continue;
    if (parts.has(normalizeTitle(line.key))) continue;
    const note = commentAfter(raw, line.valueEnd);
    // The comment under it may list the values (Flux's "Must be one of `provisional`, ...").
    const listed = note ? valuesListedIn(note) : [];
    const values = listed.length >= 2 ? listed : alternativesIn(line.value);
    // A field the template itself leaves empty (EEP 33's `Post-History:`) may stay empty.
    const field: Dict = { name: line.key, required: false, shape: lineShape(raw, line), ...(line.value.trim() ? {} : { emptyAllowed: true }), ...(note ? { note } : {}), ...(aboveTitle ? { source: 'header' } : {}) };
    if (listed.length >= 2) Object.assign(field, { values, fill: 'default', ...(allowedIn(line.value.trim(), values) ? { default: line.value.trim() } : { default: values[0] }) });
    else if (values.length >= 2) Object.assign(field, { values, default: values[0], fill: 'default' });
    else if (/YYYY-MM-DD/.test(line.value)) Object.assign(field, { kind: 'date', fill: 'date' });
    else if (dateForms.some((f) => f.re.test(line.value.trim()))) {
      // A sample date (EEP 33's `Created: 31-Mar-2010`), in the form the template says dates must take.
      Object.assign(field, { kind: 'date', fill: 'date', dateForm: dateForms.find((f) => f.re.test(line.value.trim()))?.form });
    }
    else if (/^authors?(?:\(s\))?$/i.test(line.key.trim())) Object.assign(field, { kind: 'people', fill: 'author' });
    // One plain word (`Status: Draft`) is the value a new proposal starts with, not a placeholder:
    // a document may keep it.
    // (A word in capitals, `SIG-NAME`, is a slot to fill.)
    else if (/^[\p{L}][\p{L}\p{N}-]*$/u.test(line.value.trim()) && line.value.trim() !== line.value.trim().toUpperCase()) Object.assign(field, { default: line.value.trim(), fill: 'default', startsWith: true });
    out.push(field);
  }
  // Fields the template's own words ask of some kinds of proposal only.
  for (const asked of fieldsAskedOf(model)) {
    const known = out.find((f) => String(f.name).toLowerCase() === asked.name.toLowerCase());
    if (known) known.requiredWhen = asked.kind;
    else out.push({ name: asked.name, required: false, requiredWhen: asked.kind, ...(aboveTitle ? { source: 'header' } : {}) });
  }
  return out;
}

/** A field's line as the template writes it, its value replaced by `<value>`: `**Status:** <value>`, `| **Sponsor** | <value> |`. */
function lineShape(text: string, line: MetadataLine): string {
  const start = Math.max(text.lastIndexOf('\n', line.keyStart - 1), text.lastIndexOf('\r', line.keyStart - 1)) + 1;
  const before = text.slice(start, line.valueStart).replace(/^[ \t]+/, '').replace(/[ \t]+/g, ' ').replace(/([:|])$/, '$1 ');
  // The bold that opened before the key closes after the value (`**SIG: SIG-NAME**`).
  const bold = /^(?:[-*+][ \t]+)?(\*\*|__)/.exec(before)?.[1];
  const open = bold !== undefined && before.split(bold).length % 2 === 0;
  const after = /^\s*\|/.test(before) ? ' |' : open ? (bold as string) : '';
  return `${before}<value>${after}`;
}

/**
 * The date forms a template says dates must be written in ("it must be in dd-mmm-yyyy format"),
 * each with a pattern a date in that form matches (a one-digit day too: `2-Jul-2011`).
 */
function datesMustBe(text: string): { form: string; re: RegExp }[] {
  const out: { form: string; re: RegExp }[] = [];
  const part = (p: string): string => (/^y+$/i.test(p) ? `\\d{${p.length}}` : /^m{3}$/i.test(p) ? '[A-Za-z]{3}' : '\\d{1,2}');
  for (const m of text.replace(/\s+/g, ' ').matchAll(/\bmust be in ((dd|mm|mmm|yyyy)([-/.])(dd|mm|mmm)\3(yyyy|dd)) format\b/gi)) {
    const form = m[1].toLowerCase();
    if (out.some((f) => f.form === form)) continue;
    const sep = m[3] === '.' ? '\\.' : m[3];
    out.push({ form, re: new RegExp(`^${[m[2], m[4], m[5]].map(part).join(sep)}$`) });
  }
  return out;
}

/**
 * Fields a template's instructions ask of one kind of proposal, unconditionally for that kind
 * (EEP 33: "For Standards Track EEPs, after the Created header, add a Erlang-Version header"). An
 * instruction with a condition of its own ("..., if your feature depends on ..., add a Requires
 * header") asks for nothing that can be checked.
 */
function fieldsAskedOf(model: ProposalModel): { name: string; kind: string }[] {
  const out: { name: string; kind: string }[] = [];
  const prose = model.text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/\s+/g, ' ');
  for (const m of prose.matchAll(/\bFor ((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,3}) (?:[A-Z]{2,}s|proposals|documents|specs|designs), ([^.]{0,120}?)\badd an? ([A-Za-z][\w-]{0,40}) (?:header|field|line)\b/g)) {
    if (/\b(?:if|when|unless|where)\b/i.test(m[2])) continue;
    if (!out.some((f) => f.name.toLowerCase() === m[3].toLowerCase())) out.push({ name: m[3], kind: m[1] });
  }
  return out;
}

/**
 * Which of a template's own fields its documents must carry. A template that marks some of its
 * fields optional in their own words (`[optional - XLS number(s) ...]`, `[GitHub ID, optional]`)
 * says the others are not: each field it shows a value or placeholder for is asked of its
 * documents. One that marks none asks for the fields it leaves a slot to fill (`YYYY-MM-DD`,
 * `<URL>`, `SIG-NAME`, a list of values to pick from) or says a value must be given: a document
 * without the line has left the slot as surely as one that kept it. A field shown with a plain
 * value (EEP 33's sample `Author: Raimo Niskanen`) is an example, not a demand.
 */
function markedRequired(fields: MetadataField[]): MetadataField[] {
  const some = fields.some(optionalField);
  return fields.map((f) => {
    if (f.required || f.emptyAllowed || optionalField(f)) return f;
    const asked = some || f.values.length >= 2 || /\bmust\b/i.test(f.note ?? '') || (f.placeholder !== undefined && isSlot(f.placeholder));
    return asked ? { ...f, required: true } : f;
  });
}

/** A value that is a slot for the author to fill: bracketed, a date pattern, a question mark or a word in capitals (`SIG-NAME`, `NUMBER`, `X.XX`). */
function isSlot(value: string): boolean {
  const v = value.trim();
  return /^[<([{].*[>)\]}]$/s.test(v) || /^\?+$/.test(v) || /\bY{2,4}[-/.]MM[-/.]DD\b/i.test(v) || /^\p{Lu}[\p{Lu}\p{N}_.-]{2,}$/u.test(v);
}

/**
 * The comment that follows a field's line, before anything else (Flux's `<!-- Status represents
 * ... Must be one of ... -->` under `**Status:** provisional`): what the template says of the field.
 */
function commentAfter(text: string, from: number): string | undefined {
  const m = /^[ \t]*(?:\r\n|\r|\n)?(?:[ \t]*(?:\r\n|\r|\n))?[ \t]*<!--([\s\S]*?)-->/.exec(text.slice(from, from + 2000));
  return m ? m[1].replace(/\s+/g, ' ').trim() : undefined;
}

/** The values a sentence lists in code spans after "one of" (`Must be one of \`provisional\`, \`implementable\`, or \`replaced\``). */
function valuesListedIn(note: string): string[] {
  const at = /\bone of\b/i.exec(note);
  if (!at) return [];
  const sentence = note.slice(at.index).split(/\.(?:\s|$)/)[0];
  return [...sentence.matchAll(/`([^`\n]{1,40})`/g)].map((m) => m[1].trim()).filter(Boolean);
}

/** Whether `value` is one of `values`, without case. */
function allowedIn(value: string, values: readonly string[]): boolean {
  return values.some((v) => v.toLowerCase() === value.toLowerCase());
}

/** The alternatives a value offers (`{proposed | accepted}`, `Draft | Final`), or none. */
function alternativesIn(value: string): string[] {
  const wrapped = /^\s*[{[<(](.*)[}\]>)]\s*$/s.exec(value)?.[1];
  const inner = wrapped ?? value;
  // In braces, values between commas are choices: `{Draft, In Review, Ready for Implementation, Implemented}`.
  if (wrapped !== undefined && /^\s*\{/.test(value) && !inner.includes('|') && inner.includes(',')) {
    const parts = inner.split(',').map((v) => v.trim());
    if (parts.length >= 2 && parts.every((v) => /^\p{Lu}[\p{L} -]{0,30}$/u.test(v))) return parts;
  }
  // In brackets, short words between slashes are choices too: `(Proposed / Accepted / Obsolete)`.
  if (wrapped !== undefined && !inner.includes('|') && / \/ /.test(inner)) {
    const parts = inner.split('/').map((v) => v.trim());
    if (parts.length >= 2 && parts.every((v) => /^[\p{L}][\p{L} -]{0,30}$/u.test(v))) return parts;
  }
  // A list of single capitalised words is the choice of them: `Implementable, Released, Dormant, Declined`.
  if (wrapped === undefined && !inner.includes('|')) {
    const parts = inner.split(',').map((v) => v.trim());
    if (parts.length >= 3 && parts.every((v) => /^\p{Lu}\p{Ll}+$/u.test(v))) return parts;
  }
  if (!inner.includes('|')) return [];
  // In a table cell the bars are escaped: `Standards Track \| Process \| Informational`.
  return inner.split(/\\?\|/).map((v) => v.trim()).filter((v) => v && !/^(?:…|\.\.\.)$/.test(v) && !/[[\]{}<>()]/.test(v) && v.length <= 40);
}

/**
 * A template's title: its first heading when that is a lone H1, an H1 that is all placeholder
 * (`# [Title]`, with an appendix H1 later), or a heading deeper than the one after it (EEP 33's
 * setext H2 title above its H1 sections). Text above it is a preamble for the author, not a section.
 */
function templateTitle(model: ProposalModel): Section | null {
  const [first, next] = model.sections;
  if (!first) return null;
  if (first.heading.level === 1 && (isLoneTitle(model) || PLACEHOLDER_HEADING.test(first.heading.text))) return first;
  // A first heading that only says "Title" (gRPC's setext `Title` above its `##` sections).
  if (/^\W*title\W*$/i.test(first.heading.text) && model.sections.every((x) => x === first || x.heading.level >= first.heading.level)) return first;
  return next && first.heading.level > next.heading.level ? first : null;
}

/** A paragraph led by a bold label: `**tl;dr:** text` or `**tl;dr**: text`. */
const LEAD_IN = /^[ \t]*(?:\*\*|__)([^*_\n:]{1,40}?)(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]*([\s\S]*)$/;

/** The label and the rest of a paragraph led by a bold label, or null. */
export function leadInOf(paragraph: string): { label: string; rest: string } | null {
  const m = LEAD_IN.exec(paragraph);
  return m ? { label: m[1].trim(), rest: m[2].trim() } : null;
}

/**
 * The parts a template asks for in paragraphs of their own between its title and its first
 * section, each led by a bold label and followed by guidance (a KLIP's `**tl;dr:** _The summary of
 * WHY we should do this..._`): a part of the proposal, not a field. A field's line is short (a
 * placeholder, a date, a list of values) or shares its paragraph with other fields; one the
 * settings declare is a field whatever its length.
 */
function leadInParts(model: ProposalModel, title: Section | null, declared: readonly string[]): SectionSpec[] {
  const blocks = title ? title.blocks : model.leadingBlocks;
  const fields = new Set(declared.map(normalizeTitle));
  const firstLevel = model.sections.find((x) => x !== title)?.heading.level ?? 2;
  const out: SectionSpec[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const source = model.text.slice(b.span.start, b.span.end);
    const lead = leadInOf(source);
    if (!lead || /\n\s*(?:\*\*|__)[^*_\n]{1,40}(?:\*\*|__)?:/.test(source.slice(2))) continue;
    const key = normalizeTitle(lead.label);
    const guidance = lead.rest.replace(/[*_]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (!key || fields.has(key) || guidance.split(' ').length < 6 || alternativesIn(lead.rest).length || out.some((o) => o.keys[0] === key)) continue;
    out.push({
      index: out.length,
      title: lead.label,
      name: lead.label,
      level: firstLevel,
      parent: null,
      children: [],
      keys: [key],
      optional: saysOptional(guidance),
      requiredFrom: null,
      guidance,
      body: lead.rest,
      guidanceBlocks: [normalizeProse(b.text)],
      leadIn: true,
    });
  }
  return out;
}

/** The lead-in parts first, then the sections, numbered in that order. */
function withLeadIns(leadIns: SectionSpec[], sections: SectionSpec[]): SectionSpec[] {
  if (!leadIns.length) return sections;
  const n = leadIns.length;
  return [...leadIns, ...sections.map((s) => ({ ...s, index: s.index + n, parent: s.parent === null ? null : s.parent + n, children: s.children.map((c) => c + n) }))];
}

/**
 * The sections of an older version that the current template no longer has under any of their
 * titles, optional ones (and those under an optional one) left out: a document that has one of
 * them was written with that version (a 2019 KLIP's Performance Implications).
 */
export function droppedSections(t: TemplateSchema, v: TemplateVersion): SectionSpec[] {
  if (v === t) return [];
  const current = new Set(t.sections.flatMap((s) => s.keys));
  const optional = (s: SectionSpec): boolean => s.optional || (s.parent !== null && optional(v.sections[s.parent]));
  return v.sections.filter((s) => !optional(s) && !s.keys.some((k) => current.has(k)));
}

/**
 * A title of fixed words (npm's "Withdrawal Amendment"): no slot in braces, brackets or angle
 * brackets, no `NNNN`, `XXX` or `YYYY`, and no word that asks for one ("Title", "Your ...",
 * "Template").
 */
export function fixedTitle(title: string): boolean {
  if (/[{}[\]<>]|\b(?:N{2,}|X{3,}|Y{4})\b|\b(?:title|your|name|number|short|descriptive|template)\b/i.test(title)) return false;
  return /[a-z]{3}/i.test(title);
}

/** The first heading is the title when it is an H1 and no other H1 follows it. */
export function isLoneTitle(model: ProposalModel): boolean {
  return model.sections.filter((s) => s.heading.level === 1).length === 1;
}

/** What the front matter says about sections by title: applied to the template and its older outlines alike. */
interface OutlineRules {
  optionalExtra: string[];
  aliases: Record<string, string[]>;
  /** Section title -> the status from which on it is required. */
  requiredFrom: Record<string, string>;
}

function specsFrom(model: ProposalModel, title: Section | null, rules: OutlineRules, text: string, withSlots = true): SectionSpec[] {
  const { optionalExtra, aliases } = rules;
  const optionalKeys = new Set(optionalExtra.map(normalizeTitle));
  const fromByKey = new Map(Object.entries(rules.requiredFrom).map(([k, v]) => [normalizeTitle(k), v]));
  const specs: SectionSpec[] = [];
  const indexOf = new Map<Section, number>();
  const replaceableOnly = new Set<number>();
  // Slots are read in the template itself; an older version's outline is taken as it lists its sections.
  const slots = withSlots ? slotHeadings(model) : new Set<Section>();
  for (const s of model.sections) {
    if (s === title) continue;
    // A heading that is all placeholder ("### {Option name}") stands for headings the author names,
    // and so do numbered slots ("### Option 1:" with its "#### Pros", "### Section 2") with all under them.
    let under: Section | null = s;
    while (under && !slots.has(under)) under = under.parent;
    if (PLACEHOLDER_HEADING.test(s.heading.text) || under) {
      // Their text is the template's too ("_Section with proposal content_"): kept in a document
      // under the author's heading, it is guidance, not writing. It goes with the section they are in.
      let holder: Section | null = s.parent;
      while (holder && !indexOf.has(holder)) holder = holder.parent;
      const at = holder ? indexOf.get(holder) : undefined;
      if (at !== undefined && !fixedText(s, text)) {
        for (const b of s.blocks) if (b.kind === 'content' && normalizeProse(b.text)) specs[at].slotGuidance = [...(specs[at].slotGuidance ?? []), normalizeProse(b.text)];
      }
      continue;
    }
    const parentSection = s.parent && s.parent !== title ? s.parent : null;
    const parent = parentSection ? (indexOf.get(parentSection) ?? null) : null;
    const key = normalizeTitle(s.heading.text);
    const aliasKeys = [...(aliases[s.heading.text] ?? []), ...anchorNames(s, text)].map(normalizeTitle);
    const guidance = guidanceText(s.blocks, text);
    // A section about the template itself ("How to Use This Template") is for the author, not part of a proposal.
    // Nor is an "Examples" section (KEP's older "Examples" of graduation criteria), with all under it.
    const ownWords = saysOptional(guidance) || commentAboveSaysOptional(model, s, text) || /\b(?:template|formatting|markdown)\b/i.test(s.heading.text) || /^examples?$/i.test(stripOptionalMark(s.heading.text));
    // "This section can be replaced with the actual documentation": the heading may go, what it asks for under it stays.
    const replaceable = REPLACEABLE.test(guidance);
    if (replaceable) replaceableOnly.add(specs.length);
    const optional =
      hasOptionalMark(s.heading.text) ||
      optionalKeys.has(key) ||
      (parent !== null && specs[parent].optional && !replaceableOnly.has(parent)) ||
      ownWords ||
      replaceable;
    if (ownWords || hasOptionalMark(s.heading.text) || optionalKeys.has(key)) replaceableOnly.delete(specs.length);
    const spec: SectionSpec = {
      index: specs.length,
      title: s.heading.text,
      name: stripOptionalMark(s.heading.text),
      level: s.heading.level,
      parent,
      children: [],
      keys: [key, ...aliasKeys.filter((k) => k !== key)],
      optional,
      requiredFrom: fromByKey.get(key) ?? (parent !== null ? specs[parent].requiredFrom : null),
      guidance,
      body: text.slice(s.bodyStart, s.ownEnd),
      guidanceBlocks: fixedText(s, text) ? [] : s.blocks.filter((b) => b.kind === 'content').map((b) => normalizeProse(b.text)).filter(Boolean),
      ...(replaceableOnly.has(specs.length) ? { replaceable: true as const } : {}),
    };
    const uses = usesTemplate(text.slice(s.bodyStart, s.ownEnd));
    if (uses) spec.uses = { file: uses };
    if (parent !== null) specs[parent].children.push(spec.index);
    indexOf.set(s, spec.index);
    specs.push(spec);
  }
  return specs;
}

/**
 * The markdown file a section's guidance links as the template to structure it with ("use the
 * [AMENDMENT_TEMPLATE.md](./AMENDMENT_TEMPLATE.md) to structure this section"): its file name, or
 * null. Only a link beside the word "template" counts, to a file in the same folder.
 */
function usesTemplate(body: string): string | null {
  const m = /\[[^\]\n]{1,80}\]\((?:\.\/)?([\w.-]{1,80}\.md)\)/i.exec(body);
  if (!m) return null;
  const around = body.slice(Math.max(0, m.index - 80), m.index + m[0].length + 80);
  return /\btemplate\b/i.test(around.replace(m[0], '')) || /template/i.test(m[1]) ? m[1] : null;
}

/**
 * Whether a section's guidance makes it optional in the template's own words: it begins with
 * "Optional" or "If applicable", or says "This section is optional", "may be omitted",
 * "Omit this section if", "optional if/for/when/unless", "What future work, if any, ..."...
 */
export function saysOptional(guidance: string): boolean {
  const start = guidance.replace(/^[\s{[(<_*>#-]+/, '');
  if (/^(?:optional(?![a-z])|if applicable\b)/i.test(start)) return true;
  return OPTIONAL_SAYING.test(guidance);
}

const OPTIONAL_SAYING = new RegExp(
  [
    String.raw`\bthis section is (?:optional|not required)\b`,
    String.raw`\bthis section (?:may|can|could) be (?:omitted|removed|skipped|left out|deleted)\b`,
    String.raw`\b(?:omit|remove|delete|skip) this section (?:if|when|unless)\b`,
    String.raw`\boptional (?:if|for|when|unless)\b`,
    String.raw`\bthis section should be removed before\b`,
    String.raw`,\s*if any\s*,`,
  ].join('|'),
  'i',
);

const REPLACEABLE = /\bthis section (?:may|can) be replaced\b/i;

/** An HTML comment right above a heading (no blank line between) that calls the section below optional or removable. */
function commentAboveSaysOptional(model: ProposalModel, s: Section, text: string): boolean {
  const i = model.sections.indexOf(s);
  const before = i > 0 ? model.sections[i - 1].blocks.at(-1) : undefined;
  if (!before || before.kind !== 'comment' || before.span.end > s.heading.span.start) return false;
  if (/\n[ \t]*\r?\n/.test(text.slice(before.span.end, s.heading.span.start))) return false;
  const said = text.slice(before.span.start, before.span.end).replace(/<!--|-->/g, '');
  return /\b(?:optional|may be (?:omitted|removed)|can be (?:omitted|removed))\b/i.test(said);
}

/**
 * The names a link reference definition right under a heading gives the section
 * (`[design]: #detailed-design` gives "design" and "detailed design"): documents keep the line
 * when they reword the heading.
 */
function anchorNames(s: Section, text: string): string[] {
  const first = s.blocks[0];
  if (!first || first.kind !== 'definition') return [];
  const m = /^\s*\[([^\]\n]{1,60})\]:\s*#([\w-]{1,60})\s*$/.exec(text.slice(first.span.start, first.span.end));
  return m ? [m[1].replace(/[-_]+/g, ' '), m[2].replace(/[-_]+/g, ' ')] : [];
}

/**
 * Numbered slots: sibling headings the same but for a trailing number (`Section 1`, `Section 2`;
 * `Option 1:`, `Option 2:`; `Deferred Milestone 1`, `Deferred Milestone 2`), and headings ending
 * in an ellipsis for the author's words (`Impact: ... 1`).
 */
function slotHeadings(model: ProposalModel): Set<Section> {
  const out = new Set<Section>();
  // Two or three of them, numbered from 1: a template's example slots, not a list of real sections.
  const stem = (t: string): string | null => /^(.*?)\s*[1-3]\s*:?\s*$/.exec(t)?.[1].toLowerCase() ?? null;
  const numberedStem = (t: string): string | null => /^(.*?)\s*\d+\s*:?\s*$/.exec(t)?.[1].toLowerCase() ?? null;
  // Siblings (same parent, same level) counted once per stem: a template of thousands of
  // numbered headings stays linear.
  const counts = new Map<Section | null, Map<number, { slots: Map<string, number>; numbered: Map<string, number> }>>();
  const groupOf = (s: Section): { slots: Map<string, number>; numbered: Map<string, number> } => {
    const byLevel = counts.get(s.parent) ?? new Map<number, { slots: Map<string, number>; numbered: Map<string, number> }>();
    counts.set(s.parent, byLevel);
    const g = byLevel.get(s.heading.level) ?? { slots: new Map<string, number>(), numbered: new Map<string, number>() };
    byLevel.set(s.heading.level, g);
    return g;
  };
  for (const s of model.sections) {
    const g = groupOf(s);
    const a = stem(s.heading.text);
    if (a !== null) g.slots.set(a, (g.slots.get(a) ?? 0) + 1);
    const n = numberedStem(s.heading.text);
    if (n !== null) g.numbered.set(n, (g.numbered.get(n) ?? 0) + 1);
  }
  for (const s of model.sections) {
    if (/(?:\.\.\.|…)\s*[1-3]?\s*:?\s*$/.test(s.heading.text)) {
      out.add(s);
      continue;
    }
    const mine = stem(s.heading.text);
    if (mine === null) continue;
    const g = groupOf(s);
    const group = g.slots.get(mine) ?? 0;
    if (group >= 2 && group === (g.numbered.get(mine) ?? 0)) out.add(s);
  }
  return out;
}

/**
 * Whether a section's visible text is text the template gives every proposal rather than guidance:
 * a Copyright or License statement, or text beside an HTML comment that asks to remove the comment
 * (an ERC's RFC 2119 key-words paragraph under `<!-- ... TODO: Remove this comment before submitting -->`).
 */
function fixedText(s: Section, text: string): boolean {
  if (/^(?:copyright|licen[cs]e)\b/i.test(stripOptionalMark(s.heading.text))) return true;
  // "TODO: Remove this comment before submitting": the comment goes, the text beside it stays.
  return s.blocks.some((b) => b.kind === 'comment' && /\b(?:remove|delete)\s+(?:this|these)\s+comments?\b/i.test(text.slice(b.span.start, b.span.end)));
}

/** Guidance as plain text: HTML comments unwrapped, visible blocks as they are. */
function guidanceText(blocks: Block[], text: string): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'comment') {
      const raw = text.slice(b.span.start, b.span.end);
      parts.push(raw.replace(/<!--|-->/g, '').trim());
    } else if (b.kind === 'content') {
      parts.push(b.text);
    }
  }
  return parts.filter(Boolean).join('\n\n');
}

/**
 * An older outline's sections and title. Its first heading is the title as in a template, and also
 * when it reads as the current template's title (KLIP's `# KLIP Number - Title` above a later H1).
 */
function outlineSpecs(
  outline: string,
  rules: OutlineRules,
  currentTitle: string | null,
  err: (key: string, detail: string) => TemplateError,
): { sections: SectionSpec[]; title: string | null; metadata: MetadataField[] | undefined } {
  const model = parseProposal(outline);
  const first = model.sections[0];
  const sameTitle = first !== undefined && currentTitle !== null && normalizeTitle(first.heading.text) === normalizeTitle(currentTitle);
  const title = templateTitle(model) ?? (sameTitle ? first : null);
  // Field lines under its title (`**Author**: [Your Name]`) are the fields it showed, read as a
  // plain template's are; an outline without them says nothing of its fields.
  // A part led in by a bold label above the first section is a part there too, not a field.
  const leadIns = leadInParts(model, title, []);
  const fields = metadataFields(inferredMetadata(model, leadIns), err, model);
  return { sections: withLeadIns(leadIns, specsFrom(model, title, rules, outline, false)), title: title?.heading.text ?? null, metadata: fields.length ? fields : undefined };
}

function versionList(value: unknown, rules: OutlineRules, currentTitle: string | null, err: (key: string, detail: string) => TemplateError): TemplateVersion[] {
  if (value === undefined || value === null) return [];
  // The schema has checked the shape: a list of mappings, each with an outline.
  return (value as Dict[]).map((entry, i) => {
    const { sections, title, metadata } = outlineSpecs(String(entry.outline), rules, currentTitle, (_key, detail) => err('versions', detail));
    return {
      version: String(entry.version ?? `v${i + 1}`),
      date: entry.date === undefined ? undefined : String(entry.date),
      note: entry.note === undefined ? undefined : String(entry.note),
      sections,
      titleHeading: title,
      ...(metadata ? { metadata } : {}),
    };
  });
}

function metadataFields(value: unknown, err: (key: string, detail: string) => TemplateError, model: ProposalModel): MetadataField[] {
  if (value === undefined || value === null) return [];
  const preamble = preambleText(model);
  // The schema has checked the shape: a list of mappings with a name, a known kind and fill.
  return (value as Dict[]).map((f) => {
    const kind = (f.kind ?? 'text') as MetadataField['kind'];
    const fill = f.fill as MetadataField['fill'];
    const name = String(f.name);
    const aliases = stringList(f.aliases, 'metadata', err);
    const values = stringList(f.values, 'metadata', err);
    const placeholders = stringList(f.placeholders, 'metadata', err);
    const field: MetadataField = {
      name,
      aliases,
      kind,
      values,
      default: f.default === undefined ? undefined : String(f.default),
      fill,
      required: f.required === undefined ? values.length > 0 : Boolean(f.required),
      ...(f.emptyAllowed === true ? { emptyAllowed: true } : {}),
      ...(typeof f.note === 'string' ? { note: f.note } : {}),
      ...(typeof f.requiredWhen === 'string' ? { requiredWhen: f.requiredWhen } : {}),
      ...(typeof f.dateForm === 'string' ? { dateForm: f.dateForm } : {}),
      ...(f.source === 'header' ? { source: 'header' as const } : {}),
      ...(typeof f.shape === 'string' ? { shape: f.shape } : {}),
      ...(placeholders.length ? { placeholders } : {}),
    };
    const line = findMetadataLine(preamble, [name, ...aliases]);
    if (line && f.startsWith !== true) field.placeholder = line.value;
    return field;
  });
}

function kepYaml(value: unknown, err: (key: string, detail: string) => TemplateError): TemplateSchema['kepYaml'] {
  if (value === undefined || value === null) return null;
  const v = value as Dict;
  return {
    required: stringList(v.required, 'kepYaml', err),
    status: stringList(v.status, 'kepYaml', err),
    stage: stringList(v.stage, 'kepYaml', err),
  };
}

function statusSpec(value: unknown, err: (key: string, detail: string) => TemplateError): StatusSpec | null {
  if (value === undefined || value === null) return null;
  const v = value as Dict;
  const spec: StatusSpec = {
    field: str(v.field, 'status', err) ?? 'Status',
    order: stringList(v.order, 'status', err),
    draft: stringList(v.draft, 'status', err),
    approved: stringList(v.approved, 'status', err),
    history: stringList(v.history, 'status', err),
    releases: stringList(v.releases, 'status', err),
    releaseField: str(v.releaseField, 'status', err) ?? 'stage',
  };
  return spec;
}

function requiredFromMap(value: unknown, status: StatusSpec | null, err: (key: string, detail: string) => TemplateError): Record<string, string> {
  if (value === undefined || value === null) return plainMap();
  if (!status) throw err('requiredFrom', '"requiredFrom" needs "status.order": the statuses a proposal goes through, in order.');
  const out = plainMap<string>();
  for (const [title, from] of Object.entries(value as Dict)) {
    const s = String(from);
    if (![...status.order, ...status.releases].some((o) => o.toLowerCase() === s.toLowerCase())) {
      const releases = status.releases.length ? ` or "status.releases" (${status.releases.join(', ')})` : '';
      throw err('requiredFrom', `"requiredFrom" gives '${title}' the status '${s}', which is not in "status.order" (${status.order.join(', ')})${releases}.`);
    }
    out[title] = s;
  }
  return out;
}

/** The text between the title (or the top of the body) and the first section heading. */
function preambleText(model: ProposalModel): { text: string; start: number; aboveTitle?: boolean } {
  const first = model.sections[0];
  const fmEnd = model.frontMatter ? model.frontMatter.span.end : 0;
  if (!first) return { text: model.text.slice(fmEnd), start: fmEnd };
  if (first.heading.level === 1 && isLoneTitle(model)) {
    const next = model.sections[1];
    const end = next ? next.heading.span.start : model.text.length;
    return { text: model.text.slice(first.bodyStart, end), start: first.bodyStart };
  }
  const before = { text: model.text.slice(fmEnd, first.heading.span.start), start: fmEnd };
  // Fields under another kind of title (gRPC's setext `Title`), when there are none above it.
  const title = templateTitle(model);
  if (title === first && metadataLines(before.text).length) return { ...before, aboveTitle: true };
  if (!title || metadataLines(before.text).length) return before;
  const next = model.sections[model.sections.indexOf(title) + 1];
  return { text: model.text.slice(title.bodyStart, next ? next.heading.span.start : model.text.length), start: title.bodyStart };
}

export interface MetadataLine {
  key: string;
  value: string;
  /** Offsets relative to the text searched. */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/** Matched against one line at a time ("s": U+2028 and U+2029 break no line in markdown, so "." takes them too). */
const META_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 /()._-]{0,40}?)(?::(?:\*\*|__)|(?:\*\*|__):|:)(?!\/\/)[ \t]*(.*?)[ \t|]*$/ds;

/** Lines of the form `**Key**: value`, `**Key:** value`, `Key: value` or `- Key: value`. */
/** `| **Key** | value |` or `| Key | value |`: a row of a two-column table, the key short. */
const TABLE_ROW = /^\s*\|?\s*((?:\*\*)?[A-Za-z][\w #()'/.-]{0,30}?(?:\*\*)?)\s*\|\s*(.*?)\s*\|?\s*$/d;

export function metadataLines(text: string): MetadataLine[] {
  const out: MetadataLine[] = [];
  const index = new LineIndex(text);
  const lines: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i < index.lineCount; i++) {
    starts.push(index.lineStart(i));
    lines.push(text.slice(index.lineStart(i), index.lineEnd(i)));
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const row = TABLE_ROW.exec(line);
    if (row?.indices) {
      // A two-column table of fields (TensorFlow's `| **Author(s)** | My Name |`).
      const [ks] = row.indices[1];
      const [vs, ve] = row.indices[2];
      out.push({ key: row[1].replace(/\*\*/g, '').trim(), value: row[2], keyStart: starts[i] + ks + (row[1].length - row[1].replace(/^\*\*/, '').length), valueStart: starts[i] + vs, valueEnd: starts[i] + ve });
      continue;
    }
    const m = META_LINE.exec(line);
    if (!m?.indices) continue;
    const [keyStart] = m.indices[1];
    let [valueStart, valueEnd] = m.indices[2];
    let value = m[2];
    let at = starts[i];
    if (!value) {
      // "Associated:" followed by an indented list: the list is the value.
      const indent = /^\s*/.exec(line)?.[0].length ?? 0;
      const items: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const item = /^(\s*)[-*+]\s+(.*?)\s*$/s.exec(lines[j]);
        if (!item || (item[1].length <= indent && /^\s*[-*+]/.test(line))) break;
        items.push(item[2]);
      }
      if (items.length) {
        const first = lines[i + 1];
        valueStart = first.length - first.trimStart().length;
        valueEnd = starts[j - 1] - starts[i + 1] + lines[j - 1].length;
        at = starts[i + 1];
        value = items.join(', ');
      }
    }
    // `**SIG: SIG-NAME** ([View all current SIGs](...))`: key and value inside one bold span, a note after it.
    const bold = /^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)/.exec(line)?.[1];
    if (bold && at === starts[i] && line.slice(m.indices[1][1], m.indices[1][1] + 1) === ':') {
      const close = value.indexOf(bold);
      if (close > 0) {
        value = value.slice(0, close).trimEnd();
        valueEnd = valueStart + value.length;
      }
    }
    out.push({ key: m[1].trim(), value, keyStart: starts[i] + keyStart, valueStart: at + valueStart, valueEnd: at + valueEnd });
  }
  return out;
}

function findMetadataLine(preamble: { text: string; start: number }, names: string[]): MetadataLine | null {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const l of metadataLines(preamble.text)) {
    if (wanted.has(l.key.toLowerCase())) return l;
  }
  return null;
}

/** The one-based line of a front matter key: a top-level key, or one under `proposal-kit:` when `nested`. */
function keyLine(raw: string, key: string, firstLine: number, nested: boolean): number {
  const lines = splitLines(raw);
  let i: number;
  if (nested) {
    const base = lines.findIndex((l) => l.startsWith(`${SETTINGS_KEY}:`));
    const inner = lines.slice(base + 1).findIndex((l) => new RegExp(`^[ \\t]+${escapeKey(key)}[ \\t]*:`).test(l));
    i = inner < 0 ? base : base + 1 + inner;
  } else {
    i = lines.findIndex((l) => l.startsWith(`${key}:`));
  }
  return firstLine + (i < 0 ? 0 : i) + 1;
}

function escapeKey(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The front matter key that holds Proposal Kit's own settings, apart from the team's keys. */
export const SETTINGS_KEY = 'proposal-kit';

/** Proposal Kit's settings, in the order the README gives them: the schema's. */
const SETTINGS_KEYS = TEMPLATE_SETTINGS;

/**
 * A team's template front matter and Proposal Kit's settings, apart. Settings live under
 * `proposal-kit:`, and every other key is a field the team's documents carry. Front matter without
 * that key is read as settings only when no team could have written it: every key is a setting
 * and one of them is `id` or has the shape only a setting has (`status` with `order`, `file` with
 * `path`, lists of `metadata`, `optional`, `versions`...). Otherwise it is all the team's.
 */
/** Where a front matter keeps Proposal Kit's settings: under `proposal-kit:`, as the whole of it (the older form), or nowhere. */
export function settingsPlace(data: Dict): 'nested' | 'whole' | 'none' {
  if (Object.prototype.hasOwnProperty.call(data, SETTINGS_KEY)) return 'nested';
  return splitFrontMatter(data, () => new TemplateError('', 1, '')).fields === data ? 'none' : 'whole';
}

function splitFrontMatter(data: Dict, err: (key: string, detail: string) => TemplateError): { settings: Dict; fields: Dict; nested: boolean } {
  if (Object.prototype.hasOwnProperty.call(data, SETTINGS_KEY)) {
    const settings = data[SETTINGS_KEY];
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw err(SETTINGS_KEY, `"${SETTINGS_KEY}" must be a mapping of Proposal Kit's settings (${SETTINGS_KEYS.join(', ')}).`);
    }
    const fields = plainMap<unknown>();
    for (const [k, v] of Object.entries(data)) if (k !== SETTINGS_KEY) fields[k] = v;
    return { settings: settings as Dict, fields, nested: true };
  }
  const keys = Object.keys(data);
  const known = new Set<string>(SETTINGS_KEYS);
  const isMap = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
  const settingShape = (k: string, v: unknown): boolean => {
    switch (k) {
      case 'id':
        return true;
      case 'status':
        return isMap(v) && 'order' in (v as Dict);
      case 'file':
      case 'detect':
      case 'kepYaml':
      case 'requiredFrom':
      case 'aliases':
        return isMap(v);
      case 'metadata':
      case 'versions':
        return Array.isArray(v) && v.every(isMap);
      case 'optional':
        return Array.isArray(v);
      default:
        return false;
    }
  };
  if (keys.length && keys.every((k) => known.has(k)) && keys.some((k) => settingShape(k, data[k]))) {
    return { settings: data, fields: plainMap(), nested: false };
  }
  return { settings: plainMap(), fields: data, nested: false };
}

/**
 * The fields of a team's own front matter: each key is a field its documents carry. A value of
 * alternatives (`{proposed | rejected}`, `"Draft | Review | Final"`) gives the allowed values; a
 * value naming `YYYY-MM-DD` makes a date; a value that is an instruction (`<URL>`, `(name of the
 * main author)`, `"?"`, a sentence) is the template's placeholder; `null` or `[]` may stay empty.
 * None is required: documents older than a key may lack it.
 */
function frontMatterFields(fields: Dict, notes: ReadonlyMap<string, string>): MetadataField[] {
  const out: MetadataField[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    const emptyAllowed = raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0) || raw === '';
    const text = typeof raw === 'object' || raw === undefined ? '' : String(raw);
    const values = alternativesIn(text);
    const field: MetadataField = { name, aliases: [], kind: 'text', values: [], required: false, source: 'front-matter' };
    if (emptyAllowed) field.emptyAllowed = true;
    if (values.length >= 2) Object.assign(field, { values, default: values[0], fill: 'default' });
    else if (/YYYY-MM-DD/i.test(text)) Object.assign(field, { kind: 'date', fill: 'date' });
    else if (/^authors?$/i.test(name)) Object.assign(field, { kind: 'people', fill: 'author' });
    else if (/^title$/i.test(name)) field.fill = 'title';
    if (values.length < 2 && text && isInstruction(text)) field.placeholder = text;
    else if (values.length < 2 && text) field.default = text;
    const note = notes.get(name);
    if (note) field.note = note;
    // `category: ... # Only required for Standards Track.`: asked of that kind of proposal.
    const kind = note ? /\bonly required for ((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,3})/.exec(note)?.[1] : undefined;
    if (kind) field.requiredWhen = kind;
    out.push(field);
  }
  return out;
}

/**
 * The comments beside a front matter's top-level keys (ERC's `requires: <EIP number(s)> # Only
 * required when ...`), by key: what the template says of each field.
 */
function yamlComments(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!raw.includes('#')) return out;
  const doc = parseYamlDocument(loneCrAsLf(raw), { prettyErrors: false });
  if (doc.errors.length || !isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    const value = pair.value as { comment?: string | null; commentBefore?: string | null } | null;
    const comment = [value?.comment, (pair.key as { comment?: string | null } | null)?.comment].filter(Boolean).join(' ').trim();
    if (key !== null && comment) out.set(key, comment);
  }
  return out;
}

/** The front matter's own lines without the `proposal-kit:` block. */
function teamFrontMatter(raw: string, nested: boolean): string {
  const lines = splitLines(raw);
  if (!nested) return lines.join('\n');
  const at = lines.findIndex((l) => l.startsWith(`${SETTINGS_KEY}:`));
  let end = at + 1;
  while (end < lines.length && (/^\s/.test(lines[end]) || !lines[end].trim())) end++;
  return [...lines.slice(0, at), ...lines.slice(end)].join('\n');
}

/** Front matter fields, then the `Key: value` lines under the title that name no front matter field. */
function withLines(fm: MetadataField[], lines: MetadataField[]): MetadataField[] {
  const names = new Set(fm.map((f) => f.name.toLowerCase()));
  return [...fm, ...lines.filter((f) => !names.has(f.name.toLowerCase()))];
}

/** A front matter value that tells the author what to write rather than being one: bracketed, a question mark, a date pattern or a sentence. */
function isInstruction(value: string): boolean {
  const v = value.trim();
  return /^[<([{].*[>)\]}]$/s.test(v) || /^\?+$/.test(v) || /YYYY-MM-DD/i.test(v) || v.split(/\s+/).length > 3;
}

function str(v: unknown, key: string, err: (key: string, detail: string) => TemplateError): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw err(key, `"${key}" must be text.`);
}

/** `file.path` stays inside the workspace: relative, without `..` segments. */
function relativeFilePath(p: string, err: (key: string, detail: string) => TemplateError): string {
  const parts = p.replace(/\\/g, '/').split('/');
  if (/^(?:[a-z]:)?\//i.test(p.replace(/\\/g, '/')) || parts.includes('..')) {
    throw err('file', `"file.path" must be a path inside the workspace, relative to its root and without '..'; got '${p}'.`);
  }
  return p;
}

/** A companion is a plain file name beside the template (`kep.yaml` for `<id>.kep.yaml`): no folders. */
function companionName(name: string, err: (key: string, detail: string) => TemplateError): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..')) {
    throw err('file', `"file.companions" holds plain file names such as kep.yaml (letters, digits, '.', '_' and '-'); got '${name}'.`);
  }
  return name;
}

function stringList(v: unknown, key: string, err: (key: string, detail: string) => TemplateError): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw err(key, `"${key}" must be a list of text values.`);
  return v.map((x) => String(x));
}

/** A map keyed by what a template's author wrote: no key, `constructor` or `__proto__` included, reaches Object's own. */
function plainMap<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

function aliasMap(v: unknown, err: (key: string, detail: string) => TemplateError): Record<string, string[]> {
  if (v === undefined || v === null) return plainMap();
  const out = plainMap<string[]>();
  for (const [k, list] of Object.entries(v as Dict)) out[k] = stringList(list, 'aliases', err);
  return out;
}

function checkUnknown(names: string[], sections: SectionSpec[], fail: (name: string) => TemplateError): void {
  const known = new Set(sections.flatMap((s) => [s.title, normalizeTitle(s.title)]));
  for (const n of names) if (!known.has(n) && !known.has(normalizeTitle(n))) throw fail(n);
}

/** One earlier version of a template file, as its repository's history keeps it. */
export interface HistoryVersion {
  /** The day the commit was made, YYYY-MM-DD. */
  date: string;
  /** The commit's id. */
  commit: string;
  sections: SectionSpec[];
  titleHeading: string | null;
  /** The fields the file showed, read as a template's are; undefined when only its headings could be read. */
  metadata?: MetadataField[];
}

/**
 * An older template file's outline: read as a template, else (its settings were broken then, say
 * front matter that is not valid YAML) its headings alone; null when it has no sections or cannot
 * be read at all (such a version is skipped).
 */
export function historyVersion(text: string, source: string, date: string, commit: string): HistoryVersion | null {
  try {
    const t = parseTemplate(text, source);
    return { date, commit, sections: t.sections, titleHeading: t.titleHeading, metadata: t.metadata };
  } catch {
    // The headings without the settings.
  }
  try {
    if (text.includes('\u0000')) return null;
    const model = parseDocument(text, TEMPLATE_LIMITS);
    if (model.unchecked.length) return null;
    const title = templateTitle(model);
    const sections = specsFrom(model, title, { optionalExtra: [], aliases: plainMap(), requiredFrom: plainMap() }, text);
    return sections.length ? { date, commit, sections, titleHeading: title?.heading.text ?? null } : null;
  } catch {
    return null;
  }
}

type Outline = Pick<TemplateVersion, 'sections' | 'titleHeading' | 'metadata'>;

/**
 * Whether two outlines ask for the same sections (titles, levels, nesting and what is optional)
 * and show the same fields (by name), when the fields of both are known.
 */
export function sameOutline(a: Outline, b: Outline): boolean {
  const shape = (v: Outline): string =>
    JSON.stringify([v.titleHeading === null ? null : normalizeTitle(v.titleHeading), v.sections.map((s) => [s.keys, s.level, s.parent, s.optional, s.requiredFrom])]);
  return shape(a) === shape(b) && (a.metadata === undefined || b.metadata === undefined || sameFieldNames(a.metadata, b.metadata));
}

function sameFieldNames(a: readonly MetadataField[], b: readonly MetadataField[]): boolean {
  const names = (fields: readonly MetadataField[]): string => JSON.stringify([...new Set(fields.map((f) => fieldNameKey(f.name)))].sort());
  return names(a) === names(b);
}

/**
 * A field's name as it is compared: without case, a note in brackets after it (an older EIP
 * template's `requires (*optional)`, `category (*only required for Standards Track)`), '-' and '_'
 * read as spaces.
 */
export function fieldNameKey(name: string): string {
  const bare = name.replace(/\s*\([^()]*\)\s*$/, '');
  return (bare.trim() ? bare : name).toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether two fields are one: a name or alias of one is a name or alias of the other (see `fieldNameKey`). */
export function sameField(a: MetadataField, b: MetadataField): boolean {
  const names = new Set([a.name, ...a.aliases].map(fieldNameKey));
  return [b.name, ...b.aliases].some((n) => names.has(fieldNameKey(n)));
}

/**
 * Whether the template marks a field optional, or required only in some cases: its name or the
 * value it shows says so (`**Editor**: [GitHub ID, optional]`, `requires (*optional)`,
 * `category (*only required for Standards Track)`, `if there is one`, `TF-RFC it replaces, else
 * remove this header`).
 */
export function optionalField(f: MetadataField): boolean {
  return /\boptional\b|\bif (?:there is one|any|applicable)\b|\bonly (?:required|allowed|for|when|if)\b|\bremove this (?:header|field|line|row|key)\b/i.test(`${f.name} ${f.placeholder ?? ''} ${f.note ?? ''}`);
}

/**
 * The fields a document held to `version` is asked for and read under: each field the version
 * shows, with the current template's settings when the current template has it too (its kind,
 * values and whether it is required); a field only the version had is required when that version
 * did not mark it optional. The current template's fields when the version's are not known or it
 * is the template itself.
 */
export function versionFields(t: TemplateSchema, version: TemplateVersion): { fields: MetadataField[]; asked: MetadataField[] } {
  if (version === t || version.metadata === undefined) return { fields: t.metadata, asked: version === t ? t.metadata : [] };
  const asked: MetadataField[] = [];
  const own: MetadataField[] = [];
  for (const f of version.metadata) {
    const now = t.metadata.find((c) => sameField(c, f));
    if (now) {
      if (!asked.includes(now)) asked.push(now);
    } else {
      // Read under its name without the note after it too (`requires (*optional)` is written `requires:`).
      const bare = fieldNameKey(f.name);
      const aliases = f.aliases.includes(bare) || f.name.toLowerCase() === bare ? f.aliases : [...f.aliases, bare];
      const old: MetadataField = { ...f, aliases, required: f.required || !optionalField(f) };
      own.push(old);
      asked.push(old);
    }
  }
  return { fields: [...t.metadata, ...own], asked };
}

/**
 * The template's fields with the values older versions showed for them as placeholders (an older
 * version's `**Author**: [Your Name]`): left in a document, they are template text too.
 */
function withOlderPlaceholders(fields: MetadataField[], versions: readonly TemplateVersion[]): MetadataField[] {
  return fields.map((f) => {
    const known = new Set([f.placeholder, ...(f.placeholders ?? [])].filter((p): p is string => p !== undefined).map(normalizeProse));
    const older: string[] = [];
    for (const v of versions) {
      for (const o of v.metadata ?? []) {
        if (o.placeholder === undefined || !sameField(f, o) || known.has(normalizeProse(o.placeholder))) continue;
        known.add(normalizeProse(o.placeholder));
        older.push(o.placeholder);
      }
    }
    return older.length ? { ...f, placeholders: [...(f.placeholders ?? []), ...older] } : f;
  });
}

/**
 * The fields the current template shows that an older version did not (under any of their
 * names), those the template marks optional left out; none when the version's fields are not known.
 */
export function addedFields(t: TemplateSchema, version: TemplateVersion): MetadataField[] {
  const old = version.metadata;
  if (version === t || old === undefined) return [];
  return t.metadata.filter((f) => !optionalField(f) && !old.some((o) => sameField(f, o)));
}

/**
 * The template with the earlier versions its file's history holds (`history`, newest first: one
 * per commit that changed the file). Consecutive commits with the same outline are one version,
 * dated when that outline began; the newest run, when it is the template's own outline, dates the
 * template (unless its settings give a date). Versions written in the settings come first and are
 * kept: a version from the history with the same outline as one of them is left out.
 */
export function withHistory(t: TemplateSchema, history: readonly HistoryVersion[]): TemplateSchema {
  const runs: HistoryVersion[] = [];
  for (const h of history) {
    const last = runs[runs.length - 1];
    if (last && sameOutline(last, h)) runs[runs.length - 1] = { ...last, date: h.date < last.date ? h.date : last.date };
    else runs.push(h);
  }
  let date = t.date;
  if (runs.length && sameOutline(runs[0], t)) {
    date ??= runs[0].date;
    runs.shift();
  }
  const written = t.versions;
  const labels = new Set(runs.map((r) => r.date));
  // What the template says of a section now applies to it in the older versions too, as it does to
  // the outlines written in the settings: its other titles, and that it is optional.
  const now = new Map(t.sections.flatMap((s) => s.keys.map((k) => [k, s] as const)));
  const asNow = (sections: SectionSpec[]): SectionSpec[] => {
    const out: SectionSpec[] = [];
    for (const s of sections) {
      const current = s.keys.map((k) => now.get(k)).find((x) => x !== undefined);
      const optional = s.optional || (current?.optional ?? false) || (s.parent !== null && out[s.parent].optional);
      out.push({ ...s, optional, keys: current ? [...new Set([...s.keys, ...current.keys])] : s.keys });
    }
    return out;
  };
  const fromHistory: TemplateVersion[] = runs
    .filter((r) => !written.some((w) => sameOutline(w, r)))
    .map((r) => ({
      version: labels.size === runs.length ? r.date : `${r.date}, ${r.commit.slice(0, 10)}`,
      date: r.date,
      note: `From the template's git history (commit ${r.commit.slice(0, 10)}).`,
      sections: asNow(r.sections),
      titleHeading: r.titleHeading,
      ...(r.metadata ? { metadata: r.metadata } : {}),
    }));
  if (!fromHistory.length && date === t.date) return t;
  // Newest first: dated versions by their dates, undated ones (written in the settings) after them, as written.
  const dated = (v: TemplateVersion): string => v.date ?? '';
  const versions = [...written, ...fromHistory].map((v, i) => ({ v, i })).sort((a, b) => (dated(a.v) === dated(b.v) ? a.i - b.i : dated(a.v) < dated(b.v) ? 1 : -1));
  return { ...t, date, metadata: withOlderPlaceholders(t.metadata, fromHistory), versions: versions.map((x) => x.v) };
}
