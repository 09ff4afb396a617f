import type { Analysis } from '../analyze';
import type { Block } from '../parse';
import { normalizeTitle } from '../normalize';
import { scanPlaceholders } from '../placeholders';
import type { Span } from '../types';
import { fixedTitle } from '../template';
import { q, type RawFinding, type Rule } from './rule';

const inside = (span: Span, outer: Span): boolean => span.start >= outer.start && span.end <= outer.end;

export const placeholder: Rule = {
  id: 'placeholder',
  severity: 'warning',
  description: "The template's guidance or placeholder text is still in the document.",
  check(a) {
    const out: RawFinding[] = [];
    const lines = a.model.lines;
    const skip: Span[] = a.metadata.map((m) => m.valueSpan);

    if (a.title) {
      const key = normalizeTitle(a.title.heading.text);
      // A title of fixed words (npm's "Withdrawal Amendment") is the template's heading to keep, not a slot.
      const templateTitles = [a.template.titleHeading, a.version.titleHeading].filter((t): t is string => !!t && !fixedTitle(t)).map(normalizeTitle);
      if (templateTitles.includes(key)) {
        out.push({
          rule: 'placeholder',
          message: `The title is still the template's placeholder '${a.title.heading.text}': write the proposal's own title.`,
          range: lines.rangeOf(a.title.heading.textSpan),
        });
      } else {
        for (const hit of scanPlaceholders(a.title.heading.inlines, true, a.template.bracketPlaceholders)) {
          out.push({
            rule: 'placeholder',
            message: `The title still holds the placeholder '${hit.text}': replace it with ${hit.expected}.`,
            range: lines.rangeOf(hit.span),
          });
        }
      }
    }

    for (const p of a.present.values()) {
      for (const b of p.guidanceBlocks) {
        skip.push(b.span);
        out.push({
          rule: 'placeholder',
          message: `Template guidance left in ${q(p.spec.name)}: replace it with the section's content.`,
          range: lines.rangeOf(b.span),
          section: p.spec.name,
          data: { kind: 'guidance', start: b.span.start, end: b.span.end },
        });
      }
    }

    for (const [i, b] of a.leadInsLeft) {
      const name = a.version.sections[i].name;
      skip.push(b.span);
      out.push({
        rule: 'placeholder',
        message: `Template guidance left in ${q(name)}: replace it with your own words.`,
        range: lines.rangeOf(b.span),
        section: name,
      });
    }

    // A question marked unresolved is fine while the proposal is debated, not once it is approved.
    const approved = a.status?.stage === 'approved' ? a.status.value : null;
    const scan = (blocks: readonly Block[], sectionName: string | undefined): void => {
      for (const b of blocks) {
        if (b.kind !== 'content' || skip.some((s) => inside(b.span, s))) continue;
        if (approved !== null && b.type !== 'code') {
          const raw = a.model.text.slice(b.span.start, b.span.end);
          for (const m of raw.matchAll(/<<\[UNRESOLVED\b[^\]\n]{0,200}\]>>/g)) {
            const start = b.span.start + (m.index ?? 0);
            // In a code span it is quoted, not left in: only a marker in the text counts.
            if (!b.inlines.some((i) => i.kind === 'text' && start >= i.span.start && start < i.span.end)) continue;
            out.push({
              rule: 'placeholder',
              message: `Unresolved question marked '${m[0]}' left in ${sectionName ? q(sectionName) : 'the document'} of a proposal that is ${approved}: resolve it and remove the marker.`,
              range: lines.rangeOf({ start, end: start + m[0].length }),
              ...(sectionName ? { section: sectionName } : {}),
            });
          }
        }
        for (const hit of scanPlaceholders(b.inlines, false, a.template.bracketPlaceholders)) {
          if (skip.some((s) => inside(hit.span, s))) continue;
          out.push({
            rule: 'placeholder',
            message: `Placeholder '${hit.text}' left in ${sectionName ? q(sectionName) : 'the document'}: replace it with ${hit.expected}.`,
            range: lines.rangeOf(hit.span),
            ...(sectionName ? { section: sectionName } : {}),
          });
        }
      }
    };
    scan(a.model.leadingBlocks, undefined);
    for (const section of a.model.sections) {
      scan(section.blocks, sectionNameFor(a, section));
      if (section !== a.title && section.heading.inlines.length) {
        for (const hit of scanPlaceholders(section.heading.inlines, false, a.template.bracketPlaceholders)) {
          out.push({
            rule: 'placeholder',
            message: `Heading '${section.heading.text}' still holds the placeholder '${hit.text}': replace it with ${hit.expected}.`,
            range: lines.rangeOf(hit.span),
          });
        }
      }
    }
    return out.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  },
};

/** The template section a document section belongs to: itself or its nearest template ancestor. */
function sectionNameFor(a: Analysis, section: import('../parse').Section): string | undefined {
  for (let s: import('../parse').Section | null = section; s; s = s.parent) {
    const spec = a.specOf.get(s);
    if (spec) return spec.name;
  }
  return undefined;
}
