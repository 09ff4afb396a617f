/** The language server reads a workspace template's earlier versions from git, and holds each open document to the version in force when it was written. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { TempRepo } from '../unit/helpers';
import { pullDiagnostics, startSession, type Session } from './client';

const OLD = '# ADR: [Title]\n\n## Context\n\nWhy?\n\n## Decision\n\nWhat?\n\n## Consequences\n\nSo?\n';
const NEW = OLD.replace('## Consequences', '## Options\n\nWhich others?\n\n## Consequences');
const DOC = '# ADR: Caching\n\n## Context\n\nSlow.\n\n## Decision\n\nCache.\n\n## Consequences\n\nFast.\n';

let version = 1;
async function open(s: Session, file: string, text: string): Promise<string> {
  const uri = URI.file(file).toString();
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: version++, text } });
  return uri;
}
const brief = (d: Diagnostic): string => `${d.range.start.line + 1} ${String(d.code)} ${d.message}`;

describe('language server: template history from git', function () {
  this.timeout(30000);
  let repo: TempRepo;
  let s: Session | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
    repo.remove();
  });

  it('a document first committed before the template gained a section gets a note; one written after it, the missing section', async () => {
    repo = new TempRepo();
    repo.write('.proposals/templates/adr.md', OLD);
    repo.commit('ADR template', '2021-01-10T12:00:00Z');
    repo.write('adr/0001-caching.md', DOC);
    repo.commit('ADR 1', '2021-02-01T12:00:00Z');
    repo.write('.proposals/templates/adr.md', NEW);
    repo.commit('Options are required', '2022-03-01T12:00:00Z');
    s = await startSession({ rootUri: URI.file(repo.root).toString() });
    const committed = await open(s, path.join(repo.root, 'adr', '0001-caching.md'), DOC);
    assert.deepEqual((await pullDiagnostics(s, committed)).map(brief), [
      "1 template-version Written with an older ADR template (2021-01-10): the current template adds 'Options'. Add it to follow the current template.",
    ]);
    const written = await open(s, path.join(repo.root, 'adr', '0002-queues.md'), DOC.replace('Caching', 'Queues'));
    assert.deepEqual((await pullDiagnostics(s, written)).map(brief), ["7 missing-section Missing required section 'Options' (expected after 'Decision')."]);
  });
});
