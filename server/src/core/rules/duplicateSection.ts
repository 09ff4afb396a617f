import { q, type Rule } from './rule';

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  severity: 'warning',
  description: 'A template section appears more than once.',
  check(a) {
    return a.duplicates.map((d) => {
      const firstLine = a.model.lines.positionAt(d.first.heading.span.start).line + 1;
      const firstText = d.first.heading.text === d.section.heading.text ? '' : ` as ${q(d.first.heading.text)}`;
      return {
        rule: 'duplicate-section' as const,
        message: `Section ${q(d.spec.name)} appears more than once (first${firstText} on line ${firstLine}): merge the two into one section.`,
        range: a.model.lines.rangeOf(d.section.heading.span),
        section: d.spec.name,
      };
    });
  },
};
