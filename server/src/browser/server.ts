/**
 * The language server in a web editor (github.dev, vscode.dev): run in a Web Worker, spoken to over
 * postMessage, reading the workspace through the editor (see ./platform.ts). The same server as on
 * Node (../lsp/start.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/start';
import { browserPlatform } from './platform';

/** The worker's global scope (the project's TypeScript settings leave out the web worker's types). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, browserPlatform(connection));
