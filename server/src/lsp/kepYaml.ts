/**
 * A KEP's kep.yaml, checked with its README: its text bears on the README's status, and its own
 * findings are pushed on its URI while it or its README is open.
 */
import type { Companions } from '../core/metadata';
import { analyze, detectTemplate, type Finding } from '../core';
import { parseDocument } from '../core/incremental';
import { kepYamlFindingsFor } from '../core/kepYaml';
import type { Analyses } from './analyses';
import { detectionPath, fileOf, type ServerContext } from './context';
import { toDiagnostic } from './diagnostics';
import type { SettingsStore } from './settings';

export class KepYamls {
  /** kep.yaml texts read from disk, until the file watcher says one changed. */
  private readonly diskTexts = new Map<string, string | undefined>();
  private readonly runs = new Map<string, number>();
  private readonly shown = new Set<string>();
  /** Set once the analyses exist: they need the kep.yaml texts, and the kep.yaml findings need them. */
  analyses: Analyses | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly settings: SettingsStore,
  ) {}

  /**
   * A kep.yaml's text: the open editor's, else the file on disk, read once and read again only when
   * the file watcher says it changed (clients that cannot watch: read each time). Every edit of a
   * KEP README needs it, twice: for the status, and for the kep.yaml's own findings.
   */
  text(file: string): string | undefined {
    const open = this.ctx.documents.get(this.ctx.platform.uriOf(file));
    if (open) return open.getText();
    if (!this.ctx.caps.watch) return this.ctx.ws.host.readText(file);
    if (!this.diskTexts.has(file)) this.diskTexts.set(file, this.ctx.ws.host.readText(file));
    return this.diskTexts.get(file);
  }

  /** The file watcher says a kep.yaml changed on disk. */
  changedOnDisk(file: string): void {
    this.diskTexts.delete(file);
  }

  /** The files beside a proposal (a KEP's kep.yaml). */
  companionsOf(uri: string): Companions {
    const file = fileOf(this.ctx, uri);
    return file === undefined ? {} : this.ctx.ws.companions(file, (f) => this.text(f));
  }

  /** The path of a kep.yaml on disk, else null: the server checks it for its README, not as markdown. */
  fileFor(uri: string): string | null {
    const file = fileOf(this.ctx, uri);
    return file !== undefined && this.ctx.ws.readmeFor(file) ? file : null;
  }

  /** The README's URI for a kep.yaml's URI, else null. */
  readmeOf(uri: string): string | null {
    const file = this.fileFor(uri);
    return file ? this.ctx.platform.uriOf(this.ctx.ws.readmeFor(file) as string) : null;
  }

  /** The kep.yaml's URI beside a README's URI, else null. */
  besideReadme(uri: string): string | null {
    const file = fileOf(this.ctx, uri);
    const kepYaml = file === undefined ? null : this.ctx.ws.kepYamlFor(file);
    return kepYaml ? this.ctx.platform.uriOf(kepYaml) : null;
  }

  /**
   * Publishes the findings of the kep.yaml at `uri` (pushed, whether or not it is open) while it or
   * its README is open; clears them when neither is. Only the newest answer per file is sent.
   */
  async publish(uri: string): Promise<void> {
    const file = this.fileFor(uri);
    if (!file) return;
    const run = (this.runs.get(uri) ?? 0) + 1;
    this.runs.set(uri, run);
    const findings = await this.findings(uri, file);
    if (this.runs.get(uri) !== run) return;
    // Nothing to say about a kep.yaml that never had findings (most README.md files have none beside them).
    if (!findings.length && !this.shown.has(uri)) return;
    if (findings.length) this.shown.add(uri);
    else this.shown.delete(uri);
    await this.ctx.connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
  }

  private async findings(uri: string, file: string): Promise<Finding[]> {
    const ws = this.ctx.ws;
    const readmeFile = ws.readmeFor(file) as string;
    const readmeUri = this.ctx.platform.uriOf(readmeFile);
    const kepText = this.text(file);
    if (kepText === undefined || !(this.ctx.documents.get(uri) || this.ctx.documents.get(readmeUri))) return [];
    const open = await this.analyses?.analysed(readmeUri);
    if (open) return kepYamlFindingsFor(kepText, { model: open.model, template: open.result.detection?.template ?? null, status: open.result.analysis?.status ?? null }, open.settings.rules);
    const readmeText = await this.ctx.platform.readText(readmeFile);
    const settings = await this.settings.settingsFor(readmeUri);
    const plan = ws.checkPlan(readmeFile, settings);
    if (readmeText === undefined || !plan) return [];
    const model = parseDocument(readmeText);
    const detection = detectTemplate(model, detectionPath(this.ctx, readmeUri), ws.templates, plan.template, ws.firstCommitDate(readmeFile));
    if (!detection) return [];
    // The README's status (its own, or kep.yaml's) sets the findings' severities, as for the README's.
    const { status } = analyze(model, detection.template, detection.version, { kepYaml: kepText });
    return kepYamlFindingsFor(kepText, { model, template: detection.template, status }, settings.rules);
  }
}
