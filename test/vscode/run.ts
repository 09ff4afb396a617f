/**
 * `npm run test:vscode`: the VS Code API suite (test/vscode/suite) in VS Code for the desktop,
 * which @vscode/test-electron downloads (into .vscode-test/) unless VSCODE_TEST_EXECUTABLE names a
 * VS Code already on the machine. The packaged .vsix is installed into a fresh extensions folder
 * and run as the extension under development, against a fresh copy of the fixture workspace.
 *
 * Exit code: 0 when every scenario passed, 1 when one failed, 2 when the suite could not run at all
 * (VS Code cannot be downloaded, no display): a run that tested nothing must not look like a pass.
 * On a machine without a display, run it under `xvfb-run -a`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { EXTENSION_FOLDER, makeWorkspace, REPO, USER_SETTINGS, VSIX } from '../e2e/workspace';
import { buildSuite } from './build';
import type { SuiteResult } from './suite/index';

/** Says why nothing was tested, last, and gives the exit code for it. */
function notRun(reason: string): number {
  console.log('\nThe same suite runs in code-server\'s extension host with `npm run test:e2e`.');
  console.log(`NOT RUN: ${reason}`);
  return 2;
}

async function main(): Promise<number> {
  if (!fs.existsSync(VSIX)) return notRun(`${path.relative(REPO, VSIX)} is missing: run \`npm run package\` first.`);
  let executable = process.env.VSCODE_TEST_EXECUTABLE;
  if (!executable) {
    try {
      executable = await downloadAndUnzipVSCode({ cachePath: path.join(REPO, '.vscode-test') });
    } catch (e) {
      return notRun(`@vscode/test-electron cannot download VS Code here (${e instanceof Error ? e.message : String(e)}). Set VSCODE_TEST_EXECUTABLE to a VS Code binary to use one that is installed.`);
    }
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return notRun('VS Code for the desktop needs a display, and there is none: run `xvfb-run -a npm run test:vscode`.');
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'proposal-kit-vscode-'));
  const extensionsDir = path.join(runDir, 'extensions');
  const dataDir = path.join(runDir, 'user-data');
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const workspace = makeWorkspace(runDir);

  // The packaged extension, installed as a user would; then run from where it was installed.
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable, { reuseMachineInstall: true }); // our own folders, below
  const install = spawnSync(cli, [...cliArgs, '--extensions-dir', extensionsDir, '--user-data-dir', dataDir, '--install-extension', VSIX], { encoding: 'utf8', shell: process.platform === 'win32' });
  const installed = path.join(extensionsDir, EXTENSION_FOLDER);
  if (!fs.existsSync(path.join(installed, 'package.json'))) {
    console.error(install.stdout, install.stderr);
    console.log('\n0 passed, 1 failed');
    return 1;
  }

  const resultsFile = path.join(runDir, 'results.json');
  let error: unknown;
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: installed,
      extensionTestsPath: await buildSuite(),
      extensionTestsEnv: { PROPOSAL_KIT_TEST_RESULTS: resultsFile },
      launchArgs: [workspace, '--extensions-dir', extensionsDir, '--user-data-dir', dataDir, '--disable-telemetry'],
    });
  } catch (e) {
    error = e;
  }
  const results: SuiteResult[] = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResult[]) : [];
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.length - passed + (error && results.every((r) => r.state === 'passed') ? 1 : 0);
  if (error && !results.length) console.error(`VS Code ran no scenario: ${error instanceof Error ? error.message : String(error)}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  },
);
