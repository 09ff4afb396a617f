/** What the server answers about a proposal: code actions, completion, hover, symbols, and the custom requests. */
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CodeAction,
  type CodeActionParams,
  type CancellationToken,
  type Diagnostic,
  type DocumentSymbol,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding } from '../core';
import { completionsAt, hoverAt, symbolsOf, templateCompletions, type SymbolNode } from '../core/assist';
import { fixesFor, type Fix } from '../core/fixes';
import { insertSectionsEdits } from '../core/insert';
import { missingSpecs } from '../core/missing';
import { outlineOf } from '../core/outline';
import { GuidanceRequest, InsertSectionsRequest, OutlineRequest, type OutlineResult } from '../protocol';
import type { Analysed, Analyses } from './analyses';
import { configDocument, type ServerContext } from './context';

/** Findings at the cursor whose quick fixes one code action request offers (each missing section's own insert, and so on). */
const MAX_FIXED_FINDINGS = 50;

/** The client's diagnostics that are a finding's, looked up by rule, line and message. */
function diagnosticsOfFindings(diagnostics: readonly Diagnostic[]): (f: Finding) => Diagnostic[] {
  // Indexed: a template of 10,000 sections puts thousands of diagnostics on one line.
  const byKey = new Map<string, Diagnostic[]>();
  const keyOf = (rule: unknown, line: number, message: string): string => `${String(rule)}\u0000${line}\u0000${message}`;
  for (const d of diagnostics) {
    const k = keyOf(d.code, d.range.start.line, typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);
    byKey.set(k, [...(byKey.get(k) ?? []), d]);
  }
  return (f) => byKey.get(keyOf(f.rule, f.range.start.line, f.message)) ?? [];
}

/** `$`, `}` and the backslash are snippet syntax: escaped, they are inserted as they are. */
const snippetText = (text: string): string => text.replace(/[$}\\]/g, '\\$&');

/**
 * A fix as a workspace edit. A fix that says where the cursor goes becomes a snippet edit (`$0`
 * there) for a client that applies them; other clients get the same text as a plain edit.
 */
function fixEdit(ctx: ServerContext, fix: Fix, uri: string): WorkspaceEdit {
  const cursor = fix.cursor;
  if (!cursor || !ctx.caps.snippetEdits) return { changes: { [uri]: fix.edits } };
  const edits = fix.edits.map((e, i) => {
    if (i !== cursor.edit) return e;
    const value = `${snippetText(e.newText.slice(0, cursor.offset))}$0${snippetText(e.newText.slice(cursor.offset))}`;
    return { range: e.range, snippet: { kind: 'snippet' as const, value } };
  });
  return { documentChanges: [{ textDocument: { uri, version: ctx.documents.get(uri)?.version ?? null }, edits }] };
}

/** The quick fixes of the findings on the lines of the request's range. */
function quickFixes(ctx: ServerContext, a: Analysed, params: CodeActionParams, token: CancellationToken): CodeAction[] {
  const analysis = a.result.analysis;
  if (!analysis) return [];
  const r = params.range;
  const touches = (f: Finding): boolean => !(f.range.end.line < r.start.line || f.range.start.line > r.end.line);
  const sameDiagnostic = diagnosticsOfFindings(params.context.diagnostics);
  const actions: CodeAction[] = [];
  const titles = new Set<string>();
  // A menu of thousands of fixes helps nobody and costs seconds: the first ones, and "insert all".
  for (const f of a.result.findings.filter(touches).slice(0, MAX_FIXED_FINDINGS)) {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    for (const fix of fixesFor(analysis, f, a.result.findings)) {
      if (titles.has(fix.title)) continue;
      titles.add(fix.title);
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.preferred || undefined,
        diagnostics: fix.fixes.flatMap(sameDiagnostic),
        edit: fixEdit(ctx, fix, params.textDocument.uri),
      });
    }
  }
  return actions;
}

function registerCodeActions(ctx: ServerContext, analyses: Analyses): void {
  ctx.connection.onCodeAction(async (params, token) => {
    const a = await analyses.analysedFor(params.textDocument.uri, token);
    const analysis = a?.result.analysis;
    if (!a || !analysis) return [];
    const wanted = params.context.only;
    const wants = (kind: string): boolean => !wanted || wanted.some((w) => kind === w || kind.startsWith(`${w}.`));
    const actions = wants(CodeActionKind.QuickFix) ? quickFixes(ctx, a, params, token) : [];
    const missing = missingSpecs(analysis);
    if (missing.length && wants(CodeActionKind.Source)) {
      actions.push({
        title: `Insert all missing sections (${missing.length})`,
        kind: `${CodeActionKind.Source}.insertMissingSections`,
        edit: { changes: { [params.textDocument.uri]: insertSectionsEdits(analysis, missing) } },
      });
    }
    return actions;
  });
}

function registerAssists(ctx: ServerContext, analyses: Analyses): void {
  ctx.connection.onCompletion(async (params, token) => {
    const a = await analyses.analysedFor(params.textDocument.uri, token);
    if (!a || configDocument(ctx, params.textDocument.uri)) return [];
    const found = a.result.analysis ? completionsAt(a.result.analysis, params.position) : templateCompletions(ctx.ws.templates, a.model.text, params.position);
    const KIND = { section: CompletionItemKind.Module, value: CompletionItemKind.EnumMember, template: CompletionItemKind.Snippet };
    return found.map((c) => ({
      label: c.label,
      kind: KIND[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      textEdit: { range: c.range, newText: c.insertText },
      insertTextFormat: InsertTextFormat.PlainText,
      sortText: c.sortText,
      filterText: c.kind === 'section' ? c.insertText : c.label,
    }));
  });

  ctx.connection.onHover(async (params, token) => {
    const a = await analyses.analysedFor(params.textDocument.uri, token);
    if (!a?.result.analysis) return null;
    const h = hoverAt(a.result.analysis, params.position);
    return h ? { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.contents } } : null;
  });

  ctx.connection.onDocumentSymbol(async (params, token) => {
    const a = await analyses.analysedFor(params.textDocument.uri, token);
    if (!a) return [];
    const convert = (n: SymbolNode): DocumentSymbol => ({
      name: n.name,
      detail: n.detail,
      kind: n.level === 1 ? SymbolKind.File : SymbolKind.String,
      range: n.range,
      selectionRange: n.selectionRange,
      children: n.children.map(convert),
    });
    return symbolsOf(a.model, a.result.analysis).map(convert);
  });
}

function registerCustomRequests(ctx: ServerContext, analyses: Analyses): void {
  ctx.connection.onRequest(OutlineRequest, async (params): Promise<OutlineResult | null> => {
    const a = await analyses.analysed(params.textDocument.uri);
    if (!a?.result.analysis) return null;
    return { uri: params.textDocument.uri, version: a.version, ...outlineOf(a.result.analysis) };
  });

  ctx.connection.onRequest(InsertSectionsRequest, async (params): Promise<WorkspaceEdit | null> => {
    const analysis = (await analyses.analysed(params.textDocument.uri))?.result.analysis;
    if (!analysis) return null;
    const specs = params.sections
      ? params.sections.map((i) => analysis.version.sections[i]).filter((s) => s && !analysis.present.has(s.index))
      : missingSpecs(analysis);
    if (!specs.length) return null;
    return { changes: { [params.textDocument.uri]: insertSectionsEdits(analysis, specs) } };
  });

  ctx.connection.onRequest(GuidanceRequest, async (params) => {
    const analysis = (await analyses.analysed(params.textDocument.uri))?.result.analysis;
    if (!analysis) return null;
    const h = hoverAt(analysis, params.position, true);
    return h ? { template: analysis.template.name, section: h.section, required: h.required, guidance: h.guidance } : null;
  });
}

/** Registers every answer about a proposal's analysis. */
export function registerFeatures(ctx: ServerContext, analyses: Analyses): void {
  registerCodeActions(ctx, analyses);
  registerAssists(ctx, analyses);
  registerCustomRequests(ctx, analyses);
}
