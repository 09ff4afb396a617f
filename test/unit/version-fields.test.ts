/**
 * The fields of a template's older versions: written as field lines in a `versions` outline, or
 * read from an older file in the template's git history. A document held to an older version is
 * asked for that version's fields, and told which fields the current template added.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTemplate } from '../../server/src/core';
import { fixesFor } from '../../server/src/core/fixes';
import { historyVersion, sameOutline, withHistory, type HistoryVersion } from '../../server/src/core/template';
import { applyEdits } from '../lsp/client';
import { check, CORPUS, show, template } from './helpers';

const RFC = `---
proposal-kit:
  id: rfc
  name: RFC
  date: "2025-01-01"
  metadata:
    - name: Status
      values: [Draft, Accepted]
    - name: Authors
      aliases: [Author]
      kind: people
      required: true
    - name: Reviewers
      kind: people
    - name: Editor
      kind: people
    - name: Created
      kind: date
      required: true
  versions:
    - version: "2024-01-01"
      date: "2024-01-01"
      outline: |
        # RFC: [Title]

        **Status**: Draft
        **Author**: [Your Name]
        **Shepherd**: [Name]
        **Created**: YYYY-MM-DD

        ## Summary
        ## Design
    - version: "2023-01-01"
      date: "2023-01-01"
      outline: |
        # RFC: [Title]
        ## Summary
        ## Design
---
# RFC: [Title]

**Status**: Draft
**Authors**: [GitHub IDs]
**Reviewers**: [GitHub IDs]
**Editor**: [GitHub ID, optional]
**Created**: YYYY-MM-DD

## Summary

What is this?

## Design

How does it work?
`;

const doc = (fields: string[]): string => ['# RFC: Faster builds', '', ...fields, '', '## Summary', '', 'Builds take too long.', '', '## Design', '', 'Cache them.', ''].join('\n');

describe('the fields of older template versions', () => {
  it('an outline in the settings gives its version the fields of its lines; one without lines says nothing of its fields', () => {
    const t = parseTemplate(RFC, 'rfc.md');
    const [v2024, v2023] = t.versions;
    assert.deepEqual(
      v2024.metadata?.map((f) => [f.name, f.kind, f.placeholder ?? null]),
      [
        ['Status', 'text', null],
        ['Author', 'people', '[Your Name]'],
        ['Shepherd', 'text', '[Name]'],
        ['Created', 'date', 'YYYY-MM-DD'],
      ],
    );
    assert.deepEqual(v2024.sections.map((s) => s.name), ['Summary', 'Design']);
    assert.equal(v2023.metadata, undefined);
    // The same headings with other fields: another version. Fields not known: the same.
    assert.equal(sameOutline(t, v2024), false);
    assert.equal(sameOutline(t, v2023), true);
    // A placeholder an older version showed is the template's text too.
    assert.deepEqual(t.metadata.find((f) => f.name === 'Authors')?.placeholders, ['[Your Name]']);
  });

  it('a document held to an older version is asked for the fields it had, not for those added later, and told what was added', () => {
    const text = doc(['- **Status**: Draft', '- **Author**: Ann', '- **Created**: 2024-06-01']);
    const r = check(text, parseTemplate(RFC, 'rfc.md'), { template: 'rfc' });
    assert.equal(r.detection?.version.version, '2024-01-01');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata' || f.rule === 'template-version').map(show), [
      '1:1-1:21 warning metadata The Shepherd line is missing: add "**Shepherd**: <value>" under the title.',
      "1:1-1:21 information template-version Written with an older RFC template (2024-01-01): the current template adds the 'Reviewers' field. Add it to follow the current template.",
    ]);
  });

  it('the note names the sections and the fields the current template added', () => {
    const withRisks = parseTemplate(RFC.replace('How does it work?\n', 'How does it work?\n\n## Risks\n\nWhat could go wrong?\n'), 'rfc.md');
    const r = check(doc(['- **Status**: Draft', '- **Author**: Ann', '- **Shepherd**: Sam', '- **Created**: 2024-06-01']), withRisks, { template: 'rfc' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'template-version').map(show), [
      "1:1-1:21 information template-version Written with an older RFC template (2024-01-01): the current template adds 'Risks' as well as the 'Reviewers' field. Add the section and field to follow the current template.",
    ]);
  });

  it('a field only the older version had is checked as that version showed it', () => {
    const text = doc(['- **Status**: Draft', '- **Author**: [Your Name]', '- **Shepherd**: [Name]', '- **Created**: 2024-06-01']);
    const r = check(text, parseTemplate(RFC, 'rfc.md'), { template: 'rfc' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata').map(show), [
      "4:15-4:26 warning metadata Authors is still the template's placeholder '[Your Name]': replace it with the real value.",
      "5:17-5:23 warning metadata Shepherd is still the template's placeholder '[Name]': replace it with the real value.",
    ]);
  });

  it('a document of the current version is asked for the current fields', () => {
    const text = doc(['- **Status**: Draft', '- **Reviewers**: Bob', '- **Created**: 2025-06-01']);
    const r = check(text, parseTemplate(RFC, 'rfc.md'), { template: 'rfc' });
    assert.equal(r.detection?.version.version, 'current');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata' || f.rule === 'template-version').map(show), [
      '1:1-1:21 warning metadata The Authors line is missing: add "**Authors**: <value>" under the title.',
    ]);
  });

  it('the update adds the added field line as the lines beside it are written, losing nothing, and the document then follows the current template', () => {
    const text = doc(['- **Status**: Draft', '- **Author**: Ann', '- **Shepherd**: Sam', '- **Created**: 2024-06-01']);
    const t = parseTemplate(RFC, 'rfc.md');
    const r = check(text, t, { template: 'rfc' });
    const finding = r.findings.find((f) => f.rule === 'template-version');
    assert.ok(finding);
    const fixes = fixesFor(r.analysis!, finding, r.findings);
    assert.deepEqual(fixes.map((f) => f.title), ['Update to the current RFC template']);
    const after = applyEdits(text, fixes[0].edits);
    assert.equal(after, doc(['- **Status**: Draft', '- **Author**: Ann', '- **Reviewers**: [GitHub IDs]', '- **Shepherd**: Sam', '- **Created**: 2024-06-01']));
    const again = check(after, t, { template: 'rfc' });
    assert.equal(again.detection?.version.version, 'current');
    assert.deepEqual(again.findings.filter((f) => f.rule === 'template-version').map(show), []);
  });

  it('the update writes the added line with the line breaks the document uses', () => {
    const text = doc(['**Status**: Draft', '**Author**: Ann', '**Shepherd**: Sam', '**Created**: 2024-06-01']).replace(/\n/g, '\r\n');
    const r = check(text, parseTemplate(RFC, 'rfc.md'), { template: 'rfc' });
    const finding = r.findings.find((f) => f.rule === 'template-version');
    assert.ok(finding);
    const after = applyEdits(text, fixesFor(r.analysis!, finding, r.findings)[0].edits);
    assert.equal(after, doc(['**Status**: Draft', '**Author**: Ann', '**Reviewers**: [GitHub IDs]', '**Shepherd**: Sam', '**Created**: 2024-06-01']).replace(/\n/g, '\r\n'));
  });

  it('fields written in a table are left to the note: with nothing else to change, no update is offered', () => {
    const text = doc(['| Status | Draft |', '| --- | --- |', '| Author | Ann |', '| Shepherd | Sam |', '| Created | 2024-06-01 |']);
    const r = check(text, parseTemplate(RFC, 'rfc.md'), { template: 'rfc' });
    const finding = r.findings.find((f) => f.rule === 'template-version');
    assert.equal(finding?.message, "Written with an older RFC template (2024-01-01): the current template adds the 'Reviewers' field. Add it to follow the current template.");
    assert.deepEqual(fixesFor(r.analysis!, finding, r.findings), []);
  });

  describe('from the git history', () => {
    const file = (fields: string[]): string => ['# RFC: [Title]', '', ...fields, '', '## Summary', '', 'What is this?', '', '## Design', '', 'How does it work?', ''].join('\n');
    const CURRENT = file(['**Authors**: [Names]', '**Reviewers**: [Names]', '**Created**: YYYY-MM-DD']);
    const history = (entries: [string, string][]): HistoryVersion[] => entries.map(([date, text], i) => historyVersion(text, 'rfc.md', date, `${i}`.repeat(40)) as HistoryVersion);

    it('an older file with the same headings and other fields is a version of its own, with its fields', () => {
      const t = withHistory(
        parseTemplate(CURRENT, 'rfc.md'),
        history([
          ['2024-03-01', CURRENT],
          ['2023-05-01', file(['**Author**: [Name]', '**Status**: {Draft, Accepted}', '**Created**: YYYY-MM-DD'])],
          // The guidance reworded, the same fields: the same version, dated when it began.
          ['2023-01-01', file(['**Author**: [Your name]', '**Status**: {Draft, Accepted}', '**Created**: YYYY-MM-DD'])],
        ]),
      );
      assert.equal(t.date, '2024-03-01');
      assert.deepEqual(
        t.versions.map((v) => [v.version, v.metadata?.map((f) => f.name)]),
        [['2023-01-01', ['Author', 'Status', 'Created']]],
      );
    });

    it('a document holding the value a dropped field showed follows the version that had it, and is told the value is the template\'s', () => {
      const t = withHistory(
        parseTemplate(CURRENT, 'rfc.md'),
        history([
          ['2024-03-01', CURRENT],
          ['2023-05-01', file(['**Authors**: [Names]', '**Reviewers**: [Names]', '**Status**: {Draft, Accepted}', '**Created**: YYYY-MM-DD'])],
        ]),
      );
      const held = check(doc(['**Authors**: Ann', '**Reviewers**: Bob', '**Status**: {Draft, Accepted}', '**Created**: 2024-06-01']), t, { template: 'rfc' });
      assert.equal(held.detection?.version.version, '2023-05-01');
      assert.deepEqual(held.findings.filter((f) => f.rule === 'metadata').map(show), [
        "5:13-5:30 warning metadata Status still shows the template's text: pick one of Draft, Accepted.",
      ]);
      // A value of its own says nothing of when it was written: the version in force at its date.
      const own = check(doc(['**Authors**: Ann', '**Reviewers**: Bob', '**Status**: Shipped', '**Created**: 2024-06-01']), t, { template: 'rfc' });
      assert.equal(own.detection?.version.version, 'current');
    });
  });

  describe('the Kepler EPs of 2025-08', () => {
    const KEPLER = template('kepler');
    const ep = (name: string): { text: string; path: string } => {
      const p = `docs/developer/proposal/${name}`;
      return { text: fs.readFileSync(path.join(CORPUS, 'trees', 'kepler', p), 'utf8'), path: p };
    };

    it('EP-002 follows the 2025-07-21 template: its missing Last Updated line is reported, the Reviewers and Approvers added later only named', () => {
      const { text, path: p } = ep('EP-002-MSR-Fallback-Power-Meter.md');
      const r = check(text, KEPLER, { path: p });
      assert.equal(r.detection?.version.version, '2025-07-21');
      assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata' || f.rule === 'template-version').map(show), [
        '1:1-1:43 warning metadata The Last Updated line is missing: add "**Last Updated**: <value>" under the title.',
        "1:1-1:43 information template-version Written with an older Kepler EP template (2025-07-21): the current template adds the 'Reviewers' and 'Approvers' fields. Add them to follow the current template.",
      ]);
    });

    it('the update gives EP-001 the Reviewers and Approvers lines after its Author line, written as its lines are', () => {
      const { text, path: p } = ep('EP-001-redfish-support.md');
      const r = check(text, KEPLER, { path: p });
      const finding = r.findings.find((f) => f.rule === 'template-version');
      assert.ok(finding);
      const after = applyEdits(text, fixesFor(r.analysis!, finding, r.findings)[0].edits);
      const lines = text.split('\n');
      assert.equal(lines[4], '- **Author**: Sunil Thaha');
      assert.deepEqual(after.split('\n').slice(0, 10), [...lines.slice(0, 5), '- **Reviewers**: [GitHub IDs, other than the authors]', '- **Approvers**: [GitHub IDs of maintainers]', ...lines.slice(5, 8)]);
    });
  });
});
