/**
 * The language server under abuse, through a real stdio JSON-RPC connection: floods of edits,
 * edits to documents it does not hold, versions out of order, a client that vanishes, and memory
 * over repeated rounds of edits to the largest real proposals.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { closeDocument as close, pullDiagnostics as pull, startSession, type Session } from './client';

const REAL = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const KEP_NAME = '5808-native-histogram-support';
const KEP_TEXT = fs.readFileSync(path.join(REAL, 'kep', `${KEP_NAME}.README.md`), 'utf8');
/**
 * The KEP without its Motivation and Goals headings: one finding to compare. (Without the
 * Motivation heading alone, its Goals and Non-Goals under the Summary would hold it.)
 */
const KEP_WITHOUT_MOTIVATION = KEP_TEXT.replace(/^## Motivation\n/m, '').replace(/^### Goals\n/m, '');
const MOTIVATION_MISSING = ["Missing required section 'Motivation', with its subsection 'Goals' (expected after 'Summary')."];
const kepUri = (name: string): string => `file:///work/ws/keps/sig-abuse/${name}/README.md`;

/** A small deterministic generator, so every run sends the same edits. */
function random(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

/** The client's own copy of a document: applies each change as an editor would and says what to send. */
class Mirror {
  doc: TextDocument;
  constructor(uri: string, text: string) {
    this.doc = TextDocument.create(uri, 'markdown', 1, text);
  }
  get text(): string {
    return this.doc.getText();
  }
  change(changes: TextDocumentContentChangeEvent[], version: number): TextDocumentContentChangeEvent[] {
    this.doc = TextDocument.update(this.doc, changes, version);
    return changes;
  }
  range(start: number, end: number): { start: Position; end: Position } {
    return { start: this.doc.positionAt(start), end: this.doc.positionAt(end) };
  }
}

function open(s: Session, uri: string, text: string, version = 1): Promise<void> {
  return s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
}
function change(s: Session, uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
  return s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
}
const hover = (s: Session, uri: string, position: Position): Promise<Hover | null> =>
  s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Promise<Hover | null>;
const complete = (s: Session, uri: string, position: Position): Promise<CompletionItem[]> =>
  s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }) as Promise<CompletionItem[]>;

/** What a server that was never abused answers for a text: its diagnostics, and hover and completion at a position. */
async function freshAnswers(uri: string, text: string, position: Position): Promise<{ diagnostics: Diagnostic[]; hover: Hover | null; completion: CompletionItem[] }> {
  const fresh = await startSession();
  try {
    await open(fresh, uri, text);
    return { diagnostics: await pull(fresh, uri), hover: await hover(fresh, uri, position), completion: await complete(fresh, uri, position) };
  } finally {
    await fresh.close();
  }
}

/** Errors the server reported in its log (a handler that threw, an analysis that failed). */
const loggedErrors = (s: Session): string[] =>
  s.notifications
    .filter((n) => n.method === 'window/logMessage')
    .map((n) => n.params as { type: number; message: string })
    .filter((p) => p.type === 1 || /fail|error/i.test(p.message))
    .map((p) => p.message);

/** A position inside the first heading of a KEP section the edits left whole: hover and completion have something to say there. */
function headingPosition(text: string): Position {
  const line = text.split('\n').findIndex((l) => /^## (Summary|Motivation|Proposal|Design Details)$/.test(l));
  assert.ok(line >= 0, 'the text has a KEP section heading');
  return { line, character: 4 };
}

describe('language server under abuse', function () {
  this.timeout(60000);
  let s: Session;
  beforeEach(async () => {
    s = await startSession();
  });
  afterEach(async () => s.close());

  it('1,000 incremental edits sent without waiting: the answers equal a fresh server given the final text', async () => {
    const uri = kepUri(KEP_NAME);
    const mirror = new Mirror(uri, KEP_TEXT);
    await open(s, uri, KEP_TEXT);
    const next = random(6);
    const words = ['alpha ', 'the ', '\n', '## Notes\n', '- item\n', '`code` ', '<!-- c --> ', '**b** '];
    const sent: Promise<void>[] = [];
    for (let version = 2; version <= 1001; version++) {
      const length = mirror.text.length;
      const start = next(length + 1);
      // Two insertions for each deletion, so the text keeps changing without wasting away.
      const end = next(3) === 0 ? Math.min(length, start + next(40)) : start;
      const text = end === start ? words[next(words.length)] : '';
      sent.push(change(s, uri, version, mirror.change([{ range: mirror.range(start, end), text }], version)));
    }
    await Promise.all(sent);
    assert.notEqual(mirror.text, KEP_TEXT);
    const position = headingPosition(mirror.text);
    const expected = await freshAnswers(uri, mirror.text, position);
    assert.ok(expected.diagnostics.length > 0, 'the edited KEP has findings to compare');
    assert.deepEqual(await pull(s, uri), expected.diagnostics);
    assert.ok(expected.hover !== null, 'a fresh server has a hover on the heading');
    assert.deepEqual(await hover(s, uri, position), expected.hover);
    assert.deepEqual(await complete(s, uri, position), expected.completion);
    assert.deepEqual(loggedErrors(s), []);
  });

  it('changes to a closed document and to one never opened are ignored; other documents are answered as before', async () => {
    const closedUri = kepUri('closed');
    const strangerUri = kepUri('never-opened');
    const uri = kepUri(KEP_NAME);
    const position = headingPosition(KEP_TEXT);
    const expected = await freshAnswers(uri, KEP_WITHOUT_MOTIVATION, position);
    assert.deepEqual(expected.diagnostics.map((d) => d.message), MOTIVATION_MISSING);
    await open(s, closedUri, KEP_WITHOUT_MOTIVATION);
    assert.deepEqual(await pull(s, closedUri), expected.diagnostics);
    await close(s, closedUri);
    await change(s, closedUri, 2, [{ text: '# Nothing\n' }]);
    await change(s, closedUri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'x' }]);
    await change(s, strangerUri, 7, [{ range: { start: { line: 40, character: 3 }, end: { line: 41, character: 0 } }, text: 'y' }]);
    await change(s, strangerUri, 8, [{ text: KEP_TEXT }]);
    // Neither document exists for the server: no findings, no hover, no completion.
    for (const u of [closedUri, strangerUri]) {
      assert.deepEqual(await pull(s, u), []);
      assert.equal(await hover(s, u, position), null);
      assert.deepEqual(await complete(s, u, position), []);
    }
    await open(s, uri, KEP_WITHOUT_MOTIVATION);
    assert.deepEqual(await pull(s, uri), expected.diagnostics);
    assert.deepEqual(await hover(s, uri, position), expected.hover);
    assert.deepEqual(await complete(s, uri, position), expected.completion);
    assert.equal(s.process.exitCode, null);
    assert.deepEqual(loggedErrors(s), []);
  });

  it('a change whose version is not above the current one is applied, and every answer comes from the text it leaves', async () => {
    // LSP says versions only increase; when a client breaks that, the server keeps the text the
    // client sent last (as the editor shows it) and never answers from an older analysis.
    const uri = kepUri(KEP_NAME);
    const withoutSummary = KEP_TEXT.replace(/^## Summary\n/m, '');
    const withoutMotivation = KEP_WITHOUT_MOTIVATION;
    assert.notEqual(withoutSummary, KEP_TEXT);
    assert.notEqual(withoutMotivation, KEP_TEXT);
    const position = headingPosition(KEP_TEXT);
    const original = await freshAnswers(uri, KEP_TEXT, position);
    const expected = await freshAnswers(uri, withoutMotivation, position);
    assert.notDeepEqual(expected.diagnostics, original.diagnostics);

    await open(s, uri, KEP_TEXT, 5);
    assert.deepEqual(await pull(s, uri), original.diagnostics);
    await change(s, uri, 9, [{ text: withoutSummary }]);
    // Back to version 5, the version it was opened with, now with another text.
    await change(s, uri, 5, [{ text: withoutMotivation }]);
    assert.deepEqual(await pull(s, uri), expected.diagnostics);
    assert.deepEqual(await hover(s, uri, position), expected.hover);
    assert.deepEqual(await complete(s, uri, position), expected.completion);
    // Later in-order changes go on from there.
    await change(s, uri, 6, [{ text: KEP_TEXT }]);
    assert.deepEqual(await pull(s, uri), original.diagnostics);
    // A change that repeats the current version, with another text: the analysis of the text before it is not reused.
    await change(s, uri, 6, [{ text: withoutMotivation }]);
    assert.deepEqual(await pull(s, uri), expected.diagnostics);
    assert.deepEqual(await hover(s, uri, position), expected.hover);
    assert.deepEqual(loggedErrors(s), []);
  });

  it('a client that goes away without shutdown or exit: the server exits by itself', async () => {
    const uri = kepUri(KEP_NAME);
    await open(s, uri, KEP_WITHOUT_MOTIVATION);
    assert.deepEqual((await pull(s, uri)).map((d) => d.message), MOTIVATION_MISSING);
    const child = s.process;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not exit within 10 s of its input closing')), 10000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
    s.connection.dispose();
    child.stdin?.end();
    const { code, signal } = await exited;
    console.log(`      server exit code after its input closed: ${String(code)} (signal ${String(signal)})`);
    // 1: it ended without having been asked to shut down.
    assert.deepEqual({ code, signal }, { code: 1, signal: null });
  });

  it('memory stays flat over two more rounds of the same edits to the ten largest corpus proposals', async function () {
    this.timeout(180000);
    const files = fs
      .readdirSync(REAL, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(REAL, f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size || a.localeCompare(b))
      .slice(0, 10);
    assert.equal(files.length, 10);
    const docs = files.map((file, i) => {
      const uri = `file:///work/ws/large/${i}/${path.basename(file)}`;
      return { uri, text: fs.readFileSync(file, 'utf8'), mirror: new Mirror(uri, fs.readFileSync(file, 'utf8')), version: 1 };
    });
    for (const d of docs) await open(s, d.uri, d.text);
    const rss = (): number => {
      const line = fs.readFileSync(`/proc/${s.process.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
      return Number(/(\d+)/.exec(line ?? '')?.[1]) / 1024;
    };
    /**
     * A pull sent among the edits: the server may answer that the document changed while it was
     * working (ServerCancelled, asking for a new pull), which is what a flood of edits should get.
     */
    const pullAmongEdits = (uri: string): Promise<unknown> =>
      pull(s, uri).catch((e: unknown) => {
        if ((e as { code?: number }).code !== LSPErrorCodes.ServerCancelled) throw e;
      });
    /** 100 insertions at seeded places, then 100 deletions undoing them: each document ends as it began. */
    const round = async (): Promise<void> => {
      for (const d of docs) {
        const next = random(d.uri.length);
        const inserted: { start: number; length: number }[] = [];
        const pending: Promise<unknown>[] = [];
        for (let i = 0; i < 100; i++) {
          const start = next(d.mirror.text.length + 1);
          const text = `edit ${i} `;
          pending.push(change(s, d.uri, ++d.version, d.mirror.change([{ range: d.mirror.range(start, start), text }], d.version)));
          inserted.push({ start, length: text.length });
          if (i % 10 === 9) pending.push(pullAmongEdits(d.uri));
        }
        for (let i = 99; i >= 0; i--) {
          const { start, length } = inserted[i];
          pending.push(change(s, d.uri, ++d.version, d.mirror.change([{ range: d.mirror.range(start, start + length), text: '' }], d.version)));
          if (i % 10 === 0) pending.push(pullAmongEdits(d.uri));
        }
        await Promise.all(pending);
        assert.equal(d.mirror.text, d.text);
      }
    };
    // RSS moves with the engine's choices of heap size, by tens of MB between two rounds; a leak
    // grows it round after round. So: three rounds, and the last two together must stay under
    // what one round of a 30 MB leak would add twice.
    const opened = rss();
    await round();
    const afterFirst = rss();
    await round();
    const afterSecond = rss();
    await round();
    const afterThird = rss();
    console.log(
      `      server VmRSS: ${opened.toFixed(1)} MB with the ten documents open, ${afterFirst.toFixed(1)} MB after the first round, ` +
        `${afterSecond.toFixed(1)} MB after the second, ${afterThird.toFixed(1)} MB after the third (growth ${(afterThird - afterFirst).toFixed(1)} MB over two rounds)`,
    );
    assert.ok(afterThird - afterFirst < 45, `two more rounds grew the server by ${(afterThird - afterFirst).toFixed(1)} MB`);
    // The server still answers correctly for the documents it was given.
    for (const d of docs.slice(0, 2)) {
      const fresh = await freshAnswers(d.uri, d.text, headingPosition(d.text));
      assert.deepEqual(await pull(s, d.uri), fresh.diagnostics);
    }
    assert.deepEqual(loggedErrors(s), []);
  });
});
