import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { openDocument, pullDiagnostics, startSession, type Session } from './client';

const ROOT = path.resolve(__dirname, '..', '..');
const MADR = fs.readFileSync(path.join(ROOT, 'docs', 'templates', 'madr.md'), 'utf8');

/** A workspace whose .proposalkit.json names a template folder beside it, outside the workspace. */
describe('language server: template folders outside an untrusted workspace', function () {
  this.timeout(30000);
  let parent: string;
  let ws: string;
  let s: Session;
  beforeEach(() => {
    parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-trust-')));
    ws = path.join(parent, 'ws');
    fs.mkdirSync(path.join(parent, 'shared-templates'), { recursive: true });
    fs.writeFileSync(path.join(parent, 'shared-templates', 'madr.md'), MADR);
    fs.mkdirSync(path.join(ws, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.proposalkit.json'), JSON.stringify({ templates: ['../shared-templates'], templateFor: { 'docs/*.md': 'madr' } }));
  });
  afterEach(async () => {
    await s.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  const start = async (workspaceTrusted?: boolean): Promise<void> => {
    s = await startSession({ rootUri: URI.file(ws).toString(), initializationOptions: workspaceTrusted === undefined ? {} : { workspaceTrusted } });
  };
  const madrFindings = async (): Promise<string[]> => {
    const uri = URI.file(path.join(ws, 'docs', 'note.md')).toString();
    await openDocument(s, uri, '# Plain\n\nJust a note.\n');
    return (await pullDiagnostics(s, uri)).map((d: Diagnostic) => String(d.message)).filter((m) => m.includes("'Context and Problem Statement'"));
  };

  it('untrusted: the folder is not read, and the user is told why', async () => {
    await start(false);
    assert.deepEqual(await madrFindings(), []);
    assert.deepEqual(s.messages, [
      "Proposal Kit: The template folder '../shared-templates' in the workspace's configuration is outside the workspace (or a symbolic link out of it); in Restricted Mode it is not read. Trust the workspace to use it, or move the templates into the workspace.",
    ]);
  });

  it('trusted (and editors that do not say): the folder is read', async () => {
    for (const trusted of [true, undefined]) {
      await start(trusted);
      assert.deepEqual(await madrFindings(), ["Missing required section 'Context and Problem Statement' (expected after the title)."]);
      assert.deepEqual(s.messages, []);
      await s.close();
    }
    await start(true);
  });
});
