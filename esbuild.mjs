// Bundles the CLI, the language server and the VS Code extension, for Node and for the web
// (github.dev, vscode.dev: the extension in the web extension host, the server in a Web Worker).
// remark and friends are ESM-only; bundling them into CommonJS lets VS Code and plain `node` load
// every entry point.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** The built-in templates, for the web build, which has no file system to read them from: file name to text. */
const builtinTemplates = {
  name: 'builtin-templates',
  setup(build) {
    build.onResolve({ filter: /^proposal-kit:builtin-templates$/ }, (args) => ({ path: args.path, namespace: 'builtin-templates' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin-templates' }, () => {
      const dir = new URL('./templates/', import.meta.url);
      const files = Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]));
      return { contents: JSON.stringify(files), loader: 'json', watchFiles: Object.keys(files).map((name) => new URL(name, dir).pathname) };
    });
  },
};

const node = { platform: 'node', format: 'cjs', target: 'node20' };
// The web extension host loads a CommonJS module; the server runs as a classic worker script. Both
// run in workers: packages' `worker` builds, never those that need a page's DOM.
const web = { platform: 'browser', target: 'es2022', conditions: ['worker'], plugins: [builtinTemplates] };

const entries = [
  { in: 'server/src/cli.ts', out: 'cli', ...node },
  { in: 'server/src/server.ts', out: 'server', ...node },
  { in: 'client/src/extension.ts', out: 'extension', ...node },
  { in: 'client/src/browser.ts', out: 'browser-extension', ...web, format: 'cjs' },
  { in: 'server/src/browser/server.ts', out: 'browser-server', ...web, format: 'iife' },
].filter((e) => existsSync(e.in));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      outdir: 'dist',
      bundle: true,
      platform: e.platform,
      format: e.format,
      target: e.target,
      plugins: e.plugins ?? [],
      ...(e.conditions ? { conditions: e.conditions } : {}),
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
