/**
 * The page that hosts the web build's language server for test/e2e/browser.test.ts: it starts
 * dist/browser-server.js in a Web Worker and speaks LSP to it over postMessage (vscode-jsonrpc's
 * browser reader and writer), answering the server's file requests from an in-memory workspace
 * as the extension answers them from the editor's file system. The test drives it through
 * `window.pk`.
 */
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/browser';
import type { ReadFileResult } from '../../../server/src/protocol';

/** The browser's Worker and window (the project's TypeScript settings leave out the DOM's types). */
declare const Worker: new (url: string) => ConstructorParameters<typeof BrowserMessageReader>[0];
declare const window: { pk: unknown };

export interface MemoryWorkspace {
  /** The workspace folder's URI, e.g. vscode-vfs://github/owner/repo. */
  folder: string;
  /** Files by path relative to the folder, '/'-separated. */
  files: Record<string, string>;
  /** The `proposalKit` settings the page answers workspace/configuration with. */
  settings: Record<string, unknown>;
}

let connection: MessageConnection | undefined;
let ws: MemoryWorkspace = { folder: '', files: {}, settings: {} };
const notifications: { method: string; params: unknown }[] = [];
const messages: string[] = [];
const encoder = new TextEncoder();

/** A URI's path relative to the workspace folder ('' for the folder); undefined outside it. */
function relative(uri: string): string | undefined {
  if (uri === ws.folder) return '';
  return uri.startsWith(`${ws.folder}/`) ? decodeURIComponent(uri.slice(ws.folder.length + 1)) : undefined;
}

function entries(dir: string): [string, number][] | null {
  const prefix = dir === '' ? '' : `${dir}/`;
  const found = new Map<string, number>();
  for (const file of Object.keys(ws.files)) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length).split('/');
    found.set(rest[0], rest.length > 1 ? 2 : 1);
  }
  return found.size || dir === '' ? [...found] : null;
}

function stat(uri: string): { type: number; size: number; mtime: number } | null {
  const rel = relative(uri);
  if (rel === undefined) return null;
  const text = ws.files[rel];
  if (text !== undefined) return { type: 1, size: encoder.encode(text).length, mtime: 1 };
  return entries(rel) ? { type: 2, size: 0, mtime: 1 } : null;
}

window.pk = {
  async start(workspace: MemoryWorkspace): Promise<unknown> {
    ws = workspace;
    const worker = new Worker('/browser-server.js');
    connection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
    connection.onNotification((method: string, params: unknown) => void notifications.push({ method, params }));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ws.settings));
    connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      messages.push(p.message);
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('proposalKit/fs/readDirectory', ({ uri }: { uri: string }) => {
      const rel = relative(uri);
      return rel === undefined ? null : entries(rel);
    });
    connection.onRequest('proposalKit/fs/stat', ({ uri }: { uri: string }) => stat(uri));
    connection.onRequest('proposalKit/fs/readFile', ({ uri, maxBytes }: { uri: string; maxBytes: number }): ReadFileResult => {
      const st = stat(uri);
      if (!st) return { problem: 'missing' };
      if (st.type === 2) return { problem: 'folder' };
      if (st.size > maxBytes) return { problem: 'too-large', size: st.size, mtime: st.mtime };
      return { text: ws.files[relative(uri) as string], size: st.size, mtime: st.mtime };
    });
    connection.listen();
    const result = await connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: [{ uri: ws.folder, name: 'folder-0' }],
      initializationOptions: { workspaceTrusted: true },
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    await connection.sendNotification('initialized', {});
    return result;
  },
  request: (method: string, params: unknown): Promise<unknown> => (connection as MessageConnection).sendRequest(method, params),
  notify: (method: string, params: unknown): Promise<void> => (connection as MessageConnection).sendNotification(method, params),
  /** Changes the in-memory workspace, as a file saved or deleted in the editor. */
  write(rel: string, text: string | null): void {
    if (text === null) delete ws.files[rel];
    else ws.files[rel] = text;
  },
  notifications: () => notifications,
  messages: () => messages,
};
