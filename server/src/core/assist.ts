/** Completion, hover and symbols: what the editor asks about a position or the whole document. */
import type { Analysis } from './analyze';
import { guidanceFor } from './missing';
import type { ProposalModel, Section } from './parse';
import type { TemplateSchema } from './template';
import { splitLines } from './text';
import type { Position, Range } from './types';

export interface Completion {
  label: string;
  kind: 'section' | 'value' | 'template';
  detail: string;
  documentation: string;
  /** Replaces `range` (from the start of what was typed to the cursor). */
  insertText: string;
  range: Range;
  sortText: string;
}

const HEADING_START = /^( {0,3})(#{1,6})?(?:[ \t]+(.*))?$/;
const META_PREFIX = /^([ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?)([A-Za-z][A-Za-z0-9 /()._-]{0,40}?)((?::(?:\*\*|__)|(?:\*\*|__):|:)[ \t]*)([^|]*)$/;

/**
 * In a markdown file with nothing written yet, each template's whole proposal (`<id>-proposal`,
 * as the built-in snippets name them): the workspace's own templates are offered too.
 */
export function templateCompletions(templates: readonly TemplateSchema[], text: string, pos: Position): Completion[] {
  if (text.trim() !== '') return [];
  const typed = splitLines(text)[pos.line] ?? '';
  const range = { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: Math.min(pos.character, typed.length) } };
  return templates.map((t, i) => ({
    label: `${t.id}-proposal`,
    kind: 'template' as const,
    detail: `${t.name}: whole proposal`,
    documentation: `A new ${t.name} from the template, every section with its guidance${t.description ? `: ${t.description}` : ''}.`,
    insertText: t.body,
    range,
    sortText: String(i).padStart(3, '0'),
  }));
}

export function completionsAt(a: Analysis, pos: Position): Completion[] {
  const lines = a.model.lines;
  const lineStart = lines.lineStart(pos.line);
  const cursor = lines.offsetAt(pos);
  const before = a.model.text.slice(lineStart, cursor);

  const meta = META_PREFIX.exec(before);
  if (meta && offsetInPreamble(a, cursor)) {
    const key = meta[2].trim().toLowerCase();
    const field = a.template.metadata.find((f) => [f.name, ...f.aliases].some((n) => n.toLowerCase() === key));
    if (field?.values.length) {
      const valueStart = lineStart + meta[1].length + meta[2].length + meta[3].length;
      const range = lines.rangeOf({ start: valueStart, end: cursor });
      return field.values.map((v, i) => ({
        label: v,
        kind: 'value' as const,
        detail: `${field.name} (${a.template.name})`,
        documentation: `One of the values ${a.template.name} allows for ${field.name}: ${field.values.join(', ')}.`,
        insertText: v,
        range,
        sortText: String(i).padStart(3, '0'),
      }));
    }
  }

  const heading = HEADING_START.exec(before);
  if (!heading || (heading[2] === undefined && before.trim() !== '')) return [];
  const range = lines.rangeOf({ start: lineStart, end: cursor });
  const out: Completion[] = [];
  for (const spec of a.version.sections) {
    // A part led in by a bold label (a KLIP's tl;dr) is no heading to complete; its snippet and fix write it.
    if (spec.leadIn || a.present.has(spec.index) || a.inline.has(spec.index) || a.leadInsLeft.has(spec.index)) continue;
    const parent = spec.parent === null ? null : a.version.sections[spec.parent];
    const required = a.required(spec);
    out.push({
      label: spec.title,
      kind: 'section',
      detail: `${required ? 'Required' : 'Optional'} ${a.template.name} section${parent ? `, under '${parent.name}'` : ''}`,
      documentation: guidanceFor(a, spec),
      insertText: `${'#'.repeat(spec.level)} ${spec.title}`,
      range,
      sortText: String(spec.index).padStart(3, '0'),
    });
  }
  return out;
}

function offsetInPreamble(a: Analysis, offset: number): boolean {
  if (offset >= a.preamble.start && offset <= a.preamble.end) return true;
  const fm = a.model.frontMatter;
  return !!fm && offset >= fm.span.start && offset <= fm.span.end;
}

export interface HoverInfo {
  range: Range;
  /** Markdown. */
  contents: string;
  section: string;
  required: boolean;
  /** The template's guidance alone (may be empty). */
  guidance: string;
}

/** Guidance for the template section whose heading is at `pos`. */
export function hoverAt(a: Analysis, pos: Position, anywhereInSection = false): HoverInfo | null {
  const offset = a.model.lines.offsetAt(pos);
  let found: Section | null = null;
  for (const s of a.model.sections) {
    const inHeading = offset >= s.heading.span.start && offset <= s.heading.span.end;
    const inBody = anywhereInSection && offset >= s.heading.span.start && offset < Math.max(s.ownEnd, s.heading.span.end + 1);
    if (inHeading || inBody) found = s;
  }
  // Climb to the nearest template section.
  for (let s = found; s; s = s.parent) {
    const spec = a.specOf.get(s);
    if (!spec) {
      if (!anywhereInSection) return null;
      continue;
    }
    const required = a.required(spec);
    const raw = guidanceFor(a, spec);
    const guidance = raw || '_The template gives no guidance for this section._';
    const where = a.version === a.template ? a.template.name : `${a.template.name} (version ${a.version.version})`;
    return {
      range: a.model.lines.rangeOf(s.heading.span),
      contents: `**${spec.name}**: ${required ? 'required' : 'optional'} section of ${where}\n\n${guidance}`,
      section: spec.name,
      required,
      guidance: raw,
    };
  }
  return null;
}

export interface SymbolNode {
  name: string;
  detail: string;
  level: number;
  range: Range;
  selectionRange: Range;
  children: SymbolNode[];
}

const STATE_DETAIL = { written: 'written', empty: 'empty', guidance: 'guidance left', todo: 'empty (only "TODO")' } as const;

/** The document's section tree, each template section with its state. */
export function symbolsOf(model: ProposalModel, a: Analysis | null): SymbolNode[] {
  const lines = model.lines;
  const node = (s: Section): SymbolNode => {
    const spec = a?.specOf.get(s);
    const state = spec ? a?.present.get(spec.index)?.state : undefined;
    const end = Math.max(s.end, s.heading.span.end);
    return {
      name: s.heading.text || '(empty heading)',
      detail: state ? STATE_DETAIL[state] : '',
      level: s.heading.level,
      range: lines.rangeOf({ start: s.heading.span.start, end: trimEnd(model.text, s.heading.span.end, end) }),
      selectionRange: lines.rangeOf(s.heading.span),
      children: s.children.map(node),
    };
  };
  return model.roots.map(node);
}

/** Pulls `end` back over trailing line breaks, never before `min`. */
function trimEnd(text: string, min: number, end: number): number {
  let e = end;
  while (e > min && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  return e;
}
