/**
 * What a reader would say is there: sections under other parents or combined in one heading, the
 * template's title slot, its example headings, its kept text, its own copy among the proposals,
 * and answers such as "N/A" or the author's own checklist.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel, parseProposal } from '../../server/src/core';
import { namedAsTemplate } from '../../server/src/core/detect';
import { check, CORPUS, show, tpl } from './helpers';

const DESIGN = tpl(
  [
    '# Title',
    '',
    '## Summary',
    'One paragraph: what and why.',
    '## Goals',
    'What it must achieve.',
    '## Non-Goals',
    'What it leaves out.',
    '## Design',
    '### Test Plan',
    'How it is tested.',
    '## Options',
    '### Option 1',
    '#### Pros',
    '#### Cons',
    '### Option 2',
    '#### Pros',
    '#### Cons',
    '## Acceptance Criteria',
    '- [ ] The template asks for this.',
    '## Motivation and background',
    'Why now.',
    '## How to Use This Template',
    'Copy this file.',
    '## Copyright',
    'Copyright and related rights waived via CC0.',
    '',
  ].join('\n'),
  'design.md',
);

const run = (lines: string[]): string[] => check(lines.join('\n'), DESIGN, { template: 'design' }).findings.map(show);

/** A complete document, with `edit` applied to its lines. */
function doc(edit: (lines: string[]) => string[] = (l) => l): string[] {
  return edit([
    'My Proposal',
    '-----------',
    '',
    '## Summary',
    'S.',
    '## Goals',
    'G.',
    '## Non-Goals',
    'N.',
    '## Design',
    '### Test Plan',
    'T.',
    '## Options',
    'O.',
    '## Acceptance Criteria',
    '- [ ] Two wallets support it.',
    '## Motivation and background',
    'M.',
    '## Copyright',
    'Copyright and related rights waived via CC0.',
  ]);
}

describe('matching what a reader sees', () => {
  it("a complete document: the setext title stands in the template's title slot; example headings, the template's own how-to and its kept copyright text are not asked for", () => {
    assert.equal(DESIGN.titleHeading, 'Title');
    // Numbered slots (Option 1, Option 2, with all under them) stand for the author's own headings.
    assert.deepEqual(
      DESIGN.sections.map((s) => `${s.name}${s.optional ? ' (optional)' : ''}`),
      ['Summary', 'Goals', 'Non-Goals', 'Design', 'Test Plan', 'Options', 'Acceptance Criteria', 'Motivation and background', 'How to Use This Template (optional)', 'Copyright'],
    );
    assert.deepEqual(run(doc()), []);
  });

  it('"Goals / Non-Goals" is both sections; "Background and Motivation" is "Motivation and background"', () => {
    const lines = doc((l) => [...l.slice(0, 5), '## Goals / Non-Goals', 'Both.', ...l.slice(9, 16), '## Background and Motivation', 'M.', ...l.slice(18)]);
    assert.deepEqual(run(lines), []);
  });

  it('a section under another parent or at another level is there, and not out of place', () => {
    const lines = doc((l) => [...l.slice(0, 9), '## Design', 'D.', '## Rollout', '#### Test plan', 'T.', ...l.slice(12)]);
    assert.deepEqual(run(lines), []);
  });

  it('an H4 right under its H3 parent where the template skips to H5 is not worth a warning; under the wrong parent it is', () => {
    const deep = tpl(['# T', '## Design', '### Test Plan', '##### Unit tests', 'Which.', ''].join('\n'), 'deep.md');
    const base = ['# Mine', '## Design', '### Test Plan', '#### Unit tests', 'U.'];
    assert.deepEqual(check(base.join('\n'), deep, { template: 'deep' }).findings.map(show), []);
    const elsewhere = ['# Mine', '## Design', '### Test Plan', 'T.', '### Rollout', '#### Unit tests', 'U.'];
    assert.deepEqual(check(elsewhere.join('\n'), deep, { template: 'deep' }).findings.map(show), [
      "6:1-6:16 warning heading-level Heading 'Unit tests' is level 4 (####); the template has it at level 5 (#####) under 'Test Plan'.",
    ]);
  });

  it('the same heading under two options is not a duplicate; under one parent it is', () => {
    const options = ['## Options', '### Option A', '#### Pros', 'P.', '### Option B', '#### Pros', 'P.'];
    assert.deepEqual(run(doc((l) => [...l.slice(0, 12), ...options, ...l.slice(14)])), []);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 12), '## Options', 'O.', '## Summary', 'Again.', ...l.slice(14)])), [
      "15:1-15:11 warning duplicate-section Section 'Summary' appears more than once (first on line 4): merge the two into one section.",
    ]);
  });

  it('"N/A", "None" or "No" answers; a section of only "TODO" is still to be written', () => {
    assert.deepEqual(run(doc((l) => [...l.slice(0, 6), 'N/A', '## Non-Goals', 'None.', ...l.slice(9)])), []);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 6), 'TODO: later', ...l.slice(7)])), [
      "6:1-6:9 warning empty-section Section 'Goals' only says it is still to be written ('TODO: later'): write it, or say why it does not apply (\"N/A: <reason>\").",
    ]);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 6), 'TODO: we measure the cache hit rate in the prototype and report it here.', ...l.slice(7)])), []);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 6), 'To do that, see below.', ...l.slice(7)])), []);
  });

  it("the author's own unticked checklist is written; the template's unticked checklist, or a form with empty slots, is not", () => {
    const empty = "15:1-15:23 warning empty-section Section 'Acceptance Criteria' is empty: write it, or say why it does not apply (\"N/A: <reason>\").";
    assert.equal(doc()[15], '- [ ] Two wallets support it.');
    assert.deepEqual(run(doc()), []);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 15), '- [ ] The template asks for this.', ...l.slice(16)])), [empty]);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 15), '- [ ] Feature gate', '  - Feature gate name:', ...l.slice(16)])), [empty]);
    assert.deepEqual(run(doc((l) => [...l.slice(0, 15), '- [x] Feature gate', '  - Feature gate name: MyGate', ...l.slice(16)])), []);
  });

  it("the template's own copy among the proposals is not a proposal, by its name or by its text", () => {
    for (const p of ['keps/NNNN-kep-template/README.md', 'design-proposals/klip-template.md', 'docs/developer/proposal/EP-TEMPLATE.md', 'doc/developer/design/00000000_template.md', 'template.md', 'docs/adr/adr-template.md']) {
      assert.equal(namedAsTemplate(p), true, p);
    }
    // A number of its own makes it a proposal (about templates, perhaps).
    for (const p of ['keps/sig-apps/1234-pod-template/README.md', 'rfcs/0123-issue-template.md', 'docs/adr/0007-use-adr-template.md', 'rfcs/0042-templates.md', 'docs/template/0001-x.md', 'README.md']) {
      assert.equal(namedAsTemplate(p), false, p);
    }
    const flux = path.join(CORPUS, 'wild', 'flux-rfc');
    const text = fs.readFileSync(path.join(flux, 'rfcs', 'RFC-0000', 'README.md'), 'utf8');
    const template = tpl(text, 'rfc.md');
    assert.equal(checkModel(parseProposal(text.replace(/\n/g, '\r\n')), [template], { path: 'docs/copy.md' }).detection, null);
    // The same with front matter the team added to its template: the copy is told by the text after it.
    const withSettings = tpl(`---\nproposal-kit:\n  id: rfc\n---\n${text}`, 'rfc.md');
    assert.equal(checkModel(parseProposal(text), [withSettings], { path: 'docs/copy.md' }).detection, null);
    const real = fs.readFileSync(path.join(flux, 'rfcs', '0002-helm-oci', 'README.md'), 'utf8');
    assert.equal(checkModel(parseProposal(real), [template], { path: 'rfcs/0002-helm-oci/README.md' }).detection?.template.id, 'rfc');
  });
});
