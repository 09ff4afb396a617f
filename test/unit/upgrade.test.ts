import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixesFor } from '../../server/src/core/fixes';
import { applyEdits } from '../lsp/client';
import { check, CORPUS, show, template } from './helpers';

const MATERIALIZE = template('materialize');
/** A section as the update inserts it: heading, then the current template's guidance as a comment. */
const inserted = (title: string): string => `## ${title}\n\n<!-- ${MATERIALIZE.sections.find((s) => s.title === title)?.guidance} -->\n\n`;

describe('older template versions', () => {
  describe('a real Materialize design doc written with the 2023-05-08 template', () => {
    const file = path.join(CORPUS, 'real', 'materialize', '20230615_webhook_source.md');
    const upstream = 'doc/developer/design/20230615_webhook_source.md';
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');

    it('is recognised as such; the finding names what the current template added and renamed', () => {
      const r = check(text, MATERIALIZE, { path: upstream });
      assert.equal(r.detection?.version.version, '2023-05-08');
      assert.deepEqual(r.findings.filter((f) => f.rule === 'template-version').map(show), [
        "1:1-1:17 information template-version Written with an older Materialize template (2023-05-08): the current template adds 'Success Criteria', 'Solution Proposal' and 'Minimal Viable Prototype' and renames 'Non-Goals' to 'Out of Scope'. Add the sections and rename the headings to follow the current template.",
      ]);
    });

    it('the update inserts the added sections with guidance where the template puts them and renames the heading, losing no text', () => {
      const r = check(text, MATERIALIZE, { path: upstream });
      const finding = r.findings.find((f) => f.rule === 'template-version');
      const fixes = fixesFor(r.analysis!, finding!, r.findings);
      assert.deepEqual(fixes.map((f) => [f.title, f.preferred]), [['Update to the current Materialize template', true]]);
      assert.equal(lines[6], '## Context');
      assert.equal(lines[24], '## Goals');
      assert.equal(lines[33], '## Non-Goals');
      assert.equal(lines[42], '## Overview');
      const after = applyEdits(text, fixes[0].edits);
      // "Context" stands for the current template's "The Problem": Success Criteria goes after it.
      const expected = [
        ...lines.slice(0, 24),
        `${inserted('Success Criteria')}## Goals`,
        ...lines.slice(25, 33),
        '## Out of Scope',
        ...lines.slice(34, 42),
        `${inserted('Solution Proposal')}${inserted('Minimal Viable Prototype')}## Overview`,
        ...lines.slice(43),
      ].join('\n');
      assert.equal(after, expected);

      // Every line the author wrote is still there, in order; only the renamed heading changed.
      const kept = after.split('\n');
      let at = 0;
      for (const line of lines.filter((_, i) => i !== 33)) {
        at = kept.indexOf(line, at);
        assert.ok(at >= 0, `lost: ${line}`);
        at++;
      }

      const again = check(after, MATERIALIZE, { path: upstream });
      assert.equal(again.detection?.version.version, 'current');
      assert.deepEqual(again.findings.filter((f) => f.rule === 'template-version' || f.rule === 'missing-section').map(show), []);
    });
  });

  it('a KEP of 2018: only the old title in the heading is replaced; the added sections come with their subsections', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'real', 'kep', '600-dynamic-audit-configuration.README.md'), 'utf8');
    const upstream = 'keps/sig-auth/600-dynamic-audit-configuration/README.md';
    const r = check(text, template('kep'), { path: upstream });
    assert.equal(r.detection?.version.version, '2018-12-01');
    const finding = r.findings.find((f) => f.rule === 'template-version');
    assert.equal(
      finding?.message,
      "Written with an older KEP template (2018-12-01): the current template adds 'Design Details', 'Unit tests', 'Integration tests', 'e2e tests' and 'Production Readiness Review Questionnaire' and renames 'Implementation Details/Notes/Constraints' to 'Notes/Constraints/Caveats'. Add the sections and rename the headings to follow the current template.",
    );
    const edits = fixesFor(r.analysis!, finding!, r.findings)[0].edits;
    const rename = edits.find((e) => e.newText === 'Notes/Constraints/Caveats');
    assert.deepEqual(rename?.range, { start: { line: 162, character: 4 }, end: { line: 162, character: 44 } });
    const after = applyEdits(text, edits);
    assert.equal(after.split('\n')[162], '### Notes/Constraints/Caveats');
    assert.ok(after.includes('## Production Readiness Review Questionnaire\n'));
    assert.ok(after.includes('### Feature Enablement and Rollback\n'));
    const again = check(after, template('kep'), { path: upstream });
    assert.equal(again.detection?.version.version, 'current');
    assert.deepEqual(again.findings.filter((f) => f.rule === 'template-version' || f.rule === 'missing-section').map(show), []);
  });

  it('a document that follows the current template gets no finding', () => {
    const klip = fs.readFileSync(path.join(CORPUS, 'real', 'klip', 'klip-59-json-functions.md'), 'utf8');
    const r = check(klip, template('klip'), { path: 'design-proposals/klip-59-json-functions.md' });
    assert.equal(r.detection?.version.version, 'current');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'template-version'), []);
  });
});
