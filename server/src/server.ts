#!/usr/bin/env node
/**
 * The language server on Node (see ./lsp/start.ts): the disk, git, and `file:` URIs.
 * Runs on its own: `node dist/server.js --stdio` (or --node-ipc, as the VS Code extension starts it).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import { nodePlatform } from './node/platform';

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all), nodePlatform());
}
