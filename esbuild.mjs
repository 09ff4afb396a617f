// Bundles the CLI, the language server and the VS Code extension. remark and friends are
// ESM-only; bundling them into CommonJS lets VS Code and plain `node` load every entry point.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli.ts', out: 'cli'},
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'extension' },
].filter((e) => existsSync(e.in));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      outdir: 'dist',
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // jsonc-parser's main build is UMD, whose require() calls esbuild cannot follow: use its ES modules.
      alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
      sourcemap: !production,
      minify: production,
      legalComments: 'none',
      logLevel: 'warning',
      define: { PROPOSAL_KIT_VERSION: JSON.stringify(pkg.version) },
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
