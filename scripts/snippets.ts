/**
 * Generates snippets/markdown.code-snippets from the built-in templates: one snippet per section of
 * each template (prefix `<id>-<section slug>`, e.g. `klip-design`, `kep-test-plan`: the heading at
 * the template's level, its guidance in an HTML comment, and a tab stop), and one per whole template
 * (prefix `<id>-proposal`). Run with `npm run snippets`; test/unit/snippets.test.ts fails when the
 * committed file differs from what this writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SectionSpec, TemplateSchema } from '../server/src/core';
import { slugify } from '../server/src/core/normalize';
import { loadTemplateDirs } from '../server/src/node/templates';

export const ROOT = path.resolve(__dirname, '..');
export const SNIPPETS_FILE = path.join(ROOT, 'snippets', 'markdown.code-snippets');

export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

/** Text as literal snippet text: `$`, `}` and `\` are escaped, as the snippet grammar requires. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** The guidance as one HTML comment; a `-->` inside would end the comment early. */
function guidanceComment(guidance: string): string {
  return `<!-- ${guidance.trim().replace(/-->/g, '-- >')} -->`;
}

/**
 * What goes under a section's heading: the template's own text for the section when it keeps its
 * guidance in an HTML comment (verbatim, so a form the template gives, such as a KEP's signoff
 * checklist, comes along as a new proposal has it); otherwise the guidance, put in a comment.
 */
function sectionContent(s: SectionSpec): string {
  const own = s.body.trim();
  if (own.includes('<!--')) return own;
  return s.guidance.trim() ? guidanceComment(s.guidance) : '';
}

export function templateSnippets(t: TemplateSchema): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  const prefixes = new Set<string>();
  const unique = (base: string, clash: string): string => {
    let p = prefixes.has(base) ? `${base}-${clash}` : base;
    for (let n = 2; prefixes.has(p); n++) p = `${base}-${clash}-${n}`;
    prefixes.add(p);
    return p;
  };
  const whole = unique(`${t.id}-proposal`, 'template');
  out[`${t.name}: whole proposal`] = {
    prefix: whole,
    description: `A new ${t.name} from the template, every section with its guidance: ${t.description}.`,
    body: lines(escapeSnippet(t.body.replace(/\s+$/, ''))),
  };
  for (const s of t.sections) {
    // A section whose slug is the whole template's prefix (a KEP's "Proposal") becomes "kep-proposal-section".
    const prefix = unique(`${t.id}-${slugify(s.name)}`, 'section');
    let name = `${t.name}: ${s.name}`;
    if (out[name]) name = `${name} (${prefix})`;
    if (s.leadIn) {
      // A part led in by a bold label is that line, the template's words selected to be typed over.
      out[name] = {
        prefix,
        description: `${t.name} '${s.name}' line (under the title), with the template's guidance.`,
        body: [`**${escapeSnippet(s.title)}:** \${1:${escapeSnippet(s.guidance)}}`, '', '$0'],
      };
      continue;
    }
    const body = [`${'#'.repeat(s.level)} ${escapeSnippet(s.title)}`, ''];
    const content = sectionContent(s);
    if (content) body.push(...lines(escapeSnippet(content)), '');
    body.push('$0');
    out[name] = {
      prefix,
      description: `${t.name} section '${s.name}'${s.optional ? ' (optional)' : ''}, with the template's guidance.`,
      body,
    };
  }
  return out;
}

/** The snippets file's text for the given templates, ordered by template id. */
export function renderSnippets(templates: readonly TemplateSchema[]): string {
  const all: Record<string, Snippet> = {};
  for (const t of [...templates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    Object.assign(all, templateSnippets(t));
  }
  return `${JSON.stringify(all, null, 2)}\n`;
}

/** The snippets file's text for the built-in templates in templates/. */
export function builtinSnippets(): string {
  const loaded = loadTemplateDirs([path.join(ROOT, 'templates')]);
  if (loaded.errors.length) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return renderSnippets(loaded.templates);
}

if (require.main === module) {
  const text = builtinSnippets();
  fs.mkdirSync(path.dirname(SNIPPETS_FILE), { recursive: true });
  fs.writeFileSync(SNIPPETS_FILE, text);
  console.log(`Wrote ${path.relative(ROOT, SNIPPETS_FILE)} (${Object.keys(JSON.parse(text)).length} snippets).`);
}
