/**
 * The VS Code API suite (test/vscode/suite, what `npm run test:vscode` runs in Electron) in
 * code-server's Node extension host. VS Code's web workbench takes an extension under development
 * and a test runner in its `payload` URL parameter, and reports the runner's exit code to
 * `window.codeAutomationExit`; each scenario's result comes back through a file and becomes a test
 * here.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha from 'mocha';
import { buildSuite } from '../vscode/build';
import type { SuiteResult } from '../vscode/suite/index';
import { remoteAuthority, startEditor, type Editor } from './harness';
import { EXTENSION_FOLDER } from './workspace';

describe('the VS Code API suite (test/vscode) in code-server\'s extension host', function () {
  let editor: Editor | undefined;
  let exitCode: number | 'timeout';
  let results: SuiteResult[] = [];
  let hostLog = '';

  before(async function () {
    this.timeout(15 * 60_000); // a first run installs code-server (about 2 minutes)
    const index = await buildSuite();
    const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'proposal-kit-api-results-')), 'results.json');
    let exited!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    const lines: string[] = [];
    editor = await startEditor({
      name: 'api',
      developmentOptions: true,
      env: { PROPOSAL_KIT_TEST_RESULTS: resultsFile },
      beforeLoad: async (page) => {
        // The extension host's console (mocha's report) is forwarded to the page's.
        page.on('console', (m) => lines.push(m.text()));
        await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
      },
      query: async ({ extensionsDir, baseUrl }) => {
        const remote = `vscode-remote://${await remoteAuthority(baseUrl)}`;
        return {
          payload: JSON.stringify([
            // The installed .vsix, as the extension under development: the packaged code is tested.
            ['extensionDevelopmentPath', `${remote}${path.join(extensionsDir, EXTENSION_FOLDER)}`],
            ['extensionTestsPath', `${remote}${index}`],
          ]),
        };
      },
    });
    let timer: NodeJS.Timeout | undefined;
    exitCode = await Promise.race([exit, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 5 * 60_000)))]);
    clearTimeout(timer);
    hostLog = lines.filter((l) => !/^%c/.test(l)).join('\n');
    fs.writeFileSync(path.join(editor.runDir, 'extension-host-console.log'), lines.join('\n'));
    if (fs.existsSync(resultsFile)) results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResult[];
    fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
    // One test here per scenario run in the extension host, after the one below.
    const suite = this.test!.parent!;
    for (const r of results) {
      suite.addTest(
        new Mocha.Test(`(in the extension host) ${r.title.replace(/^Proposal Kit through the VS Code API /, '')}`, () => {
          if (r.state === 'failed') throw new Error(r.error ?? 'failed');
        }),
      );
    }
  });

  after(async function () {
    // Keep the run's folder (logs, workspace) when something failed.
    await editor?.stop(this.test?.parent?.tests.some((t) => t.state !== 'passed'));
  });

  it('runs in the extension host and reports every scenario', () => {
    assert.notEqual(exitCode, 'timeout', `the suite did not finish in 5 minutes:\n${hostLog.slice(-3000)}`);
    assert.ok(results.length >= 6, `the suite reported ${results.length} results (exit code ${exitCode}):\n${hostLog.slice(-3000)}`);
    assert.equal(exitCode, results.some((r) => r.state === 'failed') ? 1 : 0, 'the exit code agrees with the results');
  });
});
