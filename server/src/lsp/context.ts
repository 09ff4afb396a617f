/**
 * What every part of the language server shares: the connection, the open documents, the
 * workspace, and what the client can do.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Workspace } from '../core/workspace';
import type { Platform } from './platform';

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
  /** Where the server runs: how it reads the workspace. */
  readonly platform: Platform;
  /** The workspace folders, their configurations and templates: set on initialize. */
  ws: Workspace;
  caps: ClientCaps;
  /** Settles once the workspace's files are read (at once where they are read as they are needed). */
  ready(): Promise<void>;
  log(message: string): void;
  /** Shows a warning, once per session for each message. */
  warnOnce(message: string): void;
}

/** The file a URI names in the workspace's file system; undefined for other schemes (an untitled document). */
export function fileOf(ctx: ServerContext, uri: string): string | undefined {
  return ctx.platform.fileOf(uri);
}

/** The path templates detect a document by: relative to its workspace folder, else as it is. */
export function detectionPath(ctx: ServerContext, uri: string): string {
  const file = fileOf(ctx, uri);
  const ws = ctx.ws;
  return file === undefined ? URI.parse(uri).path : (ws.relativePath(file) ?? file.split(ws.host.path.sep).join('/'));
}

/** The configuration file a document is (`.proposalkit.json`, `package.json`), or null for a proposal. */
export function configDocument(ctx: ServerContext, uri: string): 'file' | 'package' | null {
  const file = fileOf(ctx, uri);
  return file === undefined ? null : ctx.ws.configKind(file);
}
