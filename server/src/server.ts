/**
 * The language server: an adapter over the core. It keeps one analysis per document version and
 * converts it to LSP; everything it answers comes from that one analysis.
 * Runs on its own: `node dist/server.js --stdio` (or --node-ipc, as the VS Code extension starts it).
 */
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Companions } from './core/analyze';
import { checkModel, detectTemplate, parseProposal, ruleDocsUrl, type CheckResult, type Finding, type ProposalModel, type Severity } from './core';
import { completionsAt, hoverAt, symbolsOf, templateCompletions, type SymbolNode } from './core/assist';
import { IncrementalParser, ParseStopped, parseDocument } from './core/incremental';
import { fixesFor, insertSectionsEdits, missingSections } from './core/fixes';
import { outlineOf } from './core/outline';
import { AnalysisChangedNotification, GuidanceRequest, handle, InsertSectionsRequest, OutlineRequest, type AnalysisChanged, type OutlineResult } from './protocol';
import { checkConfigText } from './node/config';
import { unknownTemplateIssues } from './core/config';
import { LineIndex } from './core/text';
import { DEFAULT_SETTINGS, readSettings, Workspace, type Settings } from './core/workspace';
import { nodeWorkspaceHost } from './node/workspaceHost';
import { registerNewFileRequests } from './lsp/newFiles';
import { formatSize } from './node/files';
import { readTextIfRegular } from './node/safeFs';
import { kepYamlFindingsFor } from './core/kepYaml';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface Analysed {
  version: number;
  model: ProposalModel;
  result: CheckResult;
  settings: Settings;
}

/** Findings at the cursor whose quick fixes one code action request offers (each missing section's own insert, and so on). */
const MAX_FIXED_FINDINGS = 50;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Analysed>();
  // One incremental parser per open document: an edit re-parses only the pieces it touched.
  const parsers = new Map<string, IncrementalParser>();
  const settingsCache = new Map<string, Promise<Settings>>();
  /** The workspace folders, their configurations and templates: set on initialize. */
  let ws = new Workspace(nodeWorkspaceHost(), { folders: [], trusted: true, reader: 'editor' });
  let configurationSupport = false;
  /**
   * The `proposalKit` settings a client without workspace/configuration gives: in its
   * initialization options, then in each workspace/didChangeConfiguration.
   */
  let pushedSettings: unknown = undefined;
  let pullSupport = false;
  let watchSupport = false;
  let documentSymbols = true;

  const log = (message: string): void => connection.console.log(message);

  const reported = new Set<string>();
  /**
   * Reads the configuration files and templates again. `userFolders`: the editor's template folders
   * setting (in Restricted Mode VS Code takes it from the user's settings only).
   */
  function loadTemplates(userFolders: readonly string[] = []): void {
    const { errors, refused } = ws.load(userFolders);
    // Reloads happen on every settings change: say each problem once, not on each reload.
    const messages = [...refused, ...errors.map((e) => `template error: ${e.message}`)];
    for (const message of messages) {
      if (reported.has(message)) continue;
      reported.add(message);
      void connection.window.showWarningMessage(`Proposal Kit: ${message}`);
    }
  }

  /** The file a URI names on disk; undefined for other schemes (an untitled document). */
  function fileOf(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  }

  /** The editor's own `proposalKit` settings, for a document or the whole workspace. */
  function editorSettings(scopeUri?: string): Promise<Settings> {
    if (!configurationSupport) return Promise.resolve(readSettings(pushedSettings));
    return connection.workspace.getConfiguration({ scopeUri, section: 'proposalKit' }).then(readSettings, () => DEFAULT_SETTINGS);
  }

  /** The workspace's settings for a document: its folder's configuration file with the editor's settings on top. */
  function settingsFor(uri: string): Promise<Settings> {
    let s = settingsCache.get(uri);
    if (!s) {
      s = editorSettings(uri).then((u) => ws.settingsFor(fileOf(uri), u));
      settingsCache.set(uri, s);
    }
    return s;
  }

  /** The path templates detect a document by: relative to its workspace folder, else as it is. */
  function detectionPath(uri: string): string {
    const file = fileOf(uri);
    return file === undefined ? URI.parse(uri).path : (ws.relativePath(file) ?? file.split(path.sep).join('/'));
  }

  /** The configuration file a document is (`.proposalkit.json`, `package.json`), or null for a proposal. */
  function configDocument(uri: string): 'file' | 'package' | null {
    const file = fileOf(uri);
    return file === undefined ? null : ws.configKind(file);
  }

  /** Diagnostics for a configuration file's current text: at the bad key or value, never a crash. */
  function configDiagnostics(uri: string, text: string, source: 'file' | 'package'): Diagnostic[] {
    const read = checkConfigText(path.dirname(URI.parse(uri).fsPath), text, source);
    const issues = [...read.issues, ...(read.config ? unknownTemplateIssues(read.config, ws.templates.map((t) => t.id)) : [])];
    const lines = new LineIndex(text);
    return issues
      .sort((a, b) => a.span.start - b.span.start)
      .map((i) => ({ range: lines.rangeOf(i.span), severity: DiagnosticSeverity.Error, code: 'config', source: 'proposal-kit', message: i.message }));
  }

  /** Documents the user has been told are too large to check. */
  const tooLargeSaid = new Set<string>();

  /**
   * An analysis being computed, with who waits for it: requests (each with its token) and the
   * analysis scheduled after an edit (`background`). It stops when its version is no longer the
   * document's, or when every request waiting for it was cancelled and nothing else waits.
   */
  interface Job {
    version: number;
    tokens: CancellationToken[];
    background: boolean;
    promise: Promise<Analysed | null>;
  }
  const running = new Map<string, Job>();

  /**
   * The analysis of the document's current version: computed once per version, shared by every
   * request about that version. Rejects with ParseStopped when the work was stopped (see Job).
   */
  function analysed(uri: string, token?: CancellationToken): Promise<Analysed | null> {
    const doc = documents.get(uri);
    if (!doc || kepYamlFile(uri)) return Promise.resolve(null);
    const hit = cache.get(uri);
    if (hit && hit.version === doc.version) return Promise.resolve(hit);
    let job = running.get(uri);
    if (!job || job.version !== doc.version) {
      const created: Job = { version: doc.version, tokens: [], background: false, promise: Promise.resolve(null) };
      const stop = (): boolean =>
        documents.get(uri)?.version !== created.version ||
        (!created.background && created.tokens.length > 0 && created.tokens.every((t) => t.isCancellationRequested));
      created.promise = compute(uri, created.version, stop).finally(() => {
        if (running.get(uri) === created) running.delete(uri);
      });
      running.set(uri, (job = created));
    }
    if (!token) {
      job.background = true;
      return job.promise;
    }
    job.tokens.push(token);
    return untilCancelled(job.promise, token);
  }

  /** The work's answer, or at once a ParseStopped when the request is cancelled (others may still wait for the work). */
  function untilCancelled<T>(work: Promise<T>, token: CancellationToken): Promise<T> {
    if (token.isCancellationRequested) return Promise.reject(new ParseStopped(0));
    return new Promise<T>((resolve, reject) => {
      const listener = token.onCancellationRequested(() => reject(new ParseStopped(0)));
      work.then(resolve, reject).finally(() => listener.dispose());
    });
  }

  /** Says in the log that work on a version stopped, and why; gives the error to throw. */
  function stopped(uri: string, version: number, parts: number): ParseStopped {
    const why = documents.get(uri)?.version === version ? 'the request was cancelled' : 'the document changed';
    log(`Proposal Kit: stopped checking ${uri} (version ${version}) after ${parts} parts: ${why}.`);
    return new ParseStopped(parts);
  }

  async function compute(uri: string, version: number, stop: () => boolean): Promise<Analysed | null> {
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    if (!current) return null;
    if (stop()) throw stopped(uri, version, 0);
    const again = cache.get(uri);
    if (again && again.version === current.version) return again;
    const text = current.getText();
    const limit = settings.maxFileSizeMB * 1024 * 1024;
    // A UTF-8 byte count only when it could matter: no text is more than three bytes per UTF-16 unit.
    const bytes = text.length > limit / 3 ? Buffer.byteLength(text) : text.length;
    if (bytes > limit) {
      // Too large to check: say so once for this document, and keep nothing of it.
      parsers.delete(uri);
      if (!tooLargeSaid.has(uri)) {
        tooLargeSaid.add(uri);
        const name = path.basename(URI.parse(uri).path);
        void connection.window.showWarningMessage(
          `Proposal Kit: ${name} is ${formatSize(bytes)}, larger than the ${formatSize(limit)} limit, so it is not checked. To check it, raise the setting proposalKit.maxFileSizeMB.`,
        );
      }
      const entry: Analysed = { version: current.version, model: parseProposal(''), result: { detection: null, analysis: null, findings: [], progress: null }, settings };
      cache.set(uri, entry);
      return entry;
    }
    tooLargeSaid.delete(uri);
    let parser = parsers.get(uri);
    if (!parser) parsers.set(uri, (parser = new IncrementalParser()));
    let model: ProposalModel;
    try {
      model = await parser.parseAsync(text, stop);
    } catch (e) {
      throw e instanceof ParseStopped ? stopped(uri, version, e.parsed) : e;
    }
    const plan = ws.checkPlan(fileOf(uri), settings);
    const result = plan
      ? checkModel(model, ws.templates, { path: detectionPath(uri), template: plan.template, severities: settings.rules, companions: companionsOf(uri) })
      : { detection: null, analysis: null, findings: [], progress: null };
    const entry: Analysed = { version: current.version, model, result, settings };
    cache.set(uri, entry);
    return entry;
  }

  /**
   * The analysis a request about `uri` is answered from. A request is about the version the
   * document had when it arrived (its positions are in that text): if an edit came in while it
   * waited, the answer would be for other text, so the request fails with ContentModified (the
   * client drops it and asks again when it needs to); one the client cancelled fails with
   * RequestCancelled.
   */
  async function analysedFor(uri: string, token: CancellationToken): Promise<Analysed | null> {
    const version = documents.get(uri)?.version;
    const a = await analysed(uri, token).catch((e: unknown) => {
      if (!(e instanceof ParseStopped) || token.isCancellationRequested) return null;
      throw new ResponseError(LSPErrorCodes.ContentModified, `The document changed (version ${String(version)} to ${String(documents.get(uri)?.version)}) while the request was answered.`);
    });
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    if (a && a.version !== version) {
      throw new ResponseError(LSPErrorCodes.ContentModified, `The document changed (version ${String(version)} to ${a.version}) while the request was answered.`);
    }
    return a;
  }

  /**
   * A kep.yaml's text: the open editor's, else the file on disk, read once and read again only when
   * the file watcher says it changed (clients that cannot watch: read each time). Every edit of a
   * KEP README needs it, twice: for the status, and for the kep.yaml's own findings.
   */
  const diskTexts = new Map<string, string | undefined>();
  function companionText(file: string): string | undefined {
    const open = documents.get(URI.file(file).toString());
    if (open) return open.getText();
    if (!watchSupport) return readTextIfRegular(file);
    if (!diskTexts.has(file)) diskTexts.set(file, readTextIfRegular(file));
    return diskTexts.get(file);
  }

  /** The files beside a proposal (a KEP's kep.yaml). */
  function companionsOf(uri: string): Companions {
    const file = fileOf(uri);
    return file === undefined ? {} : ws.companions(file, companionText);
  }

  /** The path of a kep.yaml on disk, else null: the server checks it for its README, not as markdown. */
  function kepYamlFile(uri: string): string | null {
    const file = fileOf(uri);
    return file !== undefined && ws.readmeFor(file) ? file : null;
  }

  /** A change to a kep.yaml changes its README's status: check the README again. */
  function companionChanged(uri: string): void {
    const file = kepYamlFile(uri);
    if (!file) return;
    const readmeUri = URI.file(ws.readmeFor(file) as string).toString();
    if (!documents.get(readmeUri)) {
      void publishKepYaml(uri);
      return;
    }
    cache.delete(readmeUri);
    scheduleAnalysis(readmeUri);
    if (pullSupport) connection.languages.diagnostics.refresh();
  }

  /**
   * Publishes the findings of the kep.yaml at `uri` (pushed, whether or not it is open) while it or
   * its README is open; clears them when neither is. Only the newest answer per file is sent.
   */
  const kepYamlRuns = new Map<string, number>();
  const kepYamlShown = new Set<string>();
  async function publishKepYaml(uri: string): Promise<void> {
    const file = kepYamlFile(uri);
    if (!file) return;
    const run = (kepYamlRuns.get(uri) ?? 0) + 1;
    kepYamlRuns.set(uri, run);
    const readmeFile = ws.readmeFor(file) as string;
    const readmeUri = URI.file(readmeFile).toString();
    let findings: Finding[] = [];
    const kepText = companionText(file);
    if (kepText !== undefined && (documents.get(uri) || documents.get(readmeUri))) {
      const open = await analysed(readmeUri);
      if (open) {
        findings = kepYamlFindingsFor(kepText, { model: open.model, template: open.result.detection?.template ?? null }, open.settings.rules);
      } else {
        const readmeText = readTextIfRegular(readmeFile);
        const settings = await settingsFor(readmeUri);
        const plan = ws.checkPlan(readmeFile, settings);
        if (readmeText !== undefined && plan) {
          const model = parseDocument(readmeText);
          const detection = detectTemplate(model, detectionPath(readmeUri), ws.templates, plan.template);
          findings = kepYamlFindingsFor(kepText, { model, template: detection?.template ?? null }, settings.rules);
        }
      }
    }
    if (kepYamlRuns.get(uri) !== run) return;
    // Nothing to say about a kep.yaml that never had findings (most README.md files have none beside them).
    if (!findings.length && !kepYamlShown.has(uri)) return;
    if (findings.length) kepYamlShown.add(uri);
    else kepYamlShown.delete(uri);
    await connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
  }

  function toDiagnostic(f: Finding): Diagnostic {
    return {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.rule,
      codeDescription: { href: ruleDocsUrl(f.rule) },
      source: 'proposal-kit',
      message: f.message,
    };
  }

  async function diagnosticsFor(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    const source = configDocument(uri);
    const doc = documents.get(uri);
    if (source && doc) return configDiagnostics(uri, doc.getText(), source);
    const a = await analysed(uri, token);
    return a ? a.result.findings.map(toDiagnostic) : [];
  }

  // After each change, analyse the newest version once the burst of edits is over (stale
  // versions are skipped), then tell the client; push diagnostics to clients that cannot pull.
  const pending = new Map<string, NodeJS.Immediate>();
  function scheduleAnalysis(uri: string): void {
    const old = pending.get(uri);
    if (old) clearImmediate(old);
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        void (async () => {
          const doc = documents.get(uri);
          if (!doc) return;
          const file = fileOf(uri);
          const kepYaml = file === undefined ? null : ws.kepYamlFor(file);
          if (kepYaml) await publishKepYaml(URI.file(kepYaml).toString());
          const a = await analysed(uri);
          if (!a || documents.get(uri)?.version !== a.version) return;
          if (!pullSupport) await connection.sendDiagnostics({ uri, version: a.version, diagnostics: await diagnosticsFor(uri) });
          const note: AnalysisChanged = { uri, version: a.version, isProposal: a.result.detection !== null };
          await connection.sendNotification(AnalysisChangedNotification.method, note);
        })().catch((e: unknown) => {
          // A newer version is scheduled already.
          if (!(e instanceof ParseStopped)) log(`Proposal Kit: analysis failed for ${uri}: ${String(e)}`);
        });
      }),
    );
  }

  connection.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    configurationSupport = !!caps.workspace?.configuration;
    pullSupport = !!caps.textDocument?.diagnostic;
    watchSupport = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const init = (params.initializationOptions ?? {}) as { documentSymbols?: boolean; workspaceTrusted?: boolean; proposalKit?: unknown };
    pushedSettings = init.proposalKit;
    documentSymbols = init.documentSymbols !== false;
    let folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (!folders.length && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    // Editors without workspace trust open only what the user chose to open: trusted.
    ws = new Workspace(nodeWorkspaceHost(), { folders, trusted: init.workspaceTrusted !== false, reader: 'editor' });
    loadTemplates();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { identifier: 'proposal-kit', interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
        completionProvider: { triggerCharacters: ['#', ':', ' '] },
        hoverProvider: true,
        documentSymbolProvider: documentSymbols,
      },
      serverInfo: { name: 'proposal-kit', version: typeof PROPOSAL_KIT_VERSION === 'string' ? PROPOSAL_KIT_VERSION : '0.0.0-dev' },
    };
  });

  connection.onInitialized(() => {
    if (watchSupport) {
      // Configuration files and template folders changed on disk (saved, or switched by git): read them again.
      const folders = ws.folders.flatMap((root) => ws.configOf(root)?.config.templates.map((t) => t.dir.replace(/\\/g, '/').replace(/^\.\/|\/$/g, '')) ?? []);
      // A KEP's kep.yaml too: its status bears on its README, its findings are shown in it.
      const globs = ['**/.proposalkit.json', '**/package.json', '**/.proposals/templates/*.md', ...folders.map((d) => `**/${d}/*.md`), '**/kep.yaml'];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
    }
    void editorSettings().then((s) => {
      if (s.templates.length) loadTemplates(s.templates);
    });
  });

  /** Reads configuration files, settings and templates again, and checks every open document again. */
  function reload(): void {
    settingsCache.clear();
    void editorSettings().then((s) => {
      loadTemplates(s.templates);
      settingsCache.clear();
      cache.clear();
      for (const d of documents.all()) scheduleAnalysis(d.uri);
      if (pullSupport) connection.languages.diagnostics.refresh();
    });
  }

  connection.onDidChangeConfiguration((params) => {
    // Clients that can be asked send no settings here (VS Code sends null); the others send them all.
    const pushed = (params.settings as { proposalKit?: unknown } | null | undefined)?.proposalKit;
    if (!configurationSupport && pushed !== undefined) pushedSettings = pushed;
    reload();
  });
  connection.onDidChangeWatchedFiles((params) => {
    // A kep.yaml changed on disk concerns its README alone; anything else may change every check.
    const others = params.changes.filter((c) => !kepYamlFile(c.uri));
    for (const c of params.changes) {
      const file = kepYamlFile(c.uri);
      if (!file) continue;
      diskTexts.delete(file);
      if (!documents.get(c.uri)) companionChanged(c.uri);
    }
    if (others.length) reload();
  });

  documents.onDidChangeContent((e) => {
    // A client may repeat a version number with another text: an analysis is only good for the text it read.
    cache.delete(e.document.uri);
    // A kep.yaml is checked with its README: companionChanged publishes its findings.
    if (kepYamlFile(e.document.uri)) companionChanged(e.document.uri);
    else scheduleAnalysis(e.document.uri);
  });
  documents.onDidClose((e) => {
    companionChanged(e.document.uri);
    const readme = fileOf(e.document.uri);
    const kepYaml = readme === undefined ? null : ws.kepYamlFor(readme);
    if (kepYaml) void publishKepYaml(URI.file(kepYaml).toString());
    cache.delete(e.document.uri);
    parsers.delete(e.document.uri);
    tooLargeSaid.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (!pullSupport) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const version = documents.get(uri)?.version;
    if (version === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = await diagnosticsFor(uri, token).catch((e: unknown) => {
      if (e instanceof ParseStopped) return null;
      throw e;
    });
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    // Diagnostics of a version that is no longer the document's: the client pulls again.
    if (items === null || documents.get(uri)?.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while its diagnostics were computed.', { retriggerRequest: true });
    }
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onCodeAction(async (params, token) => {
    const a = await analysedFor(params.textDocument.uri, token);
    if (!a?.result.analysis) return [];
    const analysis = a.result.analysis;
    const uri = params.textDocument.uri;
    const r = params.range;
    const touches = (f: Finding): boolean =>
      !(f.range.end.line < r.start.line || f.range.start.line > r.end.line);
    // Indexed: a template of 10,000 sections puts thousands of diagnostics on one line.
    const diagnosticsByKey = new Map<string, Diagnostic[]>();
    const keyOf = (rule: unknown, line: number, message: string): string => `${String(rule)}\u0000${line}\u0000${message}`;
    for (const d of params.context.diagnostics) {
      const k = keyOf(d.code, d.range.start.line, typeof d.message === 'string' ? d.message : d.message.value);
      diagnosticsByKey.set(k, [...(diagnosticsByKey.get(k) ?? []), d]);
    }
    const sameDiagnostic = (f: Finding): Diagnostic[] => diagnosticsByKey.get(keyOf(f.rule, f.range.start.line, f.message)) ?? [];
    const actions: CodeAction[] = [];
    const titles = new Set<string>();
    const wanted = params.context.only;
    const wants = (kind: string): boolean => !wanted || wanted.some((w) => kind === w || kind.startsWith(`${w}.`));
    if (wants(CodeActionKind.QuickFix)) {
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
            edit: { changes: { [uri]: fix.edits } },
          });
        }
      }
    }
    const missing = missingSections(analysis);
    if (missing.length && wants(CodeActionKind.Source)) {
      actions.push({
        title: `Insert all missing sections (${missing.length})`,
        kind: `${CodeActionKind.Source}.insertMissingSections`,
        edit: { changes: { [uri]: insertSectionsEdits(analysis, missing) } },
      });
    }
    return actions;
  });

  connection.onCompletion(async (params, token) => {
    const a = await analysedFor(params.textDocument.uri, token);
    if (!a || configDocument(params.textDocument.uri)) return [];
    const found = a.result.analysis ? completionsAt(a.result.analysis, params.position) : templateCompletions(ws.templates, a.model.text, params.position);
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

  connection.onHover(async (params, token) => {
    const a = await analysedFor(params.textDocument.uri, token);
    if (!a?.result.analysis) return null;
    const h = hoverAt(a.result.analysis, params.position);
    return h ? { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.contents } } : null;
  });

  connection.onDocumentSymbol(async (params, token) => {
    const a = await analysedFor(params.textDocument.uri, token);
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

  handle(connection, OutlineRequest, async (params): Promise<OutlineResult | null> => {
    const a = await analysed(params.textDocument.uri);
    if (!a?.result.analysis) return null;
    const o = outlineOf(a.result.analysis);
    return { uri: params.textDocument.uri, version: a.version, ...o };
  });

  handle(connection, InsertSectionsRequest, async (params): Promise<WorkspaceEdit | null> => {
    const a = await analysed(params.textDocument.uri);
    const analysis = a?.result.analysis;
    if (!analysis) return null;
    const specs = params.sections
      ? params.sections.map((i) => analysis.version.sections[i]).filter((s) => s && !analysis.present.has(s.index))
      : missingSections(analysis);
    if (!specs.length) return null;
    return { changes: { [params.textDocument.uri]: insertSectionsEdits(analysis, specs) } };
  });

  handle(connection, GuidanceRequest, async (params) => {
    const a = await analysed(params.textDocument.uri);
    const analysis = a?.result.analysis;
    if (!analysis) return null;
    const h = hoverAt(analysis, params.position, true);
    return h ? { template: analysis.template.name, section: h.section, required: h.required, guidance: h.guidance } : null;
  });

  registerNewFileRequests(connection, { workspace: () => ws, settingsFor, documents });

  documents.listen(connection);
  connection.listen();
}

declare const PROPOSAL_KIT_VERSION: string;

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
