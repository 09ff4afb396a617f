import { isTodoOnly, type Analysis } from '../analyze';
import type { Section } from '../parse';
import { shorten } from '../placeholders';
import { q, type RawFinding, type Rule } from './rule';

/**
 * The finding for a section with nothing written in it, named `name`: empty, or saying only
 * `todo` ("TBD"), quoted. Its severity follows the proposal's stage; an empty one may be marked as
 * not applicable, a "TBD" is the author's and is left to them.
 */
function unwritten(a: Analysis, section: Section, name: string, todo: string | null): RawFinding {
  const stage = a.status?.stage;
  return {
    rule: 'empty-section',
    ...(stage ? { severity: stage === 'approved' ? ('error' as const) : ('hint' as const) } : {}),
    message: todo
      ? `Section ${q(name)} only says it is still to be written (${q(shorten(todo))}): write it, or say why it does not apply ("N/A: <reason>").`
      : `Section ${q(name)} is empty: write it, or say why it does not apply ("N/A: <reason>").`,
    range: a.model.lines.rangeOf(section.heading.span),
    section: name,
    ...(todo ? {} : { data: { kind: 'empty' as const } }),
  };
}

export const emptySection: Rule = {
  id: 'empty-section',
  severity: 'warning',
  description: 'A required section is present but nothing is written in it.',
  check(a) {
    const out: RawFinding[] = [];
    for (const p of a.present.values()) {
      if (a.specOf.get(p.section) !== p.spec) continue; // one finding per heading
      if (!a.required(p.spec) || p.state === 'written' || p.state === 'guidance') continue;
      const todo = p.state === 'todo' ? (p.section.blocks.find((b) => b.kind === 'content' && isTodoOnly(b.text.trim()))?.text.trim() ?? 'TODO') : null;
      out.push(unwritten(a, p.section, p.spec.name, todo));
    }
    // A section of the author's own, left empty or saying only "TBD".
    for (const { section, text } of a.unwrittenOwn) out.push(unwritten(a, section, section.heading.text, text || null));
    return out;
  },
};
