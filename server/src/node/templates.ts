/** Loads templates from folders on disk. A broken template is reported and skipped; the rest load. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTemplate, TemplateError, type TemplateSchema } from '../core';

export interface LoadedTemplates {
  templates: TemplateSchema[];
  errors: TemplateError[];
}

/** The built-in templates folder: beside `dist/` in the package, or at the repository root. */
export function builtinTemplatesDir(): string {
  const candidates = [path.join(__dirname, '..', 'templates'), path.join(__dirname, '..', '..', '..', 'templates')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'klip.md'))) ?? candidates[0];
}

export function loadTemplateDirs(dirs: readonly string[]): LoadedTemplates {
  const byId = new Map<string, TemplateSchema>();
  const errors: TemplateError[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.md') && !['README.MD', 'NOTES.MD'].includes(n.toUpperCase())).sort();
    } catch {
      errors.push(new TemplateError(dir, 1, 'The template folder cannot be read.'));
      continue;
    }
    const seenHere = new Map<string, string>();
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        const t = parseTemplate(fs.readFileSync(file, 'utf8'), file);
        const clash = seenHere.get(t.id);
        if (clash) {
          errors.push(new TemplateError(file, 1, `Template id '${t.id}' is already used by ${clash}; give one of them another id.`));
          continue;
        }
        for (const name of t.file.companions) {
          const companion = path.join(dir, `${t.id}.${name}`);
          if (!fs.existsSync(companion)) throw new TemplateError(file, 1, `The companion file ${companion} named in "file.companions" is missing.`);
          t.companionFiles.push({ name, text: fs.readFileSync(companion, 'utf8') });
        }
        seenHere.set(t.id, file);
        byId.set(t.id, t); // a later folder replaces an earlier one's template with the same id
      } catch (e) {
        errors.push(e instanceof TemplateError ? e : new TemplateError(file, 1, String(e)));
      }
    }
  }
  return { templates: [...byId.values()], errors };
}

/**
 * Template folders a workspace's own configuration names. In a workspace the user has not trusted,
 * a folder outside the workspace is refused: the workspace must not make the editor read files
 * elsewhere on the machine. `refused` holds the message for each.
 */
export function workspaceTemplateDirs(root: string, dirs: readonly string[], trusted: boolean): { dirs: string[]; refused: string[] } {
  const out: string[] = [];
  const refused: string[] = [];
  for (const d of dirs) {
    const abs = path.resolve(root, d);
    const rel = path.relative(root, abs);
    if (!trusted && (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))) {
      refused.push(`The template folder '${d}' in the workspace's configuration is outside the workspace; in Restricted Mode it is not read. Trust the workspace to use it, or move the templates into the workspace.`);
    } else out.push(abs);
  }
  return { dirs: out, refused };
}
