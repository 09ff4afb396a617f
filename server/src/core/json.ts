/**
 * JSON with the place of every key and value, so that an error in a configuration file can be
 * shown at the key or value it is about. Strict JSON (RFC 8259: no comments, no trailing commas),
 * read by jsonc-parser, the reader VS Code uses for its own settings. A syntax error is reported
 * at the offset where the text stops being JSON, in words that say what is wrong and what is
 * expected there; it is never thrown.
 */
import { createScanner, parseTree, printParseErrorCode, visit, type Node, type ParseOptions } from 'jsonc-parser';
import type { Span } from './types';

export type JsonNode =
  | { kind: 'object'; span: Span; entries: JsonEntry[] }
  | { kind: 'array'; span: Span; items: JsonNode[] }
  | { kind: 'string'; span: Span; value: string }
  | { kind: 'number'; span: Span; value: number }
  | { kind: 'boolean'; span: Span; value: boolean }
  | { kind: 'null'; span: Span; value: null };

export interface JsonEntry {
  key: string;
  keySpan: Span;
  value: JsonNode;
}

export type JsonResult = { ok: true; node: JsonNode } | { ok: false; offset: number; message: string };

/** Objects and lists nested deeper than this are refused where they pass it: a configuration needs three levels. */
const MAX_JSON_DEPTH = 64;

const STRICT: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** An error jsonc-parser reported, with what the reader was inside at that point. */
/** jsonc-parser's error codes by name (its enums are const enums, which isolated modules cannot read). */
type ErrorName = ReturnType<typeof printParseErrorCode>;

interface Reported {
  code: ErrorName;
  offset: number;
  /** The closer of the innermost open object or list, or null at the top level. */
  close: '}' | ']' | null;
  /** The last key read. */
  key: string;
}

/** Parses JSON text into a tree with spans, or says where and why it is not JSON. */
export function parseJson(source: string): JsonResult {
  // A byte order mark is not JSON's but editors write one: read it as white space (offsets stay).
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source;
  const deep = tooDeep(text);
  if (deep !== null) return { ok: false, offset: deep, message: `Objects and lists are nested more than ${MAX_JSON_DEPTH} levels deep here; a configuration needs only a few levels.` };
  const errors: Reported[] = [];
  const open: ('}' | ']')[] = [];
  let key = '';
  visit(
    text,
    {
      onObjectBegin: () => void open.push('}'),
      onArrayBegin: () => void open.push(']'),
      onObjectEnd: () => void open.pop(),
      onArrayEnd: () => void open.pop(),
      onObjectProperty: (property) => void (key = property),
      // The first error is the one shown; a few after it say what was expected past a stray character.
      onError: (code, offset) => void (errors.length < 8 && errors.push({ code: printParseErrorCode(code), offset, close: open[open.length - 1] ?? null, key })),
    },
    STRICT,
  );
  if (errors.length) return { ok: false, offset: placeOf(text, errors[0]), message: describe(text, errors) };
  const root = parseTree(text, [], STRICT);
  if (!root) return { ok: false, offset: text.length, message: 'The file ends where a value was expected.' };
  return { ok: true, node: toNode(root) };
}

/** Where objects and lists first nest deeper than the limit (jsonc-parser's reader recurses), or null. */
function tooDeep(text: string): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  // A token's first character tells a bracket (a string token starts with its quote).
  for (scanner.scan(); scanner.getTokenOffset() < text.length; scanner.scan()) {
    const c = text[scanner.getTokenOffset()];
    if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (c === '}' || c === ']') depth--;
  }
  return null;
}

function toNode(n: Node): JsonNode {
  const span = { start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case 'object':
      return {
        kind: 'object',
        span,
        entries: (n.children ?? []).map((p) => {
          const [k, v] = p.children as [Node, Node];
          return { key: k.value as string, keySpan: { start: k.offset, end: k.offset + k.length }, value: toNode(v) };
        }),
      };
    case 'array':
      return { kind: 'array', span, items: (n.children ?? []).map(toNode) };
    case 'string':
      return { kind: 'string', span, value: n.value as string };
    case 'number':
      return { kind: 'number', span, value: n.value as number };
    case 'boolean':
      return { kind: 'boolean', span, value: n.value as boolean };
    default:
      return { kind: 'null', span, value: null };
  }
}

/** The character at an offset as messages show it, or "the end of the file". */
function what(text: string, at: number): string {
  return at >= text.length ? 'the end of the file' : `'${text[at]}'`;
}

/** The last character before `at` that is not white space. */
function before(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && ' \t\r\n'.includes(text[i])) i--;
  return i >= 0 ? text[i] : '';
}

/** A string's problem, from its opening quote: where it breaks a line, has a bad escape, or ends unclosed. */
function stringProblem(text: string, start: number): { offset: number; message: string } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') break;
    if (c === '\n' || c === '\r') return { offset: i, message: 'A JSON string cannot span lines: close it with " on the same line.' };
    if (c === '\\') {
      const e = text[i + 1];
      if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else return { offset: i, message: 'This escape is not valid in a JSON string: use \\", \\\\, \\n, \\t or \\uXXXX.' };
    } else if (c.charCodeAt(0) < 0x20) {
      return { offset: i, message: 'A JSON string cannot hold a control character such as a tab: write it as an escape (\\t, \\uXXXX).' };
    }
  }
  return { offset: start, message: 'This string is not closed: add the closing ".' };
}

const STRING_ERRORS = new Set<ErrorName>(['UnexpectedEndOfString', 'InvalidEscapeCharacter', 'InvalidUnicode', 'InvalidCharacter']);

function placeOf(text: string, e: Reported): number {
  return STRING_ERRORS.has(e.code) ? stringProblem(text, e.offset).offset : e.offset;
}

/**
 * The first error in words. A character JSON does not know (a single quote, a bare word) is shown
 * where it stands, with what the reader expected there: the next error jsonc-parser reports once it
 * has skipped it.
 */
function describe(text: string, errors: readonly Reported[]): string {
  const first = errors[0];
  if (STRING_ERRORS.has(first.code)) return stringProblem(text, first.offset).message;
  if (first.code === 'InvalidCommentToken') return 'Comments are not allowed in JSON: remove them.';
  const found = what(text, first.offset);
  if (first.code === 'InvalidSymbol') {
    const next = errors.find((e) => e.code !== 'InvalidSymbol');
    if (text[first.offset] === "'" && next?.code !== 'PropertyNameExpected') return 'JSON strings use double quotes ("), not single quotes.';
    if (!next) return first.close === null ? `Unexpected ${found} after the end of the JSON value.` : valueExpected(found);
    return expected(text, { ...next, offset: first.offset }, found);
  }
  return expected(text, first, found);
}

function valueExpected(found: string): string {
  return `Expected a value (an object, list, string, number, true, false or null), found ${found}.`;
}

function expected(text: string, e: Reported, found: string): string {
  const trailingComma = (text[e.offset] === '}' || text[e.offset] === ']') && before(text, e.offset) === ',';
  switch (e.code) {
    case 'PropertyNameExpected':
      return trailingComma ? `A comma before the closing } is not allowed in JSON: remove it.` : `Expected a key in double quotes, found ${found}.`;
    case 'ValueExpected':
      if (trailingComma) return `A comma before the closing ${text[e.offset]} is not allowed in JSON: remove it.`;
      if (e.offset >= text.length) return 'The file ends where a value was expected.';
      if (text[e.offset] === "'") return 'JSON strings use double quotes ("), not single quotes.';
      return valueExpected(found);
    case 'ColonExpected':
      return `Expected ':' after the key "${e.key}", found ${found}.`;
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected': {
      const prev = before(text, e.offset);
      if (e.offset >= text.length && (prev === ',' || prev === ':' || prev === '[')) return 'The file ends where a value was expected.';
      if (e.offset >= text.length && prev === '{') return `Expected a key in double quotes, found ${found}.`;
      // jsonc-parser leaves an object or list before it says its closer is missing: name that closer.
      const close = e.code === 'CloseBraceExpected' ? '}' : e.code === 'CloseBracketExpected' ? ']' : e.close;
      return `Expected ',' or '${close ?? '}'}' after a value, found ${found}.`;
    }
    case 'EndOfFileExpected':
      return `Unexpected ${found} after the end of the JSON value.`;
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return 'This is not a JSON number: write digits, with an optional fraction and exponent (e.g. 5, 0.5, 1e3).';
    default:
      return valueExpected(found);
  }
}
