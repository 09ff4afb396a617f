import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { changeDocument as change, closeDocument as close, openDocument as open, pullDiagnostics as pull, startSession, type Session } from './client';
import { AnalysisChangedNotification } from '../../server/src/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const brief = (d: Diagnostic): string => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity} ${String(d.code)} ${String(d.message)}`;
type Published = { uri: string; diagnostics: Diagnostic[] };

describe('language server: kep.yaml', function () {
  this.timeout(30000);
  let s: Session;
  let tmp: string;
  let readmeUri: string;
  let readmeText: string;
  let yamlFile: string;
  let yamlUri: string;
  let yamlText: string;
  /** The nth publication for kep.yaml (1-based), counting from the start of the session. */
  const published = (n: number): Promise<Published> => {
    let seen = 0;
    return s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === yamlUri && ++seen === n);
  };

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-lsp-kepyaml-'));
    fs.cpSync(path.join(ROOT, 'examples', 'keps'), path.join(tmp, 'keps'), { recursive: true });
    const dir = path.join(tmp, 'keps', 'sig-apps', '4242-job-retry-budget');
    readmeUri = URI.file(path.join(dir, 'README.md')).toString();
    readmeText = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    yamlFile = path.join(dir, 'kep.yaml');
    yamlUri = URI.file(yamlFile).toString();
    yamlText = fs.readFileSync(yamlFile, 'utf8');
    s = await startSession({ rootUri: URI.file(tmp).toString() });
  });
  afterEach(async () => {
    await s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("opening the README publishes the findings of the kep.yaml on disk on kep.yaml's URI", async () => {
    fs.writeFileSync(yamlFile, yamlText.replace('status: provisional', 'status: draft').replace('creation-date: 2026-01-19', 'creation-date: 19/01/2026'));
    await open(s, readmeUri, readmeText);
    const p = await published(1);
    assert.deepEqual(p.diagnostics.map(brief), [
      "9:9-9:14 1 kep-yaml status 'draft' in kep.yaml is not an allowed value: expected one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced.",
      "10:16-10:26 1 kep-yaml creation-date '19/01/2026' in kep.yaml is not a date: write it as YYYY-MM-DD.",
    ]);
    assert.equal(p.diagnostics[0].source, 'proposal-kit');
    // The README's own diagnostics stay the README's: nothing about kep.yaml there.
    assert.deepEqual((await pull(s, readmeUri)).map((d) => d.code), ['empty-section', 'placeholder']);
  });

  it('a clean kep.yaml beside a README publishes nothing', async () => {
    await open(s, readmeUri, readmeText);
    await s.waitFor(AnalysisChangedNotification.method, (p: { uri: string }) => p.uri === readmeUri);
    assert.deepEqual(s.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics'), []);
  });

  it('editing an open kep.yaml: malformed YAML at its line, then fixed; its status reaches the README', async () => {
    await open(s, readmeUri, readmeText);
    await open(s, yamlUri, yamlText, 'yaml');
    assert.deepEqual(await pull(s, yamlUri), []);
    await change(s, yamlUri, yamlText.replace('status: provisional', 'status: [implementable'));
    const broken = await published(1);
    assert.deepEqual(broken.diagnostics.map(brief), [
      '9:1-9:23 1 kep-yaml kep.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    await change(s, yamlUri, yamlText.replace('status: provisional', 'status: implementable'));
    const fixed = await published(2);
    assert.deepEqual(fixed.diagnostics, []);
    // The README now follows the unsaved kep.yaml: implementable, so its empty section is an error.
    assert.deepEqual((await pull(s, readmeUri)).filter((d) => d.code === 'empty-section').map((d) => d.severity), [1]);
  });

  it('closing the README clears the findings of a kep.yaml that is not open', async () => {
    fs.writeFileSync(yamlFile, yamlText.replace('kep-number: 4242', 'kep-number: 4241'));
    await open(s, readmeUri, readmeText);
    // The KEP is provisional, a draft: a warning (2), as the README's own errors are.
    assert.deepEqual((await published(1)).diagnostics.map(brief), [
      "2:13-2:17 2 kep-yaml kep-number 4241 in kep.yaml differs from the README's title 'KEP-4242: Job Retry Budget': make them the same number.",
    ]);
    await close(s, readmeUri);
    assert.deepEqual((await published(2)).diagnostics, []);
  });

  it('a kep.yaml opened alone is checked against the README on disk', async () => {
    await open(s, yamlUri, yamlText.replace('title: Job Retry Budget', 'title: KEP Template'), 'yaml');
    assert.deepEqual((await published(1)).diagnostics.map(brief), [
      "1:8-1:20 2 kep-yaml title 'KEP Template' in kep.yaml does not name the same enhancement as the README's title 'Job Retry Budget': make them agree.",
    ]);
  });

  it('a client that watches files: kep.yaml is read from disk once, and again when the watcher says it changed', async () => {
    await s.close();
    s = await startSession({ rootUri: URI.file(tmp).toString(), watch: true });
    const emptySeverities = async (): Promise<number[]> => (await pull(s, readmeUri)).filter((d) => d.code === 'empty-section').map((d) => d.severity ?? 0);
    await open(s, readmeUri, readmeText);
    assert.deepEqual(await emptySeverities(), [4]);
    // Changed on disk, no word from the watcher yet: edits of the README use the text already read.
    fs.writeFileSync(yamlFile, yamlText.replace('status: provisional', 'status: implementable'));
    await change(s, readmeUri, `${readmeText}\n`);
    assert.deepEqual(await emptySeverities(), [4]);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: yamlUri, type: 2 }] });
    assert.deepEqual(await emptySeverities(), [1]);
  });

  it('a kep.yaml opened alone beside a README too deeply nested to parse whole: checked within the limits', async () => {
    // 1,000 nested list levels (about 1 MB): a whole remark parse takes tens of seconds.
    const deep = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    fs.writeFileSync(fileURLToPath(readmeUri), readmeText.replace('## Motivation', `${deep}\n\n## Motivation`));
    await open(s, yamlUri, yamlText.replace('title: Job Retry Budget', 'title: KEP Template'), 'yaml');
    assert.deepEqual((await published(1)).diagnostics.map(brief), [
      "1:8-1:20 2 kep-yaml title 'KEP Template' in kep.yaml does not name the same enhancement as the README's title 'Job Retry Budget': make them agree.",
    ]);
  });

  it('a kep.yaml changed on disk (not open): the README follows its status and its findings are published', async () => {
    await open(s, readmeUri, readmeText);
    assert.deepEqual((await pull(s, readmeUri)).filter((d) => d.code === 'empty-section').map((d) => d.severity), [4]);
    fs.writeFileSync(yamlFile, yamlText.replace('status: provisional', 'status: implementable').replace('stage: alpha', 'stage: ga'));
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: yamlUri, type: 2 }] });
    assert.deepEqual((await pull(s, readmeUri)).filter((d) => d.code === 'empty-section').map((d) => d.severity), [1]);
    assert.deepEqual((await published(1)).diagnostics.map(brief), [
      "22:8-22:10 1 kep-yaml stage 'ga' in kep.yaml is not an allowed value: expected one of alpha, beta, stable, deprecated, disabled, removed.",
    ]);
  });
});
