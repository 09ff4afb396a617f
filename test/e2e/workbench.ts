/** Driving the VS Code workbench as a person does, shared by the real-editor scenarios. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { PlacedProblem, Problem } from '../vscode/expected';
import { waitUntil } from './harness';

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/**
 * Opens a file with Quick Open (Ctrl+P), as a person would, and waits for its tab. The file is
 * typed as an absolute path, which Quick Open takes as that one file (a bare "README.md" would
 * also match every KEP's README.md).
 */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await page.keyboard.type(file);
  // Until the typed text is applied, the list shows recently opened files: wait for the file on top.
  await page.locator('.quick-input-list .monaco-list-row[data-index="0"]', { hasText: path.basename(file) }).waitFor();
  await page.keyboard.press('Enter');
  await waitUntil(`${file} in the active tab`, async () => ((await activeTabPath(page)) === file ? true : undefined));
  await activeEditor(page).locator('.view-lines').waitFor();
}

/** Runs a command from the command palette (F1). */
export async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  // The row whose name is exactly the command: a recently used command that also matches the
  // typing ("View: Close All Editors" for "View: Close Editor") may be the one focused.
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) });
  await row.first().click();
}

/** The full path of the active tab's file (the aria-label of the tab's icon label). */
export async function activeTabPath(page: Page): Promise<string | undefined> {
  const label = page.locator('.editor-group-container.active .tab.active .monaco-icon-label').first();
  if (!(await label.count())) return undefined;
  // Git decorations follow the path: "/ws/a.md • Untracked".
  return (await label.getAttribute('aria-label'))?.replace(/\s+•.*$/, '') ?? undefined;
}

/** A view's header in the side bar, by its exact title ("Proposal" is not "Proposals"). */
export function paneHeader(page: Page, title: string): Locator {
  return page.locator('.pane-header', { has: page.locator('h3.title', { hasText: new RegExp(`^${title}$`) }) });
}

/** A view in the side bar (header and body), by its exact title. */
export function pane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: paneHeader(page, title) });
}

/** A side bar view's tree rows: [label, description], as drawn (a collapsed row's children are not). */
export async function paneRows(page: Page, title: string): Promise<[string, string][]> {
  return pane(page, title).locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('.label-name')?.textContent?.trim() ?? '', r.querySelector('.label-description')?.textContent?.trim() ?? ''] as [string, string]),
  );
}

/** Puts the cursor at the start of a (one-based) line with Go to Line (Ctrl+G). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 1` }).waitFor();
}

/**
 * The Problems panel's marker rows, as "severity line:col message (rule)" (file rows, which
 * only name the file, as "file <name>").
 */
export async function problems(page: Page): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  await panel.waitFor();
  return panel.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => {
      const file = r.querySelector('.file-icon .label-name, .resource-label .label-name');
      if (file && !r.querySelector('.marker-message-details')) return `file ${file.textContent?.trim()}`;
      const severity = r.querySelector('.codicon-error') ? 'error' : r.querySelector('.codicon-warning') ? 'warning' : 'other';
      const message = r.querySelector('.marker-message')?.textContent?.trim() ?? '';
      const code = r.querySelector('.marker-code')?.textContent?.trim() ?? '';
      const where = r.querySelector('.marker-line')?.textContent?.trim() ?? '';
      return `${severity} ${where} ${message} (${code})`;
    }),
  );
}

/**
 * The Problems panel's rows under one file, as problems() gives them (none when the file is not
 * listed). The panel is filtered to the file first: its list draws only the rows in view, and
 * another file's problems can push this file's out of it.
 */
export async function problemsOf(page: Page, rel: string): Promise<string[]> {
  const name = path.basename(rel);
  await page.locator('.markers-panel').waitFor();
  // The Problems view's filter (the Debug Console's also begins "Filter (e.g. text").
  const box = page.getByPlaceholder(/\*\*\/\*\.ts/).first();
  const want = `**/${name}`;
  if ((await box.inputValue()) !== want) {
    await box.fill(want);
    // The view can drop a change to its filter made while it is still updating (it then keeps the
    // previous file's rows): the filter is typed again until the rows follow it.
    let filled = Date.now();
    await waitUntil(`the Problems panel filtered to ${name}`, async () => {
      if ((await problems(page)).every((r) => !r.startsWith('file ') || r === `file ${name}`)) return true;
      if ((await box.inputValue()) !== want || Date.now() - filled > 3_000) {
        await box.fill('');
        await box.fill(want);
        filled = Date.now();
      }
      return undefined;
    });
  }
  const rows = await problems(page);
  const start = rows.indexOf(`file ${name}`);
  if (start < 0) return [];
  const next = rows.findIndex((r, i) => i > start && r.startsWith('file '));
  return rows.slice(start + 1, next < 0 ? undefined : next);
}

/** Problems as the panel lists them: errors first, then by line and column. */
export function placedRows(expected: readonly PlacedProblem[]): string[] {
  return [...expected]
    .sort((a, b) => bySeverity(a, b) || a.column - b.column)
    .map((p) => `${p.severity} [Ln ${p.line}, Col ${p.column}] ${p.message} (${p.rule})`);
}

/** The Problems panel sorts errors first, then by line. */
export function bySeverity(a: Problem, b: Problem): number {
  return (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) || a.line - b.line;
}

/** Hides the panel (Problems, Output...) if it is open, for more editor in the screenshots. */
export async function closePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  if (await panel.isVisible()) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden' });
  }
}

/**
 * Opens the Proposals view (the folder tree collapsed, so the view gets its room) and waits until
 * it lists `rows` ([label, description], as paneRows gives them); gives the view's header.
 */
export async function showProposals(page: Page, rows: readonly [string, string][]): Promise<Locator> {
  const header = paneHeader(page, 'Proposals');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const folders = page.locator('.pane-header').first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  await waitUntil('the Proposals view to list the workspace\'s proposals', async () => (JSON.stringify(await paneRows(page, 'Proposals')) === JSON.stringify(rows) ? true : undefined), 60_000).catch(async (e: Error) =>
    assert.fail(`${e.message}; it showed ${JSON.stringify(await paneRows(page, 'Proposals'))}`),
  );
  return header;
}
