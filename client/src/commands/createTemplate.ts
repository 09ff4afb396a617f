/**
 * "Proposal Kit: Create Template from This File": the open markdown document becomes a workspace
 * template in `.proposals/templates/<id>.md`, with its headings as the sections and the text under
 * them as guidance. Asks for the id (the language server suggests one from the file name), never
 * overwrites, and opens the new template. Run with `{ id }` (tests, keybindings) it does not ask;
 * it resolves to the new file's URI. The language server makes the template and answers with the
 * edit that creates it.
 */
import * as vscode from 'vscode';
import { validateTemplateId } from '../../../server/src/core/names';
import { CreateTemplateRequest, TemplateIdRequest } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { activeMarkdownEditor, applyNewFile } from './shared';

export async function createTemplate(ctx: Ctx, arg?: unknown): Promise<vscode.Uri | undefined> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const textDocument = { uri: editor.document.uri.toString() };
  const { suggested, taken } = await ctx.client.sendRequest(TemplateIdRequest, { textDocument });
  const preset = typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { id: string }).id : undefined;
  const id = preset ?? (await vscode.window.showInputBox({
    title: 'Create Template from This File',
    prompt: 'The template\'s id: New Proposal lists it, and `template: <id>` in a proposal\'s front matter names it',
    value: suggested,
    validateInput: (v) => validateTemplateId(v, taken),
  }));
  if (id === undefined) return;
  const problem = validateTemplateId(id, taken);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return;
  }
  return applyNewFile(await ctx.client.sendRequest(CreateTemplateRequest, { textDocument, id: id.trim() }));
}
