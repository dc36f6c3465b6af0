// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (no downloaded
// browser), a page that loads dist/webview.js the way the VS Code panel will (strict CSP, a nonce,
// a stubbed acquireVsCodeApi), view models built by the core, and the screenshot folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inspectDocument } from '../../src/core/inspect';
import { buildViewModel } from '../../src/core/buildViewModel';
import type { HostMessage } from '../../src/shared/protocol';
import type { ViewModel } from '../../src/shared/viewModel';

export const ROOT = path.resolve(__dirname, '..', '..');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
/** The fake origin the webview page is served from (answered by page.route, never by the network). */
export const ORIGIN = 'http://webview.test';
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY=';

/** Launches headless Chromium, keeping its profile and crash reports in a temporary directory. */
export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
  });
  fs.mkdirSync(RESULTS, { recursive: true });
  return {
    browser,
    close: async () => {
      await browser.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The dist/ bundle, which `npm run test:browser` builds first. */
export function bundle(): { script: string; css: string } {
  const script = path.join(ROOT, 'dist', 'webview.js');
  if (!fs.existsSync(script)) throw new Error('dist/webview.js is missing: run npm run build (npm run test:browser does)');
  return { script: fs.readFileSync(script, 'utf8'), css: fs.readFileSync(path.join(ROOT, 'dist', 'webview.css'), 'utf8') };
}

/** A few of VS Code's theme variables (Dark Modern and Light Modern), as a webview receives them. */
const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px', '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
      '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editor-background': '#1f1f1f',
      '--vscode-sideBar-background': '#181818', '--vscode-editorWidget-background': '#202020', '--vscode-panel-border': '#2b2b2b',
      '--vscode-focusBorder': '#0078d4', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c', '--vscode-editorError-foreground': '#f85149', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-editorInfo-foreground': '#3794ff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#cca700', '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#f14c4c', '--vscode-charts-purple': '#b180d7', '--vscode-terminal-ansiMagenta': '#bc3fbc',
      '--vscode-charts-foreground': '#cccccc', '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)', '--vscode-terminal-ansiCyan': '#11a8cd',
      '--vscode-editor-lineHighlightBackground': 'rgba(255, 255, 255, 0.06)', '--vscode-editorIndentGuide-background1': '#404040',
      '--vscode-textLink-foreground': '#4daafc', '--vscode-editorHoverWidget-background': '#202020', '--vscode-editorHoverWidget-border': '#454545',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px', '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
      '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#717171', '--vscode-editor-background': '#ffffff',
      '--vscode-sideBar-background': '#f8f8f8', '--vscode-editorWidget-background': '#f8f8f8', '--vscode-panel-border': '#e5e5e5',
      '--vscode-focusBorder': '#005fb8', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000',
      '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-editorError-foreground': '#e51400', '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-editorInfo-foreground': '#1a85ff', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34',
      '--vscode-charts-yellow': '#bf8803', '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#e51400', '--vscode-charts-purple': '#652d90', '--vscode-terminal-ansiMagenta': '#bc05bc',
      '--vscode-charts-foreground': '#616161', '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)', '--vscode-terminal-ansiCyan': '#0598bc',
      '--vscode-editor-lineHighlightBackground': 'rgba(0, 0, 0, 0.04)', '--vscode-editorIndentGuide-background1': '#d3d3d3',
      '--vscode-textLink-foreground': '#005fb8', '--vscode-editorHoverWidget-background': '#f8f8f8', '--vscode-editorHoverWidget-border': '#c8c8c8',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
      '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffff', '--vscode-editor-background': '#000000',
      '--vscode-sideBar-background': '#000000', '--vscode-editorWidget-background': '#0c141f', '--vscode-panel-border': '#6fc3df',
      '--vscode-contrastBorder': '#6fc3df', '--vscode-focusBorder': '#f38518', '--vscode-list-activeSelectionBackground': '#000000',
      '--vscode-list-focusOutline': '#f38518', '--vscode-list-hoverBackground': '#000000', '--vscode-input-background': '#000000',
      '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df', '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff', '--vscode-editorError-foreground': '#f48771', '--vscode-editorWarning-foreground': '#ffd370',
      '--vscode-editorInfo-foreground': '#3794ff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#ffd370',
      '--vscode-charts-orange': '#ffb86c', '--vscode-charts-red': '#f48771', '--vscode-charts-purple': '#b180d7', '--vscode-terminal-ansiMagenta': '#d670d6', '--vscode-charts-foreground': '#ffffff',
      '--vscode-charts-lines': 'rgba(255, 255, 255, 0.5)', '--vscode-textLink-foreground': '#21a6ff',
    },
  },
} as const;

export type ThemeName = keyof typeof THEMES;

/**
 * Opens the webview as the panel host will: dist/webview.js and dist/webview.css under a strict CSP
 * with a nonce, VS Code's theme variables on <html>, and acquireVsCodeApi stubbed to record posted
 * messages in window.__posted. Any request other than the page's own three is refused and recorded.
 */
export async function openWebview(browser: Browser, options: { theme?: ThemeName; width?: number; height?: number } = {}): Promise<{ page: Page; blocked: string[]; problems: string[] }> {
  const { script, css } = bundle();
  const theme = THEMES[options.theme ?? 'dark'];
  const page = await browser.newPage({ viewport: { width: options.width ?? 1440, height: options.height ?? 900 } });
  const blocked: string[] = [];
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${ORIGIN} 'nonce-${NONCE}'; img-src ${ORIGIN} data:; font-src ${ORIGIN}">
<link rel="stylesheet" href="${ORIGIN}/webview.css">
</head>
<body class="${theme.bodyClass}">
<script nonce="${NONCE}">
  // VS Code sets its theme variables on <html> through the CSSOM, which the CSP allows.
  for (const [name, value] of Object.entries(${JSON.stringify(theme.vars)})) document.documentElement.style.setProperty(name, value);
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => window.__state,
    setState: (state) => { window.__state = state; },
  });
</script>
<script nonce="${NONCE}" src="${ORIGIN}/webview.js"></script>
</body>
</html>`;
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: html });
    if (url === `${ORIGIN}/webview.js`) return route.fulfill({ contentType: 'text/javascript', body: script });
    if (url === `${ORIGIN}/webview.css`) return route.fulfill({ contentType: 'text/css', body: css });
    blocked.push(url);
    return route.abort();
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return { page, blocked, problems };
}

/** Posts a message from the "host" to the webview, as VS Code delivers it. */
export async function postToWebview(page: Page, message: HostMessage): Promise<void> {
  // As text: Playwright's own serialisation of a 100,000-event object is far slower than JSON.
  await page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
}

/** The messages the webview has posted to the host so far. */
export async function posted(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);
}

/** The view model of capture files' texts, as the panel host will build it. */
export async function modelOf(files: Record<string, string>, eventList = false): Promise<ViewModel> {
  const inputs = [];
  for (const [name, text] of Object.entries(files)) inputs.push({ name, text, inspection: await inspectDocument(text) });
  return buildViewModel(inputs, { eventList });
}

/** Reads a file of samples/. */
export function sample(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
}

/** Waits until the webview has drawn (two animation frames after the last change). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** A screenshot into test-results/. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export { event, lines } from '../fixtures/flows';
/** The page's `window.callEvents`, declared once for the tests' page.evaluate calls. */
export type { CallEventsTestHooks } from '../../webview/testHooks';

/**
 * Opens a written HTML report from disk in a fresh context, with every request it makes and every page
 * error, console error or CSP refusal collected; resolves once `selector` is drawn.
 */
export async function openReport(browser: Browser, file: string, options: { width: number; height: number; colorScheme?: 'light' | 'dark'; selector?: string }): Promise<{ page: Page; url: string; requests: string[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  const url = pathToFileURL(file).href;
  await page.goto(url);
  await page.waitForSelector(options.selector ?? '.graph-svg g.node');
  return { page, url, requests, problems };
}
