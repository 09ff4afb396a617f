/**
 * Loading templates from folders, whatever holds them (the disk, a web editor's file system, the
 * templates bundled with the extension): a broken template is reported and skipped; the rest load,
 * and a later folder's template replaces an earlier one's with the same id.
 */
import { parseTemplate, readsAsTemplate, SETTINGS_KEY, TemplateError, type TemplateSchema } from './template';
import { splitLines } from './text';
import type { LoadedTemplates, PathOps, TemplateDir } from './workspace';

/** Whether a file's front matter holds Proposal Kit's settings (a `proposal-kit:` line before it closes). */
function hasSettings(text: string): boolean {
  const lines = splitLines(text.slice(0, 64 * 1024));
  if (lines[0]?.trim() !== '---') return false;
  for (const line of lines.slice(1)) {
    if (/^(?:---|\.\.\.)\s*$/.test(line)) return false;
    if (line.startsWith(`${SETTINGS_KEY}:`)) return true;
  }
  return false;
}

/** What loading templates reads. */
export interface TemplateFiles {
  readonly path: PathOps;
  /** The folder of the built-in templates: its templates are marked built-in. */
  readonly builtinDir: string;
  /** The file names in a folder; undefined when it cannot be read. */
  names(dir: string): string[] | undefined;
  exists(file: string): boolean;
  /** Whether `p` resolves inside `root`, symbolic links followed. */
  isInside(root: string, p: string): boolean;
  /** A template or companion file's text, or a TemplateError saying why it is not read. */
  readText(file: string, what: 'template' | 'companion file'): string;
  /**
   * A team's template with its earlier versions, where the files have a history (a git
   * repository); Proposal Kit's own templates write theirs in their settings.
   */
  withHistory?(t: TemplateSchema, file: string): TemplateSchema;
}

export function loadTemplatesFrom(dirs: readonly TemplateDir[], files: TemplateFiles): LoadedTemplates {
  const path = files.path;
  const byId = new Map<string, TemplateSchema>();
  const errors: TemplateError[] = [];
  const builtinDir = path.resolve(files.builtinDir);
  for (const entry of dirs) {
    const dir = typeof entry === 'string' ? entry : entry.dir;
    const within = typeof entry === 'string' ? undefined : entry.within;
    if (within !== undefined && !files.isInside(within, dir)) {
      errors.push(new TemplateError(dir, 1, `The template folder resolves outside the workspace (${within}), through a symbolic link or otherwise, so it is not read; move the templates into the workspace.`));
      continue;
    }
    const listed = files.names(dir);
    if (listed === undefined) {
      errors.push(new TemplateError(dir, 1, 'The template folder cannot be read.'));
      continue;
    }
    const names = listed.filter((n) => n.toLowerCase().endsWith('.md')).sort();
    const seenHere = new Map<string, string>();
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        if (within !== undefined && !files.isInside(within, file)) {
          throw new TemplateError(file, 1, `The template is a symbolic link to a file outside the workspace (${within}), so it is not read; copy the template into the workspace.`);
        }
        const builtin = path.resolve(dir) === builtinDir;
        // A folder's README.md or NOTES.md describes the folder, unless it is itself a template
        // (a template kept as its folder's README.md, copied in as it is).
        // One with Proposal Kit's settings in its front matter is meant as a template: what keeps
        // it from loading is said, as for any other.
        const aside = ['README.MD', 'NOTES.MD'].includes(name.toUpperCase());
        const text = files.readText(file, 'template');
        let parsed: TemplateSchema;
        try {
          parsed = parseTemplate(text, file);
        } catch (e) {
          if (aside && !hasSettings(text)) continue;
          throw e;
        }
        if (aside && !readsAsTemplate(parsed)) continue;
        const t = builtin || !files.withHistory ? parsed : files.withHistory(parsed, file);
        const clash = seenHere.get(t.id);
        if (clash) {
          errors.push(new TemplateError(file, 1, `Template id '${t.id}' is already used by ${clash}; give one of them another id.`));
          continue;
        }
        for (const name of t.file.companions) {
          // parseTemplate lets only plain file names through; the file must still be the folder's own.
          const companion = path.join(dir, `${t.id}.${name}`);
          if (!files.exists(companion)) throw new TemplateError(file, 1, `The companion file ${companion} named in "file.companions" is missing.`);
          if (!files.isInside(dir, companion)) throw new TemplateError(file, 1, `The companion file ${companion} named in "file.companions" is a symbolic link out of the template's folder; companions are read only from the template's own folder.`);
          t.companionFiles.push({ name, text: files.readText(companion, 'companion file') });
        }
        if (builtin) t.builtin = true;
        seenHere.set(t.id, file);
        byId.set(t.id, t);
      } catch (e) {
        errors.push(e instanceof TemplateError ? e : new TemplateError(file, 1, String(e)));
      }
    }
  }
  const templates = [...byId.values()];
  linkUsedTemplates(templates, path);
  return { templates, errors };
}

/**
 * A section that another template structures (XLS's Specification, by AMENDMENT_TEMPLATE.md) gets
 * that template's sections, when it is loaded too: a document's headings there are read against them.
 */
function linkUsedTemplates(templates: readonly TemplateSchema[], path: PathOps): void {
  for (const t of templates) {
    for (const spec of t.sections) {
      if (!spec.uses) continue;
      const file = spec.uses.file.toLowerCase();
      const used = templates.find((o) => o !== t && path.basename(o.source).toLowerCase() === file);
      // Without their own links: one level of structure, never a cycle.
      spec.uses = used ? { file: spec.uses.file, sections: used.sections.map(({ uses: _uses, ...rest }) => rest) } : { file: spec.uses.file };
    }
  }
}
