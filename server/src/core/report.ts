/** Output formats of the CLI: text, JSON (stable, zero-based like LSP) and SARIF 2.1.0. */
import type { Progress } from './check';
import { DOCS_URL, ruleDocsUrl } from './rules';
import type { RuleInfo } from './rules/rule';
import type { Finding, Severity } from './types';

export interface FileReport {
  /** Path as shown to the user, '/'-separated. */
  path: string;
  template: { id: string; confidence: number } | null;
  progress: Progress | null;
  findings: Finding[];
}

const JSON_FORMAT_VERSION = 1;

export function formatText(files: readonly FileReport[]): string {
  const out: string[] = [];
  for (const f of files) {
    for (const x of f.findings) {
      out.push(`${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.severity} ${x.rule} ${x.message}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

export function formatSummary(files: readonly FileReport[]): string {
  const proposals = files.filter((f) => f.template);
  const count = (s: Severity): number => files.reduce((n, f) => n + f.findings.filter((x) => x.severity === s).length, 0);
  const parts = [`${count('error')} error${count('error') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`];
  const info = count('information') + count('hint');
  if (info) parts.push(`${info} note${info === 1 ? '' : 's'}`);
  const lines = proposals.map((f) => `  ${f.path}: ${f.template?.id}, ${f.progress?.written} of ${f.progress?.required} required sections written`);
  return `${[`Checked ${files.length} file${files.length === 1 ? '' : 's'}, ${proposals.length} proposal${proposals.length === 1 ? '' : 's'}: ${parts.join(', ')}.`, ...lines].join('\n')}\n`;
}

export function formatJson(files: readonly FileReport[]): string {
  const doc = {
    version: JSON_FORMAT_VERSION,
    files: files.map((f) => ({
      path: f.path,
      template: f.template ? { id: f.template.id, confidence: f.template.confidence } : null,
      progress: f.progress ? { written: f.progress.written, required: f.progress.required } : null,
      findings: f.findings.map((x) => ({
        rule: x.rule,
        severity: x.severity,
        message: x.message,
        section: x.section ?? null,
        field: x.field ?? null,
        range: {
          start: { line: x.range.start.line, character: x.range.start.character },
          end: { line: x.range.end.line, character: x.range.end.character },
        },
      })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface ToolInfo {
  version: string;
}

export function formatSarif(files: readonly FileReport[], rules: readonly RuleInfo[], tool: ToolInfo): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.findings.map((x) => ({
      ruleId: x.rule,
      ruleIndex: index.get(x.rule) ?? 0,
      level: SARIF_LEVEL[x.severity],
      message: { text: x.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: x.range.start.line + 1,
              startColumn: x.range.start.character + 1,
              endLine: x.range.end.line + 1,
              endColumn: x.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'proposal-kit',
            version: tool.version,
            informationUri: DOCS_URL,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
