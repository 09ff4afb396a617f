import { strict as assert } from 'node:assert';
import { checkModel, parseProposal, type CheckOptions } from '../../server/src/core';
import { scaffold } from '../../server/src/core/scaffold';
import { builtinTemplates, show, template } from './helpers';

const INPUT = { title: 'Faster Builds', author: 'Ada Lovelace', date: '2026-11-20', sig: 'node' };

/** A new proposal of a built-in template, as New Proposal writes it (with a KEP's kep.yaml). */
function fresh(id: string): { text: string; path: string; kepYaml?: string } {
  const s = scaffold(template(id), INPUT, []);
  return { text: s.text, path: s.path, kepYaml: s.companions.find((c) => c.path.endsWith('kep.yaml'))?.text };
}

function findings(doc: { text: string; path: string; kepYaml?: string }, options: CheckOptions = {}): string[] {
  const companions = doc.kepYaml === undefined ? {} : { kepYaml: doc.kepYaml };
  return checkModel(parseProposal(doc.text), builtinTemplates(), { path: doc.path, companions, ...options }).findings.map(show);
}

const notHints = (list: string[]): string[] => list.filter((f) => !/^\S+ hint /.test(f));

describe('a quiet start: the scaffold untouched is hints while the proposal is in its first status', () => {
  const counts: Record<string, number> = { klip: 13, kep: 13, materialize: 8, kepler: 24 };
  for (const id of Object.keys(counts)) {
    it(`${id}: a new proposal has no warning or error, and its slots are still said, as hints`, () => {
      const list = findings(fresh(id));
      assert.deepEqual(notHints(list), []);
      assert.equal(list.length, counts[id]);
    });
  }

  it('klip: the metadata slots New Proposal leaves are hints, In Discussion being a draft', () => {
    const list = findings(fresh('klip'));
    assert.deepEqual(list.slice(0, 2), [
      "4:21-4:60 hint metadata Release Target is still the template's placeholder '_the ksqlDB release you are aiming for_': replace it with the real value.",
      "6:17-6:74 hint metadata Discussion is still the template's placeholder '_link to the pull request where this design is discussed_': replace it with the real value.",
    ]);
  });

  it('kep: a section the author edited gets its left-in guidance as a warning again; the untouched ones stay hints', () => {
    const doc = fresh('kep');
    const text = doc.text.replace('##### Unit tests\n', '##### Unit tests\n\nThe cache gets unit tests.\n');
    assert.notEqual(text, doc.text);
    const list = findings({ ...doc, text });
    assert.deepEqual(notHints(list), ["80:1-80:44 warning placeholder Template guidance left in 'Unit tests': replace it with the section's content."]);
  });

  it('klip: once the proposal leaves In Discussion, the slots are warnings, and its empty sections errors (Design Approved is approved)', () => {
    const doc = fresh('klip');
    const text = doc.text.replace('**Status**: In Discussion', '**Status**: Design Approved');
    assert.notEqual(text, doc.text);
    const list = notHints(findings({ ...doc, text }));
    assert.equal(list.length, 13);
    assert.equal(list[0], "4:21-4:60 warning metadata Release Target is still the template's placeholder '_the ksqlDB release you are aiming for_': replace it with the real value.");
    assert.equal(list[2], "8:1-8:93 warning placeholder Template guidance left in 'tl;dr': replace it with your own words.");
    assert.equal(list[3], `10:1-10:29 error empty-section Section 'Motivation and background' is empty: write it, or say why it does not apply ("N/A: <reason>").`);
  });

  it('kepler: a proposal without a status is not taken to be new', () => {
    const doc = fresh('kepler');
    const text = doc.text.replace(/^\*\*Status\*\*: Draft\n/m, '');
    assert.notEqual(text, doc.text);
    assert.deepEqual(notHints(findings({ ...doc, text })).slice(0, 2), [
      '1:1-1:24 warning metadata The Status line is missing: add "**Status**: <value>" (one of Draft, Accepted, Implemented, Rejected, Superseded) under the title.',
      "4:16-4:52 warning metadata Reviewers is still the template's placeholder '[GitHub IDs, other than the authors]': replace it with the real value.",
    ]);
  });

  it('materialize (no statuses): once a section is written, the untouched ones are warnings', () => {
    const doc = fresh('materialize');
    const text = doc.text.replace(/(## The Problem\n\n<!--.*-->\n)/, '$1\nBuilds take an hour.\n');
    assert.notEqual(text, doc.text);
    const list = notHints(findings({ ...doc, text }));
    assert.deepEqual(list.slice(0, 2), [
      "3:15-3:54 warning metadata Associated is still the template's placeholder '(links to related epics, issues or PRs)': replace it with the real value.",
      `13:1-13:20 warning empty-section Section 'Success Criteria' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
    ]);
    assert.equal(list.length, 7);
  });

  it('a severity set for the rule wins over the quiet start', () => {
    const list = findings(fresh('klip'), { severities: { metadata: 'warning' } });
    assert.deepEqual(notHints(list), [
      "4:21-4:60 warning metadata Release Target is still the template's placeholder '_the ksqlDB release you are aiming for_': replace it with the real value.",
      "6:17-6:74 warning metadata Discussion is still the template's placeholder '_link to the pull request where this design is discussed_': replace it with the real value.",
    ]);
  });
});
