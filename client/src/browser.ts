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
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

/**
 * Where the worker loads the server from. An extension installed from the web (github.dev,
 * vscode.dev) loads it by URL. The web extension host cannot start a worker from an extension
 * installed on a remote server (`vscode-remote:`, as code-server installs them): there the script
 * is read through the editor's file system and started from a blob URL.
 */
async function serverScript(context: vscode.ExtensionContext): Promise<string> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js');
  if (uri.scheme !== 'vscode-remote') return uri.toString(true);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<ProposalKitApi> {
  const schemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))];
  const script = await serverScript(context);
  return activateWith(context, {
    schemes,
    client: (options) => {
      const worker = new Worker(script);
      const client = new LanguageClient('proposalKit', 'Proposal Kit', worker, options);
      context.subscriptions.push(...answerWorkspaceFiles(client));
      return client;
    },
  });
}
