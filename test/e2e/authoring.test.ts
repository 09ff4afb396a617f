/**
 * Writing a proposal in a real VS Code (code-server in Chromium), in a workspace of its own
 * (fixtures/authoring): two Design Approved KLIPs, each with two empty sections and a missing one.
 * The quick fix "Mark as not applicable" from the keyboard (Ctrl+.), and comments that turn a
 * finding off, typed in the editor.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { PlacedProblem } from '../vscode/expected';
import { FIXTURES, SCREENSHOTS, screenshot, startEditor, waitUntil, type Editor } from './harness';
import { activeEditor, closePanel, goToLine, placedRows, problemsOf, quickOpen } from './workbench';

const NOT_APPLICABLE_KLIP = 'design-proposals/klip-12-query-tags.md';
const SUPPRESSED_KLIP = 'design-proposals/klip-13-query-labels.md';

const empty = (line: number, section: string): PlacedProblem => ({
  severity: 'error',
  line,
  column: 1,
  rule: 'empty-section',
  message: `Section '${section}' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
});
const missing = (line: number): PlacedProblem => ({
  severity: 'error',
  line,
  column: 1,
  rule: 'missing-section',
  message: `Missing required section 'Security Implications' (expected after 'Compatibility Implications').`,
});
/** Both KLIPs as they are in the fixture. */
const FIXTURE_PROBLEMS = [empty(19, 'What is not in scope'), empty(33, 'Test plan'), missing(39)];

const UNKNOWN_RULE = 'empty-sections';
const SUPPRESS = '<!-- proposal-kit-disable-next-line empty-section -->';
const MISSPELT = `<!-- proposal-kit-disable-next-line ${UNKNOWN_RULE} -->`;

describe('writing a proposal in VS Code (code-server, Chromium)', function () {
  this.timeout(180_000);
  let editor: Editor;
  let page: Page;

  before(async function () {
    this.timeout(15 * 60_000); // a first run installs code-server (about 2 minutes)
    for (const f of fs.existsSync(SCREENSHOTS) ? fs.readdirSync(SCREENSHOTS) : []) if (f.startsWith('authoring-')) fs.rmSync(path.join(SCREENSHOTS, f), { force: true });
    editor = await startEditor({ name: 'authoring', fixture: 'authoring' });
    page = editor.page;
  });

  after(async function () {
    await editor?.stop(this.test?.parent?.tests.some((t) => t.state !== 'passed'));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `authoring-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  const onDisk = (rel: string): string => path.join(editor.workspace, rel);
  const fixture = (rel: string): string[] => fs.readFileSync(path.join(FIXTURES, 'authoring', rel), 'utf8').split('\n');

  /** Waits until the Problems panel lists exactly `expected` for the file; fails with what it listed. */
  async function expectProblems(rel: string, expected: readonly PlacedProblem[], what: string): Promise<void> {
    await page.keyboard.press('Control+Shift+M');
    let seen: string[] = [];
    await waitUntil(what, async () => {
      seen = await problemsOf(page, rel);
      return JSON.stringify(seen) === JSON.stringify(placedRows(expected)) ? true : undefined;
    }).catch((e: Error) => assert.fail(`${e.message}; the panel showed ${JSON.stringify(seen, null, 1)}`));
  }

  /** Saves the active editor and returns the file as it is on disk once saved. */
  async function save(rel: string): Promise<string> {
    await page.keyboard.press('Control+S');
    await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached' });
    return fs.readFileSync(onDisk(rel), 'utf8');
  }

  it('"Mark as not applicable" from Ctrl+. on an empty section puts "N/A: " under its heading, the cursor after it, and its finding goes', async () => {
    await quickOpen(page, onDisk(NOT_APPLICABLE_KLIP));
    await expectProblems(NOT_APPLICABLE_KLIP, FIXTURE_PROBLEMS, 'the KLIP\'s problems');
    await closePanel(page);
    await goToLine(page, 19);
    await activeEditor(page).locator('.squiggly-error').first().waitFor();
    // The light bulb shows once the server's code actions for the line are in; Ctrl+. before that
    // may find none and close, so it is pressed again until the action is listed.
    await activeEditor(page).locator('.lightBulbWidget').waitFor({ timeout: 60_000 });
    const action = page.locator('.action-widget .monaco-list-row', { hasText: /^Mark as not applicable/ });
    await waitUntil(
      'the "Mark as not applicable" action',
      async () => {
        if (await action.isVisible()) return true;
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        return (await action.waitFor({ timeout: 5_000 }).then(() => true).catch(() => undefined)) ?? undefined;
      },
      60_000,
    );
    await screenshot(page, 'authoring-1-not-applicable');
    await action.click();
    // The snippet's cursor: right after "N/A: " on the new line 21.
    await page.locator('.statusbar-item', { hasText: 'Ln 21, Col 6' }).waitFor();
    await expectProblems(NOT_APPLICABLE_KLIP, [empty(35, 'Test plan'), missing(41)], 'the empty section\'s problem to go');
    // Back to the editor (the Problems panel has the focus), where the cursor was.
    await page.keyboard.press('Control+1');
    await page.locator('.statusbar-item', { hasText: 'Ln 21, Col 6' }).waitFor();
    const lines = fixture(NOT_APPLICABLE_KLIP);
    assert.equal(await save(NOT_APPLICABLE_KLIP), [...lines.slice(0, 19), '', 'N/A: ', ...lines.slice(19)].join('\n'));
    // Typing goes where the cursor is: the reason, after "N/A: ".
    await page.keyboard.type('tags do not change what a query does.');
    assert.equal((await save(NOT_APPLICABLE_KLIP)).split('\n')[20], 'N/A: tags do not change what a query does.');
    await screenshot(page, 'authoring-1-not-applicable-applied');
  });

  it('a proposal-kit-disable-next-line comment typed above an empty section turns its finding off, the others stay; an unknown rule name in one is a finding', async () => {
    await quickOpen(page, onDisk(SUPPRESSED_KLIP));
    await expectProblems(SUPPRESSED_KLIP, FIXTURE_PROBLEMS, 'the KLIP\'s problems');
    await goToLine(page, 33);
    await page.keyboard.insertText(SUPPRESS);
    await page.keyboard.press('Enter');
    await expectProblems(SUPPRESSED_KLIP, [empty(19, 'What is not in scope'), missing(40)], '\'Test plan\'\'s problem to go');

    // A misspelt rule name turns nothing off, and says so at the comment.
    await goToLine(page, 19);
    await page.keyboard.insertText(MISSPELT);
    await page.keyboard.press('Enter');
    const unknown: PlacedProblem = {
      severity: 'warning',
      line: 19,
      column: 1,
      rule: 'suppression',
      message: `Unknown rule '${UNKNOWN_RULE}' in a proposal-kit-disable-next-line comment: the rules are missing-section, empty-section, placeholder, section-order, heading-level, duplicate-section, metadata, template-version, too-complex, suppression, kep-yaml.`,
    };
    await expectProblems(SUPPRESSED_KLIP, [empty(20, 'What is not in scope'), unknown, missing(41)], 'the unknown rule\'s problem');
    await screenshot(page, 'authoring-2-suppression');
    const lines = fixture(SUPPRESSED_KLIP);
    assert.equal(await save(SUPPRESSED_KLIP), [...lines.slice(0, 18), MISSPELT, ...lines.slice(18, 32), SUPPRESS, ...lines.slice(32)].join('\n'));
  });
});
