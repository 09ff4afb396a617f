/**
 * Bundles the VS Code API suite for the extension host: test-output/vscode/index.js (the runner
 * VS Code loads) and scenarios.test.js. `vscode` comes from the extension host and `mocha` from this
 * repository's node_modules, found from the bundle's folder.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO } from '../e2e/workspace';

export const SUITE_DIR = path.join(REPO, 'test-output', 'vscode');

export async function buildSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: {
      index: path.join(__dirname, 'suite', 'index.ts'),
      'scenarios.test': path.join(__dirname, 'suite', 'scenarios.test.ts'),
    },
    outdir: SUITE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return path.join(SUITE_DIR, 'index.js');
}
