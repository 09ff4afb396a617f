import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { changeDocument as change, openDocument as open, pullDiagnostics as pull, startSession, type Session } from './client';
import { OutlineRequest } from '../../server/src/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const brief = (d: Diagnostic): string => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${String(d.code)}`;

describe('language server: status-aware requirements', function () {
  this.timeout(30000);
  let s: Session;
  let tmp: string;
  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-lsp-status-'));
    fs.cpSync(path.join(ROOT, 'examples', 'keps'), path.join(tmp, 'keps'), { recursive: true });
    s = await startSession({ rootUri: URI.file(tmp).toString() });
  });
  afterEach(async () => {
    await s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const readmeOf = (): { uri: string; text: string; kepYaml: string } => {
    const dir = path.join(tmp, 'keps', 'sig-apps', '4242-job-retry-budget');
    return { uri: URI.file(path.join(dir, 'README.md')).toString(), text: fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), kepYaml: path.join(dir, 'kep.yaml') };
  };

  it('reads the status from the kep.yaml on disk beside an open KEP README', async () => {
    const k = readmeOf();
    await open(s, k.uri, k.text);
    // A draft: the empty section is a hint; not targeted at a release, it is not asked for its version skew strategy.
    assert.deepEqual((await pull(s, k.uri)).map(brief), ['76:1 4 empty-section', '122:1 2 placeholder']);
    const outline = (await s.connection.sendRequest(OutlineRequest, { textDocument: { uri: k.uri } }))!;
    assert.deepEqual([outline.progress.written, outline.progress.required], [9, 10]);
  });

  it('an implementable KEP: the empty section is an error and the questionnaire counts', async () => {
    const k = readmeOf();
    fs.writeFileSync(k.kepYaml, fs.readFileSync(k.kepYaml, 'utf8').replace('status: provisional', 'status: implementable'));
    await open(s, k.uri, k.text);
    assert.deepEqual((await pull(s, k.uri)).map(brief), ['76:1 1 empty-section', '122:1 2 placeholder', '150:1 1 missing-section']);
    const outline = (await s.connection.sendRequest(OutlineRequest, { textDocument: { uri: k.uri } }))!;
    assert.deepEqual([outline.progress.written, outline.progress.required], [22, 24]);
  });

  it('a Kepler EP: editing its Status line from Draft to Accepted makes the design sections required', async () => {
    const uri = URI.file(path.join(tmp, 'docs', 'developer', 'proposal', 'EP-009-retry.md')).toString();
    const text = ['# EP-009: Retry failed reads', '', '**Status**: Draft', '', '## Summary', '', 'Retry.', '', '## Goals', '', ''].join('\n');
    await open(s, uri, text);
    const missing = (ds: Diagnostic[]): string[] => ds.filter((d) => d.code === 'missing-section').map((d) => String(d.message).replace(/ \(expected.*$/, ''));
    const draft = await pull(s, uri);
    assert.deepEqual(draft.filter((d) => d.code === 'empty-section').map(brief), ['9:1 4 empty-section']);
    assert.deepEqual(missing(draft).filter((m) => /Detailed Design|Testing Strategy/.test(m)), []);
    await change(s, uri, text.replace('Draft', 'Accepted'));
    const accepted = await pull(s, uri);
    assert.deepEqual(accepted.filter((d) => d.code === 'empty-section').map(brief), ['9:1 1 empty-section']);
    assert.deepEqual(missing(accepted).filter((m) => /Detailed Design|Testing Strategy/.test(m)), [
      "Missing required section 'Detailed Design', with its subsections 'Package Structure', 'API/Interface Changes'",
      "Missing required section 'Testing Strategy', with its subsection 'Test Coverage'",
    ]);
  });
});
