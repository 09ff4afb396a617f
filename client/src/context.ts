/** What every command gets: the running client and the parts of the UI they act on. */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ProposalOutline } from './outline/provider';

export interface Ctx {
  client: BaseLanguageClient;
  /** The URI schemes of the files the server reads (besides untitled documents): `file` on the desktop. */
  schemes: readonly string[];
  outline: ProposalOutline;
  guidance: GuidanceDocuments;
}

/** The read-only guidance documents' text, by URI, for the TextDocumentContentProvider. */
export interface GuidanceDocuments {
  set(uri: vscode.Uri, text: string): void;
}
