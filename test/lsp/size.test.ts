import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changeDocument, openDocument, pullDiagnostics, startSession, type Session } from './client';
import { AnalysisChangedNotification } from '../../server/src/protocol';

// window/showMessageRequest type 2 is a warning.

const ROOT = path.resolve(__dirname, '..', '..');
const KLIP = fs.readFileSync(path.join(ROOT, 'examples', 'design-proposals', 'klip-7-stream-pausing.md'), 'utf8');
const URI_ = 'file:///work/ws/design-proposals/klip-7-stream-pausing.md';

describe('language server: a document over the size limit', function () {
  this.timeout(30000);
  let s: Session;
  afterEach(async () => s.close());

  let shown: string[] = [];
  const warnings = (): string[] => shown;
  const start = async (configuration?: Record<string, unknown>): Promise<Session> => {
    const session = await startSession({ rootUri: 'file:///work/ws', configuration });
    shown = [];
    session.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      shown.push(`${p.type} ${p.message}`);
      return null;
    });
    return session;
  };
  const analysed = (version: number): Promise<unknown> => s.waitFor<{ uri: string; version: number }>(AnalysisChangedNotification.method, (p) => p.uri === URI_ && p.version === version);

  it('is not checked, and the user is told once; back under the limit it is checked again', async () => {
    // 0.004 MB = 4,194 bytes: the example KLIP is larger.
    s = await start({ maxFileSizeMB: 0.004 });
    assert.ok(Buffer.byteLength(KLIP) > 4194);
    await openDocument(s, URI_, KLIP);
    assert.deepEqual(await pullDiagnostics(s, URI_), []);
    const v2 = await changeDocument(s, URI_, `${KLIP}\nMore.\n`);
    await analysed(v2);
    assert.deepEqual(await pullDiagnostics(s, URI_), []);
    assert.deepEqual(warnings(), [
      `2 Proposal Kit: klip-7-stream-pausing.md is ${(Buffer.byteLength(KLIP) / 1024).toFixed(1)} KB, larger than the 4.1 KB limit, so it is not checked. To check it, raise the setting proposalKit.maxFileSizeMB.`,
    ]);
    // Cut down under the limit: checked as usual.
    const v3 = await changeDocument(s, URI_, KLIP.slice(0, 4000));
    await analysed(v3);
    assert.ok((await pullDiagnostics(s, URI_)).length > 0);
  });

  it('the default limit is 5 MB: the example is checked', async () => {
    s = await start();
    await openDocument(s, URI_, KLIP);
    assert.deepEqual(
      (await pullDiagnostics(s, URI_)).map((d) => d.code),
      ['metadata', 'empty-section', 'missing-section', 'placeholder'],
    );
    assert.deepEqual(warnings(), []);
  });
});
