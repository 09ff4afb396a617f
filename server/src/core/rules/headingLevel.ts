import type { Analysis } from '../analyze';
import { normalizeTitle } from '../normalize';
import type { Section } from '../parse';
import type { SectionSpec } from '../template';
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
    out.push(...usedTemplateLevels(a));
    return out;
  },
};

/**
 * Headings of the parts another template structures (an XLS's Specification, by
 * AMENDMENT_TEMPLATE.md), read against that template: one it puts right under another
 * (`#### Data Verification` under `### Failure Conditions`) that the document puts deeper, skipping
 * a level, is reported. Its sections repeat (one Transaction each), so each heading is read against
 * its own parent, wherever the document puts those parts: under the section, or in its place (an
 * XLS's `## 3. Ledger Entry: ...` and `## 4. Transaction: ...` for its Specification). Each such
 * template is read once, however many sections name it.
 */
function usedTemplateLevels(a: Analysis): RawFinding[] {
  const out: RawFinding[] = [];
  const used = new Map<string, SectionSpec[]>();
  for (const spec of a.template.sections) if (spec.uses?.sections && !used.has(spec.uses.file)) used.set(spec.uses.file, spec.uses.sections);
  if (!used.size) return out;
  const keyOf = new Map(a.model.sections.map((s) => [s, normalizeTitle(s.heading.text)]));
  for (const [file, sections] of used) {
    const byKey = new Map<string, SectionSpec>();
    for (const u of sections) for (const k of u.keys) if (!byKey.has(k)) byKey.set(k, u);
    const specFor = (s: Section): SectionSpec | undefined => byKey.get(keyOf.get(s) as string);
    const walk = (s: Section): void => {
      const parentSpec = specFor(s);
      for (const child of s.children) {
        const childSpec = specFor(child);
        if (childSpec && parentSpec && childSpec.parent === parentSpec.index) {
          const expected = childSpec.level - parentSpec.level;
          if (child.heading.level - s.heading.level > expected) {
            const level = s.heading.level + expected;
            out.push({
              rule: 'heading-level',
              message: `Heading ${q(child.heading.text)} is level ${child.heading.level} (${hashes(child.heading.level)}) under ${q(s.heading.text)} (level ${s.heading.level}), skipping a level; ${file} puts it right under it, at level ${level} (${hashes(level)}).`,
              range: a.model.lines.rangeOf(child.heading.span),
              section: childSpec.name,
              data: { kind: 'level', expected: level, actual: child.heading.level },
            });
          }
        }
        walk(child);
      }
    };
    for (const root of a.model.roots) walk(root);
  }
  return out;
}
