/** Clicking a present entry of the outline view: show its heading at the top of the editor. */
import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-types';
import type { Ctx } from '../context';

export async function revealSection(ctx: Ctx, uri?: string, range?: Range): Promise<void> {
  if (uri === undefined || range === undefined) return;
  const r = ctx.client.protocol2CodeConverter.asRange(range);
  const doc = await vscode.workspace.openTextDocument(ctx.client.protocol2CodeConverter.asUri(uri));
  // Keep the focus in the tree, as VS Code's own Outline does on a single click, so the arrow keys
  // can walk the sections; the editor shows the heading and puts the cursor on it.
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(r.start, r.start), preserveFocus: true });
  editor.revealRange(r, vscode.TextEditorRevealType.AtTop);
}
