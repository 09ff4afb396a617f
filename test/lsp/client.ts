/** A real JSON-RPC client talking to the bundled server over stdio, for protocol tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';

export const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export interface Session {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** What the server answered to initialize. */
  initializeResult: { capabilities: Record<string, unknown> };
  /** Notifications received, by method, in order. */
  notifications: { method: string; params: unknown }[];
  /** The messages the server asked the user to see (window/showMessageRequest), in order. */
  messages: string[];
  /** Resolves when a notification matching `test` arrives (or has arrived). */
  waitFor<T>(method: string, test?: (params: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface StartOptions {
  pull?: boolean;
  configuration?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  rootUri?: string | null;
  /** Workspace folders (file URIs); without them, rootUri alone. */
  workspaceFolders?: string[];
  /** Say the client watches files for the server (didChangeWatchedFiles with dynamic registration). */
  watch?: boolean;
  /** The server's command line (default: node dist/server.js --stdio). */
  command?: string[];
  /** Say the client answers workspace/configuration (default true); false: it only pushes settings. */
  askable?: boolean;
  /** Say the client applies snippet edits in workspace edits (as VS Code does). */
  snippetEdits?: boolean;
}

export async function startSession(options: StartOptions = {}): Promise<Session> {
  const [program, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const notifications: { method: string; params: unknown }[] = [];
  const waiters: { method: string; test: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  // Every notification, whatever its method (vscode-jsonrpc's star handler).
  (connection as unknown as { onNotification(h: (method: string, params: unknown) => void): void }).onNotification((method, params) => {
    notifications.push({ method, params });
    for (const w of [...waiters]) {
      if (w.method === method && w.test(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.configuration ?? {}));
  const messages: string[] = [];
  connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
    messages.push(p.message);
    return null;
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder-${i}` })) ?? null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { ...(options.askable === false ? {} : { configuration: true }), ...(options.watch ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
        ...(options.snippetEdits ? { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } : {}),
      },
      textDocument: options.pull === false ? {} : { diagnostic: { dynamicRegistration: false } },
    },
  })) as Session['initializeResult'];
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    initializeResult,
    notifications,
    messages,
    waitFor<T>(method: string, test: (p: T) => boolean = () => true, timeoutMs = 10000): Promise<T> {
      const seen = notifications.find((n) => n.method === method && test(n.params as T));
      if (seen) return Promise.resolve(seen.params as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; server stderr: ${stderr}`)), timeoutMs);
        waiters.push({ method, test: test as (p: unknown) => boolean, resolve: (p) => (clearTimeout(timer), resolve(p as T)) });
      });
    },
    async close() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          setTimeout(() => child.kill(), 2000).unref();
        });
      }
    },
  };
}

/** Applies LSP text edits to a text, as an editor would. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

export function editsFor(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}

let documentVersion = 1;

/** Opens a document in the server (each open or change takes the next version number). */
export async function openDocument(s: Session, uri: string, text: string, languageId = 'markdown'): Promise<void> {
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: documentVersion++, text } });
}

/** Replaces an open document's text; returns the new version. */
export async function changeDocument(s: Session, uri: string, text: string): Promise<number> {
  const version = documentVersion++;
  await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  return version;
}

/** The diagnostics the server gives when asked (pull). */
export async function pullDiagnostics(s: Session, uri: string): Promise<Diagnostic[]> {
  const r = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
  return r.items;
}

export async function closeDocument(s: Session, uri: string): Promise<void> {
  await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

/** A fresh folder on disk for a test's workspace (its real path, symbolic links resolved). */
export class TempFolder {
  readonly root: string;

  constructor(prefix: string) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  /** Writes a file (its folders made as needed) and gives its path. */
  write(rel: string, text: string): string {
    const f = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  }

  uri(rel = ''): string {
    return URI.file(path.join(this.root, rel)).toString();
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
