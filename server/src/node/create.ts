/**
 * Creating a new proposal on disk. Never overwrites: every file is created exclusively and
 * atomically (written to a temporary file, then hard-linked into place, which fails if the name is
 * taken), and a clash takes the next number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scaffold, usesNumber, usedNumbers, filePattern, type ScaffoldInput, type Scaffold } from '../core/scaffold';
import type { TemplateSchema } from '../core';
import { listTree } from './files';
import { isInside } from './safeFs';

export interface Created {
  /** Absolute path of the proposal. */
  file: string;
  companions: string[];
  scaffold: Scaffold;
}

export interface CreateOptions {
  /** The workspace root: the template's path is relative to it. */
  root: string;
  /** A folder chosen by the user: the proposal goes directly in it. */
  dir?: string;
  /**
   * The folder every created file must resolve inside, symlinks followed: by default the
   * workspace root. Only a folder the user names outside it themselves (`new --dir`) widens it.
   */
  within?: string;
}

const MAX_ATTEMPTS = 50;

/** Where a new proposal and its companions go, with their text. */
export interface Placement {
  /** Absolute path of the proposal. */
  file: string;
  /** For a template that files each proposal in a numbered folder (a KEP's "{n}-{slug}/"): that folder, which must be new. */
  numberedDir: string | null;
  companions: { file: string; text: string }[];
  scaffold: Scaffold;
}

/**
 * Tries names until `claim` takes one: a number in use by another proposal, or a name `claim`
 * finds taken, takes the next number (or, for an unnumbered template, a "-2" suffix).
 */
function place(t: TemplateSchema, input: ScaffoldInput, options: CreateOptions, claim: (p: Placement) => boolean): Placement {
  const base = options.dir ?? options.root;
  const inFolder = options.dir !== undefined;
  const pattern = filePattern(t, inFolder);
  const numbered = usesNumber(pattern);
  const within = options.within ?? options.root;
  const existing = listTree(base);
  let number = input.number;
  let suffix = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const s = scaffold(t, { ...input, number }, existing, inFolder);
    // A number in use by another proposal is a clash too, whatever its name.
    if (numbered && s.number !== null && usedNumbers(pattern, existing).includes(s.number)) {
      number = s.number + 1;
      continue;
    }
    const rel = suffix ? s.path.replace(/(\.[^./]+)$/, `-${suffix + 1}$1`) : s.path;
    const file = resolveInside(base, rel, within);
    const placement: Placement = {
      file,
      numberedDir: numbered && /\{n(?:nn)?\}[^/]*\//.test(pattern) ? path.dirname(file) : null,
      companions: s.companions.map((c) => ({ file: resolveInside(base, c.path, within), text: c.text })),
      scaffold: s,
    };
    if (claim(placement)) return placement;
    if (numbered) number = (s.number ?? 0) + 1;
    else suffix++;
  }
  throw new Error(`Could not find a free file name for the new proposal in ${base} after ${MAX_ATTEMPTS} tries.`);
}

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
  const full = path.resolve(base, rel);
  const relative = path.relative(path.resolve(base), full);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new Error(`Refusing to create ${full}: it is outside ${base}.`);
  }
  if (!isInside(within, full)) {
    throw new Error(`Refusing to create ${full}: a folder on its way is a symbolic link out of ${within}; proposals are created only inside the workspace.`);
  }
  return full;
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
