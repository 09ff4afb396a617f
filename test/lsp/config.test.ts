import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { startSession, type Session } from './client';

const ROOT = path.resolve(__dirname, '..', '..');
const MADR = fs.readFileSync(path.join(ROOT, 'docs', 'templates', 'madr.md'), 'utf8');
const HALF = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'custom', 'decisions', '0002-adopt-feature-flags.md'), 'utf8');

let version = 1;
async function open(s: Session, file: string, text: string, languageId = 'markdown'): Promise<string> {
  const uri = URI.file(file).toString();
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: version++, text } });
  return uri;
}
async function pull(s: Session, uri: string): Promise<Diagnostic[]> {
  return ((await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
}
const brief = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${String(d.code)} ${d.message}`;

describe('language server: workspace templates and .proposalkit.json', function () {
  this.timeout(30000);
  let ws: string;
  let s: Session | undefined;
  const write = (rel: string, text: string): string => {
    const f = path.join(ws, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  beforeEach(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-lsp-config-')));
  });
  afterEach(async () => {
    await s?.close();
    s = undefined;
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a template in .proposals/templates checks documents; the configuration sets the rules and the template per glob', async () => {
    const template = write('.proposals/templates/madr.md', MADR);
    write('.proposalkit.json', JSON.stringify({ files: ['docs/**/*.md'], templateFor: { 'docs/notes/*.md': 'madr' }, rules: { metadata: 'off', 'empty-section': 'error' } }));
    s = await startSession({ rootUri: URI.file(ws).toString() });
    const decision = await open(s, path.join(ws, 'docs', 'decisions', '0002-adopt-feature-flags.md'), HALF);
    assert.deepEqual((await pull(s, decision)).map(brief), [
      "11:1-11:20 1 missing-section Missing required section 'Considered Options' (expected after 'Decision Drivers').",
      '11:1-11:20 1 empty-section Section \'Decision Drivers\' is empty: write it, or say why it does not apply ("N/A: <reason>").',
      "19:1-19:83 2 placeholder Template guidance left in 'Consequences': replace it with the section's content.",
    ]);
    // templateFor: a document with none of the template's headings is checked against it anyway.
    const note = await open(s, path.join(ws, 'docs', 'notes', 'plain.md'), '# Plain\n\nJust a note.\n');
    assert.deepEqual((await pull(s, note)).map((d) => d.message), [
      "Missing required section 'Context and Problem Statement' (expected after the title).",
      "Missing required section 'Decision Drivers' (expected after the title).",
      "Missing required section 'Considered Options' (expected after the title).",
      "Missing required section 'Decision Outcome', with its subsection 'Consequences' (expected after the title).",
      "Missing required section 'Pros and Cons of the Options' (expected after the title).",
    ]);
    // Outside the configuration's files, and the template itself: nothing.
    assert.deepEqual(await pull(s, await open(s, path.join(ws, 'other', '0002.md'), HALF)), []);
    assert.deepEqual(await pull(s, await open(s, template, MADR)), []);
  });

  it('completion: the workspace template\'s whole proposal in an empty file, its missing sections and status values in a decision', async () => {
    write('.proposals/templates/madr.md', MADR);
    s = await startSession({ rootUri: URI.file(ws).toString() });
    const empty = await open(s, path.join(ws, 'docs', 'new.md'), '');
    const items = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: empty }, position: { line: 0, character: 0 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [
      ['kep-proposal', 'KEP: whole proposal'],
      ['kepler-proposal', 'Kepler EP: whole proposal'],
      ['klip-proposal', 'KLIP: whole proposal'],
      ['materialize-proposal', 'Materialize: whole proposal'],
      ['madr-proposal', 'madr: whole proposal'],
    ]);
    assert.equal((items[4].textEdit as TextEdit).newText, MADR);
    const decision = await open(s, path.join(ws, 'docs', '0002.md'), HALF);
    const line = HALF.split('\n').indexOf('## Decision Drivers') + 1;
    const sections = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: decision }, position: { line, character: 0 } })) as CompletionItem[];
    assert.deepEqual(sections.map((i) => [i.label, i.detail]), [
      ['Considered Options', 'Required madr section'],
      ['Confirmation (Optional)', "Optional madr section, under 'Decision Outcome'"],
      ['More Information (Optional)', 'Optional madr section'],
    ]);
    const values = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: decision }, position: { line: 2, character: 10 } })) as CompletionItem[];
    assert.deepEqual(values.map((i) => i.label), ['proposed', 'rejected', 'accepted', 'deprecated', 'superseded']);
  });

  it('errors in .proposalkit.json are diagnostics at the bad key or value, from the text being edited', async () => {
    write('.proposals/templates/madr.md', MADR);
    s = await startSession({ rootUri: URI.file(ws).toString() });
    const text = '{\n  "rules": { "section-order": "quiet" },\n  "templateFor": { "docs/*.md": "adr" },\n  "colour": 1\n}\n';
    const uri = await open(s, write('.proposalkit.json', '{}'), text, 'json');
    assert.deepEqual((await pull(s, uri)).map(brief), [
      "2:31-2:38 1 config The severity of 'section-order' must be one of off, hint, information, warning, error; found 'quiet'.",
      "3:33-3:38 1 config No template 'adr': the templates are kep, kepler, klip, materialize, madr.",
      '4:3-4:11 1 config Unknown key "colour": the keys are files, templateFor, rules, templates, newProposalFolders, author.',
    ]);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: '{ "files": [' }] });
    assert.deepEqual((await pull(s, uri)).map(brief), ["1:13-1:13 1 config Not valid JSON: The file ends where a value was expected."]);
    // A package.json: only the "proposalkit" key is ours.
    const pkg = await open(s, write('package.json', ''), '{\n  "name": "app",\n  "proposalkit": { "author": 7 }\n}\n', 'json');
    assert.deepEqual((await pull(s, pkg)).map(brief), ['3:30-3:31 1 config "author" must be text, e.g. "Platform Team"; found a number.']);
    const other = await open(s, path.join(ws, 'sub', 'package.json'), '{ "name": "lib", "version": 1.0 }', 'json');
    assert.deepEqual(await pull(s, other), []);
  });

  it('a template being edited: what keeps it from loading is a diagnostic at its line, from the text being edited', async () => {
    const file = write('.proposals/templates/madr.md', MADR);
    s = await startSession({ rootUri: URI.file(ws).toString() });
    const uri = await open(s, file, MADR);
    assert.deepEqual(await pull(s, uri), []);
    const broken = '---\nstatus: "{proposed | accepted}"\nproposal-kit:\n  id: madr\n  metadata:\n    - name: Owner\n      kind: person\n---\n# {title}\n\n## Context\n';
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: broken }] });
    assert.deepEqual((await pull(s, uri)).map(brief), [
      `5:1-5:12 1 template "kind" of entry 1 of "metadata" ('Owner') is 'person'; expected one of text, people, date, link.`,
    ]);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: '---\nproposal-kit:\n  optional: [Nope]\n---\n# {title}\n\n## Context\n' }] });
    assert.deepEqual((await pull(s, uri)).map(brief), [`3:1-3:19 1 template "optional" names 'Nope', which is not a heading of this template.`]);
  });

  it('a configuration saved on disk applies once the watcher says so; a client without pull gets it pushed', async () => {
    write('.proposals/templates/madr.md', MADR);
    const configFile = write('.proposalkit.json', '{ "rules": { "metadata": "off" } }');
    s = await startSession({ rootUri: URI.file(ws).toString(), pull: false });
    const session = s;
    const decision = await open(session, path.join(ws, 'docs', '0002.md'), HALF);
    const first = await session.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === decision);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['missing-section', 'empty-section', 'placeholder']);
    fs.writeFileSync(configFile, '{ "rules": { "placeholder": "off" } }');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(configFile).toString(), type: 2 }] });
    const again = await session.waitFor<{ uri: string; diagnostics: Diagnostic[] }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === decision && p.diagnostics.some((d) => d.code === 'metadata'),
    );
    assert.deepEqual(again.diagnostics.map((d) => d.code), ['metadata', 'metadata', 'missing-section', 'empty-section']);
    const config = await open(session, configFile, '{ "rules": [] }', 'json');
    const pushed = await session.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === config);
    assert.deepEqual(pushed.diagnostics.map(brief), ['1:12-1:14 1 config "rules" must be an object of rule ids and severities, e.g. { "section-order": "off" }; found a list.']);
  });
});
