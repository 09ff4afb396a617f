/**
 * The language server on an untrusted workspace: in Restricted Mode nothing outside the workspace
 * is read through a symbolic link, a template of 10,000 sections does not make code actions
 * crawl, and work on a version nobody waits for any more stops.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { changeDocument, openDocument, pullDiagnostics, startSession, type Session } from '../lsp/client';

describe('security: the language server on an untrusted workspace', function () {
  this.timeout(60_000);
  let parent = '';
  let ws = '';
  let s: Session | null = null;
  beforeEach(() => {
    parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-sec-lsp-')));
    ws = path.join(parent, 'ws');
    fs.mkdirSync(path.join(ws, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.proposalkit.json'), JSON.stringify({ templateFor: { 'docs/*.md': 'leak' } }));
  });
  afterEach(async () => {
    await s?.close();
    s = null;
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('Restricted Mode: a .proposals/templates that links out of the workspace is not read', async () => {
    fs.mkdirSync(path.join(parent, 'elsewhere'));
    fs.writeFileSync(path.join(parent, 'elsewhere', 'leak.md'), '# Leak\n\n## Secret Heading\n\nText.\n');
    fs.mkdirSync(path.join(ws, '.proposals'));
    fs.symlinkSync(path.join(parent, 'elsewhere'), path.join(ws, '.proposals', 'templates'));
    s = await startSession({ rootUri: URI.file(ws).toString(), initializationOptions: { workspaceTrusted: false } });
    const uri = URI.file(path.join(ws, 'docs', 'a.md')).toString();
    await openDocument(s, uri, '# A\n\nText.\n');
    const messages = (await pullDiagnostics(s, uri)).map((d: Diagnostic) => String(d.message));
    assert.deepEqual(messages.filter((m) => m.includes('Secret Heading')), []);
    assert.equal(s.messages.length, 1);
    assert.match(s.messages[0], /^Proposal Kit: template error: .*\.proposals\/templates:1: The template folder resolves outside the workspace \(.*ws\), through a symbolic link or otherwise, so it is not read; move the templates into the workspace\.$/);
  });

  it('code actions at a line with 9,999 missing sections offer the first 50 and "insert all"', async () => {
    fs.mkdirSync(path.join(ws, '.proposals', 'templates'), { recursive: true });
    const sections = Array.from({ length: 10_000 }, (_, i) => `## Topic ${i}\n\nWrite topic ${i}.\n`).join('\n');
    fs.writeFileSync(path.join(ws, '.proposals', 'templates', 'leak.md'), `# Big\n\n${sections}`);
    s = await startSession({ rootUri: URI.file(ws).toString(), initializationOptions: { workspaceTrusted: true } });
    const uri = URI.file(path.join(ws, 'docs', 'a.md')).toString();
    await openDocument(s, uri, '# Mine\n\n## Topic 0\n\nText.\n');
    const diagnostics = await pullDiagnostics(s, uri);
    const missing = diagnostics.filter((d) => d.code === 'missing-section');
    assert.equal(missing.length, 9999);
    assert.equal(missing[0].message, "Missing required section 'Topic 1' (expected after 'Topic 0').");
    const session = s;
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: missing[0].range,
      context: { diagnostics: missing },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "Insert section 'Topic 1'",
        'Insert all 9999 missing sections',
        ...Array.from({ length: 49 }, (_, i) => `Insert section 'Topic ${i + 2}'`),
        'Insert all missing sections (9999)',
      ],
    );
    // Each fix names the diagnostic it fixes, found in the request's context.
    assert.deepEqual(actions[0].diagnostics?.map((d) => d.message), [missing[0].message]);
  });
  it('an edit stops the check of the version before it, and a cancelled pull answers at once', async () => {
    s = await startSession({ rootUri: URI.file(ws).toString(), initializationOptions: { workspaceTrusted: true } });
    const session = s;
    const uri = URI.file(path.join(ws, 'docs', 'big.md')).toString();
    // About 1.6 MB in 4,000 sections with emphasis and links, parsed in slices.
    const body = Array.from({ length: 4_000 }, (_, i) => `## Part ${i}\n\n${'Some *emphasis* and a [link](https://example.com) with `code`. '.repeat(6)}\n`).join('\n');
    const stopped = session.waitFor<{ message: string }>('window/logMessage', (p) => p.message.startsWith('Proposal Kit: stopped checking'));
    await openDocument(session, uri, `# Big\n\n${body}`);
    // A pull starts the check of the first version; the edit right after it ends that check.
    const first = session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const edited = await changeDocument(session, uri, '# Small\n\nText.\n');
    await assert.rejects(first, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled);
    const log = await stopped;
    const escaped = uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^Proposal Kit: stopped checking ${escaped} \\(version ${edited - 1}\\) after (\\d+) parts: the document changed\\.$`).exec(log.message);
    assert.ok(match, log.message);
    assert.ok(Number(match[1]) < 4_001, `stopped after ${match[1]} of 4,001 parts`);
    assert.deepEqual(await pullDiagnostics(session, uri), []);

    // A pull cancelled while the big text is checked answers RequestCancelled without waiting for the check.
    await changeDocument(session, uri, `# Big again\n\n${body}`);
    const source = new CancellationTokenSource();
    const pulled = session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(pulled, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    // The check goes on for the analysis the editor's outline waits for, and a new pull gets its answer.
    assert.deepEqual(await pullDiagnostics(session, uri), []);
  });
});
