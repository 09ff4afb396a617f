/**
 * A proposal at a glance, for a list of the workspace's proposals: its template, status,
 * completeness, error count, and what it still needs to reach the next status. Pure: a check
 * result in, plain data out.
 */
import type { Analysis } from './analyze';
import { allowedValue, statusReached, statusStage } from './metadata';
import type { CheckResult, Progress } from './check';

export interface ProposalSummary {
  /** The document's title (its first heading), or '' when it has none. */
  title: string;
  template: { id: string; name: string };
  /** The status the document gives, or null. */
  status: string | null;
  /** The status's place in the template's order (0 for the first), or null when it has none there. */
  statusRank: number | null;
  progress: Progress;
  errors: number;
  /**
   * The next status along the template's order and the sections it asks for that are not written
   * yet (template order); null when the template has no statuses, the document gives none, or it
   * is at the last one or off the way (rejected, withdrawn).
   */
  next: { status: string; missing: string[] } | null;
  /** Required sections not written yet, in template order: what the proposal needs now. */
  missing: string[];
}

export function summarize(result: CheckResult): ProposalSummary | null {
  const { analysis: a, detection, progress } = result;
  if (!a || !detection || !progress) return null;
  return {
    title: a.title?.heading.text.trim() ?? '',
    template: { id: a.template.id, name: a.template.name },
    status: a.status?.value ?? null,
    statusRank: rankOf(a),
    progress,
    errors: result.findings.filter((f) => f.severity === 'error').length,
    next: nextStatus(a),
    missing: unwritten(a, (spec) => a.required(spec)),
  };
}

/** The names of the sections `required` picks that are not written, in template order. */
function unwritten(a: Analysis, required: (spec: Analysis['version']['sections'][number]) => boolean): string[] {
  return a.version.sections.filter((spec) => required(spec) && a.present.get(spec.index)?.state !== 'written' && !a.inline.has(spec.index)).map((s) => s.name);
}

function rankOf(a: Analysis): number | null {
  const spec = a.template.status;
  if (!spec || !a.status) return null;
  const at = spec.order.findIndex((o) => allowedValue(a.status!.value, [o]) !== undefined);
  return at < 0 ? null : at;
}

function nextStatus(a: Analysis): ProposalSummary['next'] {
  const spec = a.template.status;
  const at = rankOf(a);
  if (!spec || !a.status || at === null || at === spec.order.length - 1) return null;
  const value = spec.order[at + 1];
  const reached = statusReached(a.template, { ...a.status, value, stage: statusStage(spec, value) });
  const missing = unwritten(a, (s) => !s.optional && (s.requiredFrom === null || reached(s.requiredFrom)));
  return { status: value, missing };
}
