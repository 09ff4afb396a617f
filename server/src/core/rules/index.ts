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

/** Every rule: those that check a proposal, then the one that checks a KEP's kep.yaml. */
export const RULES: readonly RuleInfo[] = [...DOCUMENT_RULES, KEP_YAML_RULE];

/** Where each rule is documented: its section of the README. */
export const DOCS_URL = 'https://github.com/proposal-kit/proposal-kit/blob/main/README.md';

export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_URL}#${id}`;
}

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export type { Rule, RuleInfo };
