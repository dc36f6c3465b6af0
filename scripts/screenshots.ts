// `npm run screenshots`: the product as a person sees it. Starts code-server like the real-editor tests (scripts/
// codeServer.ts), opens a scratch copy of samples/ with the extension under development in Debian's Chromium
// (1400x900), drives the UI with the keyboard and the mouse, and writes PNGs to test-results/screenshots/ (git-ignored):
//   1-problems.png         vendor-sample-stream.json: the Problems view, and the trailing-comma squiggle it leads to
//   2-error-hover.png      the mouse on that squiggle: the message, its code (a link to the rules), the quick fix
//   3-hover-timestamp.png  the hover on a timestamp value (its date)
//   4-hover-call-id.png    the hover on a call id of a multi-leg flow (its role)
//   5-outline.png          the Outline view of monitored-barge.jsonl
//   6-codelens.png         CodeLens above the events of call-center.jsonl
//   7-flows-tree.png       the "Call Events" view, its Flows tree expanded
//   8-flows-tree-wide.png  the same with the side bar dragged wider
//   9-listener-requests.png  the listener (port 0, forwarding to a local handler) after a few POSTs, one to a wrong
//                          path: the Listener Requests view, and one request's detail beside the capture
//   10-send-sample-flow.png  Send Sample Flow… (the direct scenario to the running listener): the record, each event's
//                          delivery verdict in its CodeLens
//   11-compare-previous-event.png  the Compare with previous event CodeLens of transfer.jsonl: the diff editor
// Look at them: they are for judging, not asserting. Run with tsx after a build (`npm run screenshots` builds).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureCodeServer, freePort, launchChromium, ROOT, scratchDir, startCodeServer, waitHealthy } from './codeServer';
import { goTo, pick, quickOpen, runCommand, workbenchReady } from './workbench';

const OUT = path.join(ROOT, 'test-results', 'screenshots');

function log(message: string): void {
  console.error(`screenshots: ${message}`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}, stopping`);
    process.exit(1); // code-server's group and the scratch folder go on 'exit'
  });
}

/** 1-based line and column of the first `text` in a sample, at `skip` characters into the match. */
function find(file: string, text: string, skip = 0): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(ROOT, 'samples', file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} is not in samples/${file}`);
  return { line: line + 1, column: lines[line]!.indexOf(text) + skip + 1 };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let animations (hover fade-in, tree expansion) finish
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  log(`wrote ${path.relative(ROOT, file)}`);
}

/** POSTs a body to the listener as Dialpad would (with an Authorization header the listener must mask); its status. */
function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Dialpad-Webhooks', authorization: 'Bearer not-a-real-credential' },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A stand-in for the user's handler, which the listener forwards to: it answers 200 {"ok":true}. */
async function startHandler(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Drags the right edge of the side bar to `width` px. */
async function sidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = (await page.locator('.part.sidebar').first().boundingBox())!;
  await page.mouse.move(sidebar.x + sidebar.width + 1, 450);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, 450, { steps: 10 });
  await page.mouse.up();
}

async function main(): Promise<number> {
  const install = ensureCodeServer();
  if (!install) {
    log('scripts/ensure-code-server.sh failed (see above)');
    return 1;
  }
  const tmp = scratchDir('call-events-shots-');
  const workspace = path.join(tmp, 'samples');
  fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
  // The listener on a free port, forwarding to a local handler (a workspace setting, as a user would set it).
  const handler = await startHandler();
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({
    'callEvents.listener.port': 0,
    'callEvents.listener.forwardTo': `http://127.0.0.1:${(handler.address() as AddressInfo).port}/dialpad`,
  }, null, 2));
  const serverLog = path.join(tmp, 'code-server.log');
  const port = await freePort();
  const server = startCodeServer({ install, port, dataDir: tmp, logFile: serverLog });
  if (!(await waitHealthy(port, 60_000, () => server.process.exitCode !== null))) {
    log('code-server did not start:');
    console.error(fs.readFileSync(serverLog, 'utf8'));
    return 1;
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });

  const browser = await launchChromium(install, path.join(tmp, 'xdg'));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  try {
    await page.goto(server.url(workspace, [['extensionDevelopmentPath', server.remote(ROOT)]]), { waitUntil: 'load', timeout: 60_000 });
    await workbenchReady(page, 'direct-call.jsonl');
    await page.locator('.activitybar [aria-label="Call Events"]').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(1000);

    // 1. The vendor's sample stream: its squiggle, and the Problems view that lists it.
    await quickOpen(page, 'vendor-sample-stream.json');
    // (Its first problems are far below the top, so the Problems view, not a squiggle in view, says it was checked.)
    await page.keyboard.press('Control+Shift+M');
    const error = page.locator('.markers-panel .monaco-list-row', { hasText: 'syntax.trailing-comma' }).first();
    await error.waitFor({ state: 'visible' });
    await error.click(); // reveals the error in the editor, as a person would
    const [, line, column] = /\[Ln (\d+), Col (\d+)\]/.exec(await error.innerText())!;
    await goTo(page, Number(line), Number(column)); // the cursor off the selection the click made, so the squiggle shows
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ state: 'visible' });
    await shoot(page, '1-problems.png');

    // 2. The mouse on the squiggle.
    const box = (await squiggle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
    await page.locator('.monaco-hover').filter({ hasText: 'Trailing comma' }).first().waitFor({ state: 'visible' });
    await shoot(page, '2-error-hover.png');
    await page.mouse.move(5, 450);

    // 3. A timestamp value: the mouse over the token, as a person would.
    await page.keyboard.press('Control+J'); // the panel away
    const timestamp = find('vendor-sample-stream.json', '1582853674998');
    await goTo(page, timestamp.line, timestamp.column);
    await page.locator('.monaco-editor .view-lines span', { hasText: /^1582853674998$/ }).first().hover();
    await page.locator('.monaco-hover').filter({ hasText: /\S/ }).first().waitFor({ state: 'visible' });
    await shoot(page, '3-hover-timestamp.png');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');

    // 4. A call id in a multi-leg flow: the view scrolled to it (the cursor a little to its right), the mouse on it.
    await quickOpen(page, 'call-center.jsonl');
    const key = '"operator_call_id":';
    const operator = find('call-center.jsonl', `${key}6`, key.length);
    const id = /^\d+/.exec(fs.readFileSync(path.join(ROOT, 'samples', 'call-center.jsonl'), 'utf8').split('\n')[operator.line - 1]!.slice(operator.column - 1))![0];
    await goTo(page, operator.line, operator.column + id.length + 40);
    const cursor = (await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox())!;
    const tokens = page.locator('.monaco-editor .view-line span span', { hasText: new RegExp(`^${id}$`) });
    for (let i = 0; i < (await tokens.count()); i++) {
      const box = await tokens.nth(i).boundingBox();
      if (box && Math.abs(box.y - cursor.y) < box.height / 2) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    }
    await page.locator('.monaco-hover').filter({ hasText: key.slice(1, -2) }).first().waitFor({ state: 'visible' });
    await shoot(page, '4-hover-call-id.png');
    await page.keyboard.press('Escape');

    // 5. The outline of a monitored call, with the folder list collapsed to make room.
    await quickOpen(page, 'monitored-barge.jsonl');
    await runCommand(page, 'Explorer: Focus on Outline View');
    const outline = page.locator('.pane-body .monaco-list-row', { hasText: 'flow ' }).first();
    await outline.waitFor({ state: 'visible' });
    const folders = page.locator('.pane-header', { hasText: 'samples' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await shoot(page, '5-outline.png');

    // 6. CodeLens above each leg's first event.
    await quickOpen(page, 'call-center.jsonl');
    await goTo(page, 1, 1);
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'leg of flow' }).first().waitFor({ state: 'visible' });
    await shoot(page, '6-codelens.png');

    // 7. The "Call Events" view: every open capture, its flows expanded, the first leg's events too.
    await page.locator('.activitybar [aria-label="Call Events"]').first().click();
    const tree = page.locator('.pane-body .monaco-list');
    await tree.locator('.monaco-list-row', { hasText: 'flow ' }).first().waitFor({ state: 'visible' });
    for (let i = 0; i < 40; i++) {
      const collapsed = tree.locator('.monaco-list-row[aria-level="2"][aria-expanded="false"]').first();
      if ((await collapsed.count()) === 0) break;
      await collapsed.click();
      await page.waitForTimeout(150);
    }
    await tree.locator('.monaco-list-row[aria-level="3"][aria-expanded="false"]').first().click();
    await shoot(page, '7-flows-tree.png');

    // 8. The same, the side bar dragged wider, as a person would to read the descriptions.
    await sidebarWidth(page, 700);
    await shoot(page, '8-flows-tree-wide.png');

    // 9. The listener, started with no editor open (its capture in the first column), a few events POSTed as
    // Dialpad would and one to a wrong path; one request opened from the Listener Requests view (beside, column 2).
    await sidebarWidth(page, 520);
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Call Events: Start Capture Listener');
    const status = page.locator('.statusbar-item', { hasText: /http:\/\/127\.0\.0\.1:\d+\/webhook/ }).first();
    await status.waitFor({ state: 'visible' });
    const webhook = /http:\/\/127\.0\.0\.1:\d+\/webhook/.exec(await status.innerText())![0];
    const events = fs.readFileSync(path.join(ROOT, 'samples', 'transfer.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const body of events.slice(0, 3)) await post(webhook, body);
    await post(webhook.replace(/\/webhook$/, '/webhooks/dialpad'), events[3]!);
    await post(webhook, events[4]!);
    const requests = page.locator('.pane', { hasText: 'Listener Requests' }).locator('.monaco-list-row');
    await requests.nth(4).waitFor({ state: 'visible' });
    await requests.filter({ hasText: /^200 \/webhook.*connected/ }).first().click();
    await page.locator('.tabs-container .tab.active[aria-label^="request-"]').waitFor({ state: 'visible' });
    await page.locator('.monaco-editor .view-line', { hasText: 'Request headers' }).first().waitFor({ state: 'visible' });
    await shoot(page, '9-listener-requests.png');

    // 10. Send Sample Flow…, driven through its quick picks: the direct scenario, to the running listener, unsigned,
    // ten times faster; the record opens with each event's verdict in its CodeLens.
    await runCommand(page, 'View: Close All Editors');
    await page.keyboard.press('F1');
    await pick(page, 'Call Events: Send Sample Flow', 'Send Sample Flow');
    // A many-pick: a click on the row checks it, OK accepts.
    const direct = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'a customer calls a user, who answers' }).first();
    await direct.click();
    await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor({ state: 'visible' });
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
    for (const [title, label] of [['send to', 'The running listener'], ['bodies', 'Unsigned JSON'], ['pace', '10 times faster'], ['delivery order', 'In order']] as const) {
      await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().click();
    }
    await page.locator('.tabs-container .tab.active[aria-label^="simulated-"]').waitFor({ state: 'visible', timeout: 120_000 });
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Dialpad delivery' }).first().waitFor({ state: 'visible' });
    await shoot(page, '10-send-sample-flow.png');

    // 11. Compare with previous event, from the CodeLens on the second event of transfer.jsonl's first leg: the diff
    // editor, the side bar hidden to give both sides room.
    await runCommand(page, 'View: Close All Editors');
    await page.keyboard.press('Control+B');
    await quickOpen(page, 'transfer.jsonl');
    await goTo(page, 1, 1);
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Compare with previous event' }).first().click();
    await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(800); // the diff is computed after the editor shows
    await shoot(page, '11-compare-previous-event.png');
    return 0;
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => undefined);
    log(`the page at that moment: ${path.relative(ROOT, path.join(OUT, 'failure.png'))}`);
    return 1;
  } finally {
    await browser.close().catch(() => undefined);
    handler.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
