/** Runs the rules over one analysed document and applies the configured severities. */
import { analyze, type Analysis } from './analyze';
import { bareValue, type Companions } from './metadata';
import { detectTemplate, type Detection } from './detect';
import type { ProposalModel } from './parse';
import { insideAny, QUIET_RULES, untouchedScaffold } from './quiet';
import { DOCUMENT_RULES, RULE_IDS, SUPPRESSION_RULE } from './rules';
import { suppressionsOf } from './suppress';
import type { TemplateSchema } from './template';
import { applySeverities, type Severities } from './severity';
import type { Finding, RuleId } from './types';

export interface CheckOptions {
  /** The document's path (relative or absolute, '/' or '\\'), used for template detection. */
  path?: string;
  /** Check against this template id instead of detecting one. */
  template?: string;
  /** Per-rule severity; 'off' turns a rule off. */
  severities?: Severities;
  /** Files beside the document (a KEP README's kep.yaml), for the status they hold. */
  companions?: Companions;
  /**
   * The day the document was first committed (YYYY-MM-DD), or null: asked for only when its
   * metadata and its path give no date and its template has dated versions.
   */
  firstCommitDate?: () => string | null;
}

export interface Progress {
  written: number;
  required: number;
}

export interface CheckResult {
  detection: Detection | null;
  analysis: Analysis | null;
  findings: Finding[];
  progress: Progress | null;
}

export function checkModel(model: ProposalModel, templates: readonly TemplateSchema[], options: CheckOptions = {}): CheckResult {
  const detection = detectTemplate(model, options.path, templates, options.template, options.firstCommitDate);
  if (!detection) return { detection: null, analysis: null, findings: [], progress: null };
  const analysis = analyze(model, detection.template, detection.version, options.companions);
  return { detection, analysis, findings: runRules(analysis, options.severities), progress: progressOf(analysis) };
}

function runRules(analysis: Analysis, severities: CheckOptions['severities'] = {}): Finding[] {
  const findings: Finding[] = [];
  // A quiet start: in its first status, the scaffold's slots and guidance the author has not
  // touched yet are hints (see quiet.ts).
  const untouched = untouchedScaffold(analysis).map((s) => analysis.model.lines.rangeOf(s));
  const quiet = (rule: RuleId, f: { range: Finding['range'] }): boolean => untouched.length > 0 && QUIET_RULES.has(rule) && insideAny(f.range, untouched);
  // Comments in the document may turn findings off (see suppress.ts).
  const suppressions = suppressionsOf(analysis.model, RULE_IDS);
  for (const rule of [...DOCUMENT_RULES, { ...SUPPRESSION_RULE, check: () => suppressions.findings }]) {
    if (severities[rule.id] === 'off') continue;
    const raw = rule.check(analysis).filter((f) => !suppressions.suppressed(f));
    findings.push(...applySeverities(rule, raw, analysis.status, severities, (f) => quiet(rule.id, f)));
  }
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Required sections written / required sections. */
export function progressOf(a: Analysis): Progress {
  let written = 0;
  let required = 0;
  for (const spec of a.version.sections) {
    if (!a.required(spec)) continue;
    required++;
    if (a.present.get(spec.index)?.state === 'written' || a.inline.has(spec.index)) written++;
  }
  return { written, required };
}

/** The proposal's status as it says it: the template's status field, else a metadata field named "Status"; null when it says none. */
export function statusText(a: Analysis): string | null {
  if (a.status) return a.status.value;
  const entry = a.metadata.find((m) => m.field.name.toLowerCase() === 'status');
  return entry ? bareValue(entry.value) || null : null;
}
