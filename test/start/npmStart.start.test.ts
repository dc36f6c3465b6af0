// The README's run command as a new user runs it: `npm start` where VS Code (`code`) is absent, so it installs (on
// an empty cache: CI gives it one through CALL_EVENTS_TEST_CACHE) and serves code-server, prints a URL, and Ctrl+C
// stops it with everything it started. The URL is opened in Debian's Chromium, as the user's browser would, and
// the extension must activate there: a capture gets its CodeLens.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureCodeServer, freePort, launchChromium, portIsFree, ROOT, scratchDir } from '../../scripts/codeServer';
import { quickOpen, workbenchReady } from '../../scripts/workbench';

/** The processes whose process group is `group`, or whose command line mentions `text`, from /proc. */
function survivors(group: number, text: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // /proc/PID/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses, so split after the last ')'.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (pgrp === group || cmdline.includes(text)) found.push(`${pid}: ${cmdline.slice(0, 160)}`);
    } catch {
      // gone while we looked
    }
  }
  return found;
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`${what} (after ${timeoutMs / 1000} s)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start (the README\'s run command)', function () {
  let start: ChildProcess | undefined;
  let browser: Browser | undefined;
  let output = '';
  const data = scratchDir('call-events-start-');
  const onSignal = () => process.exit(1); // the scratch folder goes on 'exit'
  before(() => process.on('SIGINT', onSignal));
  after(async () => {
    process.off('SIGINT', onSignal);
    await browser?.close();
    if (start?.pid && start.exitCode === null && start.signalCode === null) {
      try {
        process.kill(-start.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('serves the editor at the URL it prints, the extension activates there, and Ctrl+C stops everything', async function () {
    const port = await freePort();
    const cache = process.env.CALL_EVENTS_TEST_CACHE;
    const fresh = !cache || !fs.existsSync(path.join(cache, 'code-server-4.139.1', '.installed'));
    const env: NodeJS.ProcessEnv = { ...process.env, CALL_EVENTS_PORT: String(port), CALL_EVENTS_START_DATA: data };
    // Where VS Code is installed, `npm start` opens it instead: this test is of the headless path.
    env.CALL_EVENTS_EDITOR = 'code-server';
    // Its own process group, as a terminal's foreground job: Ctrl+C signals the whole group.
    start = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));
    let url: string | undefined;
    await until(`npm start printed no URL (fresh cache: ${fresh}); it wrote:\n${output}`, () => {
      url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(output)?.[1];
      return url !== undefined || start!.exitCode !== null;
    }, fresh ? 12 * 60_000 : 120_000);
    assert.ok(url, `npm start exited (${start.exitCode}) before printing a URL:\n${output}`);
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/`), `the URL is on the port asked for: ${url}`);
    console.log(`      npm start served ${url.slice(0, 40)}… (fresh cache: ${fresh})`);

    // The user's browser: Chromium (installed here if missing, as the real-editor tests do).
    const install = ensureCodeServer();
    assert.ok(install, 'scripts/ensure-code-server.sh failed');
    browser = await launchChromium(install, path.join(data, 'browser'));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await workbenchReady(page, 'call-center.jsonl');
    await quickOpen(page, 'call-center.jsonl');
    // Only an active extension gives a capture its CodeLens.
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'leg of flow' }).first().waitFor({ state: 'visible' });
    await browser.close();
    browser = undefined;

    // Ctrl+C.
    const group = start.pid!;
    process.kill(-group, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000))]);
    assert.notEqual(code, 'hung', `npm start did not exit within 20 s of SIGINT:\n${output.slice(-2000)}`);
    await until(`processes left behind after Ctrl+C:\n${survivors(group, data).join('\n')}`, () => survivors(group, data).length === 0, 10_000);
    assert.ok(await portIsFree(port), `port ${port} is still bound after Ctrl+C`);
    assert.match(output, /SIGINT: stopping code-server/);
  });
});
