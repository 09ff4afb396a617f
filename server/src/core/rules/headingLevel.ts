import { hashes, q, type RawFinding, type Rule } from './rule';

export const headingLevel: Rule = {
  id: 'heading-level',
  severity: 'warning',
  description: 'A template section has a different heading level than in the template.',
  check(a) {
    const out: RawFinding[] = [];
    for (const p of a.present.values()) {
      if (a.specOf.get(p.section) !== p.spec || a.elsewhere.has(p.section)) continue; // one finding per heading
      const actual = p.section.heading.level;
      const expected = p.spec.level;
      if (actual === expected) continue;
      // A level that any version of the template used is not the author's mistake.
      const versions = [a.template, ...a.template.versions];
      if (versions.some((v) => v.sections.some((s) => s.level === actual && s.keys[0] === p.spec.keys[0]))) continue;
      // Nested right under the template's parent section keeps the structure (an H4 directly under
      // an H3 where the template skips to H5): not worth a warning.
      const parentPresent = p.spec.parent === null ? undefined : a.present.get(p.spec.parent)?.section;
      if (parentPresent && p.section.parent === parentPresent) continue;
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
