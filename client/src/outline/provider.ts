/**
 * The "Proposal" view in the Explorer and the status bar figure, both fed by the server's outline
 * request for the active editor's document. Refreshes when the active editor changes and when the
 * server says the active document was analysed again (AnalysisChangedNotification): no polling.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { OutlineRequest, type AnalysisChanged, type OutlineEntry, type OutlineResult } from '../../../server/src/protocol';
import { COMMANDS, IS_PROPOSAL_CONTEXT, OUTLINE_VIEW } from '../ids';
import { coalesce } from './coalesce';
import { onActiveEditor, presentEntry, progressDescription, statusBar } from './present';

/** workspaceState key: the Proposal view was opened for the user once in this workspace. */
const SHOWN_KEY = 'proposalKit.outlineShown';

export interface OutlineNode {
  /** The document's URI as the server knows it. */
  uri: string;
  entry: OutlineEntry;
}

/** What the view and the status bar show, as text (the extension's exports give it to tests). */
export interface OutlineSnapshot {
  /** The document the shown answer is about, proposal or not. */
  document: string | undefined;
  /** The same document, when it is a proposal. */
  uri: string | undefined;
  /** The view's description ("8 of 10 required sections written"). */
  description: string | undefined;
  /** The status bar item's text, or undefined while it is hidden. */
  status: string | undefined;
  /** Every entry, depth first: label, description and state. */
  entries: { label: string; description: string; state: string; depth: number }[];
}

export class ProposalOutline implements vscode.TreeDataProvider<OutlineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OutlineNode | undefined>();
  private readonly shown = new vscode.EventEmitter<void>();
  /** Fires after the view and the status bar were updated. */
  readonly onDidShow = this.shown.event;
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<OutlineNode>;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private result: OutlineResult | null = null;
  private answered: vscode.TextDocument | undefined;
  private isProposal: boolean | undefined;
  /** The document whose rows the view was given last (undefined: none, or cleared). */
  private given: string | undefined;
  readonly refresh = coalesce(() => this.load());

  constructor(
    private readonly client: BaseLanguageClient,
    /** The server's AnalysisChangedNotification (the client takes one handler per method: extension.ts shares it). */
    analysisChanged: vscode.Event<AnalysisChanged>,
    /** The workspace's memory: whether the view was shown once already. */
    private readonly memory?: vscode.Memento,
    /** The URI schemes of the files the server checks. */
    private readonly schemes: readonly string[] = ['file'],
  ) {
    this.view = vscode.window.createTreeView(OUTLINE_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.status = vscode.window.createStatusBarItem('proposalKit.progress', vscode.StatusBarAlignment.Left, 100);
    this.status.name = 'Proposal Kit: sections written';
    this.status.command = `${OUTLINE_VIEW}.focus`;
    this.disposables.push(
      this.view,
      this.status,
      this.changed,
      this.shown,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      // Changing a document's language closes and reopens it: follow it if it is the active one.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const active = vscode.window.activeTextEditor;
        if (active?.document === doc) this.follow(active);
      }),
      analysisChanged((p) => {
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
    const action = onActiveEditor(editor && { languageId: editor.document.languageId, scheme: editor.document.uri.scheme }, stillVisible, this.schemes);
    if (action === 'keep') return;
    this.document = action === 'follow' ? editor?.document : undefined;
    void this.refresh();
  }

  private async load(): Promise<void> {
    const doc = this.document;
    if (!doc) {
      this.show(null, undefined);
      return;
    }
    const result = await this.client.sendRequest(OutlineRequest, { textDocument: { uri: this.uriOf(doc) } });
    // The active editor changed while the server answered: its own refresh is queued behind this one.
    if (doc !== this.document) return;
    this.show(result, doc);
  }

  private show(result: OutlineResult | null, doc: vscode.TextDocument | undefined): void {
    this.result = result;
    this.answered = doc;
    if (this.isProposal !== (result !== null)) {
      this.isProposal = result !== null;
      void vscode.commands.executeCommand('setContext', IS_PROPOSAL_CONTEXT, this.isProposal);
    }
    // The view's description (the figure) is set where VS Code fetches the rows (getChildren):
    // set here, it would show at once over the previous document's rows, which VS Code fetches
    // again only a moment later (it waits for more changes before it asks).
    if (result) {
      const s = statusBar(result);
      this.status.text = s.text;
      this.status.tooltip = s.tooltip;
      this.status.show();
    } else {
      this.status.hide();
    }
    this.changed.fire(undefined);
    this.shown.fire();
    if (result) this.revealOnce(result);
  }

  /**
   * The first time a proposal is opened in a workspace, the view (at the bottom of the Explorer,
   * collapsed) is opened and expanded, without taking the focus from the editor. Once per workspace:
   * after that, where the user put it or whether they closed it is theirs.
   */
  private revealOnce(result: OutlineResult): void {
    if (!this.memory || this.memory.get<boolean>(SHOWN_KEY) || !result.entries.length) return;
    void this.memory.update(SHOWN_KEY, true);
    void this.view.reveal({ uri: result.uri, entry: result.entries[0] }, { select: false, focus: false });
  }

  snapshot(): OutlineSnapshot {
    const entries: OutlineSnapshot['entries'] = [];
    const walk = (nodes: OutlineNode[], depth: number): void => {
      for (const n of nodes) {
        const p = presentEntry(n.entry);
        entries.push({ label: p.label, description: p.description, state: n.entry.state, depth });
        walk(this.getChildren(n), depth + 1);
      }
    };
    walk(this.getChildren(), 0);
    return {
      document: this.answered && this.uriOf(this.answered),
      uri: this.result?.uri,
      description: this.result ? progressDescription(this.result.progress) : undefined,
      status: this.result ? this.status.text : undefined,
      entries,
    };
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
    const result = this.result;
    if (!result) {
      if (!node) {
        this.given = undefined;
        this.view.description = undefined;
      }
      return [];
    }
    if (!node) {
      // The figure (the view's description) and the rows reach the view as two messages. When the
      // rows on screen are another document's, they are cleared first, with the figure, and the
      // new ones asked for after: a figure is never shown over another document's rows.
      if (this.given !== undefined && this.given !== result.uri) {
        this.given = undefined;
        this.view.description = undefined;
        queueMicrotask(() => this.changed.fire(undefined));
        return [];
      }
      this.given = result.uri;
      this.view.description = progressDescription(result.progress);
    }
    return (node ? node.entry.children : result.entries).map((entry) => ({ uri: result.uri, entry }));
  }

  /** The entry a node is under (for reveal); undefined for a top-level one. */
  getParent(node: OutlineNode): OutlineNode | undefined {
    const result = this.result;
    if (!result || result.uri !== node.uri) return undefined;
    const find = (entries: readonly OutlineEntry[], parent: OutlineEntry | undefined): OutlineEntry | undefined => {
      for (const e of entries) {
        if (e.section === node.entry.section) return parent;
        const found = find(e.children, e);
        if (found) return found;
      }
      return undefined;
    };
    const parent = find(result.entries, undefined);
    return parent && { uri: node.uri, entry: parent };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
