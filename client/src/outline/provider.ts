/**
 * The "Proposal" view in the Explorer and the status bar figure, both fed by the server's outline
 * request for the active editor's document. Refreshes when the active editor changes and when the
 * server says the active document was analysed again (AnalysisChangedNotification): no polling.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { AnalysisChangedNotification, OutlineRequest, send, type AnalysisChanged, type OutlineEntry, type OutlineResult } from '../../../server/src/protocol';
import { COMMANDS, IS_PROPOSAL_CONTEXT, OUTLINE_VIEW } from '../ids';
import { coalesce } from './coalesce';
import { onActiveEditor, presentEntry, progressDescription, statusBar } from './present';

export interface OutlineNode {
  /** The document's URI as the server knows it. */
  uri: string;
  entry: OutlineEntry;
}

export class ProposalOutline implements vscode.TreeDataProvider<OutlineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OutlineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<OutlineNode>;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private result: OutlineResult | null = null;
  private isProposal: boolean | undefined;
  readonly refresh = coalesce(() => this.load());

  constructor(private readonly client: LanguageClient) {
    this.view = vscode.window.createTreeView(OUTLINE_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.status = vscode.window.createStatusBarItem('proposalKit.progress', vscode.StatusBarAlignment.Left, 100);
    this.status.name = 'Proposal Kit: sections written';
    this.status.command = `${OUTLINE_VIEW}.focus`;
    this.disposables.push(
      this.view,
      this.status,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      // Changing a document's language closes and reopens it: follow it if it is the active one.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const active = vscode.window.activeTextEditor;
        if (active?.document === doc) this.follow(active);
      }),
      client.onNotification(AnalysisChangedNotification.method, (p: AnalysisChanged) => {
        if (this.document && p.uri === this.uriOf(this.document)) void this.refresh();
      }),
      // After a (re)start the server knows nothing of what was shown: ask again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) void this.refresh();
      }),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** The document the outline shows, when it is a proposal. */
  get proposal(): vscode.TextDocument | undefined {
    return this.result ? this.document : undefined;
  }

  uriOf(doc: vscode.TextDocument): string {
    return this.client.code2ProtocolConverter.asUri(doc.uri);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    const shown = this.document;
    const stillVisible = shown !== undefined && vscode.window.visibleTextEditors.some((e) => e.document === shown);
    const action = onActiveEditor(editor && { languageId: editor.document.languageId, scheme: editor.document.uri.scheme }, stillVisible);
    if (action === 'keep') return;
    this.document = action === 'follow' ? editor?.document : undefined;
    void this.refresh();
  }

  private async load(): Promise<void> {
    const doc = this.document;
    if (!doc) {
      this.show(null);
      return;
    }
    const result = await send(this.client, OutlineRequest, { textDocument: { uri: this.uriOf(doc) } });
    // The active editor changed while the server answered: its own refresh is queued behind this one.
    if (doc !== this.document) return;
    this.show(result);
  }

  private show(result: OutlineResult | null): void {
    this.result = result;
    if (this.isProposal !== (result !== null)) {
      this.isProposal = result !== null;
      void vscode.commands.executeCommand('setContext', IS_PROPOSAL_CONTEXT, this.isProposal);
    }
    this.view.description = result ? progressDescription(result.progress) : undefined;
    if (result) {
      const s = statusBar(result);
      this.status.text = s.text;
      this.status.tooltip = s.tooltip;
      this.status.show();
    } else {
      this.status.hide();
    }
    this.changed.fire(undefined);
  }

  getTreeItem(node: OutlineNode): vscode.TreeItem {
    const p = presentEntry(node.entry);
    const item = new vscode.TreeItem(
      p.label,
      node.entry.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    // A stable id keeps what the user collapsed collapsed across refreshes.
    item.id = `${node.uri}#${node.entry.section}`;
    item.description = p.description;
    item.tooltip = p.tooltip;
    item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
    item.contextValue = p.contextValue;
    if (p.reveal && node.entry.range) {
      item.command = { command: COMMANDS.revealSection, title: 'Go to Section', arguments: [node.uri, node.entry.range] };
    }
    return item;
  }

  getChildren(node?: OutlineNode): OutlineNode[] {
    const uri = this.result?.uri;
    if (uri === undefined) return [];
    return (node ? node.entry.children : (this.result?.entries ?? [])).map((entry) => ({ uri, entry }));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
