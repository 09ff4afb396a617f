/**
 * The Proposals view in a real VS Code (code-server in Chromium), in a workspace of its own
 * (fixtures/proposals): three proposals of two templates, two KLIPs and a Kepler EP.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, screenshot, startEditor, waitUntil, type Editor } from './harness';
import { activeEditor, activeTabPath, palette, pane, paneHeader, paneRows, quickOpen, showProposals } from './workbench';
import { PROPOSALS_ROWS as ROWS } from './workspace';

describe('the Proposals view in VS Code (code-server, Chromium)', function () {
  this.timeout(180_000);
  let editor: Editor;
  let page: Page;

  before(async function () {
    this.timeout(15 * 60_000); // a first run installs code-server (about 2 minutes)
    for (const f of fs.existsSync(SCREENSHOTS) ? fs.readdirSync(SCREENSHOTS) : []) if (f.startsWith('proposals-')) fs.rmSync(path.join(SCREENSHOTS, f), { force: true });
    editor = await startEditor({ name: 'proposals', fixture: 'proposals' });
    page = editor.page;
  });

  after(async function () {
    await editor?.stop(this.test?.parent?.tests.some((t) => t.state !== 'passed'));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `proposals-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  it('shows the three proposals of two templates by template and status, with completeness, errors and what the next status needs; the first proposal opened brings the Proposal view into sight, once; a click opens one; kept current as a file changes', async () => {
    const header = await showProposals(page, ROWS);
    assert.equal(await header.locator('.description').innerText(), '3 proposals');

    // What KLIP 2 still needs for its next status.
    await row(page, 'KLIP 2 - Query Pausing').locator('.monaco-tl-twistie').click();
    await waitUntil('KLIP 2\'s needs', async () => ((await rows(page)).some(([l, d]) => l === 'Security Implications' && d === 'needed for In development') ? true : undefined));
    assert.deepEqual((await rows(page)).slice(-1), [['Security Implications', 'needed for In development']]);
    // A wider side bar for the picture, so the figures show in full.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const edge = { x: sidebar.x + sidebar.width, y: sidebar.y + sidebar.height * 0.75 };
      await page.mouse.move(edge.x, edge.y);
      await page.mouse.down();
      await page.mouse.move(edge.x + 240, edge.y, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(edge.x + 600, edge.y); // off the sash, which is drawn while hovered
    }
    await screenshot(page, 'proposals-1-view');

    // The first proposal opened in the workspace brings the Proposal view into sight, expanded,
    // even from another side bar view; the next one leaves the side bar as the user set it.
    const figure = async (rel: string): Promise<void> => {
      await waitUntil(`${rel} in the active tab`, async () => ((await activeTabPath(page)) === path.join(editor.workspace, rel) ? true : undefined));
      await page.locator('.statusbar-item', { hasText: /\d+\/\d+ sections/ }).waitFor();
    };
    await page.keyboard.press('Control+Shift+F');
    await page.locator('.part.sidebar .title-label', { hasText: /search/i }).waitFor();
    await quickOpen(page, path.join(editor.workspace, 'design-proposals', 'klip-2-query-pausing.md'));
    await figure('design-proposals/klip-2-query-pausing.md');
    await waitUntil('the Proposal view in sight, expanded', async () => ((await paneHeader(page, 'Proposal').getAttribute('aria-expanded')) === 'true' && (await paneHeader(page, 'Proposal').isVisible()) ? true : undefined));
    await page.keyboard.press('Control+Shift+F');
    await page.locator('.part.sidebar .title-label', { hasText: /search/i }).waitFor();
    await quickOpen(page, path.join(editor.workspace, 'docs', 'developer', 'proposal', 'EP-001-gpu-power-estimation.md'));
    await figure('docs/developer/proposal/EP-001-gpu-power-estimation.md');
    assert.ok(await page.locator('.part.sidebar .title-label', { hasText: /search/i }).isVisible(), 'the Search view stays');
    await page.keyboard.press('Control+Shift+E');
    await paneHeader(page, 'Proposals').waitFor();

    // A click opens the proposal (in a preview tab, as a click in the Explorer does).
    await row(page, 'KLIP 1 - Faster Builds').click();
    await page.locator('.editor-group-container.active .tab.active[data-resource-name="klip-1-faster-builds.md"]').waitFor();
    await activeEditor(page).locator('.view-line', { hasText: '# KLIP 1 - Faster Builds' }).waitFor();

    // Written on disk (by git, another editor) while no editor has it open: the view follows.
    await palette(page, 'View: Close All Editors');
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
    const ep = path.join(editor.workspace, 'docs', 'developer', 'proposal', 'EP-001-gpu-power-estimation.md');
    const text = fs.readFileSync(ep, 'utf8');
    const written = text.replace(/(## Non-Goals\n\n<!--.*-->\n)/, '$1\nEstimating CPU power.\n');
    assert.notEqual(written, text);
    fs.writeFileSync(ep, written);
    await waitUntil('the EP\'s figure to follow the file', async () => ((await rows(page)).some(([l, d]) => l === 'EP-001: GPU Power Estimation' && d === '4 of 19, 0 errors') ? true : undefined), 30_000);
  });
});

function row(page: Page, label: string) {
  return pane(page, 'Proposals').locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** The Proposals view's rows: [label, description]. */
function rows(page: Page): Promise<[string, string][]> {
  return paneRows(page, 'Proposals');
}
