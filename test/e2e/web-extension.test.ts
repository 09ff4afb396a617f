/**
 * The web build in a real VS Code's web worker extension host, as github.dev and vscode.dev run
 * it: code-server runs extensions in its Node extension host, but with `remote.extensionKind`
 * set to `web` for Proposal Kit and `extensions.webWorker` on, it runs the extension's `browser`
 * entry (dist/browser-extension.js) in the browser, and the language server
 * (dist/browser-server.js) in a Web Worker beside it. The workspace is the server's
 * (`vscode-remote:` URIs), read through the editor's file system as a virtual one is in github.dev.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot, startEditor, waitUntil, type Editor } from './harness';
import { activeTabPath, palette, pane, problemsOf, quickOpen, showProposals } from './workbench';
import { EXTENSION_ID, PROPOSALS_ROWS } from './workspace';

/** The settings that make VS Code run the extension in its web worker extension host. */
export const WEB_WORKER_HOST = { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] }, 'extensions.webWorker': true };

describe('the web build in VS Code\'s web worker extension host (code-server, Chromium)', function () {
  this.timeout(180_000);
  let editor: Editor;
  let page: Page;

  before(async function () {
    this.timeout(15 * 60_000); // a first run installs code-server (about 2 minutes)
    // There is no git in the browser: New Proposal's author is the setting's, not git's user.name (Ada Lovelace).
    editor = await startEditor({ name: 'web', fixture: 'proposals', settings: WEB_WORKER_HOST, workspaceSettings: { 'proposalKit.author': 'Grace Hopper' } });
    page = editor.page;
  });

  after(async function () {
    await editor?.stop(this.test?.parent?.tests.some((t) => t.state !== 'passed'));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `web-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  it('lists the proposals, checks one (figure and findings), and makes a new one with the setting\'s author; no Node language server runs', async () => {
    await showProposals(page, PROPOSALS_ROWS);

    const klip = path.join(editor.workspace, 'design-proposals', 'klip-2-query-pausing.md');
    await quickOpen(page, klip);
    await page.locator('.statusbar-item', { hasText: '10/11 sections' }).waitFor();
    await page.keyboard.press('Control+Shift+M');
    assert.deepEqual(await waitUntil('the KLIP\'s problem', async () => {
      const rows = await problemsOf(page, 'design-proposals/klip-2-query-pausing.md');
      return rows.length ? rows : undefined;
    }), ["error [Ln 62, Col 1] Missing required section 'Security Implications' (expected after 'Compatibility Implications'). (missing-section)"]);
    await screenshot(page, 'web-1-klip');

    await palette(page, 'Proposal Kit: New Proposal');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^KLIP$/ }) });
    await row.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
    await page.keyboard.type('Faster Web');
    await page.keyboard.press('Enter');
    const created = path.join(editor.workspace, 'design-proposals', 'klip-3-faster-web.md');
    await waitUntil('the new KLIP on disk', () => (fs.existsSync(created) ? true : undefined));
    assert.deepEqual(fs.readFileSync(created, 'utf8').split('\n').slice(0, 3), ['# KLIP 3 - Faster Web', '', '**Author**: Grace Hopper |']);
    await waitUntil('the new KLIP in the active tab', async () => ((await activeTabPath(page)) === created ? true : undefined));
    await screenshot(page, 'web-2-new-proposal');

    // The desktop build would have started dist/server.js in Node.
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
    assert.deepEqual(processes.filter((p) => p.includes(editor.extensionsDir) && p.includes('server.js')), []);
    assert.ok(await pane(page, 'Proposals').isVisible());
  });
});
