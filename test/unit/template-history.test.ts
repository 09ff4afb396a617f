/** A team's template in a git repository: its earlier versions come from the file's history, and a document is held to the version in force when it was written. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectTemplate, parseProposal, parseTemplate } from '../../server/src/core';
import { documentDate, documentUpdated } from '../../server/src/core/metadata';
import { historyVersion, withHistory } from '../../server/src/core/template';
import { templateHistory } from '../../server/src/node/history';
import { runCli, TempRepo } from './helpers';

const TEMPLATE = 'ADR: [Title]';
const template = (sections: string[]): string =>
  [`# ${TEMPLATE}`, '', 'Date: YYYY-MM-DD', '', ...sections.flatMap((s) => [`## ${s}`, '', `What goes under ${s.toLowerCase()}?`, ''])].join('\n');
const V1 = template(['Background', 'Decision', 'Consequences']);
const V2 = template(['Context', 'Decision', 'Consequences']);
// The same outline as V2, the guidance reworded.
const V2B = V2.replace('What goes under context?', 'What is the context of the decision?');
const V3 = template(['Context', 'Decision', 'Alternatives', 'Consequences']);

const doc = (title: string, date: string | null, sections: string[]): string =>
  [`# ADR: ${title}`, '', ...(date ? [`Date: ${date}`, ''] : []), ...sections.flatMap((s) => [`## ${s}`, '', `Our ${s.toLowerCase()}.`, ''])].join('\n');

interface JsonFinding {
  rule: string;
  message: string;
  range: { start: { line: number } };
}

/** Each file's findings as `line rule message` (one-based lines). */
function findings(cwd: string): { files: Record<string, string[]>; err: string } {
  const run = runCli(['check', '--format', 'json', '.'], cwd);
  const files: Record<string, string[]> = {};
  for (const f of (JSON.parse(run.out) as { files: { path: string; findings: JsonFinding[] }[] }).files) {
    files[f.path] = f.findings.map((x) => `${x.range.start.line + 1} ${x.rule} ${x.message}`);
  }
  return { files, err: run.err };
}

const MISSING_ALTERNATIVES = "Missing required section 'Alternatives' (expected after 'Decision').";
const MISSING_DATE = '1 metadata The Date line is missing: add "Date: <value>" under the title.';

describe('template history from git', () => {
  let repo: TempRepo;
  const templateFile = '.proposals/templates/adr.md';
  beforeEach(() => {
    repo = new TempRepo();
    repo.write(templateFile, V1);
    repo.commit('ADR template', '2020-01-10T12:00:00Z');
    repo.write('adr/old.md', doc('Old', '2020-05-01', ['Background', 'Decision', 'Consequences']));
    repo.commit('ADR: old', '2020-05-01T12:00:00Z');
    repo.write(templateFile, V2);
    repo.commit('Background is Context now', '2021-06-01T12:00:00Z');
    repo.write(templateFile, V2B);
    repo.commit('Reword the guidance', '2021-07-01T12:00:00Z');
    repo.write('adr/undated.md', doc('Undated', null, ['Context', 'Decision', 'Consequences']));
    repo.commit('ADR: undated', '2021-08-01T12:00:00Z');
    repo.write('adr/before.md', doc('Before', '2021-09-01', ['Context', 'Decision', 'Consequences']));
    repo.commit('ADR: before', '2021-09-01T12:00:00Z');
    repo.write(templateFile, V3);
    repo.commit('Alternatives are required', '2022-03-01T12:00:00Z');
    repo.write('adr/after.md', doc('After', '2022-05-01', ['Context', 'Decision', 'Consequences']));
    repo.commit('ADR: after', '2022-05-01T12:00:00Z');
    // Not committed yet: written now.
    repo.write('adr/new.md', doc('New', null, ['Context', 'Decision', 'Consequences']));
  });
  afterEach(() => repo.remove());

  it('reads the earlier versions, newest first, one per outline, dated when the outline began', () => {
    const versions = templateHistory(path.join(repo.root, templateFile));
    assert.deepEqual(
      versions.map((v) => [v.date, v.sections.map((s) => s.name).join(', ')]),
      [
        ['2022-03-01', 'Context, Decision, Alternatives, Consequences'],
        ['2021-07-01', 'Context, Decision, Consequences'],
        ['2021-06-01', 'Context, Decision, Consequences'],
        ['2020-01-10', 'Background, Decision, Consequences'],
      ],
    );
    const t = withHistory(parseTemplate(V3, 'adr.md'), versions);
    assert.equal(t.date, '2022-03-01');
    assert.deepEqual(
      t.versions.map((v) => [v.version, v.date, v.sections.map((s) => s.name).join(', ')]),
      [
        ['2021-06-01', '2021-06-01', 'Context, Decision, Consequences'],
        ['2020-01-10', '2020-01-10', 'Background, Decision, Consequences'],
      ],
    );
  });

  it('holds each document to the version in force when it was written: its date, else its first commit, else now', () => {
    const { files, err } = findings(repo.root);
    assert.equal(err.includes('template error'), false, err);
    assert.deepEqual(files, {
      'adr/after.md': [`9 missing-section ${MISSING_ALTERNATIVES}`],
      'adr/before.md': ["1 template-version Written with an older ADR template (2021-06-01): the current template adds 'Alternatives'. Add it to follow the current template."],
      // The two without a date line are told so: every version leaves a slot for it (`Date: YYYY-MM-DD`).
      'adr/new.md': [MISSING_DATE, `7 missing-section ${MISSING_ALTERNATIVES}`],
      // The heading the template later renamed still matches the version it was written with.
      'adr/old.md': ["1 template-version Written with an older ADR template (2020-01-10): the current template adds 'Alternatives'. Add it to follow the current template."],
      'adr/undated.md': [MISSING_DATE, "1 template-version Written with an older ADR template (2021-06-01): the current template adds 'Alternatives'. Add it to follow the current template."],
    });
  });

  it('what the current template says of a section (its other titles, that it is optional) holds in the earlier versions too', () => {
    const current = parseTemplate(['---', 'proposal-kit:', '  aliases:', '    Context: [Background]', '---', V3.replace('## Consequences', '## Consequences (optional)')].join('\n'), 'adr.md');
    const t = withHistory(current, templateHistory(path.join(repo.root, templateFile)));
    assert.deepEqual(
      t.versions.map((v) => v.sections.map((x) => `${x.keys.join('|')}${x.optional ? ' (optional)' : ''}`)),
      [
        // The outline committed last: the current template marks one more section optional.
        ['context|background', 'decision', 'alternatives', 'consequences (optional)'],
        ['context|background', 'decision', 'consequences (optional)'],
        ['background|context', 'decision', 'consequences (optional)'],
      ],
    );
  });

  it('a template changed since the last commit is the current one; versions written in the settings are kept beside the history', () => {
    const withSettings = [
      '---',
      'proposal-kit:',
      '  versions:',
      '    - version: "first draft"',
      '      date: "2019-06-01"',
      '      outline: |',
      '        ## Problem',
      '        ## Decision',
      '---',
      V3.replace('## Consequences', '## Risks\n\nWhat could go wrong?\n\n## Consequences'),
    ].join('\n');
    const t = withHistory(parseTemplate(withSettings, 'adr.md'), templateHistory(path.join(repo.root, templateFile)));
    assert.equal(t.date, undefined);
    assert.deepEqual(
      t.versions.map((v) => [v.version, v.sections.map((s) => s.name).join(', ')]),
      [
        ['2022-03-01', 'Context, Decision, Alternatives, Consequences'],
        ['2021-06-01', 'Context, Decision, Consequences'],
        ['2020-01-10', 'Background, Decision, Consequences'],
        ['first draft', 'Problem, Decision'],
      ],
    );
  });

  it('an earlier version with broken settings gives its headings; one without sections is skipped', () => {
    const broken = historyVersion('---\ntitle: <a title: a few words>\n---\n# ADR: [Title]\n\n## Context\n\nWhy?\n\n## Decision\n', 'adr.md', '2020-01-01', 'f'.repeat(40));
    assert.deepEqual([broken?.titleHeading, broken?.sections.map((x) => x.name)], ['ADR: [Title]', ['Context', 'Decision']]);
    assert.equal(historyVersion('# Nothing here yet\n', 'adr.md', '2020-01-01', 'f'.repeat(40)), null);
    repo.write(templateFile, '# Nothing here yet\n');
    repo.commit('Emptied', '2022-06-01T12:00:00Z');
    repo.write(templateFile, V3);
    repo.commit('Back again', '2022-07-01T12:00:00Z');
    assert.deepEqual(
      templateHistory(path.join(repo.root, templateFile)).map((v) => v.date),
      ['2022-07-01', '2022-03-01', '2021-07-01', '2021-06-01', '2020-01-10'],
    );
  });

  it('not in a git repository, or in a shallow clone: no history and no error', () => {
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-nogit-')));
    const shallow = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-shallow-')));
    try {
      fs.cpSync(repo.root, plain, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
      assert.deepEqual(templateHistory(path.join(plain, templateFile)), []);
      const { files, err } = findings(plain);
      assert.equal(err.includes('template error') || err.includes('git'), false, err);
      assert.deepEqual(files['adr/before.md'], [`9 missing-section ${MISSING_ALTERNATIVES}`]);
      // Without the version it was written with, two sections in common are too few to call it an ADR.
      assert.deepEqual(files['adr/old.md'], []);
      repo.git('clone', '-q', '--depth', '1', `file://${repo.root}`, path.join(shallow, 'clone'));
      assert.deepEqual(templateHistory(path.join(shallow, 'clone', templateFile)), []);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
      fs.rmSync(shallow, { recursive: true, force: true });
    }
  });
});

describe('a document\'s date', () => {
  const dateOf = (text: string): string | null => documentDate(parseProposal(text));

  it('is the earliest creation date its front matter or its fields give; an update date does not count', () => {
    assert.equal(dateOf('---\nstart-date: 2019-04-25\n---\n# RFC\n\n## Summary\n'), '2019-04-25');
    assert.equal(dateOf('---\ncreated: 2021-03-02\ndate: 2021-01-05\nupdated: 2020-01-01\n---\n# RFC\n'), '2021-01-05');
    assert.equal(dateOf('# RFC\n\n| **Created** | 2018-05-07 |\n| **Updated** | 2017-01-01 |\n\n## Objective\n'), '2018-05-07');
    assert.equal(dateOf('# ADR 1: Title\n\n- Date: 25 April 2019\n\n## Context\n'), '2019-04-25');
    assert.equal(dateOf('# ADR 1: Title\n\nStatus: Accepted\n\n## Context\n\nDate: 2019-04-25\n'), null);
    assert.equal(dateOf('# RFC\n\nCreated: YYYY-MM-DD\n\n## Summary\n'), null);
  });

  it('or the earliest date that opens a line of its changelog', () => {
    assert.equal(dateOf('# ADR 9: ABCI\n\n## Changelog\n\n23-06-2018: Some fixes\n07-06-2018: Initial draft\n\n## Context\n\nIn 2017-01-01 we...\n'), '2018-06-07');
    assert.equal(dateOf('# ADR 72\n\n## Changelog\n\n- 20-Aug-2021: Initial draft (@creachadair)\n'), '2021-08-20');
    assert.equal(dateOf('# ADR 115\n\n## Changelog\n\n - April 30 2024: Created by @melekes\n - May 13 2024: Updated\n'), '2024-04-30');
    assert.equal(dateOf('# ADR 1\n\n## Changelog\n\n- First draft, see 2019-01-01 notes\n'), null);
  });

  it('without one: its first commit, or the day it says it was last updated when that is earlier', () => {
    assert.equal(documentUpdated(parseProposal('P4\n---\n* Status: Aprroved\n* Last updated: 2019-04-09\n\n## Abstract\n')), '2019-04-09');
    assert.equal(documentUpdated(parseProposal('# RFC\n\n| **Updated** | 2020-07-15 |\n\n## Objective\n')), '2020-07-15');
    // A template with a Status line until 2017's version was replaced: the document that says it
    // was last updated in 2019 is held to it, though the repository's history (its first commit)
    // starts in 2026; one updated after the current template came is held to the current one.
    const tpl = (status: boolean): string =>
      `Title\n----\n* Author(s): [Author Name]\n${status ? '* Status: {Draft, Implemented}\n' : ''}* Last updated: [YYYY-MM-DD]\n\n## Abstract\n\n[A short summary.]\n\n## Background\n\n[Why.]\n\n## Proposal\n\n[What.]\n`;
    const older = historyVersion(tpl(true), 'g.md', '2017-01-12', 'a');
    const t = withHistory(parseTemplate(tpl(false), 'g.md'), older ? [older] : []);
    t.date = '2026-02-01';
    const held = (updated: string): string | undefined =>
      detectTemplate(parseProposal(`CVE process\n----\n* Author(s): K\n* Status: Aprroved\n* Last updated: ${updated}\n\n## Abstract\n\nText.\n\n## Background\n\nText.\n\n## Proposal\n\nText.\n`), 'P4.md', [t], undefined, () => '2026-03-01')?.version.version;
    assert.equal(held('2019-04-09'), '2017-01-12');
    assert.equal(held('2026-04-09'), 'current');
  });
});
