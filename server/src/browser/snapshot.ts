/**
 * The workspace's files as last read through the editor, for a language server without a file
 * system of its own: the folders' listings (markdown files, kep.yaml, folders) and the texts the
 * workspace model reads (configuration files, template folders, every kep.yaml). The server reads
 * them again before it loads the workspace and after files change, so the workspace model, which
 * reads synchronously, answers from here.
 */
import { posixPath as path } from '../core/posixPath';
import { AUX_MAX_BYTES } from '../core/size';
import { CONFIG_FILE, readProjectConfig } from '../core/config';
import type { FileRead } from '../core/workspace';
import type { ReadFileResult } from '../protocol';

/** What the snapshot asks the editor for. */
export interface SnapshotReader {
  /** A folder's entries, [name, type]; null when it cannot be read. */
  readDirectory(dir: string): Promise<[string, number][] | null>;
  readFile(file: string, maxBytes: number): Promise<ReadFileResult>;
}

const FILE = 1;
const DIRECTORY = 2;
const SYMBOLIC_LINK = 64;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** As deep as the Node server lists markdown files. */
const MAX_DEPTH = 12;
/** Folders read at most, per workspace folder: a repository larger than this is listed in part. */
const MAX_FOLDERS = 20000;
/** Requests in flight at once. */
const PARALLEL = 16;

/** Runs `work` on each item, at most PARALLEL at once. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

const toRead = (r: ReadFileResult | undefined): FileRead => {
  if (!r) return { failure: 'missing' };
  if (r.text !== undefined) return { text: r.text };
  switch (r.problem) {
    case 'missing':
    case 'folder':
    case 'too-large':
      return { failure: r.problem };
    default:
      return { failure: 'unreadable', detail: r.problem === 'binary' ? 'a binary file' : r.problem === 'not-utf8' ? 'not UTF-8 text' : undefined };
  }
};

export class Snapshot {
  /** Each folder read: its files and folders by name (symbolic links left out, as the Node server does not follow them). */
  private readonly dirs = new Map<string, Map<string, 'file' | 'dir'>>();
  private readonly files = new Map<string, ReadFileResult>();

  /**
   * Reads the workspace folders: their listings, then their configuration files, the template
   * folders (`.proposals/templates`, the configuration's, `userFolders`) and every kep.yaml.
   */
  static async read(reader: SnapshotReader, roots: readonly string[], userFolders: readonly string[]): Promise<Snapshot> {
    const s = new Snapshot();
    for (const root of roots) await s.walk(reader, root);
    const wanted: string[] = [];
    const templateDirs: string[] = [];
    for (const root of roots) {
      for (const name of [CONFIG_FILE, 'package.json']) if (s.kind(path.join(root, name)) === 'file') wanted.push(path.join(root, name));
    }
    await eachLimited(wanted, async (f) => {
      s.files.set(f, await reader.readFile(f, AUX_MAX_BYTES));
    });
    for (const root of roots) {
      templateDirs.push(path.join(root, '.proposals', 'templates'), ...userFolders.map((d) => path.resolve(root, d)));
      for (const name of [CONFIG_FILE, 'package.json'] as const) {
        const text = s.files.get(path.join(root, name))?.text;
        if (text === undefined) continue;
        const config = readProjectConfig(text, name === CONFIG_FILE ? 'file' : 'package').config;
        templateDirs.push(...(config?.templates ?? []).map((t) => path.resolve(root, t.dir)));
        // `.proposalkit.json` wins over package.json, as when the configuration is loaded.
        if (config) break;
      }
    }
    const texts = new Set<string>();
    for (const dir of templateDirs) for (const [name, kind] of s.dirs.get(dir) ?? []) if (kind === 'file') texts.add(path.join(dir, name));
    for (const [dir, entries] of s.dirs) if (entries.get('kep.yaml') === 'file') texts.add(path.join(dir, 'kep.yaml'));
    await eachLimited([...texts], async (f) => {
      s.files.set(f, await reader.readFile(f, AUX_MAX_BYTES));
    });
    return s;
  }

  /** Lists the folders below `root`, breadth first, as deep as MAX_DEPTH; symbolic links are not followed. */
  private async walk(reader: SnapshotReader, root: string): Promise<void> {
    let level = [root];
    let read = 0;
    for (let depth = 0; depth <= MAX_DEPTH && level.length && read < MAX_FOLDERS; depth++) {
      const next: string[] = [];
      const batch = level.slice(0, MAX_FOLDERS - read);
      read += batch.length;
      await eachLimited(batch, async (dir) => {
        const entries = await reader.readDirectory(dir);
        if (!entries) return;
        const map = new Map<string, 'file' | 'dir'>();
        for (const [name, type] of entries) {
          if (type & SYMBOLIC_LINK || name.includes('/') || name === '.' || name === '..') continue;
          if (type & DIRECTORY) {
            map.set(name, 'dir');
            if (!SKIP_DIRS.has(name)) next.push(path.join(dir, name));
          } else if (type & FILE) map.set(name, 'file');
        }
        this.dirs.set(dir, map);
      });
      level = next.sort();
    }
  }

  /** A path's kind, as listed; undefined when it was not listed. */
  kind(p: string): 'file' | 'dir' | undefined {
    if (this.dirs.has(p)) return 'dir';
    return this.dirs.get(path.dirname(p))?.get(path.basename(p));
  }

  /** A folder's entries' names, sorted; undefined when it was not listed. */
  names(dir: string): string[] | undefined {
    const entries = this.dirs.get(dir);
    return entries ? [...entries.keys()].sort() : undefined;
  }

  /** A file's text as read, or why it was not. */
  read(file: string): FileRead {
    return toRead(this.files.get(file));
  }

  /** The markdown files below `root`, sorted by folder as the Node server walks them, at most `limit`. */
  listMarkdown(root: string, limit: number): string[] {
    const out: string[] = [];
    const walk = (dir: string, depth: number): void => {
      if (depth > MAX_DEPTH || out.length >= limit) return;
      const entries = this.dirs.get(dir);
      if (!entries) return;
      for (const name of [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (out.length >= limit) return;
        const kind = entries.get(name);
        if (kind === 'dir' && !SKIP_DIRS.has(name)) walk(path.join(dir, name), depth + 1);
        else if (kind === 'file' && /\.(md|markdown)$/i.test(name)) out.push(path.join(dir, name));
      }
    };
    walk(root, 0);
    return out;
  }

  /** Every file and folder below `root`, as '/'-separated paths relative to it (bounded depth). */
  listTree(root: string, maxDepth = 4): string[] {
    const out: string[] = [];
    const walk = (dir: string, rel: string, depth: number): void => {
      if (depth > maxDepth) return;
      for (const [name, kind] of this.dirs.get(dir) ?? []) {
        if (SKIP_DIRS.has(name)) continue;
        const r = rel ? `${rel}/${name}` : name;
        out.push(r);
        if (kind === 'dir') walk(path.join(dir, name), r, depth + 1);
      }
    };
    walk(root, '', 0);
    return out;
  }
}
