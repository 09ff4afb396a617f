/**
 * The "Proposals" view in the Explorer: every proposal in the workspace, grouped by template and
 * status (see present.ts). Asks the server (WorkspaceProposalsRequest) while the view is visible:
 * when it becomes visible, when a markdown or kep.yaml file changes on disk, and when an open
 * document was checked again (AnalysisChangedNotification). No polling.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { WorkspaceProposalsRequest, type AnalysisChanged } from '../../../server/src/protocol';
import { PROPOSALS_VIEW } from '../ids';
import { coalesce } from '../outline/coalesce';
import { proposalRows, type Row } from './present';

/** What the view shows, as text, depth first (the extension's exports give it to tests). */
export interface ProposalsSnapshot {
  rows: { label: string; description: string; depth: number }[];
}

export class ProposalsView implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Row | undefined>();
  private readonly shown = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after the view's rows were replaced with a new answer. */
  readonly onDidShow = this.shown.event;
  private readonly view: vscode.TreeView<Row>;
  private readonly disposables: vscode.Disposable[] = [];
  private rows: Row[] = [];
  /** Something changed while the view was hidden: ask again when it is shown. */
  private stale = true;
  private readonly refresh = coalesce(() => this.load());

  constructor(
    private readonly client: BaseLanguageClient,
    /** The server's AnalysisChangedNotification (the client takes one handler per method: extension.ts shares it). */
    analysisChanged: vscode.Event<AnalysisChanged>,
  ) {
    this.view = vscode.window.createTreeView(PROPOSALS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.md,*.markdown,kep.yaml}');
    const changed = (): void => this.onChange();
    this.disposables.push(
      this.view,
      this.changed,
      this.shown,
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete(changed),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.refresh();
      }),
      analysisChanged(changed),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) changed();
      }),
    );
    if (this.view.visible) void this.refresh();
  }

  private onChange(): void {
    this.stale = true;
    if (this.view.visible) void this.refresh();
  }

  private async load(): Promise<void> {
    if (this.client.state !== State.Running) return;
    this.stale = false;
    const list = await this.client.sendRequest(WorkspaceProposalsRequest, {});
    this.rows = proposalRows(list);
    this.view.description = list.length ? `${list.length} ${list.length === 1 ? 'proposal' : 'proposals'}` : undefined;
    this.changed.fire(undefined);
    this.shown.fire();
  }

  snapshot(): ProposalsSnapshot {
    const rows: ProposalsSnapshot['rows'] = [];
    const walk = (list: Row[], depth: number): void => {
      for (const r of list) {
        rows.push({ label: r.label, description: r.description, depth });
        walk(r.children, depth + 1);
      }
    };
    walk(this.rows, 0);
    return { rows };
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const state = !row.children.length ? vscode.TreeItemCollapsibleState.None : row.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(row.label, state);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    if (row.open) {
      const uri = this.client.protocol2CodeConverter.asUri(row.open);
      item.resourceUri = uri;
      item.command = { command: 'vscode.open', title: 'Open Proposal', arguments: [uri] };
    }
    return item;
  }

  getChildren(row?: Row): Row[] {
    return row ? row.children : this.rows;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
