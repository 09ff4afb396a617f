/**
 * "Proposal Kit: New Proposal": pick a template, give a title (and a SIG for a KEP), and the file
 * is created where the template says (or in the folder right-clicked in the Explorer) and opened
 * with the cursor on the first line to write. The decisions live in ../newProposalPlan.ts.
 *
 * Run with an object (`{ template, title, sig }`, from a keybinding's `args` or another extension),
 * it asks only for what the object does not say, and resolves to the created file's URI.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createProposal } from '../../../server/src/node/create';
import { nodeWorkspaceHost } from '../../../server/src/node/workspaceHost';
import { localDate, readSettings, Workspace } from '../../../server/src/core/workspace';
import type { Ctx } from '../context';
import { firstLineToWrite } from '../cursor';
import { CONFIG_SECTION } from '../ids';
import {
  chooseTarget,
  needsSig,
  normalizeSig,
  readPresets,
  sigFromFolder,
  templateErrorMessage,
  templatePickItems,
  validateSig,
  validateTitle,
} from '../newProposalPlan';

const TITLE = 'New Proposal';

/** `arg` is the folder when run from the Explorer's context menu, else presets or nothing. */
export async function newProposal(ctx: Ctx, arg?: unknown): Promise<vscode.Uri | undefined> {
  const clicked = arg instanceof vscode.Uri ? arg : undefined;
  const presets = readPresets(arg);
  // New Proposal writes with node's fs, so only folders on the local file system count.
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const active = vscode.window.activeTextEditor?.document.uri;
  const target = chooseTarget({
    folders,
    clicked: clicked?.scheme === 'file' ? clicked.fsPath : undefined,
    active: active?.scheme === 'file' ? active.fsPath : undefined,
  });
  let root: string;
  let dir: string | undefined;
  if (target.kind === 'none') {
    void vscode.window.showErrorMessage('Open a folder first: New Proposal creates the proposal inside a workspace folder.');
    return;
  } else if (target.kind === 'ask') {
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The workspace folder to create the proposal in' });
    if (!picked) return;
    root = picked.uri.fsPath;
  } else {
    root = target.root;
    dir = target.dir;
  }

  const ws = new Workspace(nodeWorkspaceHost(), { folders: [root], trusted: vscode.workspace.isTrusted, reader: 'editor' });
  const editor = vscode.workspace.getConfiguration(CONFIG_SECTION, vscode.Uri.file(root));
  const user = readSettings({ templates: editor.get('templates'), author: editor.get('author') });
  // The language server says which configured folders it refused; here only the templates count.
  const { errors } = ws.load(user.templates);
  const settings = ws.settingsFor(root, user);
  const problem = templateErrorMessage(errors, root, ctx.templateErrorsShown);
  if (problem) void vscode.window.showWarningMessage(problem);
  if (!ws.templates.length) {
    void vscode.window.showErrorMessage('No proposal templates could be loaded.');
    return;
  }

  let id = presets.template;
  if (id === undefined) {
    const picked = await vscode.window.showQuickPick(templatePickItems(ws.templates), {
      title: TITLE,
      placeHolder: 'Template to write the proposal from',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return;
    id = picked.id;
  }
  const template = ws.templates.find((t) => t.id === id);
  if (!template) {
    void vscode.window.showErrorMessage(`No proposal template '${id}': the templates are ${ws.templates.map((t) => t.id).join(', ')}.`);
    return;
  }
  dir = ws.proposalFolder(root, dir, template.id);
  const steps = needsSig(template) ? 3 : 2;

  const title = presets.title ?? await vscode.window.showInputBox({
    title: `${TITLE}: ${template.name} (2/${steps})`,
    prompt: 'The proposal\'s title',
    placeHolder: 'e.g. Faster Builds',
    validateInput: validateTitle,
  });
  if (title === undefined) return;

  let sig: string | undefined = steps === 3 ? presets.sig : undefined;
  if (steps === 3 && sig === undefined) {
    const answer = await vscode.window.showInputBox({
      title: `${TITLE}: ${template.name} (3/${steps})`,
      prompt: 'The SIG that owns the proposal, without "sig-"',
      placeHolder: 'e.g. node',
      value: sigFromFolder(root, dir),
      validateInput: validateSig,
    });
    if (answer === undefined) return;
    sig = normalizeSig(answer);
  }

  const author = ws.authorFor(root, settings);
  let created;
  try {
    created = createProposal(template, { title: title.trim(), author, date: localDate(new Date()), sig }, { root, dir });
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not create the proposal: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }

  const doc = await vscode.workspace.openTextDocument(created.file);
  const at = firstLineToWrite(doc.getText());
  const position = new vscode.Position(at.line, at.character);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(position, position), preview: false });
  if (created.companions.length) {
    const names = created.companions.map((c) => path.relative(root, c).split(path.sep).join('/'));
    void vscode.window.showInformationMessage(`Created ${path.relative(root, created.file).split(path.sep).join('/')} and ${names.join(', ')}.`);
  }
  return doc.uri;
}
