import type { RuleId } from '../types';
import { duplicateSection } from './duplicateSection';
import { emptySection } from './emptySection';
import { headingLevel } from './headingLevel';
import { metadata } from './metadata';
import { missingSection } from './missingSection';
import { placeholder } from './placeholder';
import type { Rule } from './rule';
import { sectionOrder } from './sectionOrder';

/** Every rule, in the order their findings are listed for the same position. */
export const RULES: readonly Rule[] = [missingSection, emptySection, placeholder, sectionOrder, headingLevel, duplicateSection, metadata];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Where each rule is documented: its section of the README. */
export const DOCS_URL = 'https://github.com/proposal-kit/proposal-kit/blob/main/README.md';

export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_URL}#${id}`;
}

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export type { Rule };
