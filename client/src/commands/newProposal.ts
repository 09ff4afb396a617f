/**
 * "Proposal Kit: New Proposal": pick a template, give a title (and a SIG for a KEP), and the file
 * is created where the template says (or in the folder right-clicked in the Explorer) and opened
 * with the cursor on the first line to write. The language server decides what is created and
 * where, and answers with the edit that creates it; this command asks and applies.
 *
 * Run with an object (`{ template, title, sig }`, from a keybinding's `args` or another extension),
 * it asks only for what the object does not say, and resolves to the created file's URI.
 */
import * as vscode from 'vscode';
import { normalizeSig, validateSig, validateTitle } from '../../../server/src/core/names';
import { NewProposalRequest, ProposalTemplatesRequest, type NewProposalPlace } from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { chooseTarget, readPresets, templatePickItems } from '../newProposalPlan';
import { applyNewFile } from './shared';

const TITLE = 'New Proposal';

/** Where the proposal goes, asking for the workspace folder when nothing says which; undefined when there is none or the user cancelled. */
async function placeFor(arg: unknown, schemes: readonly string[]): Promise<NewProposalPlace | undefined> {
  const clicked = arg instanceof vscode.Uri && schemes.includes(arg.scheme) ? arg.toString() : undefined;
  // Only folders of the file system the server reads count (on the desktop, the local disk).
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => schemes.includes(f.uri.scheme)).map((f) => f.uri.toString());
  const active = vscode.window.activeTextEditor?.document.uri;
  const target = chooseTarget({
    folders,
    clicked,
    active: active && schemes.includes(active.scheme) ? active.toString() : undefined,
    folderOf: (uri) => vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.uri.toString(),
  });
  if (target.kind === 'none') {
    void vscode.window.showErrorMessage('Open a folder first: New Proposal creates the proposal inside a workspace folder.');
    return undefined;
  }
  if (target.kind === 'ask') {
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The workspace folder to create the proposal in' });
    return picked ? { workspaceFolder: picked.uri.toString() } : undefined;
  }
  return { workspaceFolder: target.root, ...(target.dir === undefined ? {} : { folder: target.dir }) };
}

/** `arg` is the folder when run from the Explorer's context menu, else presets or nothing. */
export async function newProposal(ctx: Ctx, arg?: unknown): Promise<vscode.Uri | undefined> {
  const presets = readPresets(arg);
  const place = await placeFor(arg, ctx.schemes);
  if (!place) return;
  const templates = await ctx.client.sendRequest(ProposalTemplatesRequest, place);
  if (!templates.length) {
    void vscode.window.showErrorMessage('No proposal templates could be loaded.');
    return;
  }

  let id = presets.template;
  if (id === undefined) {
    const picked = await vscode.window.showQuickPick(templatePickItems(templates), {
      title: TITLE,
      placeHolder: 'Template to write the proposal from',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return;
    id = picked.id;
  }
  const template = templates.find((t) => t.id === id);
  if (!template) {
    void vscode.window.showErrorMessage(`No proposal template '${id}': the templates are ${templates.map((t) => t.id).join(', ')}.`);
    return;
  }
  const steps = template.sig !== undefined ? 3 : 2;

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
      value: template.sig,
      validateInput: validateSig,
    });
    if (answer === undefined) return;
    sig = normalizeSig(answer);
  }

  const result = await ctx.client.sendRequest(NewProposalRequest, { ...place, template: template.id, title: title.trim(), ...(sig === undefined ? {} : { sig }) });
  return applyNewFile(result);
}
