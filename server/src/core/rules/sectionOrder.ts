import type { PresentSection } from '../analyze';
import { q, type RawFinding, type Rule } from './rule';

/** Indices (into `seq`) of a longest increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) keep.add(k);
  return keep;
}

export const sectionOrder: Rule = {
  id: 'section-order',
  severity: 'information',
  description: 'Template sections appear in a different order than the template gives them.',
  check(a) {
    const inDocOrder: PresentSection[] = [...a.present.values()].filter((p) => !a.elsewhere.has(p.section))
      // One heading for several sections (a combined heading, one body for two) is in their order.
      .sort((x, y) => x.section.heading.span.start - y.section.heading.span.start || x.spec.index - y.spec.index);
    const keep = longestIncreasing(inDocOrder.map((p) => p.spec.index));
    const ordered = inDocOrder.filter((_, i) => keep.has(i));
    const out: RawFinding[] = [];
    inDocOrder.forEach((p, i) => {
      if (keep.has(i)) return;
      const before = [...ordered].reverse().find((o) => o.spec.index < p.spec.index);
      const after = ordered.find((o) => o.spec.index > p.spec.index);
      const where = before
        ? `the template puts it after ${q(before.spec.name)}`
        : after
          ? `the template puts it before ${q(after.spec.name)}`
          : 'the template puts it elsewhere';
      out.push({
        rule: 'section-order',
        message: `Section ${q(p.spec.name)} is out of order: ${where}.`,
        range: a.model.lines.rangeOf(p.section.heading.span),
        section: p.spec.name,
      });
    });
    return out;
  },
};
