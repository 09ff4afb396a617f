/** The language server's platform on Node: the disk, git, and `file:` URIs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Platform } from '../lsp/platform';
import { listTree, readMarkdown } from './files';
import { isInside, readTextIfRegular } from './safeFs';
import { nodeWorkspaceHost } from './workspaceHost';

export function nodePlatform(): Platform {
  return {
    live: true,
    host: nodeWorkspaceHost,
    folders: (uris) => uris.map((u) => URI.parse(u).fsPath),
    fileOf(uri) {
      const parsed = URI.parse(uri);
      return parsed.scheme === 'file' ? parsed.fsPath : undefined;
    },
    uriOf: (file) => URI.file(file).toString(),
    refresh: () => Promise.resolve(),
    readText: (file) => Promise.resolve(readTextIfRegular(file)),
    readMarkdown: async (file, maxBytes) => readMarkdown(file, maxBytes),
    stamp(files) {
      const parts: string[] = [];
      for (const f of files) {
        if (f === null) continue;
        const st = fs.statSync(f, { throwIfNoEntry: false });
        parts.push(st ? `${st.size}:${st.mtimeMs}` : '-');
      }
      return Promise.resolve(parts[0] === '-' ? null : parts.join('|'));
    },
    names(dir) {
      try {
        return fs.readdirSync(dir);
      } catch {
        return [];
      }
    },
    placeFiles: { path, listTree, isInside, exists: (file) => fs.existsSync(file) },
    yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  };
}
