/**
 * The language server: an adapter over the core. It keeps one analysis per document version and
 * converts it to LSP; everything it answers comes from that one analysis. The parts live beside
 * this file: the shared context, settings, analyses, kep.yaml, diagnostics, the features, and the
 * requests that make files. Where it runs (Node, or a web editor's worker) comes in as a Platform:
 * one server for both.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  WatchKind,
  type FileEvent,
  type FileSystemWatcher,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParseStopped } from '../core/incremental';
import { Workspace } from '../core/workspace';
import { AnalysisChangedNotification, type AnalysisChanged } from '../protocol';
import { Analyses } from './analyses';
import type { ServerContext } from './context';
import { diagnosticsFor, registerPullDiagnostics } from './diagnostics';
import { registerFeatures } from './features';
import { KepYamls } from './kepYaml';
import { registerNewFileRequests } from './newFiles';
import { WorkspaceProposals } from './proposals';
import type { Platform } from './platform';
import { SettingsStore } from './settings';

declare const PROPOSAL_KIT_VERSION: string;

/** Runs `f` once the current work is done (after pending I/O on Node); gives the function that cancels it. */
function soon(f: () => void): () => void {
  if (typeof setImmediate === 'function') {
    const h = setImmediate(f);
    return () => clearImmediate(h);
  }
  const h = setTimeout(f, 0);
  return () => clearTimeout(h);
}

interface InitOptions {
  documentSymbols?: boolean;
  workspaceTrusted?: boolean;
  /** The `proposalKit` settings, from a client that cannot answer workspace/configuration. */
  proposalKit?: unknown;
}

/** The server's parts, made once per connection. */
class ProposalServer {
  readonly ctx: ServerContext;
  readonly settings: SettingsStore;
  readonly kepYamls: KepYamls;
  readonly analyses: Analyses;
  readonly proposals: WorkspaceProposals;
  private readonly reported = new Set<string>();
  /** Each document's scheduled analysis, to cancel. */
  private readonly pending = new Map<string, () => void>();
  /** The workspace's files as last read (see Platform.refresh): analyses wait for it. */
  private ready: Promise<void> = Promise.resolve();
  private userFolders: readonly string[] = [];

  constructor(connection: Connection, platform: Platform) {
    this.ctx = {
      connection,
      documents: new TextDocuments(TextDocument),
      platform,
      ws: new Workspace(platform.host(), { folders: [], trusted: true, reader: 'editor' }),
      caps: { configuration: false, pull: false, watch: false, documentSymbols: true, snippetEdits: false },
      ready: () => this.ready,
      log: (message) => connection.console.log(message),
      warnOnce: (message) => {
        if (this.reported.has(message)) return;
        this.reported.add(message);
        void connection.window.showWarningMessage(`Proposal Kit: ${message}`);
      },
    };
    this.settings = new SettingsStore(this.ctx);
    this.kepYamls = new KepYamls(this.ctx, this.settings);
    this.analyses = new Analyses(this.ctx, {
      settings: this.settings,
      companionsOf: (uri) => this.kepYamls.companionsOf(uri),
      isKepYaml: (uri) => this.kepYamls.fileFor(uri) !== null,
    });
    this.kepYamls.analyses = this.analyses;
    this.proposals = new WorkspaceProposals(this.ctx, this.analyses, this.settings);
  }

  /**
   * Reads the configuration files and templates again. `userFolders`: the editor's template folders
   * setting (in Restricted Mode VS Code takes it from the user's settings only). Reloads happen on
   * every settings change: each problem is said once, not on each reload.
   */
  loadTemplates(userFolders: readonly string[] = []): void {
    this.userFolders = userFolders;
    const { errors, refused } = this.ctx.ws.load(userFolders);
    for (const message of [...refused, ...errors.map((e) => `template error: ${e.message}`)]) this.ctx.warnOnce(message);
  }

  initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitOptions;
    this.ctx.caps = {
      configuration: !!caps.workspace?.configuration,
      pull: !!caps.textDocument?.diagnostic,
      watch: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      documentSymbols: init.documentSymbols !== false,
      snippetEdits: !!caps.workspace?.workspaceEdit?.snippetEditSupport,
    };
    this.settings.pushed = init.proposalKit;
    const uris = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!uris.length && params.rootUri) uris.push(params.rootUri);
    const folders = this.ctx.platform.folders(uris);
    // Editors without workspace trust open only what the user chose to open: trusted.
    this.ctx.ws = new Workspace(this.ctx.platform.host(), { folders, trusted: init.workspaceTrusted !== false, reader: 'editor' });
    this.loadTemplates();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { identifier: 'proposal-kit', interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
        completionProvider: { triggerCharacters: ['#', ':', ' '] },
        hoverProvider: true,
        documentSymbolProvider: this.ctx.caps.documentSymbols,
      },
      serverInfo: { name: 'proposal-kit', version: typeof PROPOSAL_KIT_VERSION === 'string' ? PROPOSAL_KIT_VERSION : '0.0.0-dev' },
    };
  }

  initialized(): void {
    const live = this.ctx.platform.live;
    // Where the workspace is read ahead, its configuration (the template folders to watch) is known once it is read.
    if (live) {
      this.watchFiles();
    } else {
      this.ready = this.refreshed().then(() => {
        this.loadTemplates();
        this.watchFiles();
      });
    }
    void this.ready
      .then(() => this.settings.editorSettings())
      .then(async (s) => {
        if (!s.templates.length) return;
        this.userFolders = s.templates;
        this.ready = this.refreshed();
        await this.ready;
        this.loadTemplates(s.templates);
      });
  }

  /** Asks the client to say when configuration files, template folders or kep.yaml files change on disk. */
  private watchFiles(): void {
    const { ws, caps, connection } = this.ctx;
    if (!caps.watch) return;
    // Configuration files and template folders changed on disk (saved, or switched by git): read them again.
    const folders = ws.folders.flatMap((root) => ws.configOf(root)?.config.templates.map((t) => t.dir.replace(/\\/g, '/').replace(/^\.\/|\/$/g, '')) ?? []);
    // A KEP's kep.yaml too: its status bears on its README, its findings are shown in it.
    const globs = ['**/.proposalkit.json', '**/package.json', '**/.proposals/templates/*.md', ...folders.map((d) => `**/${d}/*.md`), '**/kep.yaml'];
    const watchers: FileSystemWatcher[] = globs.map((globPattern) => ({ globPattern }));
    // Where the workspace's files are read ahead, a markdown file made or deleted changes what is listed.
    if (!this.ctx.platform.live) watchers.push({ globPattern: '**/*.{md,markdown}', kind: WatchKind.Create | WatchKind.Delete });
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }

  /** The workspace's files read again, for a platform that reads them ahead; a failure is logged, and what was read stays. */
  private refreshed(): Promise<void> {
    return this.ctx.platform.refresh(this.ctx.ws, this.userFolders).catch((e: unknown) => this.ctx.log(`Proposal Kit: could not read the workspace: ${String(e)}`));
  }

  /** Reads configuration files, settings and templates again, and checks every open document again. */
  reload(refresh = true): void {
    this.settings.clear();
    const reloaded = this.settings.editorSettings().then(async (s) => {
      if (refresh && !this.ctx.platform.live) {
        this.userFolders = s.templates;
        await this.refreshed();
      }
      this.loadTemplates(s.templates);
      this.settings.clear();
      this.analyses.clear();
      this.proposals.clear();
      for (const d of this.ctx.documents.all()) this.scheduleAnalysis(d.uri);
      if (this.ctx.caps.pull) this.ctx.connection.languages.diagnostics.refresh();
    });
    if (!this.ctx.platform.live) this.ready = reloaded;
  }

  /**
   * After each change, analyses the newest version once the burst of edits is over (stale versions
   * are skipped), then tells the client; pushes diagnostics to clients that cannot pull.
   */
  scheduleAnalysis(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.set(
      uri,
      soon(() => {
        this.pending.delete(uri);
        this.analyseAndTell(uri).catch((e: unknown) => {
          // A newer version is scheduled already.
          if (!(e instanceof ParseStopped)) this.ctx.log(`Proposal Kit: analysis failed for ${uri}: ${String(e)}`);
        });
      }),
    );
  }

  private async analyseAndTell(uri: string): Promise<void> {
    const { documents, connection } = this.ctx;
    if (!documents.get(uri)) return;
    const kepYaml = this.kepYamls.besideReadme(uri);
    if (kepYaml) await this.kepYamls.publish(kepYaml);
    const a = await this.analyses.analysed(uri);
    if (!a || documents.get(uri)?.version !== a.version) return;
    if (!this.ctx.caps.pull) await connection.sendDiagnostics({ uri, version: a.version, diagnostics: await diagnosticsFor(this.ctx, this.analyses, uri) });
    const note: AnalysisChanged = { uri, version: a.version, isProposal: a.result.detection !== null };
    await connection.sendNotification(AnalysisChangedNotification, note);
  }

  /** A change to a kep.yaml changes its README's status: check the README again. */
  companionChanged(uri: string): void {
    const readmeUri = this.kepYamls.readmeOf(uri);
    if (!readmeUri) return;
    if (!this.ctx.documents.get(readmeUri)) {
      void this.kepYamls.publish(uri);
      return;
    }
    this.analyses.invalidate(readmeUri);
    this.scheduleAnalysis(readmeUri);
    if (this.ctx.caps.pull) this.ctx.connection.languages.diagnostics.refresh();
  }

  listen(): void {
    const { connection, documents } = this.ctx;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    connection.onDidChangeConfiguration((params) => {
      // Clients that can be asked send no settings here (VS Code sends null); the others send them all.
      const pushed = (params.settings as { proposalKit?: unknown } | null | undefined)?.proposalKit;
      if (!this.ctx.caps.configuration && pushed !== undefined) this.settings.pushed = pushed;
      this.reload();
    });
    connection.onDidChangeWatchedFiles((params) => {
      if (this.ctx.platform.live) {
        this.filesChanged(params.changes, true);
        return;
      }
      // Read what changed first: the checks and the reload read the files read ahead.
      this.ready = this.ready.then(() => this.refreshed());
      void this.ready.then(() => this.filesChanged(params.changes, false));
    });
    this.listenToDocuments();
    registerPullDiagnostics(this.ctx, this.analyses);
    registerFeatures(this.ctx, this.analyses);
    registerNewFileRequests(connection, { workspace: () => this.ctx.ws, settingsFor: (uri) => this.settings.settingsFor(uri), documents, platform: this.ctx.platform, ready: () => this.ready });
    this.proposals.register();
    documents.listen(connection);
    connection.listen();
  }

  /** Files changed on disk. A kep.yaml concerns its README alone; anything else may change every check. */
  private filesChanged(changes: readonly FileEvent[], refresh: boolean): void {
    const others = changes.filter((c) => !this.kepYamls.fileFor(c.uri));
    for (const c of changes) {
      const file = this.kepYamls.fileFor(c.uri);
      if (!file) continue;
      this.kepYamls.changedOnDisk(file);
      if (!this.ctx.documents.get(c.uri)) this.companionChanged(c.uri);
    }
    if (others.length) this.reload(refresh);
  }

  private listenToDocuments(): void {
    const { connection, documents } = this.ctx;
    documents.onDidChangeContent((e) => {
      // A client may repeat a version number with another text: an analysis is only good for the text it read.
      this.analyses.invalidate(e.document.uri);
      // A kep.yaml is checked with its README: companionChanged publishes its findings.
      if (this.kepYamls.fileFor(e.document.uri)) this.companionChanged(e.document.uri);
      else this.scheduleAnalysis(e.document.uri);
    });
    documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.companionChanged(uri);
      const kepYaml = this.kepYamls.besideReadme(uri);
      if (kepYaml) void this.kepYamls.publish(kepYaml);
      this.analyses.forget(uri);
      this.settings.forget(uri);
      if (!this.ctx.caps.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
    });
  }
}

export function startServer(connection: Connection, platform: Platform): void {
  new ProposalServer(connection, platform).listen();
}
