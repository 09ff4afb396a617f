/** The fixture workspace and the packaged extension, shared by the real-editor suites. Node only. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(__dirname, 'fixtures');

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
/** What `npm run package` builds. */
export const VSIX = path.join(REPO, `${pkg.name}-${pkg.version}.vsix`);
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
/** The folder VS Code installs the .vsix into, inside an extensions folder. */
export const EXTENSION_FOLDER = `${EXTENSION_ID}-${pkg.version}`;

/** A test profile's user settings: no trust prompt, no welcome page, no chat, nothing fetched in the background. */
export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  // Clearer screenshots: no headings pinned over the text.
  'editor.stickyScroll.enabled': false,
  // Edits stay unsaved until a scenario saves them, as in a default desktop VS Code: "File: Revert
  // File" must have something to revert.
  'files.autoSave': 'off',
};

/**
 * A fresh copy of a fixture workspace (fixtures/workspace, or the folder `fixture` names) in
 * `runDir`: a git repository whose user.name is Ada Lovelace (New Proposal's author), with the same
 * name in the proposalKit.author setting for a machine without git; `settings` are the workspace's
 * other settings (or another author).
 */
export function makeWorkspace(runDir: string, fixture = 'workspace', settings: Record<string, unknown> = {}): string {
  const ws = path.join(runDir, 'workspace');
  fs.cpSync(path.join(FIXTURES, fixture), ws, { recursive: true });
  try {
    execFileSync('git', ['init', '-q'], { cwd: ws, stdio: 'ignore' });
    execFileSync('git', ['config', 'user.name', 'Ada Lovelace'], { cwd: ws, stdio: 'ignore' });
  } catch {
    // No git: the setting below gives the author.
  }
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'proposalKit.author': 'Ada Lovelace', ...settings }, null, 2) + '\n');
  return ws;
}

/** The Proposals view's rows for fixtures/proposals, as [label, description], depth first, as the tree shows them (collapsed rows' children not). */
export const PROPOSALS_ROWS: [string, string][] = [
  ['Kepler EP', '1 proposal'],
  ['Draft', '1 proposal'],
  ['EP-001: GPU Power Estimation', '3 of 19, 0 errors'],
  ['KLIP', '2 proposals'],
  ['In Discussion', '1 proposal'],
  ['KLIP 1 - Faster Builds', '5 of 11, 0 errors'],
  ['Design Approved', '1 proposal'],
  ['KLIP 2 - Query Pausing', '10 of 11, 1 error'],
];
