/**
 * JSON with the place of every key and value, so that an error in a configuration file can be
 * shown at the key or value it is about. Strict JSON (RFC 8259): a syntax error is reported at the
 * offset where the text stops being JSON, never thrown.
 */
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

class SyntaxFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Objects and lists nested deeper than this are refused where they pass it: a configuration needs three levels. */
export const MAX_JSON_DEPTH = 64;

/** Parses JSON text into a tree with spans, or says where and why it is not JSON. */
export function parseJson(text: string): JsonResult {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let depth = 0;
  const fail = (message: string, at = i): never => {
    throw new SyntaxFailure(at, message);
  };
  const skip = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const what = (): string => (i >= text.length ? 'the end of the file' : `'${text[i]}'`);
  const noComment = (): void => {
    if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('Comments are not allowed in JSON: remove them.');
  };

  const str = (): { value: string; span: Span } => {
    const start = i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      const c = text[i];
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('This escape is not valid in a JSON string: use \\", \\\\, \\n, \\t or \\uXXXX.');
      } else if (c === '\n' || c === '\r') fail('A JSON string cannot span lines: close it with " on the same line.');
      else {
        out += c;
        i++;
      }
    }
    if (i >= text.length) fail('This string is not closed: add the closing ".', start);
    i++;
    return { value: out, span: { start, end: i } };
  };

  /** The items of an object or a list, from its opening character to `close`, comma-separated. */
  const sequence = <T>(close: '}' | ']', item: () => T): T[] => {
    i++;
    const out: T[] = [];
    skip();
    if (text[i] === close) {
      i++;
      return out;
    }
    for (;;) {
      out.push(item());
      skip();
      noComment();
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === close) fail(`A comma before the closing ${close} is not allowed in JSON: remove it.`);
        continue;
      }
      if (text[i] === close) {
        i++;
        return out;
      }
      fail(`Expected ',' or '${close}' after a value, found ${what()}.`);
    }
  };

  const value = (): JsonNode => {
    skip();
    const start = i;
    const c = text[i];
    if ((c === '{' || c === '[') && ++depth > MAX_JSON_DEPTH) {
      fail(`Objects and lists are nested more than ${MAX_JSON_DEPTH} levels deep here; a configuration needs only a few levels.`);
    }
    if (c === '{') {
      const entries = sequence('}', (): JsonEntry => {
        skip();
        noComment();
        if (text[i] !== '"') fail(`Expected a key in double quotes, found ${what()}.`);
        const key = str();
        skip();
        if (text[i] !== ':') fail(`Expected ':' after the key "${key.value}", found ${what()}.`);
        i++;
        return { key: key.value, keySpan: key.span, value: value() };
      });
      depth--;
      return { kind: 'object', span: { start, end: i }, entries };
    }
    if (c === '[') {
      const items = sequence(']', value);
      depth--;
      return { kind: 'array', span: { start, end: i }, items };
    }
    if (c === '"') {
      const s = str();
      return { kind: 'string', span: s.span, value: s.value };
    }
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (num) {
      i += num[0].length;
      return { kind: 'number', span: { start, end: i }, value: Number(num[0]) };
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v === null ? { kind: 'null', span: { start, end: i }, value: null } : { kind: 'boolean', span: { start, end: i }, value: v };
      }
    }
    noComment();
    if (c === "'") fail("JSON strings use double quotes (\"), not single quotes.");
    return fail(i >= text.length ? 'The file ends where a value was expected.' : `Expected a value (an object, list, string, number, true, false or null), found ${what()}.`);
  };

  try {
    const node = value();
    skip();
    if (i < text.length) fail(`Unexpected ${what()} after the end of the JSON value.`);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}
