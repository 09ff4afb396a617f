/**
 * Proposal Kit's custom LSP messages, typed once: the server and the VS Code client both import
 * this file, so a change to a message changes both sides.
 */
import type { Position, TextDocumentIdentifier, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Outline } from './core/outline';

/**
 * A request's method name, typed with its parameters and result. Plain data rather than a
 * vscode-jsonrpc RequestType: the server and the client libraries each bring their own
 * vscode-jsonrpc, and a RequestType from one is not assignable to the other.
 */
export interface Request<P, R> {
  readonly method: string;
  /** Never set: carries the types. */
  readonly types?: [P, R];
}

export interface Notification<P> {
  readonly method: string;
  readonly types?: P;
}

const request = <P, R>(method: string): Request<P, R> => ({ method });
const notification = <P>(method: string): Notification<P> => ({ method });

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

/** Sent by the server when a document's analysis changed (after an edit is checked). */
export interface AnalysisChanged {
  uri: string;
  version: number;
  isProposal: boolean;
}

export const AnalysisChangedNotification = notification<AnalysisChanged>('proposalKit/analysisChanged');

/** Anything with an onRequest/sendRequest of method strings: the server's and the client's connections. */
export interface RequestReceiver {
  onRequest(method: string, handler: (params: never) => unknown): unknown;
}
export interface RequestSender {
  sendRequest(method: string, params: unknown): Promise<unknown>;
}

export function handle<P, R>(on: RequestReceiver, req: Request<P, R>, handler: (params: P) => Promise<R> | R): void {
  on.onRequest(req.method, handler as (params: never) => unknown);
}

export function send<P, R>(to: RequestSender, req: Request<P, R>, params: P): Promise<R> {
  return to.sendRequest(req.method, params) as Promise<R>;
}
