/**
 * A quiet start: what New Proposal wrote and the author has not touched yet. While a proposal is in
 * its first status (a draft; for a template without statuses, until a section is written), the template's own slots and guidance
 * in a section whose text is still exactly the scaffold's are hints, not warnings: a new proposal
 * opens without a wall of findings, and a section starts to count once the author edits it.
 */
import type { Analysis } from './analyze';
import { allowedValue } from './metadata';
import { normalizeProse } from './normalize';
import { parseProposal } from './parse';
import type { TemplateSchema } from './template';
import type { Range, RuleId, Span } from './types';

/** The rules whose findings on untouched scaffold text are quiet: nothing else is the scaffold's own. */
export const QUIET_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['placeholder', 'empty-section', 'metadata']);

/**
 * Whether the proposal is still where it started: in its template's first status (a draft). A
 * template without statuses gives no such line; there a proposal has started once one of its
 * sections is written, and its untouched slots from then on are reminders.
 */
export function inFirstStatus(a: Analysis): boolean {
  const spec = a.template.status;
  if (!spec) return [...a.present.values()].every((p) => p.state !== 'written') && a.inline.size === 0;
  if (!a.status) return false;
  return a.status.stage === 'draft' || allowedValue(a.status.value, spec.order.slice(0, 1)) !== undefined;
}

/** A section's own body as the scaffold compares it: line endings and trailing blanks aside. */
function bodyKey(heading: string, body: string): string {
  const lines = body.split(/\r\n?|\n/).map((l) => l.trimEnd());
  return `${heading}\n${lines.join('\n').trim()}`;
}

/** Each template's sections as New Proposal writes them (heading and own body), parsed once per template. */
const scaffoldSections = new WeakMap<TemplateSchema, Set<string>>();

function sectionsOf(t: TemplateSchema): Set<string> {
  let keys = scaffoldSections.get(t);
  if (!keys) {
    const model = parseProposal(t.body);
    keys = new Set(model.sections.map((s) => bodyKey(s.heading.text, t.body.slice(s.bodyStart, s.ownEnd))));
    scaffoldSections.set(t, keys);
  }
  return keys;
}

/**
 * The parts of the document that are still the scaffold's text: each section (heading and own
 * body) exactly as the template has it, and each metadata value that is still the template's
 * placeholder. Empty unless the proposal is in its first status.
 */
export function untouchedScaffold(a: Analysis): Span[] {
  if (!inFirstStatus(a)) return [];
  const spans: Span[] = [];
  const keys = sectionsOf(a.template);
  const text = a.model.text;
  for (const s of a.model.sections) {
    // The title's section holds the metadata New Proposal filled in: its lines are judged one by one.
    if (s === a.title) continue;
    if (keys.has(bodyKey(s.heading.text, text.slice(s.bodyStart, s.ownEnd)))) spans.push({ start: s.heading.span.start, end: s.ownEnd });
  }
  // A part led in by a bold label (a KLIP's tl;dr) that still says what the template says there.
  for (const b of a.leadInsLeft.values()) spans.push(b.span);
  for (const m of a.metadata) {
    const placeholder = m.field.placeholder;
    if (placeholder !== undefined && normalizeProse(placeholder) === normalizeProse(m.value)) spans.push({ start: m.keySpan.start, end: m.valueSpan.end });
  }
  return spans;
}

const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Whether a finding's range lies inside one of the spans. */
export function insideAny(range: Range, spans: readonly Range[]): boolean {
  return spans.some((s) => before(s.start, range.start) && before(range.end, s.end));
}
