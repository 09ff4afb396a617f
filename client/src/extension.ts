/** The extension on the desktop: the language server runs in Node beside the editor, reading the disk. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, type ProposalKitApi } from './activate';

export { deactivate, type ProposalKitApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<ProposalKitApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateWith(context, {
    schemes: ['file'],
    client: (options) => new LanguageClient('proposalKit', 'Proposal Kit', serverOptions, options),
  });
}
