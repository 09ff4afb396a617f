/**
 * The fidelity guard: how right the findings are on the real documents (see test/fidelity/) may
 * only get better. A family's detection, precision or recall below the figure recorded in
 * test/fidelity/figures.json fails; `npm run fidelity -- --record` raises the figures.
 */
import * as assert from 'node:assert/strict';
import { families, measureFamily, norm, readFigures, type FamilyResult } from '../fidelity/measure';

describe('fidelity on the real documents of ../shared/corpus', function () {
  this.timeout(120_000);
  const figures = readFigures();
  const results = new Map<string, FamilyResult>();
  before(() => {
    for (const f of families()) results.set(f.name, measureFamily(f));
  });

  it('every family has recorded figures, and every figure recorded is a family', () => {
    assert.deepEqual(Object.keys(figures).sort(), [...results.keys()].sort());
  });

  it('every document has a follows label, and every label names a document that is there', () => {
    for (const r of results.values()) {
      assert.deepEqual(r.unlabelledDocuments, [], `${r.family}: documents without a follows label`);
      assert.deepEqual(r.strayLabels.map((l) => `${l.at} ${l.document}`), [], `${r.family}: labels for documents that are not there`);
    }
  });

  it('no family gets worse than its recorded detection, precision and recall', () => {
    const worse: string[] = [];
    for (const [family, r] of results) {
      const rec = figures[family];
      if (!rec) continue;
      const eps = 1e-9;
      if (r.detection + eps < rec.detection) worse.push(`${family}: detection ${r.detection.toFixed(3)} < ${rec.detection}`);
      if (rec.precision !== null && r.precision !== null && r.precision + eps < rec.precision) worse.push(`${family}: precision ${r.precision.toFixed(3)} < ${rec.precision}`);
      if (r.recall + eps < rec.recall) worse.push(`${family}: recall ${r.recall.toFixed(3)} < ${rec.recall}`);
    }
    assert.deepEqual(worse, [], 'run `npm run fidelity` to see which findings changed');
  });
});

describe('fidelity: how label targets are compared', () => {
  it('titles compare without case, emphasis, punctuation or leading numbers', () => {
    assert.equal(norm('2. Design:'), 'design');
    assert.equal(norm('## 1.2. Test *Plan*'), 'test plan');
    assert.equal(norm('A.1: Open question'), 'open question');
    assert.equal(norm('Goals/Non-Goals'), 'goals non goals');
    assert.equal(norm('3 Rationale'), 'rationale');
    assert.equal(norm('Status'), 'status');
    assert.notEqual(norm('Non-Goals'), norm('Goals'));
  });
});
