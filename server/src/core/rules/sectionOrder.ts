import type { PresentSection } from '../analyze';
import { q, type RawFinding, type Rule } from './rule';

/**
 * Indices (into `seq`) of a longest increasing subsequence: the sections in the template's order,
 * the rest being out of place. Among equally long ones, the one whose steps through the template are
 * most even (least sum of squared steps): a section moved far from its place is the one reported,
 * not its neighbour; of two swapped neighbours, the second. Sections are few (a document has tens), so the quadratic search is cheap.
 */
function longestIncreasing(indices: number[]): Set<number> {
  // Steps are counted over the sections the document has, so a section missing between two does not make a step long.
  const rank = new Map([...new Set(indices)].sort((x, y) => x - y).map((v, r) => [v, r]));
  const seq = indices.map((v) => rank.get(v) ?? 0);
  const len: number[] = [];
  const cost: number[] = [];
  const prev: number[] = [];
  let best = -1;
  for (let i = 0; i < seq.length; i++) {
    len[i] = 1;
    cost[i] = 0;
    prev[i] = -1;
    for (let j = 0; j < i; j++) {
      if (seq[j] >= seq[i]) continue;
      const l = len[j] + 1;
      const c = cost[j] + (seq[i] - seq[j]) ** 2;
      if (l > len[i] || (l === len[i] && c < cost[i])) {
        len[i] = l;
        cost[i] = c;
        prev[i] = j;
      }
    }
    if (best < 0 || len[i] > len[best] || (len[i] === len[best] && cost[i] < cost[best])) best = i;
  }
  const keep = new Set<number>();
  for (let k = best; k >= 0; k = prev[k]) keep.add(k);
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
      // Name the section it should have come before, when it comes after one; else the one it belongs after.
      const passed = inDocOrder.slice(0, i).find((o, j) => keep.has(j) && o.spec.index > p.spec.index);
      const before = [...ordered].reverse().find((o) => o.spec.index < p.spec.index);
      const after = ordered.find((o) => o.spec.index > p.spec.index);
      const where = passed
        ? `the template puts it before ${q(passed.spec.name)}`
        : before
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
