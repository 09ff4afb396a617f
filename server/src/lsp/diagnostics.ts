/** Findings as LSP diagnostics: pulled by clients that can, pushed to the others; and those of configuration files. */
import { DiagnosticSeverity, DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, type CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { parseTemplate, ruleDocsUrl, TemplateError, type Finding, type Severity } from '../core';
import { unknownTemplateIssues } from '../core/config';
import { ParseStopped } from '../core/incremental';
import { LineIndex } from '../core/text';
import { checkConfigText } from '../core/workspace';
import type { Analyses } from './analyses';
import { configDocument, fileOf, type ServerContext } from './context';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    source: 'proposal-kit',
    message: f.message,
  };
}

/** Diagnostics for a configuration file's current text: at the bad key or value, never a crash. */
function configDiagnostics(ctx: ServerContext, uri: string, text: string, source: 'file' | 'package'): Diagnostic[] {
  const file = fileOf(ctx, uri);
  const host = ctx.ws.host;
  const read = checkConfigText(host, file === undefined ? '/' : host.path.dirname(file), text, source);
  const issues = [...read.issues, ...(read.config ? unknownTemplateIssues(read.config, ctx.ws.templates.map((t) => t.id)) : [])];
  const lines = new LineIndex(text);
  return issues
    .sort((a, b) => a.span.start - b.span.start)
    .map((i) => ({ range: lines.rangeOf(i.span), severity: DiagnosticSeverity.Error, code: 'config', source: 'proposal-kit', message: i.message }));
}

/**
 * A template's diagnostics for its current text: what keeps it from loading (its settings against
 * the template settings schema, YAML, headings), at its line, as the command line says it.
 */
function templateDiagnostics(file: string, text: string): Diagnostic[] {
  try {
    parseTemplate(text, file);
    return [];
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const lines = new LineIndex(text);
    const range = lines.lineRange(Math.min(Math.max(e.line - 1, 0), lines.lineCount - 1));
    return [{ range, severity: DiagnosticSeverity.Error, code: 'template', source: 'proposal-kit', message: e.detail }];
  }
}

/** A document's diagnostics: a configuration file's or a template's errors, or a proposal's findings. */
export async function diagnosticsFor(ctx: ServerContext, analyses: Analyses, uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
  const source = configDocument(ctx, uri);
  const doc = ctx.documents.get(uri);
  if (source && doc) return configDiagnostics(ctx, uri, doc.getText(), source);
  const file = fileOf(ctx, uri);
  if (file !== undefined && doc && ctx.ws.isTemplate(file)) return templateDiagnostics(file, doc.getText());
  const a = await analyses.analysed(uri, token);
  return a ? a.result.findings.map(toDiagnostic) : [];
}

/** textDocument/diagnostic: the diagnostics of the version the request is about, else the client pulls again. */
export function registerPullDiagnostics(ctx: ServerContext, analyses: Analyses): void {
  ctx.connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const version = ctx.documents.get(uri)?.version;
    if (version === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = await diagnosticsFor(ctx, analyses, uri, token).catch((e: unknown) => {
      if (e instanceof ParseStopped) return null;
      throw e;
    });
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    // Diagnostics of a version that is no longer the document's: the client pulls again.
    if (items === null || ctx.documents.get(uri)?.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while its diagnostics were computed.', { retriggerRequest: true });
    }
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });
}
