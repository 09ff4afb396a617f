/** "Insert Section": the inline action on a missing entry of the outline view. */
import * as vscode from 'vscode';
import { InsertSectionsRequest } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import type { OutlineNode } from '../outline/provider';
import { applyServerEdit } from './shared';

export async function insertSection(ctx: Ctx, node?: OutlineNode): Promise<void> {
  if (!node) return; // only the outline view calls it, with the entry
  const edit = await ctx.client.sendRequest(InsertSectionsRequest, { textDocument: { uri: node.uri }, sections: [node.entry.section] });
  if (!edit) {
    void vscode.window.showInformationMessage(`'${node.entry.title}' is already in the document.`);
    return;
  }
  await applyServerEdit(ctx, edit);
}
