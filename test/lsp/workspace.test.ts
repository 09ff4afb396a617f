import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { openDocument, pullDiagnostics, startSession, TempFolder, type Session } from './client';

const MERGED = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real', 'klip', 'klip-59-json-functions.md'), 'utf8');
/** KLIP-59, in development rather than Merged (history, hints only): the rules' own severities apply. */
const KLIP_TEXT = MERGED.replace('**Status**: _Merged_', '**Status**: _In development_');
const codes = (items: Diagnostic[]): [unknown, unknown][] => items.map((d) => [d.code, d.severity]);

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
    ]);
    assert.deepEqual(codes(await pullDiagnostics(s, uriOf('b/docs/klip-59-json-functions.md'))), [
      ['missing-section', 1],
      ['missing-section', 1],
      ['missing-section', 1],
      ['missing-section', 1],
    ]);
    assert.deepEqual(await pullDiagnostics(s, uriOf('b/notes/klip-59-json-functions.md')), []);
  });

  it('an untitled document is checked when it looks like a proposal, whatever the files globs say', async () => {
    write('.proposalkit.json', JSON.stringify({ files: ['docs/**'], rules: { 'section-order': 'off' } }));
    s = await startSession({ rootUri: tmp.uri() });
    await openDocument(s, 'untitled:Untitled-1', KLIP_TEXT);
    await openDocument(s, uriOf('docs/klip-59-json-functions.md'), KLIP_TEXT);
    const untitled = await pullDiagnostics(s, 'untitled:Untitled-1');
    assert.equal(untitled[0]?.message, "Missing required section 'Value/Return' (expected after 'What is not in scope').");
    assert.deepEqual(untitled, await pullDiagnostics(s, uriOf('docs/klip-59-json-functions.md')));
  });
});
