/** Driving the VS Code workbench as a person does, shared by the real-editor scenarios. */
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
