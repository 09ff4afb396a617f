import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { RULES } from '../../server/src/core';
import { DEFAULT_SETTINGS } from '../../server/src/core/workspace';
import { COMMANDS, CONFIG_SECTION, INTERNAL_COMMANDS, IS_PROPOSAL_CONTEXT, OUTLINE_VIEW, PROPOSALS_VIEW, WALKTHROUGH } from '../../client/src/ids';
import { presentEntry } from '../../client/src/outline/present';
import { ROOT } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json is free-form JSON
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as any;
const contributes = pkg.contributes;

/** A production bundle of an entry point, in memory: its size and the repository files in it. */
async function bundle(entry: string): Promise<{ bytes: number; files: string[] }> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { bytes: result.outputFiles[0].contents.length, files: Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')).sort() };
}

describe('client: the extension bundle', function () {
  this.timeout(60000);
  it('carries none of the checker, only the protocol and the core\'s input checks, and is well under the server\'s', async () => {
    const extension = await bundle('client/src/extension.ts');
    const server = await bundle('server/src/server.ts');
    assert.deepEqual(
      extension.files.filter((f) => f.startsWith('server/')),
      ['server/src/core/names.ts', 'server/src/core/normalize.ts', 'server/src/protocol.ts'],
    );
    assert.ok(extension.bytes < server.bytes * 0.75, `extension ${extension.bytes} bytes, server ${server.bytes} bytes`);
  });
});

describe('client: package.json agrees with the extension', () => {
  it('activates on markdown and in a workspace with a .proposalkit.json, from dist/extension.js (the web: dist/browser-extension.js), on VS Code 1.91 or later', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'workspaceContains:.proposalkit.json']);
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/browser-extension.js');
    assert.equal(pkg.engines.vscode, '^1.91.0');
    // vsce refuses to package when @types/vscode is newer than engines.vscode.
    assert.equal(pkg.devDependencies['@types/vscode'], '1.91.0');
  });

  it('declares its workspace trust and virtual workspace support', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['proposalKit.templates']);
    assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 40);
  });

  it('contributes every command the extension registers, in the Proposal Kit category', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...ids].sort(), Object.values(COMMANDS).sort());
    for (const c of contributes.commands) assert.equal(c.category, 'Proposal Kit', c.command);
    const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.deepEqual(hidden.sort(), [...INTERNAL_COMMANDS].sort());
  });

  it('New Proposal on folders in the Explorer; Insert Section inline on missing outline entries', () => {
    assert.deepEqual(contributes.menus['explorer/context'], [{ command: COMMANDS.newProposal, when: 'explorerResourceIsFolder', group: 'navigation@10' }]);
    const missing = presentEntry({ title: 'T', level: 2, state: 'missing', required: true, section: 0, children: [] }).contextValue;
    assert.deepEqual(contributes.menus['view/item/context'], [
      { command: COMMANDS.insertSection, when: `view == ${OUTLINE_VIEW} && viewItem == ${missing}`, group: 'inline' },
    ]);
  });

  it('the Proposal view in the Explorer, shown for proposals; the Proposals view of the whole workspace, with New Proposal while it is empty', () => {
    assert.deepEqual(contributes.views.explorer, [
      { id: OUTLINE_VIEW, name: 'Proposal', when: IS_PROPOSAL_CONTEXT, contextualTitle: 'Proposal Kit' },
      { id: PROPOSALS_VIEW, name: 'Proposals', contextualTitle: 'Proposal Kit', visibility: 'collapsed' },
    ]);
    assert.deepEqual(contributes.viewsWelcome, [{ view: PROPOSALS_VIEW, contents: `No proposals in this workspace yet.\n[New Proposal](command:${COMMANDS.newProposal})` }]);
  });

  it('a Getting Started walkthrough: create, read, fix, your own template; each step with its packaged markdown, its completion events and commands that exist', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.equal(contributes.walkthroughs.length, 1);
    assert.equal(`${pkg.publisher}.${pkg.name}#${walkthrough.id}`, WALKTHROUGH);
    const steps = walkthrough.steps as { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
    assert.deepEqual(steps.map((s) => s.id), ['createProposal', 'readFinding', 'fixFinding', 'ownTemplate']);
    const ours = new Set<string>(Object.values(COMMANDS));
    for (const step of steps) {
      const file = path.join(ROOT, step.media.markdown);
      assert.ok(fs.readFileSync(file, 'utf8').startsWith('# '), step.media.markdown);
      // The extension holds what .vscodeignore lets in, the npm package what .npmignore does.
      for (const ignore of ['.vscodeignore', '.npmignore']) {
        const lines = fs.readFileSync(path.join(ROOT, ignore), 'utf8').split('\n');
        assert.ok(lines.includes(`!${path.dirname(step.media.markdown)}/*.md`), `${step.media.markdown} is packaged (${ignore})`);
      }
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const e of step.completionEvents) {
        const command = /^onCommand:(proposalKit\.\w+)$/.exec(e)?.[1];
        if (command) assert.ok(ours.has(command), e);
      }
      // Each step's button runs one of ours, or a built-in command named in its completion events.
      const link = /\(command:([\w.]+)\)/.exec(step.description)?.[1];
      assert.ok(link && (ours.has(link) || step.completionEvents.includes(`onCommand:${link}`)), `${step.id}: ${link}`);
    }
  });

  it('the generated snippets, for markdown', () => {
    assert.deepEqual(contributes.snippets, [{ language: 'markdown', path: './snippets/markdown.code-snippets' }]);
    assert.ok(fs.existsSync(path.join(ROOT, contributes.snippets[0].path)));
  });

  it('documents each setting; the rules setting has one entry per rule with its default severity', () => {
    const props = contributes.configuration.properties;
    assert.deepEqual(Object.keys(props), ['files', 'rules', 'templates', 'maxFileSizeMB', 'author'].map((k) => `${CONFIG_SECTION}.${k}`));
    for (const [key, p] of Object.entries(props)) assert.ok((p as { markdownDescription?: string }).markdownDescription, key);
    assert.equal(props['proposalKit.maxFileSizeMB'].default, DEFAULT_SETTINGS.maxFileSizeMB);
    const rules = props['proposalKit.rules'];
    assert.equal(rules.additionalProperties, false);
    assert.deepEqual(
      Object.entries(rules.properties).map(([id, r]) => [id, (r as { default: string }).default, (r as { enum: string[] }).enum]),
      RULES.map((r) => [r.id, r.severity, ['off', 'hint', 'information', 'warning', 'error']]),
    );
  });

  it('packages with vsce 3.x (Node 20), without dependencies, and a 128x128 PNG icon', () => {
    assert.match(pkg.scripts.package, /^node esbuild\.mjs --production && .* && vsce package --no-dependencies$/);
    const vsce = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'package.json'), 'utf8'));
    assert.equal(vsce.version, pkg.devDependencies['@vscode/vsce']);
    assert.match(vsce.engines.node, /^>= ?20$/);
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
