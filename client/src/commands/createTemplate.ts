/**
 * "Proposal Kit: Create Template from This File": the open markdown document becomes a workspace
 * template in `.proposals/templates/<id>.md`, with its headings as the sections and the text under
 * them as guidance. Asks for the id (suggested from the file name), never overwrites, and opens
 * the new template. Run with `{ id }` (tests, keybindings) it does not ask; it resolves to the new
 * file's URI. The decisions live in server/src/core/newTemplate.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suggestedTemplateId, templateFromDocument, validateTemplateId } from '../../../server/src/core/newTemplate';
import type { Ctx } from '../context';
import { folderOf } from '../newProposalPlan';
import { activeMarkdownEditor } from './shared';

export async function createTemplate(_ctx: Ctx, arg?: unknown): Promise<vscode.Uri | undefined> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const doc = editor.document;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const root = (doc.uri.scheme === 'file' ? folderOf(folders, doc.uri.fsPath) : undefined) ?? (folders.length === 1 ? folders[0] : undefined);
  if (root === undefined) {
    void vscode.window.showErrorMessage('Open the file inside a workspace folder: the template goes into its .proposals/templates folder.');
    return;
  }
  const dir = path.join(root, '.proposals', 'templates');
  const taken = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /\.md$/i.test(n)).map((n) => n.replace(/\.md$/i, '')) : [];
  const preset = typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { id: string }).id : undefined;
  const id = preset ?? (await vscode.window.showInputBox({
    title: 'Create Template from This File',
    prompt: 'The template\'s id: New Proposal lists it, and `template: <id>` in a proposal\'s front matter names it',
    value: suggestedTemplateId(doc.fileName),
    validateInput: (v) => validateTemplateId(v, taken),
  }));
  if (id === undefined) return;
  const problem = validateTemplateId(id, taken);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return;
  }
  const made = templateFromDocument(doc.getText(), id.trim());
  if (!made.ok) {
    void vscode.window.showErrorMessage(`This file cannot become a template: ${made.message}`);
    return;
  }
  const file = path.join(dir, `${id.trim()}.md`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, made.text, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    void vscode.window.showErrorMessage(code === 'EEXIST' ? `${path.relative(root, file)} already exists: choose another id.` : `Could not write the template: ${String(e)}`);
    return;
  }
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(uri, { preview: false });
  const rel = path.relative(root, file).split(path.sep).join('/');
  void vscode.window.showInformationMessage(
    `Template '${made.name}' (${made.sections} sections) created in ${rel}: New Proposal offers it, and proposals that follow it are checked against it. The text under each heading is its guidance.`,
  );
  return uri;
}
