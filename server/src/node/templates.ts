/** Loads templates from folders on disk. A broken template is reported and skipped; the rest load. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTemplate, TemplateError, type TemplateSchema } from '../core';
import type { LoadedTemplates, TemplateDir } from '../core/workspace';
import { formatSize } from './files';
import { withGitHistory } from './history';
import { AUX_MAX_BYTES, isInside, readFileBounded, ReadError } from './safeFs';

/** The built-in templates folder: beside `dist/` in the package, or at the repository root. */
export function builtinTemplatesDir(): string {
  const candidates = [path.join(__dirname, '..', 'templates'), path.join(__dirname, '..', '..', '..', 'templates')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'klip.md'))) ?? candidates[0];
}

export function loadTemplateDirs(dirs: readonly TemplateDir[]): LoadedTemplates {
  const byId = new Map<string, TemplateSchema>();
  const errors: TemplateError[] = [];
  const builtinDir = path.resolve(builtinTemplatesDir());
  for (const entry of dirs) {
    const dir = typeof entry === 'string' ? entry : entry.dir;
    const within = typeof entry === 'string' ? undefined : entry.within;
    if (within !== undefined && !isInside(within, dir)) {
      errors.push(new TemplateError(dir, 1, `The template folder resolves outside the workspace (${within}), through a symbolic link or otherwise, so it is not read; move the templates into the workspace.`));
      continue;
    }
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
        if (within !== undefined && !isInside(within, file)) {
          throw new TemplateError(file, 1, `The template is a symbolic link to a file outside the workspace (${within}), so it is not read; copy the template into the workspace.`);
        }
        const builtin = path.resolve(dir) === builtinDir;
        // A team's template in a git repository has its earlier versions from the file's history
        // (Proposal Kit's own templates write theirs in their settings).
        const parsed = parseTemplate(readTemplateText(file, 'template'), file);
        const t = builtin ? parsed : withGitHistory(parsed, file);
        const clash = seenHere.get(t.id);
        if (clash) {
          errors.push(new TemplateError(file, 1, `Template id '${t.id}' is already used by ${clash}; give one of them another id.`));
          continue;
        }
        for (const name of t.file.companions) {
          // parseTemplate lets only plain file names through; the file must still be the folder's own.
          const companion = path.join(dir, `${t.id}.${name}`);
          if (!fs.existsSync(companion)) throw new TemplateError(file, 1, `The companion file ${companion} named in "file.companions" is missing.`);
          if (!isInside(dir, companion)) throw new TemplateError(file, 1, `The companion file ${companion} named in "file.companions" is a symbolic link out of the template's folder; companions are read only from the template's own folder.`);
          t.companionFiles.push({ name, text: readTemplateText(companion, 'companion file') });
        }
        if (builtin) t.builtin = true;
        seenHere.set(t.id, file);
        byId.set(t.id, t); // a later folder replaces an earlier one's template with the same id
      } catch (e) {
        errors.push(e instanceof TemplateError ? e : new TemplateError(file, 1, String(e)));
      }
    }
  }
  return { templates: [...byId.values()], errors };
}

/** A template or companion file's text: a regular UTF-8 file within the size limit, or a TemplateError saying why not. */
function readTemplateText(file: string, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileBounded(file, AUX_MAX_BYTES));
  } catch (e) {
    if (e instanceof ReadError) {
      const why =
        e.kind === 'too-large'
          ? `is larger than ${formatSize(AUX_MAX_BYTES)}, the limit for a ${what} (the largest real template is 33 KB)`
          : e.kind === 'not-regular'
            ? 'is not a regular file (a device, pipe or socket)'
            : e.kind === 'folder'
              ? 'is a folder'
              : e.message.slice(file.length + 2);
      throw new TemplateError(file, 1, `The ${what} ${why}, so it is not read.`);
    }
    throw new TemplateError(file, 1, `The ${what} is not valid UTF-8 text; save it as UTF-8.`);
  }
}
