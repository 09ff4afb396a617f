import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { firstLineToWrite } from '../../server/src/core/cursor';
import { templateFromDocument } from '../../server/src/core/newTemplate';
import { scaffold } from '../../server/src/core/scaffold';
import { localDate } from '../../server/src/core/workspace';
import { CreateTemplateRequest, NewProposalRequest, ProposalTemplatesRequest, TemplateIdRequest, type NewFileResult } from '../../server/src/protocol';
import { template } from '../unit/helpers';
import { openDocument, startSession, TempFolder, type Session } from './client';

/** The edit New Proposal and Create Template answer with: each file created, never over another, then its text. */
function creates(files: { file: string; text: string }[]): NewFileResult['edit'] {
  const start = { line: 0, character: 0 };
  return {
    documentChanges: files.flatMap(({ file, text }) => {
      const uri = URI.file(file).toString();
      return [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: text }] },
      ];
    }),
  };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  return assert.fail('the request succeeded');
}

describe('language server: New Proposal and Create Template requests', function () {
  this.timeout(30000);
  let tmp: TempFolder;
  let ws: string;
  let s: Session | undefined;
  const saved = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM };
  const write = (rel: string, text: string): string => tmp.write(rel, text);
  const folder = (): string => tmp.uri();

  before(() => {
    // git has no user name here: the author comes from the configuration.
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  after(() => {
    for (const [key, value] of [['GIT_CONFIG_GLOBAL', saved.global], ['GIT_CONFIG_NOSYSTEM', saved.system]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  beforeEach(() => {
    tmp = new TempFolder('pk-lsp-new-');
    ws = tmp.root;
    write('.proposalkit.json', JSON.stringify({ author: 'Ada Lovelace', newProposalFolders: { kep: 'keps/sig-node' } }));
  });
  afterEach(async () => {
    await s?.close();
    s = undefined;
    tmp.remove();
  });

  it('offers the templates, with the SIG the KEP folder names', async () => {
    s = await startSession({ rootUri: folder() });
    const offered = await s.connection.sendRequest(ProposalTemplatesRequest, { workspaceFolder: folder() });
    assert.deepEqual(
      offered.map((t) => [t.id, t.sig]),
      [['kep', 'node'], ['kepler', undefined], ['klip', undefined], ['materialize', undefined]],
    );
    const clicked = URI.file(path.join(ws, 'keps', 'sig-apps')).toString();
    const there = await s.connection.sendRequest(ProposalTemplatesRequest, { workspaceFolder: folder(), folder: clicked });
    assert.equal(there.find((t) => t.id === 'kep')?.sig, 'apps');
  });

  it('answers with an edit that creates the next-numbered KLIP and where the cursor goes; writes nothing itself', async () => {
    write('design-proposals/klip-1-first.md', '# KLIP 1 - First\n');
    s = await startSession({ rootUri: folder() });
    const result = await s.connection.sendRequest(NewProposalRequest, { workspaceFolder: folder(), template: 'klip', title: ' Faster Builds ' });
    const file = path.join(ws, 'design-proposals', 'klip-2-faster-builds.md');
    const text = scaffold(template('klip'), { title: 'Faster Builds', author: 'Ada Lovelace', date: localDate(new Date()), number: 2 }, []).text;
    assert.equal(text.split('\n')[0], '# KLIP 2 - Faster Builds');
    assert.match(text, /Ada Lovelace/);
    assert.deepEqual(result, { edit: creates([{ file, text }]), uri: URI.file(file).toString(), position: firstLineToWrite(text) });
    assert.equal(fs.existsSync(file), false);
  });

  it('a KEP comes with its kep.yaml, in the folder the configuration names, and a message naming both', async () => {
    s = await startSession({ rootUri: folder() });
    const result = await s.connection.sendRequest(NewProposalRequest, { workspaceFolder: folder(), template: 'kep', title: 'Faster Builds', sig: 'sig-node' });
    const changes = result.edit.documentChanges as { kind?: string; uri?: string }[];
    assert.deepEqual(
      changes.filter((c) => c.kind === 'create').map((c) => path.relative(ws, URI.parse(c.uri as string).fsPath)),
      [path.join('keps', 'sig-node', '1-faster-builds', 'README.md'), path.join('keps', 'sig-node', '1-faster-builds', 'kep.yaml')],
    );
    assert.equal(result.message, 'Created keps/sig-node/1-faster-builds/README.md and keps/sig-node/1-faster-builds/kep.yaml.');
  });

  it('refuses what it cannot do, saying why: a folder outside the workspace, a link out of it, an unknown template, a missing SIG', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-lsp-out-')));
    try {
      fs.symlinkSync(outside, path.join(ws, 'linked'));
      s = await startSession({ rootUri: folder() });
      const ask = (params: Record<string, unknown>): Promise<string> => failure(s!.connection.sendRequest(NewProposalRequest, { workspaceFolder: folder(), template: 'klip', title: 'X', ...params }));
      assert.equal(await ask({ workspaceFolder: URI.file(outside).toString() }), `${outside} is not a workspace folder: New Proposal creates proposals only inside one.`);
      assert.equal(await ask({ folder: URI.file(outside).toString() }), `${outside} is not inside the workspace folder ${ws}: New Proposal creates proposals only inside it.`);
      assert.equal(
        await ask({ folder: URI.file(path.join(ws, 'linked')).toString() }),
        `Could not create the proposal: Refusing to create ${path.join(ws, 'linked', 'klip-1-x.md')}: a folder on its way is a symbolic link out of ${ws}; proposals are created only inside the workspace.`,
      );
      assert.equal(await ask({ template: 'nope' }), "No proposal template 'nope': the templates are kep, kepler, klip, materialize.");
      assert.equal(await ask({ template: 'kep' }), 'Name the SIG that owns the proposal, e.g. node.');
      assert.equal(await ask({ title: '  ' }), 'Give the proposal a title.');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('Create Template: suggests an id, names the ids taken, and answers with the template file as an edit', async () => {
    write('.proposals/templates/adr.md', '# ADR\n\n## Context\n');
    s = await startSession({ rootUri: folder() });
    const uri = URI.file(path.join(ws, 'docs', 'Team RFC.md')).toString();
    const text = '# RFC: [Title]\n\n## Motivation\n\nWhy.\n\n## Design\n\nHow.\n';
    await openDocument(s, uri, text);
    const textDocument = { uri };
    assert.deepEqual(await s.connection.sendRequest(TemplateIdRequest, { textDocument }), { suggested: 'team-rfc', taken: ['adr'] });
    assert.equal(await failure(s.connection.sendRequest(CreateTemplateRequest, { textDocument, id: 'ADR' })), "The workspace already has a template 'ADR': choose another id.");
    const result = await s.connection.sendRequest(CreateTemplateRequest, { textDocument, id: 'team-rfc' });
    const made = templateFromDocument(text, 'team-rfc');
    assert.ok(made.ok);
    const file = path.join(ws, '.proposals', 'templates', 'team-rfc.md');
    assert.deepEqual(result, {
      edit: creates([{ file, text: made.text }]),
      uri: URI.file(file).toString(),
      position: { line: 0, character: 0 },
      message: "Template 'RFC' (2 sections) created in .proposals/templates/team-rfc.md: New Proposal offers it, and proposals that follow it are checked against it. The text under each heading is its guidance.",
    });
    const empty = URI.file(path.join(ws, 'empty.md')).toString();
    await openDocument(s, empty, 'Just text.\n');
    assert.match(await failure(s.connection.sendRequest(CreateTemplateRequest, { textDocument: { uri: empty }, id: 'empty' })), /^This file cannot become a template: /);
  });
});
