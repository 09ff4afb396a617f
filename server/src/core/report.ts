/** Output formats of the CLI: text, JSON (stable, zero-based like LSP), SARIF 2.1.0 and markdown (a pull request's summary). */
import type { Progress } from './check';
import { DOCS_URL, ruleDocsUrl } from './rules';
import type { RuleInfo } from './rules/rule';
import type { Finding, Severity } from './types';

export interface FileReport {
  /** Path as shown to the user, '/'-separated. */
  path: string;
  template: { id: string; confidence: number; name?: string } | null;
  progress: Progress | null;
  findings: Finding[];
  /** The proposal's status as it says it (its metadata line, front matter or kep.yaml), when it has one. */
  status?: string | null;
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

/** Findings listed per file in the markdown summary; the rest are counted. */
export const MARKDOWN_MAX_FINDINGS = 100;

/**
 * Text from a document (a path, a status, a section's name in a message) as markdown that shows it
 * as it is: no emphasis, link, HTML, table cell break, @mention or #reference made of it.
 */
export function markdownText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~&@#!]/g, '\\$&');
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export interface MarkdownOptions {
  /** What was checked, when not everything was (e.g. "added or changed since origin/main"). */
  scope?: string;
}

/**
 * A summary for a pull request comment or a GitHub job summary: a table of the proposals (template,
 * status, required sections written, findings by severity), then each file's findings by line.
 */
export function formatMarkdown(files: readonly FileReport[], options: MarkdownOptions = {}): string {
  const proposals = files.filter((f) => f.template);
  const bySeverity = (list: readonly Finding[], ...s: Severity[]): number => list.filter((x) => s.includes(x.severity)).length;
  const all = files.flatMap((f) => f.findings);
  const counts = [plural(bySeverity(all, 'error'), 'error'), plural(bySeverity(all, 'warning'), 'warning'), plural(bySeverity(all, 'information', 'hint'), 'note')];
  const out = [`### Proposal Kit: ${plural(proposals.length, 'proposal')}, ${counts.join(', ')}`, ''];
  if (options.scope) out.push(`Only the proposals ${markdownText(options.scope)} were checked.`, '');
  if (proposals.length) {
    out.push('| Proposal | Template | Status | Required sections written | Errors | Warnings | Notes |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const f of proposals) {
      const t = f.template as { id: string; name?: string };
      const progress = f.progress ? `${f.progress.written} of ${f.progress.required}` : '';
      const cells = [markdownText(f.path), markdownText(t.name ?? t.id), f.status ? markdownText(f.status) : 'none', progress, bySeverity(f.findings, 'error'), bySeverity(f.findings, 'warning'), bySeverity(f.findings, 'information', 'hint')];
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  for (const f of files.filter((x) => x.findings.length)) {
    out.push(`#### ${markdownText(f.path)}`, '');
    for (const x of f.findings.slice(0, MARKDOWN_MAX_FINDINGS)) {
      out.push(`- **${x.severity}** line ${x.range.start.line + 1}: ${markdownText(x.message)} (${x.rule})`);
    }
    const more = f.findings.length - MARKDOWN_MAX_FINDINGS;
    if (more > 0) out.push(`- and ${plural(more, 'more finding')}: run \`proposal-kit check\` to see them all.`);
    out.push('');
  }
  if (!files.length) out.push('No proposal was checked.', '');
  return `${out.join('\n').trimEnd()}\n`;
}
