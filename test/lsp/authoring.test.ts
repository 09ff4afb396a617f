import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { PAUSE_KLIP } from '../unit/helpers';
import { applyEdits, changeDocument, openDocument, pullDiagnostics, startSession, type Session } from './client';

const URI = 'file:///work/ws/design-proposals/klip-9-pause.md';
/** Approved ('Design Approved'), with 'Design' and 'Test plan' empty. */
const KLIP = PAUSE_KLIP.replace('WIP', 'Design Approved')
  .replace('## Test plan\nUnit tests.', '## Test plan\n')
  .replace('## Security Implications', '## Compatibility Implications\nNone.\n## Security Implications');
const brief = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)} ${d.message}`;
const EMPTY_DESIGN = "18:1-18:10 empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").";
const EMPTY_TEST_PLAN = "20:1-20:13 empty-section Section 'Test plan' is empty: write it, or say why it does not apply (\"N/A: <reason>\").";

/** The code actions for the diagnostics on one line (zero-based). */
async function actionsOn(s: Session, line: number): Promise<{ actions: CodeAction[]; diagnostics: Diagnostic[] }> {
  const diagnostics = (await pullDiagnostics(s, URI)).filter((d) => d.range.start.line === line);
  const actions = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
  return { actions, diagnostics };
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

describe('language server: suppression comments and "Mark as not applicable"', function () {
  this.timeout(30000);
  let s: Session;
  afterEach(async () => s.close());

  it('a finding turned off by a comment is not published; the others are', async () => {
    s = await startSession({ pull: false });
    await openDocument(s, URI, KLIP);
    const first = await s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === URI);
    assert.deepEqual(first.diagnostics.map(brief), [EMPTY_DESIGN, EMPTY_TEST_PLAN]);
    const v = await changeDocument(s, URI, KLIP.replace('## Design\n', '<!-- proposal-kit-disable-next-line empty-section -->\n## Design\n'));
    const next = await s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === v);
    assert.deepEqual(next.diagnostics.map(brief), [EMPTY_TEST_PLAN.replace(/^20:1-20:13/, '21:1-21:13')]);
  });

  it('the fix puts the cursor after "N/A: " with a snippet edit in VS Code; the finding is gone afterwards', async () => {
    s = await startSession({ snippetEdits: true });
    await openDocument(s, URI, KLIP);
    const { actions } = await actionsOn(s, 17);
    assert.deepEqual(actions.map((a) => a.title), ['Mark as not applicable']);
    assert.deepEqual(actions[0].diagnostics?.map(brief), [EMPTY_DESIGN]);
    const changes = actions[0].edit?.documentChanges as { textDocument: { uri: string; version: number }; edits: { range: TextEdit['range']; snippet: { kind: string; value: string } }[] }[];
    assert.deepEqual(changes, [
      {
        textDocument: { uri: URI, version: changes[0].textDocument.version },
        edits: [{ range: { start: { line: 17, character: 9 }, end: { line: 17, character: 9 } }, snippet: { kind: 'snippet', value: '\n\nN/A: $0' } }],
      },
    ]);
    const fixed = applyEdits(KLIP, [{ range: changes[0].edits[0].range, newText: '\n\nN/A: ' }]);
    assert.equal(fixed, KLIP.replace('## Design\n', '## Design\n\nN/A: \n'));
    await changeDocument(s, URI, fixed);
    assert.deepEqual((await pullDiagnostics(s, URI)).map(brief), [EMPTY_TEST_PLAN.replace(/^20:1-20:13/, '22:1-22:13')]);
  });

  it('a client without snippet edits gets the same text as a plain edit', async () => {
    s = await startSession();
    await openDocument(s, URI, KLIP);
    const { actions } = await actionsOn(s, 19);
    assert.deepEqual(actions.map((a) => [a.title, a.edit]), [
      ['Mark as not applicable', { changes: { [URI]: [{ range: { start: { line: 19, character: 12 }, end: { line: 19, character: 12 } }, newText: '\n\nN/A: ' }] } }],
    ]);
  });
});
