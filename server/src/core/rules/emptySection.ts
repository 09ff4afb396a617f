import { shorten } from '../placeholders';
import { q, type RawFinding, type Rule } from './rule';

export const emptySection: Rule = {
  id: 'empty-section',
  severity: 'warning',
  description: 'A required section is present but nothing is written in it.',
  check(a) {
    const out: RawFinding[] = [];
    for (const p of a.present.values()) {
      if (a.specOf.get(p.section) !== p.spec) continue; // one finding per heading
      if (!a.required(p.spec) || p.state === 'written' || p.state === 'guidance') continue;
      const said = p.section.blocks.find((b) => b.kind === 'content')?.text.trim() ?? 'TODO';
      const message =
        p.state === 'todo'
          ? `Section ${q(p.spec.name)} only says it is still to be written (${q(shorten(said))}): write it, or say why it does not apply ("N/A: <reason>").`
          : `Section ${q(p.spec.name)} is empty: write it, or say why it does not apply ("N/A: <reason>").`;
      const stage = a.status?.stage;
      out.push({
        rule: 'empty-section' as const,
        ...(stage ? { severity: stage === 'approved' ? ('error' as const) : ('hint' as const) } : {}),
        message,
        range: a.model.lines.rangeOf(p.section.heading.span),
        section: p.spec.name,
        // An empty section can be marked as not applicable; a "TODO" is the author's, left to them.
        ...(p.state === 'empty' ? { data: { kind: 'empty' as const } } : {}),
      });
    }
    // A section of the author's own that says only "TBD": the author's plan to write it, not yet kept.
    for (const { section, text } of a.unwrittenOwn) {
      const stage = a.status?.stage;
      out.push({
        rule: 'empty-section' as const,
        ...(stage ? { severity: stage === 'approved' ? ('error' as const) : ('hint' as const) } : {}),
        message: text
          ? `Section ${q(section.heading.text)} only says it is still to be written (${q(shorten(text))}): write it, or say why it does not apply ("N/A: <reason>").`
          : `Section ${q(section.heading.text)} is empty: write it, or say why it does not apply ("N/A: <reason>").`,
        // An empty section can be marked as not applicable; a "TBD" is the author's, left to them.
        ...(text ? {} : { data: { kind: 'empty' as const } }),
        range: a.model.lines.rangeOf(section.heading.span),
        section: section.heading.text,
      });
    }
    return out;
  },
};
