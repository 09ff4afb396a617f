/** "Proposal Kit: Insert Missing Sections": every missing required section, where the template puts it. */
import * as vscode from 'vscode';
import { InsertSectionsRequest, OutlineRequest } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { nothingToInsertMessage } from '../insertMessages';
import { activeMarkdownEditor, applyServerEdit } from './shared';

export async function insertMissingSections(ctx: Ctx): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const textDocument = { uri: ctx.client.code2ProtocolConverter.asUri(editor.document.uri) };
  const edit = await ctx.client.sendRequest(InsertSectionsRequest, { textDocument });
  if (edit) {
    await applyServerEdit(ctx, edit);
    return;
  }
  const outline = await ctx.client.sendRequest(OutlineRequest, { textDocument });
  const name = editor.document.isUntitled ? editor.document.uri.path : (editor.document.uri.path.split('/').pop() ?? editor.document.uri.path);
  void vscode.window.showInformationMessage(nothingToInsertMessage(outline, name));
}
