import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { checkModel, parseProposal } from '../../server/src/core';
import { GOLDEN, goldenFile, goldenText } from './golden';
import { builtinTemplates, corpusDocs } from './helpers';

describe('real proposals from the corpus', () => {
  const docs = corpusDocs();

  it('the corpus is there: every family has real proposals', () => {
    const families = new Set(docs.map((d) => d.family));
    assert.deepEqual([...families].sort(), ['kep', 'kepler', 'klip', 'materialize']);
    assert.ok(docs.length >= 60, `only ${docs.length} documents`);
  });

  for (const doc of docs) {
    it(`${doc.upstreamPath} is a ${doc.family} proposal and checks cleanly`, () => {
      const text = fs.readFileSync(doc.file, 'utf8');
      const r = checkModel(parseProposal(text), builtinTemplates(), { path: doc.upstreamPath });
      assert.equal(r.detection?.template.id, doc.family);
      assert.ok(r.progress && r.progress.written <= r.progress.required);
      const lines = text.split(/\r?\n/);
      for (const f of r.findings) {
        assert.ok(f.range.start.line < lines.length && f.range.end.line < lines.length, `${f.rule} outside the document`);
        assert.ok(f.message.endsWith('.') || f.message.endsWith(']'), f.message);
      }
    });
  }

  it('most proposals are recognised from their content alone, without their path', () => {
    const missed = docs
      .filter((d) => {
        const r = checkModel(parseProposal(fs.readFileSync(d.file, 'utf8')), builtinTemplates());
        return r.detection?.template.id !== d.family;
      })
      .map((d) => d.upstreamPath);
    // Free-form documents that share too few headings with any template, and a 41-byte stub.
    assert.deepEqual(missed, [
      'keps/sig-architecture/0000-kep-process/README.md',
      'keps/sig-network/758-ingress-api-group/README.md',
      'keps/sig-storage/603-csi-pod-info/README.md',
      'keps/sig-etcd/4326-downgrade/README.md',
      'doc/developer/design/20220303_secrets.md',
    ]);
  });

  describe('reviewed golden findings', () => {
    for (const doc of GOLDEN) {
      it(doc.upstreamPath, () => {
        assert.equal(goldenText(doc), fs.readFileSync(goldenFile(doc), 'utf8'));
      });
    }
  });
});
