/**
 * Where a new proposal and its companions go: the template's path with the next free number, inside
 * the workspace. Whatever holds the files (the disk, a web editor's file system) comes in through
 * `PlaceFiles`, so that this module stays pure.
 */
import type { TemplateSchema } from './template';
import { filePattern, scaffold, usedNumbers, usesNumber, type Scaffold, type ScaffoldInput } from './scaffold';
import type { PathOps } from './workspace';

/** What placing a proposal reads. */
export interface PlaceFiles {
  readonly path: PathOps;
  /** Every file and folder below `root`, as '/'-separated paths relative to it (bounded depth). */
  listTree(root: string): string[];
  /** Whether `p` resolves inside `root`, symbolic links followed. */
  isInside(root: string, p: string): boolean;
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
export function placeProposal(t: TemplateSchema, input: ScaffoldInput, options: CreateOptions, files: PlaceFiles, claim: (p: Placement) => boolean): Placement {
  const path = files.path;
  const base = options.dir ?? options.root;
  const inFolder = options.dir !== undefined;
  const pattern = filePattern(t, inFolder);
  const numbered = usesNumber(pattern);
  const within = options.within ?? options.root;
  const existing = files.listTree(base);
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
    const file = resolveInsideWith(files, base, rel, within);
    const placement: Placement = {
      file,
      numberedDir: numbered && /\{n(?:nn)?\}[^/]*\//.test(pattern) ? path.dirname(file) : null,
      companions: s.companions.map((c) => ({ file: resolveInsideWith(files, base, c.path, within), text: c.text })),
      scaffold: s,
    };
    if (claim(placement)) return placement;
    if (numbered) number = (s.number ?? 0) + 1;
    else suffix++;
  }
  throw new Error(`Could not find a free file name for the new proposal in ${base} after ${MAX_ATTEMPTS} tries.`);
}

/**
 * Joins `rel` to `base` and refuses any result outside `base`, or outside `within` once symlinks
 * are followed (a folder on the way that links elsewhere).
 */
export function resolveInsideWith(files: PlaceFiles, base: string, rel: string, within: string = base): string {
  const path = files.path;
  const full = path.resolve(base, rel);
  const relative = path.relative(path.resolve(base), full);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new Error(`Refusing to create ${full}: it is outside ${base}.`);
  }
  if (!files.isInside(within, full)) {
    throw new Error(`Refusing to create ${full}: a folder on its way is a symbolic link out of ${within}; proposals are created only inside the workspace.`);
  }
  return full;
}

