/**
 * The only module that imports unified/remark. Markdown text in, a ProposalModel out: the front
 * matter, every heading that is a section (not those in fenced code, HTML comments, lists or
 * quotes), and the blocks of each section's own body.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { toString } from 'mdast-util-to-string';
import type { Root, RootContent, Nodes, Heading as MdHeading } from 'mdast';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { LineIndex, loneCrAsLf } from './text';
import { quickParse } from './quick';
import type { Span } from './types';

export interface FrontMatter {
  /** Span of the whole block, fences included. */
  span: Span;
  /** The YAML between the fences. */
  raw: string;
  /** Offset of the first character of `raw`. */
  rawStart: number;
  data: Record<string, unknown> | null;
  error: { span: Span; message: string } | null;
  /**
   * How the document writes it: YAML between `---` fences, or `key: value` lines in an HTML
   * `<pre>` block before everything else (XRPL's XLS standards), read as plain strings.
   */
  form?: 'pre';
}

export interface Heading {
  level: number;
  /** Plain text of the heading, emphasis and links flattened. */
  text: string;
  /** Span of the heading's source (the `#` marks through the end of the title; setext underline included). */
  span: Span;
  /** Span of the title text within the line. */
  textSpan: Span;
  /** The title's text leaves, for placeholder scanning. */
  inlines: Inline[];
}

export type BlockKind = 'comment' | 'definition' | 'break' | 'content';

export interface Inline {
  kind: 'text' | 'html';
  value: string;
  span: Span;
}

export interface Block {
  kind: BlockKind;
  type: string;
  span: Span;
  /** Plain text for content blocks. */
  text: string;
  /** Text and inline-HTML leaves outside code, with their spans, for placeholder scanning. */
  inlines: Inline[];
  /** For lists: the plain text of each item, with its span. */
  items?: { text: string; span: Span }[];
  /** For task lists: whether any box is ticked. */
  checked?: boolean;
  /** For paragraphs: every word is inside emphasis (the way some templates write guidance). */
  emphasized?: boolean;
}

export interface Section {
  heading: Heading;
  /** The blocks between this heading and the next heading of any level. */
  blocks: Block[];
  children: Section[];
  parent: Section | null;
  /** Offset just after the heading. */
  bodyStart: number;
  /** Offset where the next heading of any level starts (or the end of the document). */
  ownEnd: number;
  /** Offset where the next heading of the same or a higher level starts (or the end). */
  end: number;
}

export interface ProposalModel {
  text: string;
  lines: LineIndex;
  frontMatter: FrontMatter | null;
  /** Blocks before the first heading (front matter excluded). */
  leadingBlocks: Block[];
  /** Top-level sections (a document with an H1 title has it as its only top-level section, usually). */
  roots: Section[];
  /** Every section in document order. */
  sections: Section[];
  /** Parts of the text that were too complex to parse (see incremental.ts): nothing in them is read. */
  unchecked: Unchecked[];
}

/** Why a part of the text was not parsed. */
export type UncheckedReason =
  | { kind: 'depth'; depth: number; limit: number }
  | { kind: 'time'; budgetMs: number }
  | { kind: 'marks'; marks: number; limit: number }
  | { kind: 'error'; message: string };

export interface Unchecked {
  span: Span;
  reason: UncheckedReason;
}

/**
 * The GFM constructs the checker reads: tables (content), task lists (unfilled forms) and footnote
 * definitions (not content). Autolink literals and strikethrough change nothing it reads and cost
 * about a quarter of the parse, so they are left out.
 */
function gfmParts(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmParts);

/** The syntax tree of `text`: from the quick reader where it handles the text exactly, else from remark. */
function parseMarkdown(text: string): Root {
  return quickParse(text) ?? processor.parse(text);
}

/** remark's own tree, without the quick reader (the reference its tests compare with). */
export function parseWithRemark(text: string): Root {
  return processor.parse(text);
}

/**
 * What one parse of a piece of the document yields: headings and blocks, with spans relative to
 * the start of the piece. Kept per piece so that unchanged pieces need no new parse.
 */
export type Item =
  | { t: 'heading'; heading: Heading }
  | { t: 'block'; block: Block }
  | { t: 'yaml'; span: Span; value: string }
  | { t: 'unchecked'; span: Span; reason: UncheckedReason };

/**
 * Parses `text` and converts its top-level nodes that lie in [from, limit); spans are relative to
 * `from`. (The rest is context: definitions a piece needs to see.)
 */
export function parseItems(text: string, limit = text.length, from = 0, read: (text: string) => Root = parseMarkdown): Item[] {
  const items: Item[] = [];
  const own = from ? text.slice(from) : text;
  // remark drops a leading byte-order mark from its offsets: count it back in.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const node of read(text).children) {
    const start = (node.position?.start.offset ?? 0) + bom;
    if (start >= limit) break;
    if (start < from) continue;
    const span = spanOf(node, bom - from, limit - from);
    if (node.type === 'yaml') items.push({ t: 'yaml', span, value: node.value });
    else if (node.type === 'heading') items.push({ t: 'heading', heading: toHeading(node, span, own, bom - from) });
    else items.push({ t: 'block', block: toBlock(node, span, bom - from, limit - from) });
  }
  return items;
}

/**
 * The whole document in one parse (the reference the incremental parse must always equal; tests
 * pass `parseWithRemark` to hold both parsers to remark alone).
 */
export function parseProposal(text: string, read: (text: string) => Root = parseMarkdown): ProposalModel {
  return assemble(text, [{ base: 0, items: parseItems(text, text.length, 0, read) }]);
}

const shift = (s: Span, base: number): Span => (base ? { start: s.start + base, end: s.end + base } : s);
const shiftInlines = (list: Inline[], base: number): Inline[] => (base ? list.map((i) => ({ ...i, span: shift(i.span, base) })) : list);

function shiftHeading(h: Heading, base: number): Heading {
  if (!base) return h;
  return { ...h, span: shift(h.span, base), textSpan: shift(h.textSpan, base), inlines: shiftInlines(h.inlines, base) };
}

function shiftBlock(b: Block, base: number): Block {
  if (!base) return b;
  const out: Block = { ...b, span: shift(b.span, base), inlines: shiftInlines(b.inlines, base) };
  if (b.items) out.items = b.items.map((i) => ({ text: i.text, span: shift(i.span, base) }));
  return out;
}

/** Builds the model from pieces of items, each with the offset its spans are relative to. */
export function assemble(text: string, pieces: readonly { base: number; items: readonly Item[] }[]): ProposalModel {
  const lines = new LineIndex(text);
  let frontMatter: FrontMatter | null = null;
  const leadingBlocks: Block[] = [];
  const roots: Section[] = [];
  const sections: Section[] = [];
  const unchecked: Unchecked[] = [];
  let adjacent = false;
  const stack: Section[] = [];
  let current: Section | null = null;

  for (const piece of pieces) {
    for (const item of piece.items) {
      if (item.t === 'yaml') {
        adjacent = false;
        frontMatter = readFrontMatter(text, shift(item.span, piece.base), item.value);
        continue;
      }
      if (item.t === 'unchecked') {
        const span = shift(item.span, piece.base);
        const last = unchecked[unchecked.length - 1];
        // Parts left out for the same reason with only headings between them are one part.
        if (last && adjacent && last.reason.kind === item.reason.kind) last.span = { start: last.span.start, end: span.end };
        else unchecked.push({ span, reason: item.reason });
        adjacent = true;
        // Whatever it holds counts as written: the checker cannot tell, and says so once.
        const block: Block = { kind: 'content', type: 'unchecked', span, text: '', inlines: [] };
        if (current) current.blocks.push(block);
        else leadingBlocks.push(block);
        continue;
      }
      if (item.t === 'heading') {
        const heading = shiftHeading(item.heading, piece.base);
        const at = heading.span.start;
        if (current) current.ownEnd = at;
        while (stack.length && stack[stack.length - 1].heading.level >= heading.level) {
          const closed = stack.pop();
          if (closed) closed.end = at;
        }
        const parent = stack.length ? stack[stack.length - 1] : null;
        const section: Section = { heading, blocks: [], children: [], parent, bodyStart: heading.span.end, ownEnd: text.length, end: text.length };
        if (parent) parent.children.push(section);
        else roots.push(section);
        sections.push(section);
        stack.push(section);
        current = section;
        continue;
      }
      adjacent = false;
      const block = shiftBlock(item.block, piece.base);
      if (!frontMatter && !current && !leadingBlocks.length && block.type === 'html') {
        frontMatter = readPreBlock(text, block.span);
        if (frontMatter) continue;
      }
      if (current) current.blocks.push(block);
      else leadingBlocks.push(block);
    }
  }
  return { text, lines, frontMatter, leadingBlocks, roots, sections, unchecked };
}

function spanOf(node: Nodes, base: number, max: number): Span {
  const start = (node.position?.start.offset ?? 0) + base;
  const end = (node.position?.end.offset ?? 0) + base;
  return { start: Math.min(start, max), end: Math.min(Math.max(end, start), max) };
}

function toHeading(node: MdHeading, span: Span, text: string, base: number): Heading {
  const title = toString(node).replace(/\s+/g, ' ').trim();
  // The title text: from the first child to the last one (ATX marks and closing #'s excluded).
  let textSpan: Span = { start: span.end, end: span.end };
  if (node.children.length) {
    const first = node.children[0].position?.start.offset;
    const last = node.children[node.children.length - 1].position?.end.offset;
    if (first !== undefined && last !== undefined) {
      const delta = span.start - (node.position?.start.offset ?? 0);
      textSpan = { start: first + delta, end: last + delta };
    }
  } else {
    // An empty heading ("##"): put the text span at the end of the marks.
    const lineText = text.slice(span.start, span.end);
    const marks = /^\s*#*\s*/.exec(lineText)?.[0].length ?? 0;
    textSpan = { start: span.start + marks, end: span.start + marks };
  }
  const inlines: Inline[] = [];
  collectInlines(node, base, text.length, inlines);
  return { level: node.depth, text: title, span, textSpan, inlines };
}

const COMMENT = /^\s*<!--[\s\S]*?-->\s*$/;
const ONLY_COMMENTS = /^(\s*<!--[\s\S]*?-->\s*)+$/;

function toBlock(node: RootContent, span: Span, base: number, max: number): Block {
  switch (node.type) {
    case 'html':
      if (COMMENT.test(node.value) || ONLY_COMMENTS.test(node.value) || /^\s*<!--/.test(node.value) && !/-->/.test(node.value)) {
        return { kind: 'comment', type: 'html', span, text: '', inlines: [] };
      }
      return { kind: 'content', type: 'html', span, text: node.value.trim(), inlines: [{ kind: 'html', value: node.value, span }] };
    case 'definition':
    case 'footnoteDefinition':
      return { kind: 'definition', type: node.type, span, text: '', inlines: [] };
    case 'thematicBreak':
      return { kind: 'break', type: node.type, span, text: '', inlines: [] };
    default: {
      const inlines: Inline[] = [];
      collectInlines(node, base, max, inlines);
      const isTaskList = node.type === 'list' && node.children.length > 0 && node.children.every((i) => typeof i.checked === 'boolean');
      const block: Block = { kind: 'content', type: isTaskList ? 'tasklist' : node.type, span, text: plainText(node), inlines };
      if (node.type === 'list') {
        block.items = node.children.map((item) => ({ text: plainText(item), span: spanOf(item, base, max) }));
        if (isTaskList) block.checked = hasTickedBox(node);
      }
      if (node.type === 'paragraph') {
        // In italics (bold italics too): bold alone is how authors stress their own words (a decision
        // under Status), not how templates write guidance.
        const italic = (c: (typeof node.children)[number]): boolean =>
          c.type === 'emphasis' || (c.type === 'strong' && c.children.length > 0 && c.children.every((x) => x.type === 'emphasis'));
        block.emphasized = node.children.every((c) => italic(c) || (c.type === 'text' && !/[\p{L}\p{N}]/u.test(c.value)));
      }
      return block;
    }
  }
}

function hasTickedBox(node: Nodes): boolean {
  if (node.type === 'listItem' && node.checked === true) return true;
  return 'children' in node && (node.children as Nodes[]).some(hasTickedBox);
}

function plainText(node: Nodes): string {
  if (node.type === 'code' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html') return node.value;
  return toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

function collectInlines(node: Nodes, base: number, max: number, out: Inline[]): void {
  if (node.type === 'text') {
    out.push({ kind: 'text', value: node.value, span: spanOf(node, base, max) });
    return;
  }
  if (node.type === 'html') {
    out.push({ kind: 'html', value: node.value, span: spanOf(node, base, max) });
    return;
  }
  if (node.type === 'code' || node.type === 'inlineCode') return;
  if ('children' in node) {
    for (const child of node.children as Nodes[]) collectInlines(child, base, max, out);
  }
}

/** Front matter nested deeper than this is not parsed (the YAML parser recurses once per level). */
const MAX_FRONT_MATTER_DEPTH = 64;

/**
 * Where YAML passes the nesting limit, or null: flow collections (`[`, `{`) open and not yet
 * closed, and on each line the block levels its indentation and leading `- ` markers can open.
 * Quoted text is not told apart: real front matter comes nowhere near the limit either way.
 */
function yamlTooDeep(raw: string): number | null {
  let flow = 0;
  let lineStart = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '[' || c === '{') {
      if (++flow > MAX_FRONT_MATTER_DEPTH) return i;
    } else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
    else if (c === '\n' || c === '\r') lineStart = i + 1;
    if (i === lineStart) {
      const m = /^[ \t]*(?:-[ \t]+)*/.exec(raw.slice(i, i + 4 * MAX_FRONT_MATTER_DEPTH + 8)) as RegExpExecArray;
      const levels = (m[0].match(/-/g)?.length ?? 0) + Math.floor(m[0].replace(/-/g, '').length / 2);
      if (levels > MAX_FRONT_MATTER_DEPTH) return i + m[0].length;
    }
  }
  return null;
}

const PRE_BLOCK = /^<pre>[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*<\/pre>[ \t]*$/i;
const PRE_LINE = /^[ \t]*([A-Za-z][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;

/**
 * Metadata as `key: value` lines in a `<pre>` block that opens the document, or null when the
 * block is anything else. Values are the text as written (brackets and bars are not YAML here).
 */
function readPreBlock(text: string, span: Span): FrontMatter | null {
  const m = PRE_BLOCK.exec(text.slice(span.start, span.end));
  if (!m) return null;
  const raw = m[1];
  const data: Record<string, unknown> = {};
  for (const line of raw.split(/\r\n?|\n/)) {
    if (!line.trim()) continue;
    const kv = PRE_LINE.exec(line);
    if (!kv) return null;
    data[kv[1]] = kv[2] ?? '';
  }
  if (Object.keys(data).length < 2) return null;
  return { span, raw, rawStart: span.start + text.slice(span.start, span.end).indexOf(raw), data, error: null, form: 'pre' };
}

function readFrontMatter(text: string, span: Span, raw: string): FrontMatter {
  const rawStart = text.indexOf(raw, span.start);
  const start = rawStart >= 0 ? rawStart : span.start;
  const fm: FrontMatter = { span, raw, rawStart: start, data: null, error: null };
  if (!raw.trim()) {
    fm.data = {};
    return fm;
  }
  const deep = yamlTooDeep(raw);
  if (deep !== null) {
    fm.error = { span: { start: start + deep, end: start + deep + 1 }, message: `Front matter is nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep here; front matter needs only a few levels.` };
    return fm;
  }
  try {
    const data: unknown = parseYaml(loneCrAsLf(raw), { prettyErrors: false, maxAliasCount: 100 });
    if (data === null || data === undefined) fm.data = {};
    else if (typeof data === 'object' && !Array.isArray(data)) fm.data = data as Record<string, unknown>;
    else fm.error = { span: { start, end: start + raw.length }, message: 'Front matter must be a set of "key: value" lines.' };
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.pos?.[0] ?? 0;
      const end = e.pos?.[1] ?? pos;
      fm.error = {
        span: { start: start + pos, end: start + Math.max(end, pos) },
        message: `Front matter is not valid YAML: ${e.message.split('\n')[0]}`,
      };
    } else {
      fm.error = { span: { start, end: start + raw.length }, message: 'Front matter could not be read.' };
    }
  }
  return fm;
}
