/** Loads templates from folders on disk. A broken template is reported and skipped; the rest load. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TemplateError } from '../core';
import { loadTemplatesFrom } from '../core/templateLoad';
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
  return loadTemplatesFrom(dirs, {
    path,
    builtinDir: builtinTemplatesDir(),
    names: (dir) => {
      try {
        return fs.readdirSync(dir);
      } catch {
        return undefined;
      }
    },
    exists: (file) => fs.existsSync(file),
    isInside,
    readText: readTemplateText,
    withHistory: withGitHistory,
  });
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
