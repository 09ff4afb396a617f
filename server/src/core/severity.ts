/**
 * The one severity policy every rule's findings go through, the document's rules and kep.yaml's
 * alike: a severity you set for the rule wins; otherwise the rule's suggestion for the finding (or
 * its default) along the proposal's life: a draft gets no finding above a warning, an approved
 * proposal errors, and one that is history (implemented, withdrawn) gets hints only.
 */
import type { DocumentStatus } from './metadata';
import type { RawFinding, RuleInfo } from './rules/rule';
import type { Finding, RuleId, Severity, SeveritySetting } from './types';

export type Severities = Partial<Record<RuleId, SeveritySetting>>;

export function applySeverities(
  rule: RuleInfo,
  raw: readonly RawFinding[],
  status: DocumentStatus | null,
  severities: Severities = {},
  /** Findings in the scaffold's untouched text while the proposal is in its first status: hints (see quiet.ts). */
  quiet: (f: RawFinding) => boolean = () => false,
): Finding[] {
  const configured = severities[rule.id];
  if (configured === 'off') return [];
  const stage = status?.stage;
  const lifecycle = (s: Severity): Severity => (stage === 'history' ? 'hint' : stage === 'draft' && s === 'error' ? 'warning' : s);
  return raw.map((f) => ({ ...f, severity: configured ?? (quiet(f) ? 'hint' : lifecycle(f.severity ?? rule.severity)) }));
}
