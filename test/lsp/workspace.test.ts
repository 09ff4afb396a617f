import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CreateTemplateRequest, OutlineRequest, TemplateIdRequest } from '../../server/src/protocol';
import { openDocument, pullDiagnostics, startSession, TempFolder, type Session } from './client';

const ROOT = path.resolve(__dirname, '..', '..');
const MADR = fs.readFileSync(path.join(ROOT, 'docs', 'templates', 'madr.md'), 'utf8');
const HALF = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'custom', 'decisions', '0002-adopt-feature-flags.md'), 'utf8');
const MERGED = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real', 'klip', 'klip-59-json-functions.md'), 'utf8');
/** KLIP-59, in development rather than Merged (history, hints only): the rules' own severities apply. */
const KLIP_TEXT = MERGED.replace('**Status**: _Merged_', '**Status**: _In development_');
const codes = (items: Diagnostic[]): [unknown, unknown][] => items.map((d) => [d.code, d.severity]);
type Published = { uri: string; diagnostics: Diagnostic[] };
const messages = (items: Diagnostic[]): string[] => items.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.message}`);

describe('language server: the workspace model', function () {
  this.timeout(30000);
  let tmp: TempFolder;
  let s: Session | undefined;
  const write = (rel: string, text: string): string => tmp.write(rel, text);
  const uriOf = (rel: string): string => tmp.uri(rel);
  beforeEach(() => (tmp = new TempFolder('pk-lsp-ws-')));
  afterEach(async () => {
    await s?.close();
    s = undefined;
    tmp.remove();
  });

  it('a multi-root workspace: each folder\'s configuration applies to its own documents', async () => {
    write('a/.proposalkit.json', JSON.stringify({ rules: { 'missing-section': 'hint', 'section-order': 'off' } }));
    write('b/.proposalkit.json', JSON.stringify({ files: ['docs/**'], rules: { 'section-order': 'off' } }));
    s = await startSession({ workspaceFolders: [uriOf('a'), uriOf('b')] });
    for (const rel of ['a/design-proposals/klip-59-json-functions.md', 'b/docs/klip-59-json-functions.md', 'b/notes/klip-59-json-functions.md']) {
      await openDocument(s, uriOf(rel), KLIP_TEXT);
    }
    assert.deepEqual(codes(await pullDiagnostics(s, uriOf('a/design-proposals/klip-59-json-functions.md'))), [
      ['missing-section', 4],
      ['missing-section', 4],
      ['missing-section', 4],
      ['missing-section', 4],
      ['missing-section', 4],
    ]);
    assert.deepEqual(codes(await pullDiagnostics(s, uriOf('b/docs/klip-59-json-functions.md'))), [
      ['missing-section', 1],
      ['missing-section', 1],
      ['missing-section', 1],
      ['missing-section', 1],
      ['missing-section', 1],
    ]);
    assert.deepEqual(await pullDiagnostics(s, uriOf('b/notes/klip-59-json-functions.md')), []);
  });

  it("a multi-root workspace: each folder's templates and templateFor check its own documents", async () => {
    // Folder b's team template drops MADR's Decision Drivers and asks for Risks instead.
    const teamAdr = MADR.replace(/## Decision Drivers\n\n[^#]*/, '').replace('## Considered Options', '## Risks\n\nWhat could go wrong, and how we would notice.\n\n## Considered Options');
    write('a/.proposals/templates/madr.md', MADR);
    write('a/.proposalkit.json', JSON.stringify({ templateFor: { 'docs/*.md': 'madr' }, rules: { metadata: 'off' } }));
    write('b/.proposals/templates/team-adr.md', teamAdr);
    write('b/.proposalkit.json', JSON.stringify({ templateFor: { 'docs/*.md': 'team-adr' }, rules: { metadata: 'off' } }));
    s = await startSession({ workspaceFolders: [uriOf('a'), uriOf('b')] });
    await openDocument(s, uriOf('a/docs/0002-adopt-feature-flags.md'), HALF);
    await openDocument(s, uriOf('b/docs/0002-adopt-feature-flags.md'), HALF);
    assert.deepEqual(messages(await pullDiagnostics(s, uriOf('a/docs/0002-adopt-feature-flags.md'))), [
      "11 missing-section Missing required section 'Considered Options' (expected after 'Decision Drivers').",
      `11 empty-section Section 'Decision Drivers' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
      "19 placeholder Template guidance left in 'Consequences': replace it with the section's content.",
    ]);
    // The same text against b's template: Decision Drivers is no section of it, Risks is. The
    // empty heading, the author's own there, is still an empty section before the template's next.
    assert.deepEqual(messages(await pullDiagnostics(s, uriOf('b/docs/0002-adopt-feature-flags.md'))), [
      "7 missing-section Missing required section 'Risks' (expected after 'Context and Problem Statement').",
      "7 missing-section Missing required section 'Considered Options' (expected after 'Context and Problem Statement').",
      `11 empty-section Section 'Decision Drivers' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
      "19 placeholder Template guidance left in 'Consequences': replace it with the section's content.",
    ]);
  });

  it('settings changed while documents are open: every open document is checked again and its diagnostics pushed', async () => {
    const options = { rootUri: tmp.uri(), pull: false, configuration: { rules: { 'missing-section': 'hint', 'section-order': 'off' } } as Record<string, unknown> };
    s = await startSession(options);
    const session = s;
    const docs = [uriOf('design-proposals/klip-59-json-functions.md'), uriOf('design-proposals/klip-60-copy.md')];
    const published = (uri: string, severity: number): Promise<Published> =>
      session.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0 && p.diagnostics.every((d) => d.severity === severity));
    const hints = docs.map((uri) => published(uri, 4));
    for (const uri of docs) await openDocument(session, uri, KLIP_TEXT);
    for (const p of await Promise.all(hints)) assert.deepEqual(codes(p.diagnostics), [['missing-section', 4], ['missing-section', 4], ['missing-section', 4], ['missing-section', 4], ['missing-section', 4]]);
    // The editor's settings change: the client says so without the new values; the server asks for them.
    options.configuration = { rules: { 'section-order': 'off' } };
    const errors = docs.map((uri) => published(uri, 1));
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    for (const p of await Promise.all(errors)) assert.deepEqual(codes(p.diagnostics), [['missing-section', 1], ['missing-section', 1], ['missing-section', 1], ['missing-section', 1], ['missing-section', 1]]);
  });

  it('an untitled document is checked when it looks like a proposal, whatever the files globs say; its outline and Create Template answer as for a saved file', async () => {
    write('.proposalkit.json', JSON.stringify({ files: ['docs/**'], rules: { 'section-order': 'off' } }));
    s = await startSession({ rootUri: tmp.uri() });
    await openDocument(s, 'untitled:Untitled-1', KLIP_TEXT);
    await openDocument(s, uriOf('docs/klip-59-json-functions.md'), KLIP_TEXT);
    const untitled = await pullDiagnostics(s, 'untitled:Untitled-1');
    assert.equal(untitled[0]?.message, 'Missing required section \'tl;dr\' (a paragraph that starts "**tl;dr:**", under the title).');
    assert.deepEqual(untitled, await pullDiagnostics(s, uriOf('docs/klip-59-json-functions.md')));
    // The requests answer as for a saved file; Create Template puts the template in the one workspace folder.
    const outline = await s.connection.sendRequest(OutlineRequest, { textDocument: { uri: 'untitled:Untitled-1' } });
    assert.deepEqual([outline?.template.id, outline?.progress], ['klip', { written: 7, required: 12 }]);
    assert.deepEqual(await s.connection.sendRequest(TemplateIdRequest, { textDocument: { uri: 'untitled:Untitled-1' } }), { suggested: 'untitled-1', taken: [] });
    const made = await s.connection.sendRequest(CreateTemplateRequest, { textDocument: { uri: 'untitled:Untitled-1' }, id: 'untitled-1' });
    assert.equal(made.uri, uriOf('.proposals/templates/untitled-1.md'));
  });
});
