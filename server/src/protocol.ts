/**
 * Proposal Kit's custom LSP messages, typed once: the server and the VS Code client both import
 * this file, so a change to a message changes both sides. They are vscode-jsonrpc request and
 * notification types: vscode-languageserver and vscode-languageclient resolve one
 * vscode-languageserver-protocol (and so one vscode-jsonrpc), so `connection.onRequest(type, …)`
 * and `client.sendRequest(type, …)` check the parameters and the result against these.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Position, TextDocumentIdentifier, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Outline } from './core/outline';
import type { ProposalSummary } from './core/summary';

const request = <P, R>(method: string): RequestType<P, R, void> => new RequestType<P, R, void>(method);
const notification = <P>(method: string): NotificationType<P> => new NotificationType<P>(method);

export type { OutlineState, OutlineNode as OutlineEntry } from './core/outline';

/** The template's sections in template order (missing ones included), their states, the completeness. */
export interface OutlineResult extends Outline {
  uri: string;
  version: number;
}

export interface OutlineParams {
  textDocument: TextDocumentIdentifier;
}

/** The template-aware outline of a proposal; null when the document is not a proposal. */
export const OutlineRequest = request<OutlineParams, OutlineResult | null>('proposalKit/outline');

export interface InsertSectionsParams {
  textDocument: TextDocumentIdentifier;
  /** Template section indexes to insert; all missing required sections when absent. */
  sections?: number[];
}

/** The edit that inserts missing sections where the template puts them; null when nothing is missing. */
export const InsertSectionsRequest = request<InsertSectionsParams, WorkspaceEdit | null>('proposalKit/insertSections');

export interface GuidanceParams {
  textDocument: TextDocumentIdentifier;
  position: Position;
}

export interface GuidanceResult {
  template: string;
  section: string;
  required: boolean;
  /** The template's guidance for the section, alone (markdown; empty when the template has none). */
  guidance: string;
}

/** The template's guidance for the section at a position. */
export const GuidanceRequest = request<GuidanceParams, GuidanceResult | null>('proposalKit/guidance');

/** Where New Proposal puts a proposal: a workspace folder, and a folder in it the user chose. */
export interface NewProposalPlace {
  /** The workspace folder (a file URI): the template's path starts there. */
  workspaceFolder: string;
  /** A folder the user chose (right-clicked in the Explorer), a file URI: the proposal goes directly in it. */
  folder?: string;
}

export interface ProposalTemplateInfo {
  id: string;
  name: string;
  description: string;
  /** Present when the template files proposals under a SIG (a KEP): the SIG to offer, from the folder they go to ('' when it names none). */
  sig?: string;
}

/** The templates New Proposal offers for a place, in the order to show them. */
export const ProposalTemplatesRequest = request<NewProposalPlace, ProposalTemplateInfo[]>('proposalKit/proposalTemplates');

export interface NewProposalParams extends NewProposalPlace {
  template: string;
  title: string;
  /** The owning SIG, for a template that asks for one. */
  sig?: string;
}

/** A new file, as an edit for the client to apply, and where the cursor goes in it. */
export interface NewFileResult {
  /** Creates each file (never over an existing one: `overwrite` and `ignoreIfExists` false) and inserts its text. */
  edit: WorkspaceEdit;
  /** The file to open (the proposal, or the template). */
  uri: string;
  /** Where the cursor goes in it. */
  position: Position;
  /** What to tell the user, or undefined when opening the file says it all. */
  message?: string;
}

/**
 * A new proposal from a template: numbered, named, with the author and today's date, and its
 * companions (a KEP's kep.yaml). Fails with a message when the request cannot be met (an unknown
 * template, a place outside the workspace).
 */
export const NewProposalRequest = request<NewProposalParams, NewFileResult>('proposalKit/newProposal');

export interface TemplateIdInfo {
  /** The id the document suggests: its file name in kebab-case, or a README's folder name. */
  suggested: string;
  /** The ids the workspace's templates folder already has. */
  taken: string[];
}

/** What Create Template from This File offers for a document; fails with a message when the document is not in a workspace folder. */
export const TemplateIdRequest = request<{ textDocument: TextDocumentIdentifier }, TemplateIdInfo>('proposalKit/templateId');

export interface CreateTemplateParams {
  textDocument: TextDocumentIdentifier;
  id: string;
}

/** The document as a workspace template in `.proposals/templates/<id>.md`; fails with a message saying why it cannot be one. */
export const CreateTemplateRequest = request<CreateTemplateParams, NewFileResult>('proposalKit/createTemplate');

/** A proposal in the workspace at a glance (the Proposals view). */
export interface WorkspaceProposal extends ProposalSummary {
  uri: string;
  /** Relative to its workspace folder, '/'-separated. */
  path: string;
}

/** Every proposal in the workspace folders, from the disk or, for an open one, the editor's text. */
export const WorkspaceProposalsRequest = request<Record<string, never>, WorkspaceProposal[]>('proposalKit/workspaceProposals');

/** Sent by the server when a document's analysis changed (after an edit is checked). */
export interface AnalysisChanged {
  uri: string;
  version: number;
  isProposal: boolean;
}

export const AnalysisChangedNotification = notification<AnalysisChanged>('proposalKit/analysisChanged');

// ---------------------------------------------------------------------------------------------
// The workspace's files, read through the editor: asked by a language server that has no file
// system of its own (in a web editor's worker). The client answers only for files inside a
// workspace folder.

/** A file system entry's kind, as the editor's FileType: 1 a file, 2 a folder; a symbolic link adds 64. */
export type EntryType = number;

/** A folder's entries, [name, type]; null when it is not a folder or cannot be read. */
export const ReadDirectoryRequest = request<{ uri: string }, [string, EntryType][] | null>('proposalKit/fs/readDirectory');

export interface ReadFileParams {
  uri: string;
  /** A larger file is not read: the answer says 'too-large'. */
  maxBytes: number;
}

/** Why a file's text is not given. */
export type ReadProblem = 'missing' | 'folder' | 'too-large' | 'binary' | 'not-utf8' | 'unreadable';

export interface ReadFileResult {
  /** The file's text (UTF-8), when it could be read. */
  text?: string;
  problem?: ReadProblem;
  /** The file's size in bytes, and its time of change (ms), when it exists. */
  size?: number;
  mtime?: number;
}

/** A file's text, or why it is not given. */
export const ReadFileRequest = request<ReadFileParams, ReadFileResult>('proposalKit/fs/readFile');

/** A file's kind, size and time of change; null when it does not exist. */
export const StatRequest = request<{ uri: string }, { type: EntryType; size: number; mtime: number } | null>('proposalKit/fs/stat');
