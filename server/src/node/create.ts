/**
 * Creating a new proposal on disk. Never overwrites: every file is created exclusively and
 * atomically (written to a temporary file, then hard-linked into place, which fails if the name is
 * taken), and a clash takes the next number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { placeProposal, resolveInsideWith, type CreateOptions, type PlaceFiles, type Placement } from '../core/placement';
import type { ScaffoldInput, Scaffold } from '../core/scaffold';
import type { TemplateSchema } from '../core';
import { listTree } from './files';
import { isInside } from './safeFs';

export interface Created {
  /** Absolute path of the proposal. */
  file: string;
  companions: string[];
  scaffold: Scaffold;
}

export type { CreateOptions, Placement } from '../core/placement';

const onDisk: PlaceFiles = { path, listTree, isInside };

const place = (t: TemplateSchema, input: ScaffoldInput, options: CreateOptions, claim: (p: Placement) => boolean): Placement => placeProposal(t, input, options, onDisk, claim);

/** Creates the proposal and its companions on disk, each file exclusively. */
export function createProposal(t: TemplateSchema, input: ScaffoldInput, options: CreateOptions): Created {
  const placed = place(t, input, options, (p) => {
    fs.mkdirSync(path.dirname(p.numberedDir ?? p.file), { recursive: true });
    if (p.numberedDir) {
      try {
        fs.mkdirSync(p.numberedDir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    }
    return writeExclusive(p.file, p.scaffold.text);
  });
  const companions = placed.companions.filter((c) => writeExclusive(c.file, c.text)).map((c) => c.file);
  return { file: placed.file, companions, scaffold: placed.scaffold };
}

/**
 * Where a new proposal would go, without writing anything: names that exist now are taken. The
 * language server answers New Proposal with this, as an edit that creates the files and never
 * overwrites one (the editor refuses the edit if a name was taken since).
 */
export function planProposal(t: TemplateSchema, input: ScaffoldInput, options: CreateOptions): Placement {
  return place(t, input, options, (p) => !fs.existsSync(p.numberedDir ?? p.file) && !fs.existsSync(p.file));
}

/**
 * Joins `rel` to `base` and refuses any result outside `base`, or outside `within` once symlinks
 * are followed (a folder on the way that links elsewhere).
 */
export function resolveInside(base: string, rel: string, within: string = base): string {
  return resolveInsideWith(onDisk, base, rel, within);
}

/** Writes `text` to `file` only if no file has that name; returns false on a clash. */
function writeExclusive(file: string, text: string): boolean {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, text, { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: fall back to an exclusive create (still never overwrites).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
      try {
        fs.writeFileSync(file, text, { flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
