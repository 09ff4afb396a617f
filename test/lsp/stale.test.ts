import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc';
import { changeDocument, openDocument, startSession, type Session } from './client';

const ROOT = path.resolve(__dirname, '..', '..');
const KLIP = fs.readFileSync(path.join(ROOT, 'examples', 'design-proposals', 'klip-7-stream-pausing.md'), 'utf8');
const URI_ = 'file:///work/ws/design-proposals/klip-99-pause.md';

/**
 * Requests that wait while the document changes. The server asks the client for the document's
 * settings before its first analysis; the test holds that answer back, sends an edit, then lets it
 * go, so the requests already sent find the document at a newer version than the one they were
 * made against.
 */
describe('language server: requests for a version that is no longer current', function () {
  this.timeout(30000);
  let s: Session;
  let release: () => void;
  let asked: Promise<void>;

  beforeEach(async () => {
    s = await startSession({ rootUri: 'file:///work/ws' });
    const gate = new Promise<void>((resolve) => (release = resolve));
    let seen: () => void;
    asked = new Promise<void>((resolve) => (seen = resolve));
    s.connection.onRequest('workspace/configuration', async (params: { items: { scopeUri?: string }[] }) => {
      if (params.items.some((i) => i.scopeUri === URI_)) {
        seen();
        await gate;
      }
      return params.items.map(() => ({}));
    });
  });
  afterEach(async () => {
    release();
    await s.close();
  });

  const codeOf = async (p: Promise<unknown>): Promise<{ code: number; data: unknown } | 'answered'> => {
    try {
      await p;
      return 'answered';
    } catch (e) {
      assert.ok(e instanceof ResponseError, String(e));
      return { code: e.code, data: e.data };
    }
  };

  it('hover, completion, code actions and symbols fail with ContentModified; diagnostics ask to be pulled again', async () => {
    await openDocument(s, URI_, KLIP);
    await asked;
    // On the heading '## Motivation and background'.
    const at = { textDocument: { uri: URI_ }, position: { line: 12, character: 5 } };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const requests = [
      s.connection.sendRequest('textDocument/hover', at),
      s.connection.sendRequest('textDocument/completion', at),
      s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI_ }, range, context: { diagnostics: [] } }),
      s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI_ } }),
      s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI_ } }),
    ].map(codeOf);
    await changeDocument(s, URI_, `${KLIP}\nOne more line.\n`);
    release();
    assert.deepEqual(await Promise.all(requests), [
      { code: -32801, data: undefined },
      { code: -32801, data: undefined },
      { code: -32801, data: undefined },
      { code: -32801, data: undefined },
      { code: -32802, data: { retriggerRequest: true } },
    ]);
    // Asked again, about the current version: answered.
    const hover = (await s.connection.sendRequest('textDocument/hover', at)) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /^\*\*Motivation and background\*\*/);
    const diagnostics = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI_ } })) as { items: { code: string }[] };
    assert.deepEqual(diagnostics.items.map((d) => d.code), ['metadata', 'empty-section', 'missing-section', 'placeholder']);
  });

  it('a request the client cancels fails with RequestCancelled', async () => {
    await openDocument(s, URI_, KLIP);
    await asked;
    const source = new CancellationTokenSource();
    const hover = codeOf(s.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI_ }, position: { line: 0, character: 3 } }, source.token));
    source.cancel();
    release();
    assert.deepEqual(await hover, { code: -32800, data: undefined });
  });
});
