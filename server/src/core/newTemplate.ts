/**
 * A workspace template from a markdown document ("Create Template from This File"): the document
 * as it is, with an `id` (and a `name`) in its front matter. Its headings become the sections and
 * the text under each its guidance, as for any plain template. Pure: the caller writes the file.
 */
import { slugify } from './normalize';
import { parseDocument } from './incremental';
import { splitLines } from './text';
import { isLoneTitle, nameFromTitle, parseTemplate, settingsPlace, SETTINGS_KEY, TemplateError } from './template';

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
 * The template text for a document: Proposal Kit's settings in its front matter get `id`
 * (replacing one they have), and a `name` from its title when they have none. Settings go under
 * `proposal-kit:`; front matter that held only settings (the older form) is moved there, and any
 * other front matter is kept as it is: its keys are the fields the template's documents carry.
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
  const settings = (own: string[]): string[] => [
    `${SETTINGS_KEY}:`,
    `  id: ${id}`,
    ...(own.some((l) => /^\s+name\s*:/.test(l)) ? [] : [`  name: ${JSON.stringify(name)}`]),
    ...own.filter((l) => !/^\s+id\s*:/.test(l)),
  ];
  let out: string;
  const fm = model.frontMatter;
  if (fm) {
    const lines = splitLines(fm.raw);
    const place = settingsPlace(fm.data ?? {});
    let next: string[];
    if (place === 'whole') {
      next = settings(lines.map((l) => (l.trim() ? `  ${l}` : l)));
    } else if (place === 'nested') {
      const at = lines.findIndex((l) => new RegExp(`^${SETTINGS_KEY}\\s*:`).test(l));
      let end = at + 1;
      while (end < lines.length && (/^\s/.test(lines[end]) || !lines[end].trim())) end++;
      next = [...lines.slice(0, at), ...settings(lines.slice(at + 1, end)), ...lines.slice(end)];
    } else {
      next = [...settings([]), ...lines];
    }
    out = text.slice(0, fm.rawStart) + next.join(eol) + text.slice(fm.rawStart + fm.raw.length);
  } else {
    out = `---${eol}${settings([]).join(eol)}${eol}---${eol}${eol}${text.replace(/^\uFEFF/, '')}`;
  }
  try {
    const t = parseTemplate(out, `${id}.md`);
    return { ok: true, text: out, name: t.name, sections: t.sections.length };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, message: e.detail };
    throw e;
  }
}
