/**
 * The packaged extension in a real VS Code (code-server 4.139.1 in Chromium), used as a person uses
 * it: keyboard, mouse, the command palette, the light bulb. Each scenario waits on what the screen
 * or the disk shows, with a timeout, and leaves a screenshot in test-output/e2e/.
 *
 * The scenarios share one editor session and one workspace, in order: the quick fix (2) leaves the
 * file the outline (4) and the hover (6) read.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  AFTER_QUICK_FIX,
  AFTER_QUICK_FIX_PROBLEMS,
  COMPLETION_DETAIL,
  COMPLETION_GUIDANCE,
  COMPLETION_LABEL,
  CONFIG_FILE,
  CONFIG_PROBLEM,
  CONFIG_TYPED,
  DECISION,
  DECISION_PROBLEMS,
  DESIGN_HOVER,
  DESIGN_LINE,
  KLIP,
  KLIP_PROBLEMS,
  NEW_DECISION,
  NEW_TITLE,
  newProposalCases,
  OUTLINE_AFTER_QUICK_FIX,
  OUTLINE_AFTER_WRITING,
  QUICK_FIX_TITLE,
  README,
  TEAM_RFC,
  TEAM_RFC_PROBLEMS,
  TEAM_TEMPLATE_FILE,
  TEAM_TEMPLATE_HEADER,
  TEAM_TEMPLATE_ID,
  TEAM_TEMPLATE_SOURCE,
  TEST_PLAN_LINE,
  TEST_PLAN_TEXT,
  yyyymmdd,
  type Problem,
} from '../vscode/expected';
import { FIXTURES, SCREENSHOTS, screenshot, startEditor, waitUntil, type Editor } from './harness';
import { activeEditor, activeTabPath, bySeverity, closePanel, goToLine, palette, pane, paneHeader, paneRows, placedRows, problems, problemsOf, quickOpen } from './workbench';

describe('the packaged extension in VS Code (code-server, Chromium)', function () {
  // Generous per scenario: a slow CI machine; each wait inside has its own, shorter timeout.
  this.timeout(180_000);
  let editor: Editor;
  let page: Page;

  before(async function () {
    this.timeout(15 * 60_000); // a first run installs code-server (about 2 minutes)
    // This suite's screenshots of an earlier run go (the other suites' are their own: proposals-*, authoring-*).
    for (const f of fs.existsSync(SCREENSHOTS) ? fs.readdirSync(SCREENSHOTS) : []) if (!/^(?:proposals|authoring)-/.test(f)) fs.rmSync(path.join(SCREENSHOTS, f), { force: true });
    editor = await startEditor({ name: 'ui' });
    page = editor.page;
  });

  after(async function () {
    // Keep the run's folder (logs, workspace) when something failed.
    await editor?.stop(this.test?.parent?.tests.some((t) => t.state !== 'passed'));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`;
      await screenshot(page, name).catch(() => undefined);
    }
  });

  const onDisk = (rel: string): string => path.join(editor.workspace, rel);

  it('1. a KLIP with a missing and an empty section: squiggles, and the Problems panel lists them', async () => {
    await quickOpen(page, onDisk(KLIP));
    // Bring both findings into view (the editor draws squiggles on the lines it shows).
    await goToLine(page, KLIP_PROBLEMS[1].line);
    const ed = activeEditor(page);
    await ed.locator('.squiggly-error').nth(KLIP_PROBLEMS.length - 1).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await waitUntil('the Problems panel to list the KLIP\'s problems', async () => {
      const rows = await problems(page);
      return sameProblems(rows, KLIP_PROBLEMS) ? rows : undefined;
    });
    assert.deepEqual(await problems(page), describeProblems(KLIP_PROBLEMS));
    // The picture for the README: the squiggles, the Problems panel and the Proposal view.
    await showProposalView(page);
    await pane(page, 'Proposal').locator('.monaco-list-row', { hasText: 'Compatibility Implications' }).waitFor();
    await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).waitFor({ state: 'hidden' });
    await screenshot(page, '1-problems');
  });

  it('2. the quick fix from the light bulb inserts the missing section in the right place', async () => {
    await quickOpen(page, onDisk(KLIP));
    const missing = KLIP_PROBLEMS.find((p) => p.rule === 'missing-section')!;
    await goToLine(page, missing.line);
    const bulb = activeEditor(page).locator('.lightBulbWidget');
    await bulb.waitFor();
    await bulb.click();
    const action = page.locator('.action-widget .monaco-list-row', { hasText: QUICK_FIX_TITLE });
    await action.waitFor();
    await screenshot(page, '2-quick-fix');
    await action.click();
    await activeEditor(page).locator('.view-line', { hasText: '## Compatibility Implications' }).waitFor();
    await waitUntil('the missing-section problem to disappear', async () => {
      const rows = await problems(page);
      return sameProblems(rows, AFTER_QUICK_FIX_PROBLEMS) ? rows : undefined;
    });
    await page.keyboard.press('Control+S');
    const expected = fs.readFileSync(path.join(FIXTURES, 'expected', AFTER_QUICK_FIX), 'utf8');
    await waitUntil('the saved file on disk', () => (fs.readFileSync(onDisk(KLIP), 'utf8') === expected ? true : undefined)).catch(() => undefined);
    assert.equal(fs.readFileSync(onDisk(KLIP), 'utf8'), expected);
    await screenshot(page, '2-quick-fix-applied');
  });

  it('3. New Proposal from the command palette, twice for each template: named, numbered, opened', async () => {
    const date = yyyymmdd();
    const cases = newProposalCases(date);
    for (const c of cases) {
      for (const [i, run] of c.runs.entries()) {
        await palette(page, 'Proposal Kit: New Proposal');
        const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${c.name}$`) }) });
        await row.waitFor();
        if (c.template === 'klip' && i === 0) await screenshot(page, '3-new-proposal-templates');
        await row.click();
        const steps = c.sig ? 3 : 2;
        await page.locator('.quick-input-widget .quick-input-title', { hasText: `(2/${steps})` }).waitFor();
        await page.keyboard.type(NEW_TITLE);
        await page.keyboard.press('Enter');
        if (c.sig) {
          await page.locator('.quick-input-widget .quick-input-title', { hasText: '(3/3)' }).waitFor();
          await page.keyboard.type(c.sig);
          await page.keyboard.press('Enter');
        }
        // The run's own file, a new one: a run that took another number fails here.
        const file = onDisk(run.file);
        // Created empty first (never over another file), then written: wait for its text.
        await waitUntil(`${run.file} on disk, with its text`, () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8').length > 0 ? true : undefined));
        assert.equal(fs.readFileSync(file, 'utf8').split('\n')[0], run.title, run.file);
        // Opened in the editor: the active tab is the new file.
        await page.locator(`.tab.active[data-resource-name="${path.basename(file)}"]`).waitFor();
        await waitUntil(`the active editor to show ${run.file}`, async () => ((await activeTabPath(page)) === file ? true : undefined));
        if (c.template === 'kep' && i === 0) await screenshot(page, '3-new-proposal-kep');
      }
      const created = c.runs.map((r) => r.file);
      assert.deepEqual(created.map((f) => fs.existsSync(onDisk(f))), [true, true], created.join(', '));
    }
    // A KEP comes with its kep.yaml.
    assert.ok(fs.existsSync(onDisk('keps/sig-node/4211-faster-builds/kep.yaml')));
    assert.ok(fs.existsSync(onDisk('keps/sig-node/4212-faster-builds/kep.yaml')));
  });

  it('4. the Proposal view: sections with their states and the figure, updated when a section is written', async () => {
    await quickOpen(page, onDisk(KLIP));
    await closePanel(page);
    const header = await showProposalView(page);
    await waitUntil('the Proposal view to show the KLIP', async () => {
      const rows = await outlineRows(page);
      return rows.length === OUTLINE_AFTER_QUICK_FIX.entries.length ? rows : undefined;
    });
    assert.deepEqual(await outlineRows(page), OUTLINE_AFTER_QUICK_FIX.entries);
    // Each state has its icon: written, empty, missing optional (its label says so first), missing required.
    const icon = ([label, description]: [string, string]): string =>
      description === '' ? 'pass' : description === 'empty' ? 'circle-outline' : label.startsWith('optional: ') ? 'circle-large-outline' : 'circle-slash';
    assert.deepEqual(await outlineIcons(page), OUTLINE_AFTER_QUICK_FIX.entries.map(icon));
    assert.equal(await header.locator('.description').innerText(), OUTLINE_AFTER_QUICK_FIX.description);
    await statusItem(page, OUTLINE_AFTER_QUICK_FIX.status).waitFor();
    await screenshot(page, '4-outline');

    // Write the empty 'Test plan': the figure and the entry change as soon as it is typed.
    await goToLine(page, TEST_PLAN_LINE + 1);
    await page.keyboard.type(TEST_PLAN_TEXT);
    await page.keyboard.press('Enter');
    await header.locator('.description', { hasText: OUTLINE_AFTER_WRITING.description }).waitFor();
    await statusItem(page, OUTLINE_AFTER_WRITING.status).waitFor();
    await waitUntil('\'Test plan\' to be written in the view', async () => ((await outlineRows(page)).some(([l, d]) => l === 'Test plan' && d === '') ? true : undefined));
    await page.keyboard.press('Control+S');
    await screenshot(page, '4-outline-written');
  });

  it('5. a plain README.md in the same workspace gets no problems', async () => {
    // Only the KLIP stays open (closing a file clears its problems), so the Problems panel is short
    // enough to show every row.
    await quickOpen(page, onDisk(KLIP));
    await palette(page, 'View: Close Other Editors in Group');
    await page.keyboard.press('Control+Shift+M');
    await waitUntil('the Problems panel to list the KLIP alone', async () => {
      const files = (await problems(page)).filter((r) => r.startsWith('file '));
      return files.length === 1 ? files : undefined;
    });
    await quickOpen(page, onDisk(README));
    // The server has answered for the README once the status bar figure and the view are gone.
    await page.locator('.statusbar-item', { hasText: /\d+\/\d+ sections/ }).waitFor({ state: 'hidden' });
    await paneHeader(page, 'Proposal').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Shift+M');
    const rows = await problems(page);
    assert.deepEqual(rows.filter((r) => r.startsWith('file ')), [`file ${path.basename(KLIP)}`], 'the KLIP\'s problems alone are listed');
    assert.equal(await activeEditor(page).locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0);
    await screenshot(page, '5-readme');
  });

  it('6. hover and completion on a heading show the template\'s guidance', async () => {
    await quickOpen(page, onDisk(KLIP));
    await closePanel(page);
    await goToLine(page, DESIGN_LINE + 1);
    const heading = activeEditor(page).locator('.view-line', { hasText: /^##\s+Design$/ });
    await heading.hover({ position: { x: 30, y: 5 } });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: DESIGN_HOVER[1] });
    await hover.waitFor();
    const text = await hover.innerText();
    assert.ok(text.includes('Design: required section of KLIP'), text);
    await screenshot(page, '6-hover');
    await page.keyboard.press('Escape');

    // A new heading at the end: completion offers the missing (optional) section with its guidance.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('## ');
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row', { hasText: COMPLETION_LABEL });
    await item.waitFor();
    const details = page.locator('.suggest-details', { hasText: COMPLETION_GUIDANCE });
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space'); // toggles the details
    await details.waitFor();
    assert.ok((await details.innerText()).includes(COMPLETION_DETAIL));
    await screenshot(page, '6-completion');
    await page.keyboard.press('Enter');
    await activeEditor(page).locator('.view-line', { hasText: `## ${COMPLETION_LABEL}` }).waitFor();
  });

  it('7. a workspace template and .proposalkit.json: findings, New Proposal, Create Template from This File, errors at the bad key', async () => {
    // Start from no open editors, so the Problems panel lists only what this scenario opens.
    await quickOpen(page, onDisk(KLIP));
    await page.keyboard.press('Control+S');
    await palette(page, 'View: Close All Editors');
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });

    // The MADR-style template in .proposals/templates checks a decision written with it.
    await quickOpen(page, onDisk(DECISION));
    await page.keyboard.press('Control+Shift+M');
    await waitUntil('the Problems panel to list the decision\'s problems', async () => {
      const rows = await problemsOf(page, DECISION);
      return JSON.stringify(rows) === JSON.stringify(placedRows(DECISION_PROBLEMS)) ? rows : undefined;
    });
    assert.deepEqual(await problemsOf(page, DECISION), placedRows(DECISION_PROBLEMS));
    await screenshot(page, '7-custom-template');

    // New Proposal offers it, and puts the proposal in the folder .proposalkit.json names.
    await palette(page, 'Proposal Kit: New Proposal');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${NEW_DECISION.name}$`) }) });
    await row.waitFor();
    await row.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
    await page.keyboard.type(NEW_TITLE);
    await page.keyboard.press('Enter');
    const created = onDisk(NEW_DECISION.file);
    await waitUntil(`${NEW_DECISION.file} on disk`, () => (fs.existsSync(created) ? true : undefined));
    assert.deepEqual(fs.readFileSync(created, 'utf8').split('\n').slice(0, 3), NEW_DECISION.lines);
    await waitUntil(`the active editor to show ${NEW_DECISION.file}`, async () => ((await activeTabPath(page)) === created ? true : undefined));
    await palette(page, 'View: Close Editor');

    // A plain team template becomes a workspace template; a proposal naming it is checked at once.
    // Before, the proposal names a template there is not: it is no proposal (no figure, no view).
    await quickOpen(page, onDisk(TEAM_RFC));
    await page.locator('.statusbar-item', { hasText: /\d+\/\d+ sections/ }).waitFor({ state: 'hidden' });
    assert.deepEqual(await problemsOf(page, TEAM_RFC), []);
    await quickOpen(page, onDisk(TEAM_TEMPLATE_SOURCE));
    await palette(page, 'Proposal Kit: Create Template from This File');
    const input = page.locator('.quick-input-widget input');
    await waitUntil('the suggested id', async () => ((await input.inputValue()) === TEAM_TEMPLATE_ID ? true : undefined));
    await screenshot(page, '7-create-template');
    await page.keyboard.press('Enter');
    const templateFile = onDisk(TEAM_TEMPLATE_FILE);
    // The file is created, then written: wait for its text, not only for it to be there.
    const templateText = TEAM_TEMPLATE_HEADER + fs.readFileSync(onDisk(TEAM_TEMPLATE_SOURCE), 'utf8');
    await waitUntil(`${TEAM_TEMPLATE_FILE} written`, () => (fs.existsSync(templateFile) && fs.readFileSync(templateFile, 'utf8') !== '' ? true : undefined));
    assert.equal(fs.readFileSync(templateFile, 'utf8'), templateText);
    await waitUntil('the new template in the active editor', async () => ((await activeTabPath(page)) === templateFile ? true : undefined));
    await palette(page, 'View: Close Editor');
    await quickOpen(page, onDisk(TEAM_RFC));
    await waitUntil('the proposal to be checked against the new template', async () => {
      const rows = await problemsOf(page, TEAM_RFC);
      return JSON.stringify(rows) === JSON.stringify(placedRows(TEAM_RFC_PROBLEMS)) ? rows : undefined;
    });

    // A mistake typed into .proposalkit.json shows at the key, from Proposal Kit and from the schema.
    await quickOpen(page, onDisk(CONFIG_FILE));
    await goToLine(page, CONFIG_PROBLEM.line);
    await page.keyboard.insertText(CONFIG_TYPED);
    const expectedRow = placedRows([CONFIG_PROBLEM])[0];
    // Two servers answer: Proposal Kit's and VS Code's JSON language server, which starts on the
    // first JSON file opened (slow on a busy machine).
    let seen: string[] = [];
    await waitUntil(
      'the configuration error in the Problems panel',
      async () => {
        const rows = (seen = await problemsOf(page, CONFIG_FILE));
        return rows.includes(expectedRow) && rows.some((r) => r.includes('colour') && r.includes('not allowed')) ? rows : undefined;
      },
      60_000,
    ).catch((e: Error) => assert.fail(`${e.message}; the panel showed ${JSON.stringify(seen)}`));
    await screenshot(page, '7-config-error');
    await palette(page, 'File: Revert File');
    await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
    await waitUntil('the reverted configuration to have no problems', async () => ((await problemsOf(page, CONFIG_FILE)).length === 0 ? true : undefined));
  });

  it('8. New Proposal for each template opens quiet (hints only), and the Proposal view never shows a figure over another document\'s rows', async () => {
    await palette(page, 'View: Close All Editors');
    for (const c of newProposalCases()) {
      // Start from KLIP 7, which has written sections: its rows under the new proposal's figure would show.
      await quickOpen(page, onDisk(KLIP));
      await closePanel(page);
      await showProposalView(page);
      await waitUntil('the Proposal view to show KLIP 7', async () => ((await outlineRows(page)).some(([, d]) => d === '') ? true : undefined));
      await recordProposalView(page);
      await palette(page, 'Proposal Kit: New Proposal');
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${c.name}$`) }) });
      await row.waitFor();
      await row.click();
      await page.locator('.quick-input-widget .quick-input-title', { hasText: `(2/${c.sig ? 3 : 2})` }).waitFor();
      await page.keyboard.type('Quiet Start');
      await page.keyboard.press('Enter');
      if (c.sig) {
        await page.locator('.quick-input-widget .quick-input-title', { hasText: '(3/3)' }).waitFor();
        await page.keyboard.type(c.sig);
        await page.keyboard.press('Enter');
      }
      const file = await waitUntil(`the new ${c.name} proposal in the active editor`, async () => {
        const p = await activeTabPath(page);
        return p && p !== onDisk(KLIP) && /quiet[-_]start/.test(p) ? p : undefined;
      });
      // The view has the new proposal once its figure says nothing is written and no row is.
      await waitUntil(`the Proposal view to show the new ${c.name} proposal`, async () => {
        const description = await paneHeader(page, 'Proposal').locator('.description').innerText();
        const rows = await outlineRows(page);
        return description.startsWith('0 of ') && rows.length > 0 && rows.every(([, d]) => d !== '') ? true : undefined;
      });
      const seen = await recordedProposalView(page);
      const mixed = seen.filter((r) => r.description.startsWith('0 of ') && r.rows.some(([, d]) => d === ''));
      assert.deepEqual(mixed, [], `${c.name}: the new figure over KLIP 7's rows`);
      assert.ok(seen.length > 0, `${c.name}: the view changed while it was watched`);
      // Checked: its findings are hints (dotted), none a warning or an error, in the editor or the Problems panel.
      await activeEditor(page).locator('.squiggly-hint').first().waitFor({ timeout: 30_000 });
      assert.equal(await activeEditor(page).locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0, file);
      await page.keyboard.press('Control+Shift+M');
      assert.deepEqual(await problemsOf(page, path.relative(editor.workspace, file)), [], file);
      if (c.template === 'klip') await screenshot(page, '8-new-proposal-quiet');
      await palette(page, 'View: Close All Editors');
    }
  });

  it('9. the Getting Started walkthrough opens, with its four steps', async () => {
    await palette(page, 'Proposal Kit: Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('h2', { hasText: 'Get Started with Proposal Kit' }).first().waitFor();
    for (const step of ['Create a proposal', 'Read a finding', 'Fix it', 'Add your own template']) {
      await walkthrough.locator('.getting-started-step .step-title', { hasText: new RegExp(`^${step}$`) }).first().waitFor();
    }
    await screenshot(page, '9-walkthrough');
    await palette(page, 'View: Close All Editors');
  });
});

// --- driving the workbench --------------------------------------------------------------------

function describeProblems(expected: readonly Problem[]): string[] {
  return [`file ${path.basename(KLIP)}`, ...[...expected].sort(bySeverity).map((p) => `${p.severity} [Ln ${p.line}, Col 1] ${p.message} (${p.rule})`)];
}

function sameProblems(rows: string[], expected: readonly Problem[]): boolean {
  return JSON.stringify(rows) === JSON.stringify(describeProblems(expected));
}

/** Shows the Proposal view in the Explorer with room for all its entries; returns its header. */
async function showProposalView(page: Page): Promise<Locator> {
  const explorer = page.locator('.explorer-viewlet, .part.sidebar');
  await explorer.first().waitFor();
  const header = paneHeader(page, 'Proposal');
  await header.waitFor();
  // The extension expands the view itself the first time a proposal is opened: a click at that
  // moment collapses it again, so click until it stays expanded.
  await waitUntil('the Proposal view to be expanded', async () => {
    if ((await header.getAttribute('aria-expanded')) === 'true') return true;
    await header.click();
    return undefined;
  });
  // Collapse the folder tree, so the view gets its room.
  const folders = page.locator('.pane-header').first();
  if ((await folders.getAttribute('aria-expanded')) === 'true' && !(await folders.innerText()).includes('Proposal')) await folders.click();
  return header;
}

/** The Proposal view's entries: [label, description]. */
async function outlineRows(page: Page): Promise<[string, string][]> {
  return paneRows(page, 'Proposal');
}

/** The codicon of each of the Proposal view's entries ("pass", "circle-outline"...). */
async function outlineIcons(page: Page): Promise<string[]> {
  return pane(page, 'Proposal').locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => /\bcodicon-([\w-]+)/.exec(r.querySelector('.custom-view-tree-node-item-icon')?.className ?? '')?.[1] ?? ''),
  );
}

/** The status bar item with the completeness figure ("$(checklist) 9/11 sections" shows as an icon and "9/11 sections"). */
function statusItem(page: Page, text: string): Locator {
  return page.locator('.statusbar-item', { hasText: text.replace(/^\$\([\w-]+\)\s*/, '') });
}

/** What runs in the page: the DOM's MutationObserver, typed here (the tests compile without the DOM's types). */
interface PageObserver {
  observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData: boolean }): void;
  disconnect(): void;
}
interface PageGlobals {
  MutationObserver: new (callback: () => void) => PageObserver;
  pkSeen?: { description: string; rows: [string, string][] }[];
  pkObserver?: PageObserver;
}

/**
 * Records, in the page, what the Proposal view shows after each change to it: its figure and its
 * rows together, as a person would see them at that moment.
 */
async function recordProposalView(page: Page): Promise<void> {
  await pane(page, 'Proposal').evaluate((el) => {
    const w = globalThis as unknown as PageGlobals;
    w.pkObserver?.disconnect();
    const seen: { description: string; rows: [string, string][] }[] = (w.pkSeen = []);
    // No named functions in here: the page gets this function's source as it is.
    w.pkObserver = new w.MutationObserver(() => {
      const description = el.querySelector('.pane-header .description')?.textContent?.trim() ?? '';
      const rows = [...el.querySelectorAll('.monaco-list-row')].map((r) => [r.querySelector('.label-name')?.textContent?.trim() ?? '', r.querySelector('.label-description')?.textContent?.trim() ?? ''] as [string, string]);
      seen.push({ description, rows });
    });
    w.pkObserver.observe(el, { subtree: true, childList: true, characterData: true });
  });
}

/** What recordProposalView saw, and stops recording. */
async function recordedProposalView(page: Page): Promise<{ description: string; rows: [string, string][] }[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.pkObserver?.disconnect();
    return w.pkSeen ?? [];
  });
}
