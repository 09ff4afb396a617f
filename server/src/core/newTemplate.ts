/**
 * A workspace template from a markdown document ("Create Template from This File"): the document
 * as it is, with an `id` (and a `name`) in its front matter. Its headings become the sections and
 * the text under each its guidance, as for any plain template. Pure: the caller writes the file.
 */
import { slugify } from './normalize';
import { parseDocument } from './incremental';
import { splitLines } from './text';
import { isLoneTitle, nameFromTitle, parseTemplate, TemplateError } from './template';

/** The id a file suggests: its name in kebab-case; a README takes its folder's name. */
export function suggestedTemplateId(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/').filter(Boolean);
  const name = parts.pop() ?? '';
  const base = name.replace(/\.(md|markdown)$/i, '');
  const chosen = /^readme$/i.test(base) && parts.length ? parts[parts.length - 1] : base;
  return slugify(chosen) || 'template';
}

export type NewTemplate = { ok: true; text: string; name: string; sections: number } | { ok: false; message: string };

/**
 * The template text for a document: its front matter gets `id` (replacing one it has), and a
 * `name` from its title when it has none; a document without front matter gets both in a new one.
 * A document that cannot be a template (no headings, broken front matter) says why.
 */
export function templateFromDocument(text: string, id: string): NewTemplate {
  // Within the parse limits, as every document: one nested too deep is refused below by
  // parseTemplate, at its line, instead of stalling the editor here.
  const model = parseDocument(text);
  const eol = model.lines.eol();
  if (model.frontMatter?.error) {
    const line = model.lines.positionAt(model.frontMatter.error.span.start).line + 1;
    return { ok: false, message: `Its front matter is not valid YAML (line ${line}): ${model.frontMatter.error.message}` };
  }
  const title = model.sections.length && model.sections[0].heading.level === 1 && isLoneTitle(model) ? model.sections[0].heading.text : null;
  const name = nameFromTitle(title) || id;
  let out: string;
  const fm = model.frontMatter;
  if (fm) {
    const lines = splitLines(fm.raw);
    const keep = lines.filter((l) => !/^id\s*:/.test(l));
    const head = [`id: ${id}`, ...(keep.some((l) => /^name\s*:/.test(l)) ? [] : [`name: ${JSON.stringify(name)}`])];
    out = text.slice(0, fm.rawStart) + [...head, ...keep].join(eol) + text.slice(fm.rawStart + fm.raw.length);
  } else {
    out = `---${eol}id: ${id}${eol}name: ${JSON.stringify(name)}${eol}---${eol}${eol}${text.replace(/^\uFEFF/, '')}`;
  }
  try {
    const t = parseTemplate(out, `${id}.md`);
    return { ok: true, text: out, name: t.name, sections: t.sections.length };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, message: e.detail };
    throw e;
  }
}
