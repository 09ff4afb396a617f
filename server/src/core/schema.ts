/**
 * `.proposalkit.json` checked against its JSON schema (schemas/proposalkit.schema.json), the one
 * VS Code validates the file with as it is typed, with ajv. Each schema error becomes a message at
 * the key or value it is about that names the key, says what is wrong and what is expected, with
 * the schema's own example. A template's settings are checked the same way against
 * schemas/template-settings.schema.json.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../schemas/proposalkit.schema.json';
import templateSettingsSchema from '../../../schemas/template-settings.schema.json';
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
// Union types: a template's list settings also take one value alone (`optional: Alternatives`).
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
// VS Code's own keyword for the message of a failed pattern: the editor shows it, the loader says its own.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
// Compiled on first use: a check without a configuration file never needs it, and compiling a
// schema costs tens of milliseconds of every command's start.
let validateConfig: ValidateFunction | undefined;
const configValidate = (): ValidateFunction => (validateConfig ??= ajv.compile(schema));

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
  const validate = configValidate();
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

// ---------------------------------------------------------------------------------------------
// A template's settings (`proposal-kit:` in its front matter), against schemas/template-settings.schema.json

interface SettingsSchemaNode {
  type?: string | string[];
  enum?: string[];
  properties?: Record<string, SettingsSchemaNode>;
  additionalProperties?: SettingsSchemaNode | boolean;
  items?: SettingsSchemaNode;
  required?: string[];
  description?: string;
  examples?: unknown[];
  patternErrorMessage?: string;
}

const SETTINGS_SCHEMA = templateSettingsSchema as SettingsSchemaNode;
let settingsValidator: ValidateFunction | undefined;
const settingsValidate = (): ValidateFunction => (settingsValidator ??= ajv.compile(templateSettingsSchema));

/** The settings a template may have, in the schema's order (the README's). */
export const TEMPLATE_SETTINGS: readonly string[] = Object.keys(SETTINGS_SCHEMA.properties ?? {});

/** What a YAML value is, in words. */
function yamlKind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  return typeof value === 'boolean' ? 'true or false' : 'something else';
}

function settingsSchemaAt(path: readonly string[]): SettingsSchemaNode | undefined {
  let s: SettingsSchemaNode | undefined = SETTINGS_SCHEMA;
  for (const step of path) {
    if (!s) return undefined;
    const types = ([] as string[]).concat(s.type ?? []);
    if (/^\d+$/.test(step) && (types.includes('array') || s.items)) s = s.items;
    else s = s.properties?.[step] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
  }
  return s;
}

/** What a schema node holds, in words. */
function expectedOf(s: SettingsSchemaNode): string {
  if (s.enum) return `one of ${s.enum.join(', ')}`;
  const types = ([] as string[]).concat(s.type ?? []);
  const words = types.map((t) =>
    t === 'array'
      ? s.items?.type === 'object'
        ? 'a list of mappings'
        : 'a list of text values'
      : t === 'object'
        ? 'a mapping'
        : t === 'string'
          ? 'text'
          : t === 'number'
            ? 'a number'
            : t === 'boolean'
              ? 'true or false'
              : t,
  );
  // A list setting also takes one value alone.
  if (words.includes('a list of text values') && words.includes('text')) return 'a list of text values';
  return words.join(' or ');
}

/** Where a value is, as the messages name it: `"status.order"`, `"name" of entry 2 of "metadata"`, `"aliases" for 'Motivation'`. */
function settingName(settings: unknown, path: readonly string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const step = path[i];
    const next = path[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      const rest = path.slice(i + 2);
      const name = valueAt(settings, [...path.slice(0, i + 2), 'name']);
      const entry = `entry ${Number(next) + 1} of "${[...out, step].join('.')}"${typeof name === 'string' ? ` ('${name}')` : ''}`;
      return rest.length ? `${settingName(settings, rest)} of ${entry}` : entry;
    }
    const parent = settingsSchemaAt(path.slice(0, i));
    if (parent && !parent.properties?.[step] && typeof parent.additionalProperties === 'object') {
      return `"${out.join('.')}" for '${step}'`;
    }
    out.push(step);
    i++;
  }
  return `"${out.join('.')}"`;
}

/** The value at a path of the settings. */
function valueAt(settings: unknown, path: readonly string[]): unknown {
  let v = settings;
  for (const step of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
  return v;
}

/** A problem with a template's settings: the top-level setting it is under (for its line), and what is wrong and expected. */
export interface SettingsProblem {
  /** The top-level setting the problem is in, or '' for the settings as a whole. */
  key: string;
  message: string;
}

/**
 * The first problem the schema finds in a template's settings, in plain words, or null. The
 * settings a team writes are YAML: a list setting also takes a single value (`optional: Alternatives`).
 */
export function templateSettingsProblem(settings: Record<string, unknown>, settingsKey: string): SettingsProblem | null {
  const validateSettings = settingsValidate();
  if (validateSettings(settings)) return null;
  const errors = [...(validateSettings.errors ?? [])];
  // The deepest error is the most telling: `type` at a nested value before the `additionalProperties` of its parent.
  errors.sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
  const error = errors[0];
  const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = path[0] ?? '';
  const own = settingsSchemaAt(path);
  const value = valueAt(settings, path);
  const eg = (s: SettingsSchemaNode | undefined): string => (s?.examples?.length ? `, e.g. ${shown(s.examples[0])}` : '');
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(own?.properties ?? {});
      if (!path.length) return { key: settingsKey, message: `"${settingsKey}" has '${extra}', which is not one of Proposal Kit's settings (${known.join(', ')}).` };
      return { key, message: `${settingName(settings, path)} has '${extra}', which it does not take; it takes ${known.join(', ')}.` };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const what = settingsSchemaAt([...path, missing]);
      const about = what?.description ? `: ${what.description.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}` : '';
      return { key, message: `${settingName(settings, path)} needs "${missing}"${about}.` };
    }
    case 'enum':
      return { key, message: `${settingName(settings, path)} is '${String(value)}'; expected ${expectedOf(own ?? {})}.` };
    case 'pattern': {
      const why = own?.patternErrorMessage ?? 'it is not a value Proposal Kit can use.';
      return { key, message: `${settingName(settings, path)} is '${String(value)}': ${why.replace(/^./, (c) => c.toLowerCase())}` };
    }
    case 'minItems':
      return { key, message: `${settingName(settings, path)} is empty; it must list at least one value${eg(own)}.` };
    default:
      return { key, message: `${settingName(settings, path)} must be ${expectedOf(own ?? {})}${eg(own)}; found ${yamlKind(value)}.` };
  }
}
