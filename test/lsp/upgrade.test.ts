import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { parseTemplate } from '../../server/src/core';
import { applyEdits, changeDocument, editsFor, openDocument, pullDiagnostics, startSession } from './client';
import { OutlineRequest } from '../../server/src/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const MATERIALIZE = parseTemplate(fs.readFileSync(path.join(ROOT, 'templates', 'materialize.md'), 'utf8'), 'materialize.md');
const inserted = (title: string): string => `## ${title}\n\n<!-- ${MATERIALIZE.sections.find((s) => s.title === title)?.guidance} -->\n\n`;
const TEXT = fs.readFileSync(path.join(ROOT, '..', 'shared', 'corpus', 'real', 'materialize', '20230615_webhook_source.md'), 'utf8');
const URI_ = 'file:///work/ws/doc/developer/design/20230615_webhook_source.md';

describe('language server: older template versions', function () {
  this.timeout(30000);
  it('a quick fix updates a document written with an older template; the finding goes', async () => {
    const s = await startSession();
    try {
      await openDocument(s, URI_, TEXT);
      const before = await pullDiagnostics(s, URI_);
      const finding = before.find((d) => d.code === 'template-version') as Diagnostic;
      assert.equal(finding.severity, 3);
      assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
      const actions = (await s.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: URI_ },
        range: finding.range,
        context: { diagnostics: [finding] },
      })) as CodeAction[];
      const update = actions.find((a) => a.title === 'Update to the current Materialize template') as CodeAction;
      assert.equal(update.kind, 'quickfix');
      assert.equal(update.isPreferred, true);
      assert.deepEqual(update.diagnostics, [finding]);
      const after = applyEdits(TEXT, editsFor(update.edit, URI_));
      const lines = TEXT.split('\n');
      assert.equal(
        after,
        [
          // "## Context" stands for the current template's "The Problem": Success Criteria goes after it, before Goals.
          ...lines.slice(0, 24),
          `${inserted('Success Criteria')}## Goals`,
          ...lines.slice(25, 33),
          '## Out of Scope',
          ...lines.slice(34, 42),
          `${inserted('Solution Proposal')}${inserted('Minimal Viable Prototype')}## Overview`,
          ...lines.slice(43),
        ].join('\n'),
      );
      await changeDocument(s, URI_, after);
      const now = await pullDiagnostics(s, URI_);
      assert.deepEqual(now.filter((d) => d.code === 'template-version' || d.code === 'missing-section'), []);
      const outline = (await s.connection.sendRequest(OutlineRequest, { textDocument: { uri: URI_ } }))!;
      assert.equal(outline.template.version, 'current');
    } finally {
      await s.close();
    }
  });
});
