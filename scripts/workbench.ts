// Driving VS Code's workbench (code-server in Debian's Chromium) as a person would, for the scripts and tests that
// look at the real editor: Quick Open, the F1 palette, Go to Line. See /work/shared/E2E.md.
import type { Page } from 'playwright-core';

/** Types into the open quick input and accepts the row matching `label` once the list has settled. */
export async function pick(page: Page, text: string, label: string | RegExp): Promise<void> {
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(text, { delay: 10 });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible' });
  await page.waitForTimeout(600); // Quick Open keeps refining its list for a moment after the row appears
  await page.keyboard.press('Enter');
}

/** Ctrl+P, the file's name, Enter; resolves once its tab is active. */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await pick(page, file, file);
  await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor({ state: 'visible' });
}

/** F1, the command's title, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await pick(page, title, title);
}

/** Puts the cursor of the active editor on `line:column` (1-based) with Go to Line. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await pick(page, `${line}:${column}`, /./);
  await page.waitForTimeout(300);
}

/** Waits until the workbench has opened its folder: the explorer lists `file`. */
export async function workbenchReady(page: Page, file: string, timeoutMs = 60_000): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).waitFor({ state: 'visible', timeout: timeoutMs });
}
