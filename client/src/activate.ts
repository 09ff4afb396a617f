/**
 * Activation, on the desktop and in a web editor alike: start the language client, register the
 * commands, the outline view and the guidance documents. Nothing else: every decision lives in a
 * pure module beside this one or in the server. extension.ts (Node) and browser.ts (web) say where
 * the server runs.
 */
import * as vscode from 'vscode';
import { CloseAction, type BaseLanguageClient, type ErrorHandler, type LanguageClientOptions } from 'vscode-languageclient';
import { AnalysisChangedNotification, type AnalysisChanged } from '../../server/src/protocol';
import { COMMAND_TABLE } from './commands';
import type { Ctx } from './context';
import { CONFIG_SECTION, GUIDANCE_SCHEME } from './ids';
import { ProposalOutline } from './outline/provider';
import { ProposalsView } from './proposals/provider';
import { RestartNotice } from './restartNotice';

let client: BaseLanguageClient | undefined;

/** What the extension exports: what the Proposal view shows, for tests and other extensions. */
export interface ProposalKitApi {
  outline: Pick<ProposalOutline, 'snapshot' | 'onDidShow'>;
  proposals: Pick<ProposalsView, 'snapshot' | 'onDidShow'>;
}

/** Where the language server runs, and what it reads. */
export interface ServerSide {
  /** The URI schemes of the documents the server checks (besides untitled ones): `file` on the desktop. */
  schemes: readonly string[];
  /** Makes the language client, its server on Node or in a Web Worker. */
  client(options: LanguageClientOptions): BaseLanguageClient;
}

/** Starts the language client and the extension's commands and views, whatever runs the server. */
export async function activateWith(context: vscode.ExtensionContext, side: ServerSide): Promise<ProposalKitApi> {
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
      ...side.schemes.map((scheme) => ({ scheme, language: 'markdown' })),
      { scheme: 'untitled', language: 'markdown' },
      // A KEP's kep.yaml: checked with its README, its findings shown in kep.yaml itself.
      ...side.schemes.map((scheme) => ({ scheme, pattern: '**/kep.yaml' })),
      // The configuration files, for the diagnostics at their bad keys.
      ...side.schemes.flatMap((scheme) => [
        { scheme, pattern: '**/.proposalkit.json' },
        { scheme, pattern: '**/package.json' },
      ]),
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

  client = side.client(clientOptions);
  handlers.defaults = client.createDefaultErrorHandler();

  const guidanceText = new Map<string, string>();
  const guidanceChanged = new vscode.EventEmitter<vscode.Uri>();
  // The client keeps one handler per notification method: the views share this one.
  const analysisChanged = new vscode.EventEmitter<AnalysisChanged>();
  context.subscriptions.push(analysisChanged, client.onNotification(AnalysisChangedNotification, (p) => analysisChanged.fire(p)));
  const outline = new ProposalOutline(client, analysisChanged.event, context.workspaceState, side.schemes);
  const proposals = new ProposalsView(client, analysisChanged.event);
  const ctx: Ctx = {
    client,
    schemes: side.schemes,
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

  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()));
  await client.start();
  return {
    outline: { snapshot: () => outline.snapshot(), onDidShow: outline.onDidShow },
    proposals: { snapshot: () => proposals.snapshot(), onDidShow: proposals.onDidShow },
  };
}

/** Starts the server again (once the user trusts the workspace). */
async function restart(): Promise<void> {
  const c = client as (BaseLanguageClient & { restart?(): Promise<void> }) | undefined;
  if (c?.restart) return c.restart();
  await c?.stop();
  await c?.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
