/**
 * The workspace's files for a language server without a file system (in a web editor's worker):
 * answered with the editor's file system API, so virtual file systems (github.dev's) work. Only
 * files inside a workspace folder are read; nothing read is run.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ReadDirectoryRequest, ReadFileRequest, StatRequest, type ReadFileResult } from '../../server/src/protocol';
import { fileText } from './fileText';

/** The URI, when it names something inside a workspace folder. */
function inWorkspace(uri: string): vscode.Uri | undefined {
  const u = vscode.Uri.parse(uri, true);
  return vscode.workspace.getWorkspaceFolder(u) ? u : undefined;
}

async function stat(u: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(u);
  } catch {
    return undefined;
  }
}

async function readFile(uri: string, maxBytes: number): Promise<ReadFileResult> {
  const u = inWorkspace(uri);
  const st = u && (await stat(u));
  if (!u || !st) return { problem: 'missing' };
  if (st.type & vscode.FileType.Directory) return { problem: 'folder' };
  if (st.size > maxBytes) return { problem: 'too-large', size: st.size, mtime: st.mtime };
  try {
    return fileText(await vscode.workspace.fs.readFile(u), maxBytes, st.mtime);
  } catch {
    return { problem: 'unreadable' };
  }
}

export function answerWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(ReadDirectoryRequest, async ({ uri }) => {
      const u = inWorkspace(uri);
      if (!u) return null;
      try {
        return await vscode.workspace.fs.readDirectory(u);
      } catch {
        return null;
      }
    }),
    client.onRequest(ReadFileRequest, ({ uri, maxBytes }) => readFile(uri, maxBytes)),
    client.onRequest(StatRequest, async ({ uri }) => {
      const u = inWorkspace(uri);
      const st = u && (await stat(u));
      return st ? { type: st.type, size: st.size, mtime: st.mtime } : null;
    }),
  ];
}
