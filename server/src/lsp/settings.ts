/** The settings of each document: the workspace's configuration file, with the editor's settings on top. */
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../core/workspace';
import { fileOf, type ServerContext } from './context';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /**
   * The `proposalKit` settings a client without workspace/configuration gives: in its
   * initialization options, then in each workspace/didChangeConfiguration.
   */
  pushed: unknown = undefined;

  constructor(private readonly ctx: ServerContext) {}

  /** The editor's own `proposalKit` settings, for a document or the whole workspace. */
  editorSettings(scopeUri?: string): Promise<Settings> {
    if (!this.ctx.caps.configuration) return Promise.resolve(readSettings(this.pushed));
    return this.ctx.connection.workspace.getConfiguration({ scopeUri, section: 'proposalKit' }).then(readSettings, () => DEFAULT_SETTINGS);
  }

  /** The workspace's settings for a document: its folder's configuration file with the editor's settings on top. */
  settingsFor(uri: string): Promise<Settings> {
    let s = this.cache.get(uri);
    if (!s) {
      s = this.editorSettings(uri).then((u) => this.ctx.ws.settingsFor(fileOf(this.ctx, uri), u));
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
