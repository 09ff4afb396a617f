/** Files beside a proposal that bear on its checks: the kep.yaml next to a KEP's README.md. */
import * as path from 'node:path';
import type { Companions } from '../core/analyze';
import { readTextIfRegular } from './safeFs';

/** kep.yaml's path for a README.md (any case), else null. */
export function kepYamlPathFor(readme: string): string | null {
  return path.basename(readme).toLowerCase() === 'readme.md' ? path.join(path.dirname(readme), 'kep.yaml') : null;
}

/** README.md's path for a kep.yaml, else null. */
export function readmePathFor(kepYaml: string): string | null {
  return path.basename(kepYaml) === 'kep.yaml' ? path.join(path.dirname(kepYaml), 'README.md') : null;
}

/** A text file's content, or undefined when it is absent or is not a regular text file within the size limit. */
export function readTextIfAny(file: string): string | undefined {
  return readTextIfRegular(file);
}

/**
 * The companions of the proposal at `file`, their text from `textOf` (the language server gives an
 * open editor's text, unsaved edits included, else what it has read from disk), by default the
 * files on disk.
 */
export function readCompanions(file: string, textOf: (file: string) => string | undefined = readTextIfAny): Companions {
  const kep = kepYamlPathFor(file);
  if (!kep) return {};
  const text = textOf(kep);
  return text === undefined ? {} : { kepYaml: text };
}
