/**
 * "Proposal Kit: Show Template Guidance": the template's guidance for the section at the cursor.
 *
 * Shown as a markdown preview, beside the editor and without taking the focus, of a read-only
 * virtual document. An information message would flatten the markdown to one line, cut long
 * guidance short and vanish while the user writes; hover already gives a glance at a heading. What
 * this command adds is guidance that stays readable next to the section being written. A virtual
 * document (not an untitled one) is never dirty, so closing it asks nothing; the preview is the
 * static kind, which keeps showing its document (the side preview of "Open Preview to the Side"
 * would switch to the proposal as soon as the user clicks back into it). Running the command again
 * replaces the text, so one tab follows the user from section to section.
 */
import * as vscode from 'vscode';
import { GuidanceRequest } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { GUIDANCE_PATH, guidanceMarkdown, NO_GUIDANCE_MESSAGE } from '../guidance';
import { GUIDANCE_SCHEME } from '../ids';
import { activeMarkdownEditor } from './shared';

export async function showGuidance(ctx: Ctx): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const guidance = await ctx.client.sendRequest(GuidanceRequest, {
    textDocument: { uri: ctx.client.code2ProtocolConverter.asUri(editor.document.uri) },
    position: ctx.client.code2ProtocolConverter.asPosition(editor.selection.active),
  });
  if (!guidance) {
    void vscode.window.showInformationMessage(NO_GUIDANCE_MESSAGE);
    return;
  }
  const uri = vscode.Uri.from({ scheme: GUIDANCE_SCHEME, path: GUIDANCE_PATH });
  ctx.guidance.set(uri, guidanceMarkdown(guidance));
  try {
    // VS Code's static markdown preview (the custom editor behind "Reopen Editor With... Markdown
    // Preview") opened beside, without taking the focus: the user goes on writing.
    await vscode.commands.executeCommand('vscode.openWith', uri, 'vscode.markdown.preview.editor', {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
      preview: true,
    });
  } catch {
    // The built-in markdown extension is disabled: show the markdown source instead.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }
}
