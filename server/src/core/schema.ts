/**
 * `.proposalkit.json` checked against its JSON schema (schemas/proposalkit.schema.json), the one
 * VS Code validates the file with as it is typed, with ajv. Each schema error becomes a message at
 * the key or value it is about that names the key, says what is wrong and what is expected, with
 * the schema's own example.
 */
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../schemas/proposalkit.schema.json';
import type { JsonNode } from './json';
import type { Span } from './types';

export interface SchemaIssue {
  /** The JSON pointer of the value the issue is about (decoded: one string per step). */
  path: string[];
  span: Span;
  message: string;
}

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  enum?: string[];
  examples?: unknown[];
}

const ROOT_SCHEMA = schema as SchemaNode;
const ajv = new Ajv({ allErrors: true, strict: true });
// VS Code's own keyword for the message of a failed pattern: the editor shows it, the loader says its own.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
const validate = ajv.compile(schema);

export const KIND_NAME: Record<JsonNode['kind'], string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/** A value as the messages show it: `["a", "b"]`, `{ "k": "v" }`, `"text"`. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${shown(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** The JSON value of a node; of a key given twice, the first (the one that applies). */
export function plain(node: JsonNode): unknown {
  if (node.kind === 'array') return node.items.map(plain);
  if (node.kind !== 'object') return node.value;
  // No prototype: a key such as __proto__ is a plain key.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const e of node.entries) if (!Object.hasOwn(out, e.key)) out[e.key] = plain(e.value);
  return out;
}

/** The node at a path, and the span of its key when it is an object's entry. */
function nodeAt(root: JsonNode, path: readonly string[]): { node: JsonNode; keySpan?: Span } | null {
  let at: { node: JsonNode; keySpan?: Span } = { node: root };
  for (const step of path) {
    const n = at.node;
    if (n.kind === 'object') {
      const e = n.entries.find((x) => x.key === step);
      if (!e) return null;
      at = { node: e.value, keySpan: e.keySpan };
    } else if (n.kind === 'array' && n.items[Number(step)]) at = { node: n.items[Number(step)] };
    else return null;
  }
  return at;
}

function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let s: SchemaNode | undefined = ROOT_SCHEMA;
  for (const step of path) {
    if (!s) return undefined;
    if (s.type === 'array') s = s.items;
    else s = s.properties?.[step] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
  }
  return s;
}

const example = (s: SchemaNode | undefined): string => (s?.examples?.length ? shown(s.examples[0]) : '');

/** What a value of a schema is, in words. */
function expected(s: SchemaNode): string {
  if (s.type === 'array') return 'a list of text values';
  if (s.type === 'object') return s.properties ? 'an object of rule ids and severities' : 'an object';
  return 'text';
}

function message(path: readonly string[], error: ErrorObject, node: JsonNode): string | null {
  const [key, sub] = path;
  const found = KIND_NAME[node.kind];
  if (key === undefined) {
    if (error.keyword === 'type') return `The configuration must be a JSON object, e.g. ${example(ROOT_SCHEMA)}; found ${found}.`;
    return null;
  }
  const own = schemaAt([key]);
  if (!own) return null;
  if (sub === undefined) return `"${key}" must be ${expected(own)}, e.g. ${example(own)}; found ${found}.`;
  if (own.type === 'array') {
    if (error.keyword === 'type') return `Each entry of "${key}" must be text, e.g. ${example(own)}; found ${found}.`;
    return `An entry of "${key}" is empty: remove it or fill it in.`;
  }
  const value = schemaAt([key, sub]);
  if (value?.enum) {
    return `The severity of '${sub}' must be one of ${value.enum.join(', ')}; found ${node.kind === 'string' ? `'${node.value}'` : found}.`;
  }
  return `"${key}" maps "${sub}" to ${node.kind === 'string' ? 'empty text' : found}; expected text, e.g. ${example(own)}.`;
}

/** The schema's findings for a configuration, one per value (the first said of it), in the text's order. */
export function schemaIssues(root: JsonNode): SchemaIssue[] {
  if (validate(plain(root))) return [];
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of validate.errors ?? []) {
    const base = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const at = nodeAt(root, [...base, extra]);
      if (!at?.keySpan) continue;
      const known = Object.keys(schemaAt(base)?.properties ?? {}).filter((k) => k !== '$schema');
      const text = base.length ? `Unknown rule '${extra}': the rules are ${known.join(', ')}.` : `Unknown key "${extra}": the keys are ${known.join(', ')}.`;
      issues.push({ path: [...base, extra], span: at.keySpan, message: text });
      continue;
    }
    const id = base.join('/');
    if (seen.has(id)) continue;
    const at = nodeAt(root, base);
    const text = at && message(base, error, at.node);
    if (!at || !text) continue;
    seen.add(id);
    issues.push({ path: base, span: at.node.span, message: text });
  }
  return issues.sort((a, b) => a.span.start - b.span.start);
}
