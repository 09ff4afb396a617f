import { hashes, q, type RawFinding, type Rule } from './rule';

export const headingLevel: Rule = {
  id: 'heading-level',
  severity: 'warning',
  description: 'A template section has a different heading level than in the template.',
  check(a) {
    const out: RawFinding[] = [];
    for (const p of a.present.values()) {
      const actual = p.section.heading.level;
      const expected = p.spec.level;
      if (actual === expected) continue;
      const parent = p.spec.parent === null ? null : a.version.sections[p.spec.parent];
      const under = parent ? ` under ${q(parent.name)}` : '';
      out.push({
        rule: 'heading-level',
        message: `Heading ${q(p.spec.name)} is level ${actual} (${hashes(actual)}); the template has it at level ${expected} (${hashes(expected)})${under}.`,
        range: a.model.lines.rangeOf(p.section.heading.span),
        section: p.spec.name,
        data: { kind: 'level', expected, actual },
      });
    }
    return out;
  },
};
