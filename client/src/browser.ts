/**
 * The extension in a web editor (github.dev, vscode.dev): the language server runs in a Web Worker
 * and reads the workspace through the editor's file system, for workspaces of any scheme.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, type ProposalKitApi } from './activate';
import { answerWorkspaceFiles } from './workspaceFiles';

export { deactivate, type ProposalKitApi } from './activate';

/** The web worker constructor (the project's TypeScript settings leave out the browser's types). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export function activate(context: vscode.ExtensionContext): Promise<ProposalKitApi> {
  const schemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))];
  return activateWith(context, {
    schemes,
    client: (options) => {
      const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js').toString(true));
      const client = new LanguageClient('proposalKit', 'Proposal Kit', options, worker);
      context.subscriptions.push(...answerWorkspaceFiles(client));
      return client;
    },
  });
}
