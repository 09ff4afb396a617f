/**
 * A new proposal from a template: its text, the path it should get, and companion files (a KEP's
 * kep.yaml). Pure: the caller lists existing paths and writes the files.
 */
import { escapeRe, slugify } from './normalize';
import { compileRegex } from './patterns';
import { isLoneTitle, metadataLines, type TemplateSchema } from './template';
import { parseProposal } from './parse';

export interface ScaffoldInput {
  title: string;
  author?: string;
  /** YYYY-MM-DD */
  date: string;
  /** The proposal number; computed from existing paths when absent. */
  number?: number;
  /** KEP owning SIG, without the "sig-" prefix. */
  sig?: string;
}

export interface Companion {
  /** File name, e.g. "kep.yaml"; it goes beside the proposal. */
  name: string;
  /** Text with {placeholders}. */
  text: string;
}

export interface Scaffold {
  /** Path relative to the folder it is created in, '/'-separated. */
  path: string;
  text: string;
  number: number | null;
  companions: { path: string; text: string }[];
}

export interface Vars {
  n: string;
  nnn: string;
  slug: string;
  slug_: string;
  title: string;
  yyyymmdd: string;
  date: string;
  sig: string;
  author: string;
}

export function usesNumber(pattern: string): boolean {
  return /\{n(?:nn)?\}/.test(pattern);
}

function fill(pattern: string, vars: Vars): string {
  return pattern.replace(/\{(n|nnn|slug|slug_|title|yyyymmdd|date|sig|author)\}/g, (_, k: keyof Vars) => vars[k]);
}

/**
 * The file pattern for a new proposal. With `inFolder`, only the part from the first segment that
 * names the proposal (the one holding {n}, {nnn}, {slug} or {yyyymmdd}) is kept: the caller chose
 * the folder.
 */
export function filePattern(t: TemplateSchema, inFolder: boolean): string {
  if (!inFolder) return t.file.path;
  const segments = t.file.path.split('/');
  const i = segments.findIndex((s) => /\{(?:n|nnn|slug|slug_|yyyymmdd)\}/.test(s));
  return segments.slice(i < 0 ? segments.length - 1 : i).join('/');
}


/** Numbers already used, read from paths (files or folders, '/'-separated, relative to the same root as the pattern). */
export function usedNumbers(pattern: string, paths: readonly string[]): number[] {
  return numberedPaths(pattern, paths).map((p) => Number(p.digits));
}

/** The paths that follow a numbered pattern: each one's number as written, and the folder it is in. */
function numberedPaths(pattern: string, paths: readonly string[]): { digits: string; dir: string }[] {
  const segments = pattern.split('/');
  const upTo = segments.findIndex((s) => usesNumber(s));
  if (upTo < 0) return [];
  let re = '';
  segments.slice(0, upTo + 1).forEach((seg, i) => {
    if (i > 0) re += '/';
    re += escapeRe(seg)
      .replace(/\\\{(?:n|nnn)\\\}/g, '(\\d+)')
      .replace(/\\\{sig\\\}/g, '[^/]+')
      .replace(/\\\{(?:slug|slug_|title)\\\}/g, '[^/]*')
      .replace(/\\\{(?:yyyymmdd)\\\}/g, '\\d{8}');
  });
  // Any {sig} folder counts: KEP numbers are unique across SIGs.
  // The template's path is workspace data: it runs on the linear-time engine.
  const matcher = compileRegex(`^(.*/)?${re}(?:/|$)`, { ignoreCase: true });
  const out: { digits: string; dir: string }[] = [];
  for (const p of paths) {
    const m = matcher.exec(p.replace(/\\/g, '/'));
    if (m) out.push({ digits: m[2] ?? '', dir: m[1] ?? '' });
  }
  return out;
}

/** The width existing numbers are padded to (`0054` gives 4), or 0 when they are not padded. */
function numberWidth(pattern: string, paths: readonly string[]): number {
  const padded = numberedPaths(pattern, paths).map((p) => p.digits).filter((d) => d.length > 1 && d.startsWith('0'));
  return padded.length ? Math.max(...padded.map((d) => d.length)) : 0;
}

/**
 * Where a new proposal goes when the template does not say (`file.path`): the naming its template
 * file shows (`0000-template.md` gives `{n}-{slug}.md`, `adr-template.md` gives
 * `adr-{n}-{slug}.md`) as the existing documents use it, in the folder of the highest number.
 */
function inferredFilePattern(t: TemplateSchema, paths: readonly string[]): string | null {
  if (t.file.explicit) return null;
  const parts = t.source.replace(/\\/g, '/').split('/');
  const file = parts.pop() ?? '';
  const readme = /^readme\.md$/i.test(file);
  const stem = readme ? (parts.pop() ?? '') : file.replace(/\.(?:md|markdown)$/i, '');
  const tail = readme ? '/README.md' : '.md';
  const run = /^(.*?)(?:0{3,}|N{3,}|X{3,})(.*)$/i.exec(stem);
  const prefix = /^(.*?[-_])?template$/i.exec(stem)?.[1] ?? '';
  // `CFP-003-template.md` is the template's own number: its documents are `CFP-<n>-<slug>`.
  const bare = prefix.replace(/\d+[-_]$/, '');
  const candidates = [
    ...(run ? [`${run[1]}{n}${run[2].replace(/template/i, '{slug}') || '-{slug}'}`, `{n}${run[2].replace(/template/i, '{slug}') || '-{slug}'}`] : []),
    ...(prefix ? [`${prefix}{n}-{slug}`] : []),
    ...(bare && bare !== prefix ? [`${bare}{n}-{slug}`] : []),
    '{n}-{slug}',
  ].map((c) => c + tail);
  for (const c of candidates) {
    const found = numberedPaths(c, paths.filter((p) => !/template/i.test(p)));
    if (!found.length) continue;
    const last = found.reduce((a, b) => (Number(b.digits) > Number(a.digits) ? b : a));
    // Eight digits that read as dates (`20180507-cond-v2.md`, `yyyymmdd-rfc-template.md`) are the day it was written, not a number.
    if (found.every((f) => isDateStamp(f.digits))) return last.dir + c.replace('{n}', '{yyyymmdd}');
    return last.dir + c;
  }
  return null;
}

/** Eight digits that are a date from 1990 on: YYYYMMDD. */
function isDateStamp(digits: string): boolean {
  const m = /^(19[89]\d|20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.exec(digits);
  return m !== null;
}

export function nextNumber(pattern: string, paths: readonly string[]): number {
  const used = usedNumbers(pattern, paths);
  return used.length ? Math.max(...used) + 1 : 1;
}

function scaffoldVars(input: ScaffoldInput, number: number | null, width = 0): Vars {
  const n = number === null ? '' : String(number).padStart(width, '0');
  return {
    n,
    nnn: n.replace(/^0+(?=\d)/, '').padStart(3, '0'),
    slug: slugify(input.title),
    slug_: slugify(input.title, '_'),
    title: input.title.trim(),
    yyyymmdd: input.date.replace(/-/g, ''),
    date: input.date,
    sig: (input.sig ?? 'TBD').replace(/^sig-/, ''),
    author: input.author?.trim() || 'TBD',
  };
}

/**
 * The team's front matter for a new proposal: its keys as the template writes them, with the
 * title, the date, the author and the number filled in; every other value is left for the author.
 */
function renderFrontMatter(t: TemplateSchema, vars: Vars, eol: string): string | null {
  if (t.frontMatter === null) return null;
  const lines = t.frontMatter.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z][\w -]*?)[ \t]*:[ \t]*(.*)$/.exec(lines[i]);
    const field = m ? t.metadata.find((f) => f.source === 'front-matter' && f.name === m[1]) : undefined;
    const value = m && field ? frontMatterValue(m[1], field.kind, vars) : undefined;
    if (!m || value === undefined) {
      out.push(lines[i]);
      continue;
    }
    // A block list under the key (`Authors:` then `- John Doe`) is replaced as a whole.
    let j = i + 1;
    while (j < lines.length && /^\s+-|^-/.test(lines[j]) && !/^[A-Za-z]/.test(lines[j])) j++;
    if (j > i + 1 && !m[2].trim()) {
      const indent = /^(\s*)-/.exec(lines[i + 1])?.[1] ?? '  ';
      out.push(`${m[1]}:`, `${indent}- ${value}`);
      i = j - 1;
    } else {
      out.push(`${m[1]}: ${value}`);
    }
  }
  return `---${eol}${out.join(eol)}${eol}---${eol}`;
}

function frontMatterValue(key: string, kind: string, vars: Vars): string | undefined {
  if (/^title$/i.test(key)) return JSON.stringify(vars.title);
  if (kind === 'date' || /^(?:created|date|start[-_ ]?date|creation[-_ ]?date)$/i.test(key)) return vars.date;
  if (kind === 'people' && vars.author !== 'TBD') return JSON.stringify(vars.author);
  if (/^(?:number|no)$/i.test(key) && vars.n) return String(Number(vars.n));
  return undefined;
}

/** The new proposal's text: the template body with its title and metadata filled in. */
function renderProposal(t: TemplateSchema, vars: Vars): string {
  const eol = parseProposal(t.body).lines.eol();
  const head = renderFrontMatter(t, vars, eol);
  const body = renderBody(t, vars);
  if (head === null) return body;
  return `${head}${body.startsWith(eol) ? '' : eol}${body}`;
}

function renderBody(t: TemplateSchema, vars: Vars): string {
  let body = t.body;
  const model = parseProposal(body);
  const first = model.sections[0];
  const titleLine = `# ${fill(t.titlePattern, vars)}`;
  // A template without a title heading whose front matter holds the title (an ERC): no title line.
  const titleInFrontMatter = t.titleHeading === null && t.metadata.some((f) => f.source === 'front-matter' && /^title$/i.test(f.name));
  let preambleStart = 0;
  let preambleEnd: number;
  if (first && first.heading.level === 1 && !isLoneTitle(model)) {
    // Every top-level heading is a section (a Rust-style RFC): a title line would be one more
    // section; the title goes into the file name and the metadata lines only.
    preambleEnd = first.heading.span.start;
  } else if (first && first.heading.level === 1) {
    body = body.slice(0, first.heading.span.start) + titleLine + body.slice(first.heading.span.end);
    const shift = titleLine.length - (first.heading.span.end - first.heading.span.start);
    preambleStart = first.heading.span.start + titleLine.length;
    const second = model.sections[1];
    preambleEnd = second ? second.heading.span.start + shift : body.length;
  } else if (titleInFrontMatter) {
    preambleEnd = first ? first.heading.span.start : body.length;
  } else {
    const eol = model.lines.eol();
    body = `${titleLine}${eol}${eol}${body}`;
    preambleStart = titleLine.length;
    preambleEnd = first ? first.heading.span.start + titleLine.length + 2 * eol.length : body.length;
  }
  // Fill metadata values, last line first so earlier offsets stay valid.
  const preamble = body.slice(preambleStart, preambleEnd);
  const lines = metadataLines(preamble).reverse();
  for (const line of lines) {
    const field = t.metadata.find((f) => [f.name, ...f.aliases].some((n) => n.toLowerCase() === line.key.toLowerCase()));
    if (!field) continue;
    let value: string | undefined;
    if (field.fill === 'author') value = vars.author;
    else if (field.fill === 'date') value = vars.date;
    else if (field.fill === 'default' || field.default !== undefined) value = field.default;
    if (value === undefined) continue;
    const start = preambleStart + line.valueStart;
    body = body.slice(0, start) + value + body.slice(preambleStart + line.valueEnd);
  }
  return body;
}

export function scaffold(t: TemplateSchema, input: ScaffoldInput, existing: readonly string[], inFolder = false): Scaffold {
  const inferred = inferredFilePattern(t, existing);
  const pattern = inferred === null ? filePattern(t, inFolder) : inFolder ? inferred.split('/').slice(-(inferred.endsWith('/README.md') ? 2 : 1)).join('/') : inferred;
  const number = usesNumber(pattern) || usesNumber(t.titlePattern) ? (input.number ?? nextNumber(pattern, existing)) : null;
  const vars = scaffoldVars(input, number, numberWidth(pattern, existing));
  const path = fill(pattern, vars);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  return {
    path,
    text: renderProposal(t, vars),
    number,
    companions: t.companionFiles.map((c) => ({ path: dir + c.name, text: fill(c.text, /\.ya?ml$/i.test(c.name) ? yamlVars(vars) : vars) })),
  };
}

/** Free text quoted for YAML (a JSON string is a valid YAML scalar), so a title cannot break the file. */
function yamlVars(vars: Vars): Vars {
  return { ...vars, title: JSON.stringify(vars.title), author: JSON.stringify(vars.author) };
}
