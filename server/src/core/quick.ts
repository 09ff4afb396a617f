/**
 * A fast reader for the plain markdown most of a proposal is written in: ATX headings, paragraphs,
 * lists (nested, lazy lines and task lists too), fenced code, HTML comments, thematic breaks, tables
 * and link definitions, with code spans, emphasis, inline and reference links, inline HTML tags and
 * hard line breaks inside. For such text it builds the syntax tree remark builds (the same nodes at
 * the same offsets, lines and columns) in a fraction of the time; for anything else (quotes, HTML
 * blocks, escapes, entities, images, footnotes, setext headings, indented code, tabs...) it answers
 * null and the caller parses with remark. Tests hold it to remark's tree on every real proposal, on
 * mutations of them and on random markdown.
 */
import type { Root, RootContent, PhrasingContent, List, ListItem, Paragraph, TableCell, TableRow } from 'mdast';
import { floorIndex } from './text';

/**
 * A line as a block sees it: inside a list item, `start` is past the item's indentation. `end` is
 * where the line ends, before its "\n".
 */
interface Line {
  start: number;
  end: number;
  /** A lazy continuation line of a list item: it can only continue a paragraph. */
  lazy?: boolean;
}

/** A line's part of a paragraph or heading: `end` before trailing spaces, `lineEnd` after them. */
interface Segment {
  start: number;
  end: number;
  lineEnd: number;
  /** Two or more trailing spaces before a following line: a hard line break. */
  hard: boolean;
  /** Spaces before `start` that are not part of the text (a code span would keep them). */
  lead: boolean;
  /** A lazy continuation line (see Line). */
  lazy: boolean;
}

interface Doc {
  text: string;
  /** Offset of each line of the whole text, for line and column numbers. */
  starts: number[];
  /** Lists open around the blocks being read. */
  depth: number;
  /** Identifiers of the text's link reference definitions (filled by a first pass over the blocks). */
  labels: Set<string>;
  /** The first pass: definitions are collected, references not yet resolved. */
  collecting: boolean;
}

/** Lists nested deeper than this are left to remark (and to the parse limits around it). */
const MAX_DEPTH = 64;

const ATX = /^(#{1,6})(?: |$)/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_LIKE = /^ {0,3}(`{3,}|~{3,}) *$/;
const THEMATIC = /^ {0,3}([-*_])(?: *\1){2,} *$/;
/** List markers with the spaces after them (one to four: more would start indented code). */
const BULLET = /^([-*+]) {1,4}(?=[^ ])/;
const ORDERED = /^(\d{1,9})([.)]) {1,4}(?=[^ ])/;
const ANY_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?: |$)/;
const EMPTY_ITEM = /^(?:[-*+]|\d{1,9}[.)]) *$/;
/** A line that could underline a setext heading or be a table's delimiter row. */
const UNDERLINE = /^(?:=+ *|[ |:-]*-[ |:-]*)$/;
/** A task list item's box, with the text after it (GFM). */
const TASK = /^\[([ xX])\] +[^ ]/;
const BOX = /^\[[ xX]\](?: |$)/;
/**
 * What this reader leaves to remark wherever it appears in inline content: backslash escapes,
 * character references, tags and autolinks, footnote calls, images, definitions, tabs.
 */
const INLINE_UNSUPPORTED = /\\[!-/:-@[-`{-~\n]|&(?:#\d|#[xX][\dA-Fa-f]|[A-Za-z][A-Za-z\d]*;)|<[!?]|[\0\t]|\[\^|!\[|\]:/;

/** An HTML tag on one line: opening (with attributes) or closing. */
const TAG = /^(?:<[A-Za-z][A-Za-z\d-]*(?: +[A-Za-z_:][\w.:-]*(?: *= *(?:[^ "'=<>`\n]+|'[^'\n]*'|"[^"\n]*"))?)* *\/?>|<\/[A-Za-z][A-Za-z\d-]* *>)/;
/** An autolink's start: a scheme, or an email address. */
const AUTOLINK = /^<(?:[A-Za-z][A-Za-z\d+.-]{1,31}:|[^ <>@\n]+@)/;

/**
 * The tree remark would build for `text`, or null when the text holds anything this reader does
 * not handle exactly.
 */
export function quickParse(text: string): Root | null {
  if (text.charCodeAt(0) === 0xfeff || text.startsWith('---') || text.includes('\r') || text.includes('\0')) return null;
  const lines: Line[] = [];
  for (let at = 0; ; ) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) {
      lines.push({ start: at, end: text.length });
      break;
    }
    lines.push({ start: at, end: nl });
    at = nl + 1;
  }
  const doc: Doc = { text, starts: lines.map((l) => l.start), depth: 0, labels: new Set(), collecting: text.includes(']:') };
  // A reference may come before its definition: with definitions about, a first pass finds them.
  if (doc.collecting && !blocks(doc, lines, true)) return null;
  doc.collecting = false;
  const children = blocks(doc, lines, true);
  return children && { type: 'root', children, position: pos(doc, 0, text.length) };
}

/** The identifier of a link label, as remark compares and records them. */
function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

function pos(doc: Doc, start: number, end: number): NonNullable<Root['position']> {
  return { start: point(doc, start), end: point(doc, end) };
}

function point(doc: Doc, offset: number): { line: number; column: number; offset: number } {
  const line = floorIndex(doc.starts, offset);
  return { line: line + 1, column: offset - doc.starts[line] + 1, offset };
}

const lineText = (doc: Doc, l: Line): string => doc.text.slice(l.start, l.end);
const isBlank = (s: string): boolean => /^ *$/.test(s);
/** Leading spaces (only spaces indent in markdown; other white space is text). */
const indentOf = (s: string): number => {
  let n = 0;
  while (s.charCodeAt(n) === 32) n++;
  return n;
};

/** A stretch of one line read as inline text, with nothing left out around it (a heading's title, a table cell). */
const stretch = (start: number, end: number): Segment => ({ start, end, lineEnd: end, hard: false, lead: false, lazy: false });

function segment(doc: Doc, l: Line, lead: number): Segment {
  let end = l.end;
  while (end > l.start + lead && doc.text.charCodeAt(end - 1) === 32) end--;
  return { start: l.start + lead, end, lineEnd: l.end, hard: l.end - end >= 2, lead: lead > 0, lazy: !!l.lazy };
}

/** The blocks of `lines` (the whole text, or a list item's content), or null. */
function blocks(doc: Doc, lines: Line[], top: boolean): RootContent[] | null {
  const out: RootContent[] = [];
  let i = 0;
  while (i < lines.length) {
    const s = lineText(doc, lines[i]);
    if (isBlank(s)) {
      i++;
      continue;
    }
    const L = lines[i];
    const c = s[0];
    if (L.lazy || c === '\t' || c === '>' || s.includes('\t')) return null;
    let next = -1;
    if (c === ' ') {
      // Indented: only a list item (up to three spaces) is read here.
      const lead = indentOf(s);
      if (lead > 3 || !marker(s.slice(lead)) || THEMATIC.test(s)) return null;
      next = list(doc, lines, i, out);
    } else if (ATX.test(s)) next = heading(doc, lines, i, out);
    else if ((c === '`' || c === '~') && FENCE_OPEN.test(s)) next = fence(doc, lines, i, out);
    else if (c === '<') next = comment(doc, lines, i, out);
    else if (THEMATIC.test(s)) {
      // At the very start, "---" would open front matter.
      if ((top && i === 0) || !/^([-*_])\1{2,} *$/.test(s)) return null;
      out.push({ type: 'thematicBreak', position: pos(doc, L.start, L.end) });
      next = i + 1;
    } else if (EMPTY_ITEM.test(s)) return null;
    else if (ANY_MARKER.test(s)) next = list(doc, lines, i, out);
    else if (s.includes('|') && i + 1 < lines.length && lineText(doc, lines[i + 1]).includes('|') && DELIMITER_ROW.test(lineText(doc, lines[i + 1])))
      next = table(doc, lines, i, out);
    else next = paragraph(doc, lines, i, out);
    if (next < 0) return null;
    i = next;
  }
  return out;
}

function heading(doc: Doc, lines: Line[], i: number, out: RootContent[]): number {
  const L = lines[i];
  const s = lineText(doc, L);
  const marks = (ATX.exec(s) as RegExpExecArray)[1].length;
  // The title: without the spaces around it and without a closing sequence of #'s.
  const lead = marks + indentOf(s.slice(marks));
  const title = s.slice(lead).replace(/ +$/, '').replace(/(?:^| +)#+$/, '').replace(/ +$/, '');
  if (!title) return -1;
  const children = inline(doc, [stretch(L.start + lead, L.start + lead + title.length)]);
  if (!children) return -1;
  out.push({ type: 'heading', depth: marks as 1 | 2 | 3 | 4 | 5 | 6, children, position: pos(doc, L.start, L.end) });
  return i + 1;
}

function fence(doc: Doc, lines: Line[], i: number, out: RootContent[]): number {
  const L = lines[i];
  const m = FENCE_OPEN.exec(lineText(doc, L)) as RegExpExecArray;
  const run = m[1];
  const info = m[2];
  if ((run[0] === '`' && info.includes('`')) || /[\\&]/.test(info)) return -1;
  for (let j = i + 1; j < lines.length; j++) {
    // A line that would only continue a paragraph lazily ends the list item, and the fence with it.
    if (lines[j].lazy) return -1;
    const t = lineText(doc, lines[j]);
    const close = FENCE_LIKE.exec(t);
    if (!close || close[1][0] !== run[0] || close[1].length < run.length) continue;
    // An indented closing fence ends the block too; left to remark.
    if (t[0] === ' ') return -1;
    const trimmed = info.trim();
    const sp = trimmed.indexOf(' ');
    const lang = trimmed ? (sp < 0 ? trimmed : trimmed.slice(0, sp)) : null;
    const meta = sp < 0 ? null : trimmed.slice(sp).trim() || null;
    const value = lines.slice(i + 1, j).map((l) => lineText(doc, l)).join('\n');
    out.push({ type: 'code', lang, meta, value, position: pos(doc, L.start, lines[j].end) });
    return j + 1;
  }
  return -1;
}

/** An HTML comment block, "<!--" through the line holding "-->". */
function comment(doc: Doc, lines: Line[], i: number, out: RootContent[]): number {
  const s = lineText(doc, lines[i]);
  if (!s.startsWith('<!--') || s.startsWith('<!-->') || s.startsWith('<!--->')) return -1;
  let j = i;
  let at = s.indexOf('-->', 4);
  while (at < 0) {
    if (++j >= lines.length || lines[j].lazy) return -1;
    at = lineText(doc, lines[j]).indexOf('-->');
  }
  const value = lines.slice(i, j + 1).map((l) => lineText(doc, l)).join('\n');
  out.push({ type: 'html', value, position: pos(doc, lines[i].start, lines[j].end) });
  return j + 1;
}

/**
 * How line `s` (its indentation removed), following a paragraph line, bears on the paragraph:
 * it ends it (a heading, fence, comment or list item that interrupts a paragraph), continues it
 * ('more'), or is beyond this reader (null).
 */
function follows(s: string): 'end' | 'more' | null {
  const c = s[0];
  if (c === '>' || s.includes('\t')) return null;
  if (ATX.test(s)) return 'end';
  if ((c === '`' || c === '~') && FENCE_OPEN.test(s)) return c === '`' && s.slice(s.search(/[^`]|$/)).includes('`') ? 'more' : 'end';
  if (c === '<') return s.startsWith('<!--') && !s.startsWith('<!-->') && !s.startsWith('<!--->') ? 'end' : null;
  if (UNDERLINE.test(s) || THEMATIC.test(s) || EMPTY_ITEM.test(s)) return null;
  if (BULLET.test(s)) return 'end';
  const o = ORDERED.exec(s);
  if (o) return Number(o[1]) === 1 ? 'end' : null;
  return ANY_MARKER.test(s) ? null : 'more';
}

const NO_LABELS: ReadonlySet<string> = new Set();

/** A table's delimiter row: cells of hyphens, with colons for alignment. */
const DELIMITER_ROW = /^\|? *:?-+:? *(?:\| *:?-+:? *)*\|?$/;

interface Cell {
  /** The cell, from the pipe before it (or the row's start) to the pipe after it (or the row's end). */
  start: number;
  end: number;
  /** Its text, without the spaces around it. */
  textStart: number;
  textEnd: number;
}

/** The cells of a table row (GFM): split at every pipe, outer pipes optional. null for rows this reader leaves alone. */
function rowCells(doc: Doc, l: Line): Cell[] | null {
  const s = lineText(doc, l);
  // Spaces at the end count in a cell or not depending on how many there are; left to remark.
  if (s[0] === ' ' || s.endsWith(' ') || s.includes('\\') || s.includes('\t')) return null;
  const trimmed = s.replace(/ +$/, '');
  const leading = s[0] === '|';
  const trailing = trimmed.length > 1 && trimmed.endsWith('|');
  const cuts: number[] = [];
  for (let k = s.indexOf('|'); k >= 0; k = s.indexOf('|', k + 1)) if (!(leading && k === 0) && !(trailing && k === trimmed.length - 1)) cuts.push(k);
  const cells: Cell[] = [];
  const bounds = [0, ...cuts];
  for (let c = 0; c < bounds.length; c++) {
    const start = bounds[c];
    const last = c === bounds.length - 1;
    const end = last ? (trailing ? trimmed.length : s.length) : cuts[c];
    // The text: after the pipe that opens the cell, before the one that closes it.
    let a = start + (c > 0 || leading ? 1 : 0);
    let b = last && trailing ? trimmed.length - 1 : end;
    while (a < b && s[a] === ' ') a++;
    while (b > a && s[b - 1] === ' ') b--;
    cells.push({ start: l.start + start, end: l.start + end, textStart: l.start + a, textEnd: l.start + b });
  }
  return cells;
}

/** A table (GFM) from line i: its head, delimiter row and body rows up to a blank line. */
function table(doc: Doc, lines: Line[], i: number, out: RootContent[]): number {
  const head = rowCells(doc, lines[i]);
  const delimiter = rowCells(doc, lines[i + 1]);
  if (!head || !delimiter || head.length !== delimiter.length || lines[i + 1].lazy) return -1;
  const align = delimiter.map((c) => {
    const t = doc.text.slice(c.textStart, c.textEnd);
    return t.startsWith(':') ? (t.endsWith(':') ? 'center' : 'left') : t.endsWith(':') ? 'right' : null;
  });
  const row = (cells: Cell[], l: Line): TableRow | null => {
    const children: TableCell[] = [];
    for (const c of cells) {
      const inner = c.textEnd > c.textStart ? inline(doc, [stretch(c.textStart, c.textEnd)]) : [];
      if (!inner) return null;
      children.push({ type: 'tableCell', children: inner, position: pos(doc, c.start, c.end) });
    }
    return { type: 'tableRow', children, position: pos(doc, l.start, cells[cells.length - 1].end) };
  };
  const first = row(head, lines[i]);
  if (!first) return -1;
  const rows: TableRow[] = [first];
  let end = lines[i + 1].end;
  let j = i + 2;
  for (; j < lines.length; j++) {
    const t = lineText(doc, lines[j]);
    if (isBlank(t)) break;
    // A row needs no pipe; a line that starts another block ends the table, but only these two are sure.
    if (!t.includes('|')) {
      if (ATX.test(t) || BULLET.test(t)) break;
      return -1;
    }
    const cells = rowCells(doc, lines[j]);
    const r = cells && !lines[j].lazy ? row(cells, lines[j]) : null;
    if (!r) return -1;
    rows.push(r);
    end = r.position?.end.offset ?? end;
  }
  out.push({ type: 'table', align, children: rows, position: pos(doc, lines[i].start, end) });
  return j;
}

/** A link reference definition on one line, with a plain destination and no title. */
const DEFINITION = /^\[(?!\^)([^[\]\\]{1,999})\]: *([^ <()\\&][^ ()\\&]*) *$/;

function paragraph(doc: Doc, lines: Line[], i: number, out: RootContent[]): number {
  // Definitions first: each on its own line, none followed by a line that could be its title.
  const def = DEFINITION.exec(lineText(doc, lines[i]));
  if (def) {
    const label = def[1];
    const next = i + 1 < lines.length ? lineText(doc, lines[i + 1]) : '';
    if (!/\S/.test(label) || /^ *["'(]/.test(next)) return -1;
    // What follows is read as more of the paragraph the definition opened: it must end it or
    // start a paragraph of its own ("10. ten" there is text, not a list).
    if (!isBlank(next) && follows(next.slice(indentOf(next))) === null) return -1;
    const identifier = identifierOf(label);
    doc.labels.add(identifier);
    out.push({ type: 'definition', identifier, label, url: def[2], title: null, position: pos(doc, lines[i].start, lines[i].end) });
    return i + 1;
  }
  const segs: Segment[] = [segment(doc, lines[i], 0)];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const t = lineText(doc, lines[j]);
    if (isBlank(t)) break;
    const lead = indentOf(t);
    const f = follows(t.slice(lead));
    if (f === 'more') segs.push(segment(doc, lines[j], lead));
    else if (f === 'end' && (lead === 0 || (lead <= 3 && marker(t.slice(lead))))) break;
    else return -1;
  }
  const node = para(doc, segs);
  if (!node) return -1;
  out.push(node);
  return j;
}

function para(doc: Doc, segs: Segment[]): Paragraph | null {
  const last = segs[segs.length - 1];
  last.hard = false;
  const children = inline(doc, segs);
  return children && { type: 'paragraph', children, position: pos(doc, segs[0].start, last.lineEnd) };
}

interface Marker {
  /** The bullet character, or the ordered list's delimiter. */
  kind: string;
  /** Columns from the marker to the item's content. */
  width: number;
  start: number | null;
}

function marker(s: string): Marker | null {
  const b = BULLET.exec(s);
  if (b) return { kind: b[1], width: b[0].length, start: null };
  const o = ORDERED.exec(s);
  return o ? { kind: o[2], width: o[0].length, start: Number(o[1]) } : null;
}

/**
 * A list from line i. Each item's content (its first line after the marker, then every line
 * indented to its content) is read as blocks of its own.
 */
function list(doc: Doc, lines: Line[], i: number, out: RootContent[]): number {
  const opening = lineText(doc, lines[i]);
  const head = marker(opening.slice(indentOf(opening)));
  if (!head) return -1;
  const items: ListItem[] = [];
  let spread = false;
  let j = i;
  while (j < lines.length) {
    const first = lineText(doc, lines[j]);
    const lead = indentOf(first);
    if (lead > 3 || THEMATIC.test(first)) break;
    const m = marker(first.slice(lead));
    if (!m || m.kind !== head.kind) break;
    const width = lead + m.width;
    const task = TASK.exec(first.slice(width));
    if (!task && BOX.test(first.slice(width))) return -1;
    // A task item's box is not part of its text: the paragraph starts after the box and one space.
    const content: Line[] = [{ start: lines[j].start + width + (task ? 4 : 0), end: lines[j].end }];
    let last = 0;
    let k = j + 1;
    for (; k < lines.length; k++) {
      const t = lineText(doc, lines[k]);
      const l = lines[k];
      if (isBlank(t)) {
        content.push({ start: Math.min(l.start + width, l.end), end: l.end });
        continue;
      }
      if (t[0] === '\t') return -1;
      const indent = indentOf(t);
      if (indent >= width) {
        content.push({ start: l.start + width, end: l.end });
        last = content.length - 1;
        continue;
      }
      // Less indented than the content: the item ends at a list marker, and in the first column
      // at a heading, fence or comment, or at anything after a blank line. Any other line right
      // after the item's text may be a lazy continuation of it.
      if (indent <= 3 && (marker(t.slice(indent)) || THEMATIC.test(t))) break;
      if (indent === 0 && (ATX.test(t) || FENCE_OPEN.test(t) || t.startsWith('<!--'))) break;
      if (isBlank(lineText(doc, lines[k - 1]))) {
        if (indent === 0) break;
        return -1;
      }
      // Paragraph text right after the item's text continues it (lazily) if that text is a
      // paragraph, which the item's own blocks find out (a lazy line that starts a block is refused).
      if (follows(t.slice(indent)) !== 'more') return -1;
      content.push({ start: l.start, end: l.end, lazy: true });
      last = content.length - 1;
    }
    content.length = last + 1;
    if (++doc.depth > MAX_DEPTH) return -1;
    const children = blocks(doc, content, false);
    doc.depth--;
    if (!children) return -1;
    if (task) {
      const para = children[0];
      if (para?.type !== 'paragraph' || para.position?.start.offset !== content[0].start) return -1;
      // remark moves the paragraph's start past the box only when the text right after it is plain text.
      if (para.children[0]?.type !== 'text' && para.position) para.position.start = point(doc, content[0].start - 4);
    }
    items.push({
      type: 'listItem',
      spread: false,
      checked: task ? task[1] !== ' ' : null,
      children: children as ListItem['children'],
      position: pos(doc, lines[j].start + lead, content[last].end),
    });
    if (k > j + last + 1) spread = true;
    j = k;
  }
  const list: List = {
    type: 'list',
    ordered: head.start !== null,
    start: head.start,
    spread,
    children: items,
    position: pos(doc, items[0].position?.start.offset ?? 0, items[items.length - 1].position?.end.offset ?? 0),
  };
  out.push(list);
  return j;
}

/** The inline content of `segs`: text, code spans, emphasis, inline links and hard breaks; null for anything else. */
function inline(doc: Doc, segs: Segment[]): PhrasingContent[] | null {
  const parts = segs.map((s) => doc.text.slice(s.start, s.end));
  const content = parts.join('\n');
  if (INLINE_UNSUPPORTED.test(content)) return null;
  // Where each segment starts in `content`; the "\n" after segment k is at starts[k + 1] - 1.
  const starts: number[] = [];
  const breaks: number[] = [];
  const trimmed: number[] = [];
  for (let k = 0, at = 0; k < parts.length; k++) {
    starts.push(at);
    at += parts[k].length + 1;
    if (k < parts.length - 1) {
      // remark places a hard break next to a lazy line differently; those are left to it.
      if (segs[k].hard && (segs[k].lazy || segs[k + 1].lazy)) return null;
      if (segs[k].hard) breaks.push(at - 1);
      else if (segs[k].lineEnd > segs[k].end || segs[k + 1].lead) trimmed.push(at - 1);
    }
  }
  const seg = (ci: number): number => floorIndex(starts, ci);
  /** The source offset of content index ci (the "\n" after a segment is where its line ends). */
  const at = (ci: number): number => {
    const k = seg(ci);
    const o = ci - starts[k];
    return o === parts[k].length ? segs[k].lineEnd : segs[k].start + o;
  };
  const seq = tokenize(content, breaks, trimmed, doc.collecting ? NO_LABELS : doc.labels);
  if (!seq) return null;
  return phrasing(doc, resolveEmphasis(seq), content, at, (ci) => segs[seg(ci)]);
}

function phrasing(doc: Doc, seq: Item[], content: string, at: (ci: number) => number, segOf: (ci: number) => Segment): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const span = (s: number, e: number) => pos(doc, at(s), at(e - 1) + 1);
  for (let k = 0; k < seq.length; k++) {
    const it = seq[k];
    if (it.t === 'text') {
      let e = it.e;
      while (k + 1 < seq.length && seq[k + 1].t === 'text') e = seq[++k].e;
      out.push({ type: 'text', value: content.slice(it.s, e), position: span(it.s, e) });
    } else if (it.t === 'break') {
      const s = segOf(it.s);
      out.push({ type: 'break', position: pos(doc, s.end, s.lineEnd + 1) });
    } else if (it.t === 'code') {
      out.push({ type: 'inlineCode', value: it.value, position: span(it.s, it.e) });
    } else if (it.t === 'html') {
      out.push({ type: 'html', value: content.slice(it.s, it.e), position: span(it.s, it.e) });
    } else if (it.t === 'ref') {
      out.push({
        type: 'linkReference',
        identifier: it.identifier,
        label: it.label,
        referenceType: it.kind,
        children: phrasing(doc, it.children, content, at, segOf),
        position: span(it.s, it.e),
      });
    } else if (it.t === 'link') {
      out.push({ type: 'link', url: it.url, title: null, children: phrasing(doc, it.children, content, at, segOf), position: span(it.s, it.e) });
    } else if (it.t === 'emphasis' || it.t === 'strong') {
      out.push({ type: it.t, children: phrasing(doc, it.children, content, at, segOf), position: span(it.s, it.e) });
    }
  }
  return out;
}

type Item =
  | { t: 'text'; s: number; e: number }
  | { t: 'break'; s: number; e: number }
  | { t: 'html'; s: number; e: number }
  | { t: 'code'; s: number; e: number; value: string }
  | { t: 'delim'; s: number; e: number; ch: string; open: boolean; close: boolean }
  | { t: 'bracket'; s: number; e: number; active: boolean }
  | { t: 'link'; s: number; e: number; url: string; children: Item[] }
  | { t: 'ref'; s: number; e: number; label: string; identifier: string; kind: 'full' | 'collapsed' | 'shortcut'; children: Item[] }
  | { t: 'emphasis' | 'strong'; s: number; e: number; children: Item[] };

/** More delimiter runs than this in one block, and remark is asked instead (its resolution is quadratic). */
const MAX_DELIMS = 64;
/** remark does not read a link text longer than this. */
const MAX_LABEL = 999;

/** 1 for white space (and the edges), 2 for punctuation or a symbol, 0 for anything else, as micromark classifies. */
function classify(content: string, i: number): number {
  if (i < 0 || i >= content.length) return 1;
  const ch = content[i];
  if (/\s/.test(ch)) return 1;
  return /\p{P}|\p{S}/u.test(ch) ? 2 : 0;
}

const SPECIAL = /[`*_[\]<]/g;

/**
 * The runs of `content`: text, code spans, delimiter runs, brackets (inline links made as soon as
 * their "](" closes), hard breaks (at the joins in `breaks`). A code span across a join where
 * spaces were left out of `content` (`trimmed`: trailing spaces, or the next line's indentation)
 * would lose them: null.
 */
function tokenize(content: string, breaks: readonly number[], trimmed: readonly number[], labels: ReadonlySet<string>): Item[] | null {
  const seq: Item[] = [];
  let nextBreak = 0;
  const brackets: number[] = [];
  const closing = backtickRuns(content);
  let delims = 0;
  let i = 0;
  while (i < content.length) {
    const ch = content[i];
    if (ch === '`') {
      let n = 1;
      while (content[i + n] === '`') n++;
      const close = closing(i + n, n);
      if (close < 0) {
        seq.push({ t: 'text', s: i, e: i + n });
        i += n;
        continue;
      }
      if (trimmed.some((j) => j >= i && j < close) || breaks.some((j) => j >= i && j < close)) return null;
      let value = content.slice(i + n, close);
      if (/^[ \n]/.test(value) && /[ \n]$/.test(value) && /[^ \n]/.test(value)) value = value.slice(1, -1);
      seq.push({ t: 'code', s: i, e: close + n, value });
      i = close + n;
    } else if (ch === '*' || ch === '_') {
      let n = 1;
      while (content[i + n] === ch) n++;
      if (++delims > MAX_DELIMS) return null;
      const before = classify(content, i - 1);
      const after = classify(content, i + n);
      const open = !after || (after === 2 && !!before);
      const close = !before || (before === 2 && !!after);
      seq.push({
        t: 'delim',
        s: i,
        e: i + n,
        ch,
        open: ch === '*' ? open : open && (!!before || !close),
        close: ch === '*' ? close : close && (!!after || !open),
      });
      i += n;
    } else if (ch === '<' && /[A-Za-z/]/.test(content[i + 1] ?? '')) {
      // A tag is inline HTML; anything else starting like one (an autolink, a tag across lines) is remark's.
      const rest = content.slice(i, i + 1000);
      const tag = AUTOLINK.test(rest) ? null : TAG.exec(rest);
      if (!tag) return null;
      seq.push({ t: 'html', s: i, e: i + tag[0].length });
      i += tag[0].length;
    } else if (ch === '[') {
      brackets.push(seq.length);
      seq.push({ t: 'bracket', s: i, e: i + 1, active: true });
      i++;
    } else if (ch === ']') {
      // The nearest "[" closes here: a link if "](" follows with a plain destination, a reference
      // if its label is defined; else both brackets are text.
      const b = brackets.pop();
      const opener = b === undefined ? undefined : seq[b];
      let link: Item | null = null;
      if (b !== undefined && opener?.t === 'bracket' && opener.active) {
        if (content[i + 1] === '(') {
          const res = resource(content, i + 2);
          if (!res) return null;
          link = { t: 'link', s: opener.s, e: res.end, url: res.url, children: resolveEmphasis(seq.slice(b + 1)) };
        } else if (labels.size) {
          const ref = reference(content, opener.e, i, labels);
          if (ref === 'decline') return null;
          if (ref) link = { t: 'ref', s: opener.s, e: ref.end, ...ref, children: resolveEmphasis(seq.slice(b + 1)) };
        }
      }
      if (b === undefined || !link) {
        seq.push({ t: 'text', s: i, e: i + 1 });
        i++;
        continue;
      }
      if (i - link.s - 1 > MAX_LABEL) return null;
      seq.splice(b, seq.length - b, link);
      // A link holds no other link: the brackets before it can no longer open one.
      for (const k of brackets) {
        const o = seq[k];
        if (o.t === 'bracket') o.active = false;
      }
      i = link.e;
    } else {
      while (nextBreak < breaks.length && breaks[nextBreak] < i) nextBreak++;
      if (breaks[nextBreak] === i) {
        seq.push({ t: 'break', s: i, e: i + 1 });
        i++;
        continue;
      }
      SPECIAL.lastIndex = i + 1;
      const m = SPECIAL.exec(content);
      let e = m ? m.index : content.length;
      if (nextBreak < breaks.length && breaks[nextBreak] < e) e = breaks[nextBreak];
      seq.push({ t: 'text', s: i, e });
      i = e;
    }
  }
  return seq;
}

/**
 * Finds the start of the next run of exactly n backticks at or after `from`, or -1. Calls must come
 * with `from` never decreasing (the tokenizer moves forward), so the whole search is linear.
 */
function backtickRuns(content: string): (from: number, n: number) => number {
  const runs = new Map<number, number[]>();
  for (let j = content.indexOf('`'); j >= 0; j = content.indexOf('`', j)) {
    let k = 1;
    while (content[j + k] === '`') k++;
    const list = runs.get(k);
    if (list) list.push(j);
    else runs.set(k, [j]);
    j += k;
  }
  const next = new Map<number, number>();
  return (from, n) => {
    const list = runs.get(n);
    if (!list) return -1;
    let at = next.get(n) ?? 0;
    while (at < list.length && list[at] < from) at++;
    next.set(n, at);
    return at < list.length ? list[at] : -1;
  };
}

/**
 * A reference link closing at the "]" at `close` (its text from `textStart`): full ("[text][label]"),
 * collapsed ("[label][]") or shortcut ("[label]"), when its label is defined. null when it is no
 * reference (the brackets are text); 'decline' for what remark would try harder at (an undefined
 * label in a full reference, labels with brackets or across lines).
 */
function reference(content: string, textStart: number, close: number, labels: ReadonlySet<string>): { end: number; label: string; identifier: string; kind: 'full' | 'collapsed' | 'shortcut' } | null | 'decline' {
  const text = content.slice(textStart, close);
  if (content[close + 1] === '[') {
    const end = content.indexOf(']', close + 2);
    if (end < 0) return 'decline';
    const second = content.slice(close + 2, end);
    const label = second || text;
    if (/[[\]\n]/.test(label) || label.length > MAX_LABEL) return 'decline';
    const identifier = identifierOf(label);
    if (!labels.has(identifier)) return 'decline';
    return { end: end + 1, label, identifier, kind: second ? 'full' : 'collapsed' };
  }
  if (/[[\]]/.test(text) || text.length > MAX_LABEL) return null;
  if (text.includes('\n')) return 'decline';
  const identifier = identifierOf(text);
  return labels.has(identifier) ? { end: close + 1, label: text, identifier, kind: 'shortcut' } : null;
}

/**
 * An inline link's destination after "](" at `from`: its end (after ")") and URL. null when the
 * resource is anything but a plain destination (a title, angle brackets, a line break, spaces).
 */
function resource(content: string, from: number): { end: number; url: string } | null {
  if (content[from] === '<') return null;
  let p = from;
  let depth = 0;
  for (; p < content.length; p++) {
    const c = content.charCodeAt(p);
    if (c <= 32 || c === 127) return null;
    if (c === 40 /* ( */) {
      if (++depth > 3) return null;
    } else if (c === 41 /* ) */) {
      if (depth === 0) return { end: p + 1, url: content.slice(from, p) };
      depth--;
    }
  }
  return null;
}

/**
 * Pairs emphasis delimiters as micromark does: each closing run, left to right, takes the nearest
 * earlier opening run of the same character (the rule of three permitting); what lies between is
 * resolved on its own. Runs left unpaired are text.
 */
function resolveEmphasis(seq: Item[]): Item[] {
  let idx = 0;
  while (idx < seq.length) {
    const closer = seq[idx];
    if (closer.t === 'delim' && closer.close) {
      let found = -1;
      for (let o = idx - 1; o >= 0; o--) {
        const op = seq[o];
        if (op.t !== 'delim' || !op.open || op.ch !== closer.ch) continue;
        const ol = op.e - op.s;
        const cl = closer.e - closer.s;
        if ((op.close || closer.open) && cl % 3 && !((ol + cl) % 3)) continue;
        found = o;
        break;
      }
      if (found >= 0) {
        const op = seq[found] as Extract<Item, { t: 'delim' }>;
        const use = op.e - op.s > 1 && closer.e - closer.s > 1 ? 2 : 1;
        const children = resolveEmphasis(seq.slice(found + 1, idx));
        const group: Item = { t: use > 1 ? 'strong' : 'emphasis', s: op.e - use, e: closer.s + use, children };
        op.e -= use;
        closer.s += use;
        const replacement: Item[] = [];
        if (op.e > op.s) replacement.push(op);
        replacement.push(group);
        const rest = closer.e > closer.s;
        if (rest) replacement.push(closer);
        seq.splice(found, idx - found + 1, ...replacement);
        idx = found + replacement.length - (rest ? 1 : 0);
        continue;
      }
    }
    idx++;
  }
  return seq.map((it) => (it.t === 'delim' || it.t === 'bracket' ? { t: 'text', s: it.s, e: it.e } : it));
}
