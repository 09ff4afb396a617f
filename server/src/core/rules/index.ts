import type { RuleId } from '../types';
import { duplicateSection } from './duplicateSection';
import { emptySection } from './emptySection';
import { headingLevel } from './headingLevel';
import { metadata } from './metadata';
import { missingSection } from './missingSection';
import { placeholder } from './placeholder';
import type { Rule, RuleInfo } from './rule';
import { KEP_YAML_RULE } from '../kepYaml';
import { sectionOrder } from './sectionOrder';
import { templateVersion } from './templateVersion';
import { tooComplex } from './tooComplex';

/** Every rule that checks a proposal, in the order their findings are listed for the same position. */
export const DOCUMENT_RULES: readonly Rule[] = [missingSection, emptySection, placeholder, sectionOrder, headingLevel, duplicateSection, metadata, templateVersion, tooComplex];

/** The comments that turn findings off (see suppress.ts): one naming a rule or a form that does not exist. */
export const SUPPRESSION_RULE: RuleInfo = {
  id: 'suppression',
  severity: 'warning',
  description: 'A proposal-kit comment that turns findings off names a rule, or is a form, that does not exist.',
};

/** Every rule: those that check a proposal, the suppression comments, then the one that checks a KEP's kep.yaml. */
export const RULES: readonly RuleInfo[] = [...DOCUMENT_RULES, SUPPRESSION_RULE, KEP_YAML_RULE];

/** Where each rule is documented: its section of the README. */
export const DOCS_URL = 'https://github.com/proposal-kit/proposal-kit/blob/main/README.md';

export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_URL}#${id}`;
}

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export type { Rule, RuleInfo };
