/** Small pieces the commands share. */
import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { Ctx } from '../context';
import { NOT_MARKDOWN_MESSAGE } from '../insertMessages';

/** The active editor when it holds a markdown document; otherwise says so and returns undefined. */
export function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showInformationMessage(NOT_MARKDOWN_MESSAGE);
  return undefined;
}

/** Applies a server's edit; says so when the editor refused it (the document changed meanwhile). */
export async function applyServerEdit(ctx: Ctx, edit: WorkspaceEdit): Promise<boolean> {
  const converted = await ctx.client.protocol2CodeConverter.asWorkspaceEdit(edit);
  const applied = await vscode.workspace.applyEdit(converted);
  if (!applied) void vscode.window.showWarningMessage('The document changed while the sections were being prepared; run the command again.');
  return applied;
}
