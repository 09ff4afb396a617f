/**
 * Incremental parsing. A cheap line scan splits the document into pieces at top-level ATX headings
 * (never inside fenced code, HTML comments or raw HTML blocks); each piece is parsed with remark on
 * its own, and a piece whose text did not change since the last version is not parsed again. The
 * result always equals a parse of the whole document (a property test holds it to that).
 */
import { assemble, parseItems, type Item, type ProposalModel, type UncheckedReason } from './parse';
import { LINE_BREAK, LineScanner } from './text';

/**
 * What a document may cost to check. remark cannot be interrupted once it parses a piece, and its
 * time grows much faster than the text for deep nesting (a list 400 levels deep, 160 KB, takes
 * seconds; quotes 20,000 deep overflow the stack), so a line scan measures each piece's nesting
 * first and a piece nested deeper than `maxDepth` is not parsed at all. The time of each parse is
 * measured too: once a version has spent `budgetMs`, the pieces still to parse are left out, and
 * tried again with the next version.
 */
export interface ParseLimits {
  /** Deepest nesting of lists and quotes parsed (see nestingDepth). */
  maxDepth: number;
  /** Milliseconds of parsing per document version after which the remaining pieces are left out. */
  budgetMs: number;
  /**
   * Most emphasis, link and code marks (`*`, `_`, `[`, `]`, backquote, `<`) a piece may hold. The
   * parser pairs them in time that grows much faster than their number (128 KB of unpaired marks
   * takes nearly 2 s); the real proposals of the corpus have at most about 500 in one piece.
   */
  maxMarks: number;
  /** The clock (milliseconds). */
  now: () => number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxDepth: 100, budgetMs: 1500, maxMarks: 4000, now: () => Date.now() };

export interface Piece {
  start: number;
  end: number;
  /** The piece ends inside an unclosed fence, comment or raw HTML block (it runs to the end). */
  open: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A front matter fence: "---" alone on its line, as remark-frontmatter reads it (spaces or tabs may follow). */
const FRONT_MATTER_FENCE = /^---[ \t]*$/;
const BLANK_LINES = new RegExp(`^(?:[ \\t]*${LINE_BREAK})*`);
/** Blank, for CommonMark: nothing but spaces and tabs (no-break spaces and other white space are text). */
const BLANK = /^[ \t]*$/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i;
const HTML_BLOCK_OPEN = /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S/;
/**
 * The first character of a block that no earlier block can continue after a blank line: not a list
 * marker, not indented, and not "-" at all (a piece that opened with "---" would read as front matter).
 */
const BLOCK_START = /^(?![-+*]|\d{1,9}[.)](?:[ \t]|$)|[ \t])\S/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A line that is only a complete tag starts an HTML block too, after a blank line (CommonMark type 7). */
const TAG_LINE = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;

export interface Split {
  pieces: Piece[];
  /** Link reference and footnote definition lines: every piece must see them, as in a whole parse. */
  definitions: string[];
}

const labelOf = (def: string): string => normalizeLabel(def.slice(def.indexOf('[') + 1, def.indexOf(']:')));
const normalizeLabel = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Splits at unindented ATX headings outside code, comments and HTML blocks. Lines end where the
 * parser's do: at "\n", "\r\n" or a lone "\r". Linear in the text.
 */
export function splitPieces(text: string): Split {
  const pieces: Piece[] = [];
  const defs: string[] = [];
  let pieceStart = 0;
  let fence: string | null = null;
  let comment = false;
  let raw: string | null = null;
  let htmlBlock = false;
  // What the lines since the last blank line or block were: nothing, only definitions, or a
  // paragraph (which a definition or a type 7 HTML block cannot interrupt).
  let para: 'none' | 'defs' | 'text' = 'none';
  // A tag line after text: an HTML block or more of the paragraph, depending on what came before
  // (a table, a quote, a list...). Splitting waits for the next blank line either way; if what
  // follows could read differently in the two cases, the document is not split at all.
  let ambiguous = false;
  const whole = (): Split => ({ pieces: [{ start: 0, end: text.length, open: true }], definitions: [] });
  const lines = new LineScanner(text);
  // The parser does not see a byte-order mark: the first line is read without it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let pos = bom;
  let first = true;
  let prevBlank = false;
  while (pos <= text.length) {
    const nl = lines.end(pos);
    const line = text.slice(pos, nl);
    if (first && FRONT_MATTER_FENCE.test(line)) {
      // Front matter: up to the closing fence, never split.
      let close = lines.next(nl);
      while (close <= text.length && !FRONT_MATTER_FENCE.test(text.slice(close, lines.end(close)))) close = lines.next(lines.end(close));
      // An unclosed front matter fence changes how the rest is parsed: keep the document whole.
      if (close > text.length) return whole();
      pos = lines.next(lines.end(close));
      first = false;
      continue;
    }
    first = false;
    const blank = BLANK.test(line);
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && BLANK.test(line.slice(m[0].length))) fence = null;
    } else if (comment) {
      if (line.includes('-->')) comment = false;
    } else if (raw) {
      if (line.toLowerCase().includes(`</${raw}>`)) raw = null;
    } else if (htmlBlock) {
      if (blank) htmlBlock = false;
      else if (ambiguous && (line.includes('<!--') || FENCE.test(line) || RAW_HTML_OPEN.test(line) || DEFINITION.test(line))) return whole();
    } else if (blank) {
      para = 'none';
    } else {
      // A piece starts at a heading, and after a blank line at any block that starts in the first
      // column and cannot continue what came before (a list item could: lists run across blank lines).
      if (pos > pieceStart && pos > bom && (ATX.test(line) || (prevBlank && BLOCK_START.test(line)))) {
        pieces.push({ start: pieceStart, end: pos, open: false });
        pieceStart = pos;
      }
      if (/^ {0,3}#{1,6}(?:[ \t]|$)/.test(line) || THEMATIC_BREAK.test(line)) {
        para = 'none';
      } else if (para === 'none' && /^(?: {4}|[ ]{0,3}\t)/.test(line)) {
        // indented code: not a paragraph, and it holds no headings or definitions
      } else {
        const f = FENCE.exec(line);
        if (f && !(f[1][0] === '`' && line.slice(f[0].length).includes('`'))) {
          fence = f[1];
          para = 'none';
        } else if (/^ {0,3}<!--/.test(line)) {
          comment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
          para = 'none';
        } else if (RAW_HTML_OPEN.test(line)) {
          const tag = (RAW_HTML_OPEN.exec(line) as RegExpExecArray)[1].toLowerCase();
          raw = line.toLowerCase().includes(`</${tag}>`) ? null : tag;
          para = 'none';
        } else if (HTML_BLOCK_OPEN.test(line) || TAG_LINE.test(line)) {
          if (para !== 'none' && !HTML_BLOCK_OPEN.test(line)) ambiguous = true;
          htmlBlock = true;
          para = 'none';
        } else if (DEFINITION.test(line)) {
          // After text a definition is usually more of the paragraph, but not always (the text may
          // have been a heading inside a list item): when unsure, do not split.
          if (para === 'text') return whole();
          defs.push(line.trim());
          para = /^ {0,3}\[\^/.test(line) ? 'text' : 'defs';
        } else {
          para = 'text';
        }
      }
    }
    prevBlank = blank && !fence && !comment && !raw;
    pos = lines.next(nl);
  }
  if (ambiguous && defs.length) return whole();
  pieces.push({ start: pieceStart, end: text.length, open: fence !== null || comment || raw !== null });
  return { pieces, definitions: defs };
}

/** Keeps the parse of each piece of the last version; parses only pieces whose text changed. */
export class IncrementalParser {
  /** Last version's parse of each piece, by the piece's text, with the definitions it saw. */
  private cache = new Map<string, Item[]>();
  private definitions = '';
  /** Pieces parsed (not reused) by the last call, for tests and benchmarks. */
  lastParsed = 0;

  constructor(private readonly limits: ParseLimits = DEFAULT_LIMITS) {}

  parse(text: string): ProposalModel {
    const steps = this.steps(text);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * The same parse, giving way to other work between pieces: after each `sliceMs` of parsing it
   * waits for the event loop's next turn, and stops with `ParseStopped` as soon as `stop()` says the
   * result is no longer wanted (the request was cancelled, the document changed). Pieces parsed
   * before the stop are kept for the next version.
   */
  async parseAsync(text: string, stop: () => boolean, sliceMs = 10): Promise<ProposalModel> {
    const { now } = this.limits;
    const steps = this.steps(text);
    let sliceStart = now();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      if (now() - sliceStart < sliceMs) continue;
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = now();
      if (stop()) {
        const parsed = this.lastParsed;
        steps.return(undefined as never);
        throw new ParseStopped(parsed);
      }
    }
  }

  /** The parse, one piece per step; the cache is updated as pieces are parsed. */
  private *steps(text: string): Generator<void, ProposalModel, void> {
    const { maxDepth, budgetMs, maxMarks, now } = this.limits;
    const started = now();
    const { pieces, definitions } = splitPieces(text);
    const signature = definitions.join('\n');
    // A piece's parse depends on its text and on the document's definitions: when those change,
    // every piece is parsed again.
    const previous = signature === this.definitions ? this.cache : new Map<string, Item[]>();
    const next = new Map<string, Item[]>();
    const labels = definitions.map(labelOf);
    this.lastParsed = 0;
    const parsed: { base: number; items: Item[] }[] = [];
    try {
      for (const p of pieces) {
        const body = text.slice(p.start, p.end);
        let items = next.get(body) ?? previous.get(body);
        if (!items) {
          const depth = nestingDepth(body, maxDepth);
          const marks = depth > maxDepth ? 0 : inlineMarks(body);
          if (depth > maxDepth) items = leftOut(body, { kind: 'depth', depth, limit: maxDepth });
          else if (marks > maxMarks) items = leftOut(body, { kind: 'marks', marks, limit: maxMarks });
          else if (now() - started > budgetMs) {
            // Not kept: the next version tries this piece again, with a budget of its own.
            parsed.push({ base: p.start, items: leftOut(body, { kind: 'time', budgetMs }) });
            continue;
          } else {
            try {
              items = parsePiece(detach(body), p.start === 0, pieces.length > 1 ? definitions : [], labels);
            } catch (e) {
              items = leftOut(body, { kind: 'error', message: e instanceof Error ? e.message : String(e) });
            }
            this.lastParsed++;
            next.set(body, items);
            parsed.push({ base: p.start, items });
            yield;
            continue;
          }
        }
        next.set(body, items);
        parsed.push({ base: p.start, items });
      }
    } finally {
      // Stopped or not, what was parsed is kept: a stopped parse keeps the last version's pieces too.
      const done = parsed.length === pieces.length;
      this.cache = done ? next : new Map([...previous, ...next]);
      this.definitions = signature;
    }
    return assemble(text, parsed);
  }
}

/** A parse stopped because its result was no longer wanted; `parsed` pieces were parsed before. */
export class ParseStopped extends Error {
  constructor(readonly parsed: number) {
    super(`The parse was stopped after ${parsed} parts.`);
    this.name = 'ParseStopped';
  }
}

/** A whole document, parsed in pieces within the limits. */
export function parseDocument(text: string, limits: ParseLimits = DEFAULT_LIMITS): ProposalModel {
  return new IncrementalParser(limits).parse(text);
}

/**
 * A piece that is not parsed: its heading (a piece that starts with one) still counts, so the
 * section is not reported missing; the rest, up to its last character that is not white space,
 * is one unchecked part.
 */
function leftOut(body: string, reason: UncheckedReason): Item[] {
  const items: Item[] = [];
  let start = 0;
  if (ATX.test(body)) {
    const lines = new LineScanner(body);
    const nl = lines.end(0);
    start = Math.min(body.length, lines.next(nl));
    items.push(...parseItems(body.slice(0, start)));
  }
  // From its first line that is not blank.
  const lead = BLANK_LINES.exec(body.slice(start)) as RegExpExecArray;
  start += lead[0].length;
  const end = start + body.slice(start).trimEnd().length;
  if (end > start) items.push({ t: 'unchecked', span: { start, end }, reason });
  return items;
}

/** How many emphasis, link and code marks `text` holds outside fenced code and front matter. Linear in the text. */
function inlineMarks(text: string): number {
  let n = 0;
  forEachProseLine(text, (line) => {
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 42 || c === 95 || c === 91 || c === 93 || c === 96 || c === 60) n++;
    }
    return true;
  });
  return n;
}

const NEST_PREFIX = /^(?:[ \t]|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))*/;

/**
 * How deeply the lines of `text` nest lists and quotes, outside fenced code: on each line, the
 * quote marks and list markers it opens with, plus one level per two columns of indentation (a
 * nested list indents its items by two or more). It errs on the deep side, and stops counting
 * past `stop`. Linear in the text.
 */
export function nestingDepth(text: string, stop = Infinity): number {
  let max = 0;
  forEachProseLine(text, (line) => {
    const prefix = (NEST_PREFIX.exec(line) as RegExpExecArray)[0];
    let depth = 0;
    let columns = 0;
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix[i];
      if (c === ' ') columns++;
      else if (c === '\t') columns += 4;
      else if (c === '>' || c === '-' || c === '+' || c === '*' || c === '.' || c === ')') depth++;
    }
    max = Math.max(max, depth + Math.floor(columns / 2));
    return max <= stop;
  });
  return max;
}

/**
 * Calls `visit` with each line of `text` outside fenced code and outside front matter at its
 * start, until it returns false.
 */
function forEachProseLine(text: string, visit: (line: string) => boolean): void {
  let fence: string | null = null;
  const lines = new LineScanner(text);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let frontMatter = FRONT_MATTER_FENCE.test(text.slice(pos, lines.end(pos)));
  if (frontMatter) pos = lines.next(lines.end(pos));
  while (pos < text.length) {
    const nl = lines.end(pos);
    const line = text.slice(pos, nl);
    pos = lines.next(nl);
    if (frontMatter) {
      if (FRONT_MATTER_FENCE.test(line)) frontMatter = false;
      continue;
    }
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && BLANK.test(line.slice(f[0].length))) fence = null;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    if (!visit(line)) return;
  }
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from. Kept parses hold strings
 * cut from their piece; without this, each would keep a whole old version of the document alive.
 */
export function detach(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 8192) {
    const end = Math.min(s.length, i + 8192);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) codes[j - i] = s.charCodeAt(j);
    out += String.fromCharCode(...codes);
  }
  return out;
}

/**
 * Definitions elsewhere in the document resolve references in this piece too, as in a whole parse.
 * Only those whose label the piece mentions matter. They go after the first piece (which may hold
 * front matter) or before any other, with blank lines between, so that they cannot join one of the
 * piece's blocks; the nodes they make are dropped.
 */
function parsePiece(body: string, first: boolean, definitions: readonly string[], labels: readonly string[]): Item[] {
  if (!definitions.length || !body.includes('[')) return parseItems(body);
  const flat = normalizeLabel(body);
  const needed = definitions.filter((_, i) => labels[i] && flat.includes(`[${labels[i]}`)).join('\n\n');
  if (!needed) return parseItems(body);
  if (first) return parseItems(`${body}${body.endsWith('\n') ? '' : '\n'}\n${needed}\n`, body.length);
  const prefix = `${needed}\n\n`;
  return parseItems(prefix + body, prefix.length + body.length, prefix.length);
}
