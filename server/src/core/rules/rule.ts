import type { Analysis } from '../analyze';
import type { Finding, RuleId, Severity } from '../types';

/** A finding before severities are applied; `severity` here is the rule's suggestion for this one finding. */
export type RawFinding = Omit<Finding, 'severity'> & { severity?: Finding['severity'] };

export interface RuleInfo {
  id: RuleId;
  /** Severity when the configuration says nothing about the rule. */
  severity: Severity;
  /** One line for rule lists, SARIF and the README. */
  description: string;
}

export interface Rule extends RuleInfo {
  check(a: Analysis): RawFinding[];
}

/** "'Design Details'" — how messages quote a section. */
export function q(name: string): string {
  return `'${name}'`;
}

/** "## Design" */
export function hashes(level: number): string {
  return '#'.repeat(level);
}
