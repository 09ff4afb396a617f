/**
 * Activation: start the language client, register the commands, the outline view and the guidance
 * documents. Nothing else: every decision lives in a pure module beside this one or in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { AnalysisChangedNotification, type AnalysisChanged } from '../../server/src/protocol';
import { COMMAND_TABLE } from './commands';
import type { Ctx } from './context';
import { CONFIG_SECTION, GUIDANCE_SCHEME } from './ids';
import { ProposalOutline } from './outline/provider';
import { ProposalsView } from './proposals/provider';
import { RestartNotice } from './restartNotice';

let client: LanguageClient | undefined;

/** What the extension exports: what the Proposal view shows, for tests and other extensions. */
export interface ProposalKitApi {
  outline: Pick<ProposalOutline, 'snapshot' | 'onDidShow'>;
  proposals: Pick<ProposalsView, 'snapshot' | 'onDidShow'>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ProposalKitApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  // The client's own handler decides whether to restart (up to 4 times in 3 minutes) and only logs
  // a restart; wrap it to tell the user about the first one, once per session. The default handler
  // needs the client, so it is filled in just after the client is made.
  const notice = new RestartNotice();
  const handlers: { defaults?: ErrorHandler } = {};
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => handlers.defaults!.error(error, message, count),
    closed: async () => {
      const result = await handlers.defaults!.closed();
      const message = notice.onClosed(result.action === CloseAction.Restart);
      if (message === undefined) return result;
      void vscode.window.showInformationMessage(message, 'Show Output').then((choice) => {
        if (choice) client?.outputChannel.show(true);
      });
      return { ...result, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // A KEP's kep.yaml: checked with its README, its findings shown in kep.yaml itself.
      { scheme: 'file', pattern: '**/kep.yaml' },
      // The configuration files, for the diagnostics at their bad keys.
      { scheme: 'file', pattern: '**/.proposalkit.json' },
      { scheme: 'file', pattern: '**/package.json' },
    ],
    synchronize: { configurationSection: CONFIG_SECTION },
    // VS Code's built-in markdown support already lists a document's headings in the Outline view
    // and breadcrumbs; the server's document symbols would list every heading a second time.
    // In Restricted Mode the server reads no template folder outside the workspace that the
    // workspace's own configuration names; once the user trusts it, the server starts again.
    initializationOptions: { documentSymbols: false, workspaceTrusted: vscode.workspace.isTrusted },
    // Since vscode-languageclient 10 the client pulls diagnostics on a change only when `onChange`
    // is set; without it, squiggles would only update on save or when switching editors.
    diagnosticPullOptions: { onChange: true, onSave: true },
    errorHandler,
  };

  client = new LanguageClient('proposalKit', 'Proposal Kit', serverOptions, clientOptions);
  handlers.defaults = client.createDefaultErrorHandler();

  const guidanceText = new Map<string, string>();
  const guidanceChanged = new vscode.EventEmitter<vscode.Uri>();
  // The client keeps one handler per notification method: the views share this one.
  const analysisChanged = new vscode.EventEmitter<AnalysisChanged>();
  context.subscriptions.push(analysisChanged, client.onNotification(AnalysisChangedNotification, (p) => analysisChanged.fire(p)));
  const outline = new ProposalOutline(client, analysisChanged.event, context.workspaceState);
  const proposals = new ProposalsView(client, analysisChanged.event);
  const ctx: Ctx = {
    client,
    outline,
    guidance: {
      set(uri, text) {
        guidanceText.set(uri.toString(), text);
        guidanceChanged.fire(uri);
      },
    },
  };

  context.subscriptions.push(
    outline,
    proposals,
    guidanceChanged,
    vscode.workspace.registerTextDocumentContentProvider(GUIDANCE_SCHEME, {
      onDidChange: guidanceChanged.event,
      provideTextDocumentContent: (uri) => guidanceText.get(uri.toString()) ?? '',
    }),
    ...COMMAND_TABLE.map((c) =>
      vscode.commands.registerCommand(c.id, async (...args: unknown[]) => {
        try {
          return await c.run(ctx, ...args);
        } catch (e) {
          void vscode.window.showErrorMessage(`Proposal Kit: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      }),
    ),
  );

  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
  return {
    outline: { snapshot: () => outline.snapshot(), onDidShow: outline.onDidShow },
    proposals: { snapshot: () => proposals.snapshot(), onDidShow: proposals.onDidShow },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
