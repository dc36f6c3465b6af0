// The call graph panel inside a real editor: code-server (VS Code 1.139, a real extension host; see
// scripts/codeServer.ts and /work/shared/E2E.md) with the extension under development, on a scratch copy of
// samples/, driven through Debian's Chromium like a person would: Quick Open, the F1 palette, a click in the
// webview, Ctrl+G, a window reload. It checks the two directions of the panel's link to the editor (a click on a leg moves the
// editor's cursor to that leg's first event; the cursor on a line highlights its leg) and leaves a screenshot of
// the editor with the panel beside it in test-results/screenshots/panel-in-editor.png, to look at.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { ensureCodeServer, freePort, launchChromium, ROOT, scratchDir, startCodeServer, waitHealthy, type CodeServer } from '../../scripts/codeServer';
import { pick } from '../../scripts/workbench';

const SAMPLE = 'monitored-barge.jsonl';
const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
/** The monitor leg that barges in. */
const BARGE_LEG = '6917402258563072';
/** The monitor leg that takes over: the one the cursor is put on. */
const TAKEOVER_LEG = '5034651187347456';

interface SampleEvent {
  line: number;
  callId: string;
  timestamp: number;
}

/** The sample's events with their 1-based lines; call ids read as text (they exceed 2^53 in other captures). */
function sampleEvents(): SampleEvent[] {
  const text = fs.readFileSync(path.join(ROOT, 'samples', SAMPLE), 'utf8');
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    const callId = /"call_id":(\d+)/.exec(line)?.[1];
    const timestamp = (JSON.parse(line) as { event_timestamp?: unknown }).event_timestamp;
    return callId && typeof timestamp === 'number' ? [{ line: i + 1, callId, timestamp }] : [];
  });
}

/** The line of a leg's event that comes first (`first`) or last in time. */
function lineOf(events: SampleEvent[], callId: string, which: 'first' | 'last'): number {
  const legEvents = events.filter((e) => e.callId === callId);
  assert.ok(legEvents.length > 0, `no event of call ${callId} in ${SAMPLE}`);
  return legEvents.reduce((best, e) => ((which === 'first' ? e.timestamp < best.timestamp : e.timestamp > best.timestamp) ? e : best)).line;
}

/** The text of the status bar's "Ln N, Col M" item. */
async function cursorPosition(page: Page): Promise<string> {
  return (await page.locator('[id="status.editor.selection"]').innerText()).trim();
}

/** Polls `read` until it returns `expected`, failing with the last value seen after `timeoutMs`. */
async function until<T>(what: string, read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last === expected) return;
    if (Date.now() > deadline) assert.fail(`${what}: expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the call graph panel in a real editor (code-server)', function () {
  this.timeout(90_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let webview: FrameLocator;
  let serverLog = '';
  const events = sampleEvents();
  // The process group and the scratch folder also go on 'exit' (scripts/codeServer.ts): a signal just exits.
  const onSignal = () => process.exit(1);

  before(async function () {
    this.timeout(10 * 60_000); // the first run on a fresh machine installs code-server and Chromium
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
    const install = ensureCodeServer();
    if (!install) throw new Error('scripts/ensure-code-server.sh failed (see above)');
    for (const stale of ['png', 'code-server.log']) fs.rmSync(path.join(SCREENSHOTS, `panel-in-editor-failure.${stale}`), { force: true });
    const tmp = scratchDir('call-events-panel-e2e-');
    const workspace = path.join(tmp, 'samples');
    fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
    // VS Code's dark theme, whatever the browser prefers (startCodeServer adds its settings to this file, keeping ours).
    const settings = path.join(tmp, 'user-data', 'User', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
    serverLog = path.join(tmp, 'code-server.log');
    const port = await freePort();
    server = startCodeServer({ install, port, dataDir: tmp, logFile: serverLog });
    if (!(await waitHealthy(port, 60_000, () => server!.process.exitCode !== null))) {
      throw new Error(`code-server did not start:\n${fs.readFileSync(serverLog, 'utf8')}`);
    }
    browser = await launchChromium(install, path.join(tmp, 'xdg'));
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
    page.setDefaultTimeout(30_000);
    await page.goto(server.url(workspace, [['extensionDevelopmentPath', server.remote(ROOT)]]), { waitUntil: 'load', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SAMPLE }).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.activitybar [aria-label="Call Events"]').first().waitFor({ state: 'visible' }); // the extension is loaded
    webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const base = path.join(SCREENSHOTS, 'panel-in-editor-failure');
    await page.screenshot({ path: `${base}.png`, timeout: 10_000 }).catch(() => undefined);
    if (serverLog && fs.existsSync(serverLog)) fs.copyFileSync(serverLog, `${base}.code-server.log`);
    console.error(`      evidence: ${path.relative(ROOT, base)}.png, ${path.relative(ROOT, base)}.code-server.log`);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop(3000); // SIGTERM, then SIGKILL to whatever of the group is left
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
  });

  it('Show Call Graph from the palette draws the four legs of the monitored call', async () => {
    await page.keyboard.press('Control+P');
    await pick(page, SAMPLE, SAMPLE);
    await page.locator(`.tabs-container .tab.active[aria-label^="${SAMPLE}"]`).waitFor({ state: 'visible' });
    await page.keyboard.press('F1');
    await pick(page, 'Call Events: Show Call Graph', 'Call Events: Show Call Graph');

    const legs = webview.locator('.graph-svg g.node');
    await legs.nth(3).waitFor({ state: 'visible' });
    const drawn = await legs.evaluateAll((nodes) => nodes.map((n) => ({ callId: n.getAttribute('data-call-id'), role: n.getAttribute('data-role') })));
    assert.deepEqual(drawn.map((n) => n.role).sort(), ['entry_point', 'monitor', 'monitor', 'operator']);
    const ids = new Set(events.map((e) => e.callId));
    for (const { callId } of drawn) assert.ok(callId !== null && ids.has(callId), `leg ${callId} is not a call id of ${SAMPLE}`);
    assert.equal(new Set(drawn.map((n) => n.callId)).size, 4, 'four distinct legs');
    assert.ok(drawn.some((n) => n.callId === BARGE_LEG && n.role === 'monitor'), `the barge leg ${BARGE_LEG} is drawn as a monitor`);
  });

  it("a click on the barge leg moves the editor's cursor to that leg's first event", async () => {
    const expected = lineOf(events, BARGE_LEG, 'first');
    // The file opens with the cursor on line 1: the click has to move it.
    await until('cursor before the click', () => cursorPosition(page), 'Ln 1, Col 1');
    assert.notEqual(expected, 1);
    await webview.locator(`.graph-svg g.node[data-call-id="${BARGE_LEG}"]`).click();
    await until("the editor's cursor after the click", () => cursorPosition(page), `Ln ${expected}, Col 1`);
    await until('the clicked leg is the focused one', () => webview.locator(`g.node[data-call-id="${BARGE_LEG}"]`).getAttribute('aria-pressed'), 'true');
  });

  it("the cursor on another leg's line highlights that leg in the panel", async () => {
    const line = lineOf(events, TAKEOVER_LEG, 'last');
    await page.keyboard.press('Control+G');
    await pick(page, String(line), /./);
    await until("the editor's cursor after Go to Line", () => cursorPosition(page), `Ln ${line}, Col 1`);
    const leg = (callId: string) => webview.locator(`.graph-svg g.node[data-call-id="${callId}"]`);
    await until('the takeover leg is highlighted', () => leg(TAKEOVER_LEG).getAttribute('aria-pressed'), 'true');
    assert.match((await leg(TAKEOVER_LEG).getAttribute('class')) ?? '', /\bfocused\b/);
    assert.equal(await leg(BARGE_LEG).getAttribute('aria-pressed'), 'false', 'the barge leg is no longer highlighted');
    assert.equal(await webview.locator('.graph-svg g.node.focused').count(), 1, 'one highlighted leg');
  });

  it('screenshot: the editor with the panel beside it', async () => {
    await page.waitForTimeout(500); // the graph's scroll-to-focus transition
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, 'panel-in-editor.png');
    await page.screenshot({ path: file });
    assert.ok(fs.statSync(file).size > 10_000, 'a screenshot with content');
    console.log(`      ${path.relative(ROOT, file)}`);
  });

  it("the panel's Pin button keeps it on its capture when another capture's editor becomes active; unpinned, it follows", async () => {
    const graphTab = (label: string) => page.locator(`.tabs-container .tab[aria-label^="${label}"]`);
    const pin = webview.locator('button.pin-button');
    assert.equal(await pin.getAttribute('aria-pressed'), 'false');
    await pin.click();
    await until('the Pin button pressed', () => pin.getAttribute('aria-pressed'), 'true');
    await graphTab(`Call Graph: ${SAMPLE} (pinned)`).waitFor({ state: 'visible' });

    // Back to the capture's column (a click on its tab), so that Quick Open opens there.
    await page.locator(`.tabs-container .tab[aria-label^="${SAMPLE}"]`).click();
    await page.locator(`.tabs-container .tab.active[aria-label^="${SAMPLE}"]`).waitFor({ state: 'visible' });
    await page.keyboard.press('Control+P');
    await pick(page, 'transfer.jsonl', 'transfer.jsonl');
    await page.locator('.tabs-container .tab.active[aria-label^="transfer.jsonl"]').waitFor({ state: 'visible' });
    await page.waitForTimeout(1000); // longer than the panel waits before it follows
    assert.equal(await graphTab(`Call Graph: ${SAMPLE} (pinned)`).count(), 1, 'the pinned panel keeps its capture');
    assert.equal(await webview.locator('.graph-svg g.node').count(), 4, 'still the four legs of the monitored call');

    await pin.click();
    await until('the Pin button released', () => pin.getAttribute('aria-pressed'), 'false');
    // Back in the column of transfer.jsonl, the unpinned panel follows its editor.
    await page.locator('.tabs-container .tab[aria-label^="transfer.jsonl"]').click();
    await graphTab('Call Graph: transfer.jsonl').waitFor({ state: 'visible' });
    await until('the transfer flow drawn', () => webview.locator('.graph-svg g.node').count(), 4);
    assert.equal(await webview.locator('.graph-svg g.node[data-call-id="6742083395420160"]').count(), 1, "the transfer's last operator is drawn");
  });

  it('a pin survives a window reload: the restored panel is pinned to its capture and stays there', async () => {
    const graphTab = (label: string) => page.locator(`.tabs-container .tab[aria-label^="${label}"]`);
    const pin = webview.locator('button.pin-button');
    await pin.click();
    await until('the Pin button pressed', () => pin.getAttribute('aria-pressed'), 'true');
    await graphTab('Call Graph: transfer.jsonl (pinned)').waitFor({ state: 'visible' });
    // Developer: Reload Window, as a person does it: the workbench saves its editors' state (the webview's
    // saved state with them) before it reloads. (The browser's own reload may lose the last minute of state.)
    await page.locator('.tabs-container .tab[aria-label^="transfer.jsonl"]').click();
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await page.keyboard.press('F1');
    await pick(page, 'Developer: Reload Window', 'Developer: Reload Window');
    await reloaded;
    await page.locator('.activitybar [aria-label="Call Events"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await graphTab('Call Graph: transfer.jsonl (pinned)').waitFor({ state: 'visible', timeout: 60_000 });
    await until('the restored Pin button pressed', () => pin.getAttribute('aria-pressed'), 'true', 60_000);
    await until('the restored panel draws the transfer', () => webview.locator('.graph-svg g.node').count(), 4, 30_000);
    // Another capture's editor does not move it.
    await page.locator(`.tabs-container .tab[aria-label^="${SAMPLE}"]`).click();
    await page.locator(`.tabs-container .tab.active[aria-label^="${SAMPLE}"]`).waitFor({ state: 'visible' });
    await page.waitForTimeout(1000); // longer than the panel waits before it follows
    assert.equal(await graphTab('Call Graph: transfer.jsonl (pinned)').count(), 1, 'still pinned to transfer.jsonl after the reload');
  });
});
