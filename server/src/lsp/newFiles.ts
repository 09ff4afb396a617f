/**
 * New Proposal and Create Template, answered by the language server: it decides what is created
 * and where (from the workspace model), and answers with an edit that creates the files, never
 * over an existing one; the client asks the user and applies the edit.
 */
import { LSPErrorCodes, ResponseError, type Connection, type TextDocuments, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { TemplateSchema } from '../core';
import { firstLineToWrite } from '../core/cursor';
import { normalizeSig, validateSig, validateTemplateId, validateTitle } from '../core/names';
import { suggestedTemplateId, templateFromDocument } from '../core/newTemplate';
import { placeProposal, resolveInsideWith } from '../core/placement';
import { posixPath } from '../core/posixPath';
import { innermostFolder, localDate, type PathOps, type Settings, type Workspace } from '../core/workspace';
import { CreateTemplateRequest, NewProposalRequest, ProposalTemplatesRequest, TemplateIdRequest, type NewFileResult, type NewProposalParams, type NewProposalPlace } from '../protocol';
import type { Platform } from './platform';

export interface NewFilesDeps {
  workspace(): Workspace;
  /** The workspace's settings for a document or folder URI. */
  settingsFor(uri: string): Promise<Settings>;
  documents: TextDocuments<TextDocument>;
  platform: Platform;
  /** Settles once the workspace's files are read. */
  ready(): Promise<void>;
}

/** A request that cannot be met: the client shows the message. */
function refuse(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

const slashed = (path: PathOps, root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

/** An edit that creates each file (failing if it exists) and writes its text. */
function createFiles(platform: Platform, files: readonly { file: string; text: string }[]): WorkspaceEdit {
  const start = { line: 0, character: 0 };
  return {
    documentChanges: files.flatMap(({ file, text }) => {
      const uri = platform.uriOf(file);
      return [
        { kind: 'create' as const, uri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: text }] },
      ];
    }),
  };
}

/** The workspace folder and the chosen folder of a New Proposal request, both checked to be in the workspace. */
function placeOf(deps: NewFilesDeps, params: NewProposalPlace): { root: string; chosen: string | undefined } {
  const ws = deps.workspace();
  const root = deps.platform.fileOf(params.workspaceFolder);
  if (root === undefined || !ws.folders.includes(root)) {
    throw refuse(`${root ?? params.workspaceFolder} is not a workspace folder: New Proposal creates proposals only inside one.`);
  }
  const chosen = params.folder === undefined ? undefined : deps.platform.fileOf(params.folder);
  if (params.folder !== undefined && (chosen === undefined || innermostFolder(ws.host.path, [root], chosen) === undefined)) {
    throw refuse(`${chosen ?? params.folder} is not inside the workspace folder ${root}: New Proposal creates proposals only inside it.`);
  }
  return { root, chosen: chosen === root ? undefined : chosen };
}

/** The SIG a folder names (`keps/sig-node/...` gives `node`), to offer as the default; '' when it names none. */
export function sigFromFolder(root: string, dir: string | undefined, path: PathOps = posixPath): string {
  if (dir === undefined) return '';
  const sig = path.relative(root, dir).split(path.sep).reverse().find((s) => /^sig-./.test(s));
  return sig ? sig.slice(4) : '';
}

const needsSig = (t: TemplateSchema): boolean => t.file.path.includes('{sig}');

/** The workspace folder a document's template goes into: its own, else the only one. */
function templateRoot(deps: NewFilesDeps, uri: string): string {
  const ws = deps.workspace();
  const file = deps.platform.fileOf(uri);
  const root = (file === undefined ? undefined : ws.rootOf(file)) ?? (ws.folders.length === 1 ? ws.folders[0] : undefined);
  if (root === undefined) throw refuse('Open the file inside a workspace folder: the template goes into its .proposals/templates folder.');
  return root;
}

function takenIds(platform: Platform, dir: string): string[] {
  return platform.names(dir).filter((n) => /\.md$/i.test(n)).map((n) => n.replace(/\.md$/i, ''));
}

async function newProposal(deps: NewFilesDeps, params: NewProposalParams): Promise<NewFileResult> {
  await deps.ready();
  const ws = deps.workspace();
  const { root, chosen } = placeOf(deps, params);
  const t = ws.templates.find((x) => x.id === params.template);
  if (!t) throw refuse(`No proposal template '${params.template}': the templates are ${ws.templates.map((x) => x.id).join(', ')}.`);
  const problem = validateTitle(params.title) ?? (needsSig(t) ? validateSig(params.sig ?? '') : undefined);
  if (problem) throw refuse(problem);
  const settings = await deps.settingsFor(params.workspaceFolder);
  const input = { title: params.title.trim(), author: ws.authorFor(root, settings), date: localDate(new Date()), sig: needsSig(t) ? normalizeSig(params.sig ?? '') : undefined };
  let placed;
  try {
    const files = deps.platform.placeFiles;
    // Names that exist now are taken; the editor refuses the edit if one was taken since.
    placed = placeProposal(t, input, { root, dir: ws.proposalFolder(root, chosen, t.id) }, files, (p) => !files.exists(p.numberedDir ?? p.file) && !files.exists(p.file));
  } catch (e) {
    throw refuse(`Could not create the proposal: ${e instanceof Error ? e.message : String(e)}`);
  }
  const files = [{ file: placed.file, text: placed.scaffold.text }, ...placed.companions];
  const names = placed.companions.map((c) => slashed(ws.host.path, root, c.file));
  return {
    edit: createFiles(deps.platform, files),
    uri: deps.platform.uriOf(placed.file),
    position: firstLineToWrite(placed.scaffold.text),
    message: names.length ? `Created ${slashed(ws.host.path, root, placed.file)} and ${names.join(', ')}.` : undefined,
  };
}

function createTemplate(deps: NewFilesDeps, uri: string, rawId: string): NewFileResult {
  const ws = deps.workspace();
  const root = templateRoot(deps, uri);
  const path = ws.host.path;
  const dir = path.join(root, '.proposals', 'templates');
  const id = rawId.trim();
  const problem = validateTemplateId(id, takenIds(deps.platform, dir));
  if (problem) throw refuse(problem);
  const doc = deps.documents.get(uri);
  if (!doc) throw refuse('Open the file in the editor first: the template is made from its text.');
  const made = templateFromDocument(doc.getText(), id);
  if (!made.ok) throw refuse(`This file cannot become a template: ${made.message}`);
  let file: string;
  try {
    file = resolveInsideWith(deps.platform.placeFiles, root, path.join('.proposals', 'templates', `${id}.md`));
  } catch (e) {
    throw refuse(`Could not create the template: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    edit: createFiles(deps.platform, [{ file, text: made.text }]),
    uri: deps.platform.uriOf(file),
    position: { line: 0, character: 0 },
    message: `Template '${made.name}' (${made.sections} sections) created in ${slashed(path, root, file)}: New Proposal offers it, and proposals that follow it are checked against it. The text under each heading is its guidance.`,
  };
}

export function registerNewFileRequests(connection: Connection, deps: NewFilesDeps): void {
  connection.onRequest(ProposalTemplatesRequest, async (params) => {
    await deps.ready();
    const ws = deps.workspace();
    const { root, chosen } = placeOf(deps, params);
    return ws.templates.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      ...(needsSig(t) ? { sig: sigFromFolder(root, ws.proposalFolder(root, chosen, t.id), ws.host.path) } : {}),
    }));
  });
  connection.onRequest(NewProposalRequest, (params) => newProposal(deps, params));
  connection.onRequest(TemplateIdRequest, (params) => {
    const root = templateRoot(deps, params.textDocument.uri);
    const dir = deps.workspace().host.path.join(root, '.proposals', 'templates');
    return { suggested: suggestedTemplateId(URI.parse(params.textDocument.uri).path), taken: takenIds(deps.platform, dir) };
  });
  connection.onRequest(CreateTemplateRequest, (params) => createTemplate(deps, params.textDocument.uri, params.id));
}
