/** Small pieces the commands share. */
import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { NewFileResult } from '../../../server/src/protocol';
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

/**
 * The language server's edit that creates files, as VS Code applies it best: each file is created
 * with its text (the edit inserts each file's whole text into it once created), so no empty file
 * is ever on disk and nothing is left unsaved. Creating never overwrites.
 */
function creationEdit(result: NewFileResult): vscode.WorkspaceEdit {
  const changes = result.edit.documentChanges ?? [];
  const texts = new Map<string, string>();
  for (const c of changes) {
    if ('textDocument' in c) texts.set(c.textDocument.uri, (texts.get(c.textDocument.uri) ?? '') + c.edits.map((e) => ('newText' in e ? e.newText : e.snippet.value)).join(''));
  }
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (const c of changes) {
    if (!('kind' in c) || c.kind !== 'create') continue;
    edit.createFile(vscode.Uri.parse(c.uri), { overwrite: false, ignoreIfExists: false, contents: encoder.encode(texts.get(c.uri) ?? '') });
  }
  return edit;
}

/**
 * Creates the files the language server answered with, and opens the main one with the cursor
 * where the server says; resolves to its URI, or undefined when the editor refused the edit (a
 * file of that name appeared meanwhile: nothing is overwritten).
 */
export async function applyNewFile(result: NewFileResult): Promise<vscode.Uri | undefined> {
  const uri = vscode.Uri.parse(result.uri);
  if (!(await vscode.workspace.applyEdit(creationEdit(result)))) {
    void vscode.window.showErrorMessage(`Could not create ${vscode.workspace.asRelativePath(uri)}: a file of that name exists already, or its folder cannot be written. Nothing was overwritten; run the command again.`);
    return undefined;
  }
  const position = new vscode.Position(result.position.line, result.position.character);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Selection(position, position), preview: false });
  if (result.message) void vscode.window.showInformationMessage(result.message);
  return uri;
}
