/**
 * What every part of the language server shares: the connection, the open documents, the
 * workspace, and what the client can do.
 */
import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Workspace } from '../core/workspace';

export interface ClientCaps {
  /** The client answers workspace/configuration. */
  configuration: boolean;
  /** The client pulls diagnostics (textDocument/diagnostic). */
  pull: boolean;
  /** The client watches files for the server (dynamic didChangeWatchedFiles). */
  watch: boolean;
  documentSymbols: boolean;
  /** The client applies snippet edits in a workspace edit (to place the cursor after a fix). */
  snippetEdits: boolean;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** The workspace folders, their configurations and templates: set on initialize. */
  ws: Workspace;
  caps: ClientCaps;
  log(message: string): void;
  /** Shows a warning, once per session for each message. */
  warnOnce(message: string): void;
}

/** The file a URI names on disk; undefined for other schemes (an untitled document). */
export function fileOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

/** The path templates detect a document by: relative to its workspace folder, else as it is. */
export function detectionPath(ws: Workspace, uri: string): string {
  const file = fileOf(uri);
  return file === undefined ? URI.parse(uri).path : (ws.relativePath(file) ?? file.split(path.sep).join('/'));
}

/** The configuration file a document is (`.proposalkit.json`, `package.json`), or null for a proposal. */
export function configDocument(ws: Workspace, uri: string): 'file' | 'package' | null {
  const file = fileOf(uri);
  return file === undefined ? null : ws.configKind(file);
}
