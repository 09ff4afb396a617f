/**
 * Where the language server runs: on Node, reading the disk; in a web editor's worker, reading the
 * workspace through the editor. The server's parts ask this, never the file system itself.
 */
import type { PlaceFiles } from '../core/placement';
import type { Workspace, WorkspaceHost } from '../core/workspace';

export interface Platform {
  /** Whether the host reads the files as it goes (the disk): nothing is read ahead, `refresh` does nothing. */
  readonly live: boolean;
  /** The workspace's host: what the workspace model reads, synchronously. */
  host(): WorkspaceHost;
  /** The paths of the workspace folders, from their URIs; remembered for `fileOf` and `uriOf`. */
  folders(uris: readonly string[]): string[];
  /** The path of the file a URI names; undefined for a document that is no file in the workspace's file system (an untitled one). */
  fileOf(uri: string): string | undefined;
  /** The URI of a file the workspace model names. */
  uriOf(file: string): string;
  /**
   * Reads again what the host answers from (nothing to do where it reads the disk as it goes):
   * before the workspace loads, and after files changed.
   */
  refresh(ws: Workspace, userFolders: readonly string[]): Promise<void>;
  /** A small text file (a README beside its kep.yaml); undefined when absent, not a regular file, or too large. */
  readText(file: string): Promise<string | undefined>;
  /** A markdown file's text for the Proposals view; throws when it is unreadable, too large, binary or not UTF-8. */
  readMarkdown(file: string, maxBytes: number): Promise<string>;
  /** Each file's size and time of change, joined; null when the first file is absent. */
  stamp(files: readonly (string | null)[]): Promise<string | null>;
  /** The file names in a folder; empty when it cannot be read. */
  names(dir: string): string[];
  /** What placing a new file reads, and whether a file exists. */
  readonly placeFiles: PlaceFiles & { exists(file: string): boolean };
  /** Lets other work run (requests, the user typing) in a long loop. */
  yieldNow(): Promise<void>;
}
