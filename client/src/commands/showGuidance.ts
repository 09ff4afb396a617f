/**
 * "Proposal Kit: Show Template Guidance": the template's guidance for the section at the cursor.
 *
 * Shown as a locked markdown preview, beside the editor, of a read-only virtual document. An
 * information message would flatten the markdown to one line, cut long guidance short and vanish
 * while the user writes; hover already gives a glance at a heading. What this command adds is
 * guidance that stays readable next to the section being written. A virtual document (not an
 * untitled one) is never dirty, so closing it asks nothing; the preview is locked, or it would
 * switch to the proposal itself as soon as the user clicks back into it. Running the command again
 * replaces the text, so one tab follows the user from section to section.
 */
import * as vscode from 'vscode';
import { GuidanceRequest, send } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { GUIDANCE_PATH, guidanceMarkdown, NO_GUIDANCE_MESSAGE } from '../guidance';
import { GUIDANCE_SCHEME } from '../ids';
import { activeMarkdownEditor } from './shared';

export async function showGuidance(ctx: Ctx): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const guidance = await send(ctx.client, GuidanceRequest, {
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
    await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', uri);
  } catch {
    // The built-in markdown extension is disabled: show the markdown source instead.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }
}
