/**
 * The language server's platform in a web editor's worker (github.dev, vscode.dev): no file system
 * and no git. The workspace is read through the editor (the client answers with its file system,
 * which may be a virtual one), ahead of the checks, into a Snapshot; the built-in templates are
 * bundled. Workspace content is data: nothing read is run, and only files inside the workspace
 * folders are asked for.
 */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { TemplateError } from '../core';
import { posixPath as path } from '../core/posixPath';
import { formatSize, AUX_MAX_BYTES } from '../core/size';
import { loadTemplatesFrom } from '../core/templateLoad';
import { configOfFolder, innermostFolder, type WorkspaceHost } from '../core/workspace';
import type { Platform } from '../lsp/platform';
import { ReadDirectoryRequest, ReadFileRequest, StatRequest, type ReadFileResult } from '../protocol';
import builtin from 'proposal-kit:builtin-templates';
import { Snapshot, type SnapshotReader } from './snapshot';

/** Where the bundled built-in templates are, as a path no workspace file has. */
const BUILTIN_DIR = '/.proposal-kit/templates';

/** Whether `p` is `root` or inside it, by the names (a snapshot holds no symbolic links). */
const isInside = (root: string, p: string): boolean => innermostFolder(path, [root], p) !== undefined;

/**
 * URIs and the workspace model's paths: a URI's path, when every workspace folder has one scheme
 * and authority (`vscode-vfs://github/owner/repo`); else prefixed by the folder's index among them.
 */
class UriPaths {
  private bases: URI[] = [];

  setFolders(uris: readonly string[]): string[] {
    const parsed = uris.map((u) => URI.parse(u));
    this.bases = parsed.filter((u, i) => parsed.findIndex((o) => o.scheme === u.scheme && o.authority === u.authority) === i);
    return parsed.map((u) => this.fileOf(u.toString()) as string);
  }

  fileOf(uri: string): string | undefined {
    const u = URI.parse(uri);
    const i = this.bases.findIndex((b) => b.scheme === u.scheme && b.authority === u.authority);
    if (i < 0) return undefined;
    const p = path.resolve('/', u.path);
    return this.bases.length === 1 ? p : `/${i}${p}`;
  }

  uriOf(file: string): string {
    if (this.bases.length <= 1) return (this.bases[0] ?? URI.parse('file:///')).with({ path: file }).toString();
    const m = /^\/(\d+)(\/.*)?$/.exec(file);
    const base = this.bases[Number(m?.[1] ?? 0)] ?? this.bases[0];
    return base.with({ path: m?.[2] ?? '/' }).toString();
  }
}

export function browserPlatform(connection: Connection): Platform {
  const uris = new UriPaths();
  let snapshot = new Snapshot();
  let folders: string[] = [];
  const inWorkspace = (file: string): boolean => innermostFolder(path, folders, file) !== undefined;
  const reader: SnapshotReader = {
    readDirectory: (dir) => (inWorkspace(dir) ? connection.sendRequest(ReadDirectoryRequest, { uri: uris.uriOf(dir) }) : Promise.resolve(null)),
    readFile: (file, maxBytes) => (inWorkspace(file) ? connection.sendRequest(ReadFileRequest, { uri: uris.uriOf(file), maxBytes }) : Promise.resolve({ problem: 'missing' })),
  };
  const templateText = (file: string, what: string): string => {
    if (path.dirname(file) === BUILTIN_DIR) {
      const text = builtin[path.basename(file)];
      if (text !== undefined) return text;
    }
    const r = snapshot.read(file);
    if ('text' in r) return r.text;
    const why = r.failure === 'too-large' ? `is larger than ${formatSize(AUX_MAX_BYTES)}, the limit for a ${what}` : r.failure === 'unreadable' ? `cannot be read (${r.detail ?? 'unreadable'})` : 'is not a regular file';
    throw new TemplateError(file, 1, `The ${what} ${why}, so it is not read.`);
  };
  const host: WorkspaceHost = {
    path,
    builtinTemplates: BUILTIN_DIR,
    isDirectory: (dir) => dir === BUILTIN_DIR || snapshot.kind(dir) === 'dir',
    isInside,
    readConfig: (root) => configOfFolder(host, root, (file) => snapshot.read(file)),
    loadTemplates: (dirs) =>
      loadTemplatesFrom(dirs, {
        path,
        builtinDir: BUILTIN_DIR,
        names: (dir) => (dir === BUILTIN_DIR ? Object.keys(builtin) : snapshot.names(dir)),
        exists: (file) => (path.dirname(file) === BUILTIN_DIR ? path.basename(file) in builtin : snapshot.kind(file) === 'file'),
        isInside,
        readText: templateText,
      }),
    readText(file) {
      const r = snapshot.read(file);
      return 'text' in r ? r.text : undefined;
    },
    // No git in the browser: New Proposal's author is the proposalKit.author setting's, and a
    // document without a date of its own is held to the current template.
    gitUserName: () => null,
    firstCommitDate: () => null,
    listMarkdown: (root, limit) => snapshot.listMarkdown(root, limit),
  };
  const fail = (file: string, r: ReadFileResult, maxBytes: number): Error => {
    const why: Record<string, string> = {
      missing: 'no such file',
      folder: 'is a folder',
      'too-large': `is ${r.size ? `${formatSize(r.size)}, ` : ''}larger than the ${formatSize(maxBytes)} limit for a proposal`,
      binary: 'is a binary file, not markdown',
      'not-utf8': 'is not valid UTF-8 text',
    };
    return new Error(`${file}: ${why[r.problem ?? ''] ?? 'cannot be read'}`);
  };
  return {
    live: false,
    host: () => host,
    folders(list) {
      folders = uris.setFolders(list);
      return folders;
    },
    fileOf: (uri) => uris.fileOf(uri),
    uriOf: (file) => uris.uriOf(file),
    async refresh(ws, userFolders) {
      snapshot = await Snapshot.read(reader, ws.folders, userFolders);
    },
    async readText(file) {
      const r = await reader.readFile(file, AUX_MAX_BYTES);
      return r.text;
    },
    async readMarkdown(file, maxBytes) {
      const r = await reader.readFile(file, maxBytes);
      if (r.text === undefined) throw fail(file, r, maxBytes);
      return r.text;
    },
    async stamp(files) {
      const parts: string[] = [];
      for (const f of files) {
        if (f === null) continue;
        const st = inWorkspace(f) ? await connection.sendRequest(StatRequest, { uri: uris.uriOf(f) }) : null;
        parts.push(st ? `${st.size}:${st.mtime}` : '-');
      }
      return parts[0] === '-' ? null : parts.join('|');
    },
    names: (dir) => snapshot.names(dir) ?? [],
    placeFiles: { path, isInside, listTree: (root) => snapshot.listTree(root), exists: (file) => snapshot.kind(file) !== undefined },
    yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}
