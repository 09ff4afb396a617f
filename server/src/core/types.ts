/** Plain data shared by every part of the core. Positions are zero-based, as in LSP. */

export interface Position {
  line: number;
  /** UTF-16 code units from the start of the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export type RuleId =
  | 'missing-section'
  | 'empty-section'
  | 'placeholder'
  | 'section-order'
  | 'heading-level'
  | 'duplicate-section'
  | 'metadata'
  | 'template-version'
  | 'kep-yaml'
  | 'too-complex'
  | 'suppression';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  /** The template section the finding is about, where there is one (its title). */
  section?: string;
  /** The metadata field or kep.yaml key the finding is about, where there is one (its name). */
  field?: string;
  /** Rule-specific data the fixes need (never shown to users). */
  data?: FindingData;
}

export type FindingData =
  | { kind: 'missing'; sectionIndex: number }
  | { kind: 'level'; expected: number; actual: number }
  | { kind: 'guidance'; start: number; end: number }
  | { kind: 'status'; values: string[] }
  | { kind: 'upgrade' }
  | { kind: 'empty' }
  | { kind: 'none' };

/** A half-open span of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}
