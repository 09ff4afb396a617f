/**
 * One analysis per document version: parsed in pieces (an edit re-parses only the pieces it
 * touched), checked once, and shared by every request about that version. Work on a version stops
 * when the document changes, or when every request waiting for it was cancelled.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Companions } from '../core/metadata';
import { checkModel, parseProposal, type CheckResult, type ProposalModel } from '../core';
import { IncrementalParser, ParseStopped } from '../core/incremental';
import type { Settings } from '../core/workspace';
import { formatSize, utf8Length } from '../core/size';
import { detectionPath, fileOf, type ServerContext } from './context';
import type { SettingsStore } from './settings';

export interface Analysed {
  version: number;
  model: ProposalModel;
  result: CheckResult;
  settings: Settings;
}

/**
 * An analysis being computed, with who waits for it: requests (each with its token) and the
 * analysis scheduled after an edit (`background`).
 */
interface Job {
  version: number;
  tokens: CancellationToken[];
  background: boolean;
  promise: Promise<Analysed | null>;
}

const notChecked = (): CheckResult => ({ detection: null, analysis: null, findings: [], progress: null });

/** The work's answer, or at once a ParseStopped when the request is cancelled (others may still wait for the work). */
function untilCancelled<T>(work: Promise<T>, token: CancellationToken): Promise<T> {
  if (token.isCancellationRequested) return Promise.reject(new ParseStopped(0));
  return new Promise<T>((resolve, reject) => {
    const listener = token.onCancellationRequested(() => reject(new ParseStopped(0)));
    work.then(resolve, reject).finally(() => listener.dispose());
  });
}

export interface AnalysesDeps {
  settings: SettingsStore;
  /** The files beside a proposal (a KEP's kep.yaml), with an open editor's text. */
  companionsOf(uri: string): Companions;
  /** Whether a URI is a kep.yaml: checked for its README, not as markdown. */
  isKepYaml(uri: string): boolean;
}

export class Analyses {
  private readonly cache = new Map<string, Analysed>();
  private readonly parsers = new Map<string, IncrementalParser>();
  private readonly running = new Map<string, Job>();
  /** Documents the user has been told are too large to check. */
  private readonly tooLargeSaid = new Set<string>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly deps: AnalysesDeps,
  ) {}

  /**
   * The analysis of the document's current version: computed once per version, shared by every
   * request about that version. Rejects with ParseStopped when the work was stopped (see Job).
   */
  analysed(uri: string, token?: CancellationToken): Promise<Analysed | null> {
    const doc = this.ctx.documents.get(uri);
    if (!doc || this.deps.isKepYaml(uri)) return Promise.resolve(null);
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version) return Promise.resolve(hit);
    let job = this.running.get(uri);
    if (!job || job.version !== doc.version) job = this.start(uri, doc.version);
    if (!token) {
      job.background = true;
      return job.promise;
    }
    job.tokens.push(token);
    return untilCancelled(job.promise, token);
  }

  private start(uri: string, version: number): Job {
    const job: Job = { version, tokens: [], background: false, promise: Promise.resolve(null) };
    const stop = (): boolean =>
      this.ctx.documents.get(uri)?.version !== job.version || (!job.background && job.tokens.length > 0 && job.tokens.every((t) => t.isCancellationRequested));
    job.promise = this.compute(uri, version, stop).finally(() => {
      if (this.running.get(uri) === job) this.running.delete(uri);
    });
    this.running.set(uri, job);
    return job;
  }

  /**
   * The analysis a request about `uri` is answered from. A request is about the version the
   * document had when it arrived (its positions are in that text): if an edit came in while it
   * waited, the answer would be for other text, so the request fails with ContentModified (the
   * client drops it and asks again when it needs to); one the client cancelled fails with
   * RequestCancelled.
   */
  async analysedFor(uri: string, token: CancellationToken): Promise<Analysed | null> {
    const documents = this.ctx.documents;
    const version = documents.get(uri)?.version;
    const a = await this.analysed(uri, token).catch((e: unknown) => {
      if (!(e instanceof ParseStopped) || token.isCancellationRequested) return null;
      throw new ResponseError(LSPErrorCodes.ContentModified, `The document changed (version ${String(version)} to ${String(documents.get(uri)?.version)}) while the request was answered.`);
    });
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    if (a && a.version !== version) {
      throw new ResponseError(LSPErrorCodes.ContentModified, `The document changed (version ${String(version)} to ${a.version}) while the request was answered.`);
    }
    return a;
  }

  /** The analysis of a version is no longer good (its text, or what it depends on, changed). */
  invalidate(uri: string): void {
    this.cache.delete(uri);
  }

  /** A closed document: nothing of it is kept. */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.parsers.delete(uri);
    this.tooLargeSaid.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Says in the log that work on a version stopped, and why; gives the error to throw. */
  private stopped(uri: string, version: number, parts: number): ParseStopped {
    const why = this.ctx.documents.get(uri)?.version === version ? 'the request was cancelled' : 'the document changed';
    this.ctx.log(`Proposal Kit: stopped checking ${uri} (version ${version}) after ${parts} parts: ${why}.`);
    return new ParseStopped(parts);
  }

  private async compute(uri: string, version: number, stop: () => boolean): Promise<Analysed | null> {
    await this.ctx.ready();
    const settings = await this.deps.settings.settingsFor(uri);
    const current = this.ctx.documents.get(uri);
    if (!current) return null;
    if (stop()) throw this.stopped(uri, version, 0);
    const again = this.cache.get(uri);
    if (again && again.version === current.version) return again;
    const text = current.getText();
    const entry = this.tooLarge(uri, text, settings) ?? { version: current.version, ...(await this.check(uri, text, settings, version, stop)), settings };
    entry.version = current.version;
    this.cache.set(uri, entry);
    return entry;
  }

  /** A document too large to check: said once, and nothing of it kept; null for one within the limit. */
  private tooLarge(uri: string, text: string, settings: Settings): Analysed | null {
    const limit = settings.maxFileSizeMB * 1024 * 1024;
    // A UTF-8 byte count only when it could matter: no text is more than three bytes per UTF-16 unit.
    const bytes = text.length > limit / 3 ? utf8Length(text) : text.length;
    if (bytes <= limit) {
      this.tooLargeSaid.delete(uri);
      return null;
    }
    this.parsers.delete(uri);
    if (!this.tooLargeSaid.has(uri)) {
      this.tooLargeSaid.add(uri);
      const name = URI.parse(uri).path.split('/').pop() ?? uri;
      void this.ctx.connection.window.showWarningMessage(
        `Proposal Kit: ${name} is ${formatSize(bytes)}, larger than the ${formatSize(limit)} limit, so it is not checked. To check it, raise the setting proposalKit.maxFileSizeMB.`,
      );
    }
    return { version: 0, model: parseProposal(''), result: notChecked(), settings };
  }

  private async check(uri: string, text: string, settings: Settings, version: number, stop: () => boolean): Promise<{ model: ProposalModel; result: CheckResult }> {
    let parser = this.parsers.get(uri);
    if (!parser) this.parsers.set(uri, (parser = new IncrementalParser()));
    let model: ProposalModel;
    try {
      model = await parser.parseAsync(text, stop);
    } catch (e) {
      throw e instanceof ParseStopped ? this.stopped(uri, version, e.parsed) : e;
    }
    const ws = this.ctx.ws;
    const plan = ws.checkPlan(fileOf(this.ctx, uri), settings);
    const result = plan
      ? checkModel(model, ws.templates, { path: detectionPath(this.ctx, uri), template: plan.template, severities: settings.rules, companions: this.deps.companionsOf(uri), firstCommitDate: ws.firstCommitDate(fileOf(this.ctx, uri)) })
      : notChecked();
    return { model, result };
  }
}
