/**
 * The workspace's proposals at a glance, for the Proposals view: every markdown file in the
 * workspace folders that is a proposal, checked from the disk (an open one from the editor's text),
 * each file's summary kept until the file or its kep.yaml changes on disk.
 */
import { checkModel } from '../core';
import { parseDocument } from '../core/incremental';
import { summarize, type ProposalSummary } from '../core/summary';
import type { Settings } from '../core/workspace';
import { WorkspaceProposalsRequest, type WorkspaceProposal } from '../protocol';
import type { Analyses } from './analyses';
import { detectionPath, type ServerContext } from './context';
import type { SettingsStore } from './settings';

export class WorkspaceProposals {
  private readonly cache = new Map<string, { stamp: string; summary: ProposalSummary | null }>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly analyses: Analyses,
    private readonly settings: SettingsStore,
  ) {}

  register(): void {
    this.ctx.connection.onRequest(WorkspaceProposalsRequest, () => this.list());
  }

  /** Templates or settings changed: every summary is read again. */
  clear(): void {
    this.cache.clear();
  }

  async list(): Promise<WorkspaceProposal[]> {
    await this.ctx.ready();
    const ws = this.ctx.ws;
    const user = await this.settings.editorSettings();
    const out: WorkspaceProposal[] = [];
    for (const [i, file] of ws.proposalFiles(user).entries()) {
      // Other requests (the user typing) are answered between files.
      if (i % 20 === 19) await this.ctx.platform.yieldNow();
      const uri = this.ctx.platform.uriOf(file);
      const summary = this.ctx.documents.get(uri) ? await this.open(uri) : await this.onDisk(file, uri, user);
      if (summary) out.push({ ...summary, uri, path: ws.relativePath(file) ?? file });
    }
    return out;
  }

  private async open(uri: string): Promise<ProposalSummary | null> {
    const a = await this.analyses.analysed(uri).catch(() => null);
    return a ? summarize(a.result) : null;
  }

  private async onDisk(file: string, uri: string, user: Settings): Promise<ProposalSummary | null> {
    const ws = this.ctx.ws;
    const stamp = await this.ctx.platform.stamp([file, ws.kepYamlFor(file)]);
    if (stamp === null) {
      this.cache.delete(file);
      return null;
    }
    const hit = this.cache.get(file);
    if (hit && hit.stamp === stamp) return hit.summary;
    const settings = ws.settingsFor(file, user);
    let summary: ProposalSummary | null = null;
    try {
      const text = await this.ctx.platform.readMarkdown(file, settings.maxFileSizeMB * 1024 * 1024);
      const plan = ws.checkPlan(file, settings);
      if (plan) {
        const result = checkModel(parseDocument(text), ws.templates, { path: detectionPath(this.ctx, uri), template: plan.template, severities: settings.rules, companions: ws.companions(file), firstCommitDate: ws.firstCommitDate(file) });
        summary = summarize(result);
      }
    } catch {
      // Not readable, too large, binary, not UTF-8: not listed (the editor says why when it is opened).
    }
    this.cache.set(file, { stamp, summary });
    return summary;
  }
}
