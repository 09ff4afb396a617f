/** The core's public surface: text in, plain data out. */
export { parseProposal, type ProposalModel, type Section, type Heading, type Block } from './parse';
export { parseTemplate, TemplateError, type TemplateSchema, type SectionSpec, type TemplateVersion, type MetadataField } from './template';
export { detectTemplate, type Detection } from './detect';
export { analyze, type Analysis, type SectionState } from './analyze';
export { checkModel, type CheckOptions, type CheckResult, type Progress } from './check';
export { RULES, RULE_IDS, ruleDocsUrl } from './rules';
export { LineIndex } from './text';
export * from './types';
