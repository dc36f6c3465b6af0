// Installs the packaged .vsix into a clean code-server (no development path, fresh user data and
// extensions) and checks, in Chromium, that it works there: a sample capture gets the extension's
// CodeLens and its Call Events view. Usage: npm run test:package (packages first).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer, freePort, launchChromium, ROOT, scratchDir, startCodeServer, waitHealthy } from './codeServer';

const VSIX = path.join(ROOT, 'call-events-inspector.vsix');

function log(message: string): void {
  console.log(`package check: ${message}`);
}

async function main(): Promise<number> {
  if (!fs.existsSync(VSIX)) {
    log(`${path.relative(ROOT, VSIX)} is missing: run npm run package`);
    return 1;
  }
  const install = ensureCodeServer();
  if (!install) return 1;
  const tmp = scratchDir('call-events-vsix-');
  const installed = spawnSync(install.node, [install.entry, '--extensions-dir', path.join(tmp, 'extensions'), '--user-data-dir', path.join(tmp, 'user-data'), '--install-extension', VSIX], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg'), XDG_CACHE_HOME: path.join(tmp, 'xdg') },
  });
  if (installed.status !== 0 || !/successfully installed/i.test(installed.stdout + installed.stderr)) {
    log(`installing the .vsix failed:\n${installed.stdout}${installed.stderr}`);
    return 1;
  }
  log('installed into a clean extensions folder');
  const workspace = path.join(tmp, 'samples');
  fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
  const port = await freePort();
  const server = startCodeServer({ install, port, dataDir: tmp, logFile: path.join(tmp, 'code-server.log') });
  if (!(await waitHealthy(port, 60_000, () => server.process.exitCode !== null))) {
    log('code-server did not start');
    return 1;
  }
  const browser = await launchChromium(install, path.join(tmp, 'xdg'));
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(server.url(workspace), { waitUntil: 'load' });
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'call-center.jsonl' }).click();
    // The installed extension's own CodeLens and activity-bar view prove it loaded and activated.
    await page.locator('.codelens-decoration', { hasText: 'leg of flow' }).first().waitFor();
    await page.locator('.activitybar [aria-label*="Call Events"]').first().waitFor();
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'package-installed.png') });
    log('the installed extension shows its CodeLens and its view: passed');
    return 0;
  } catch (error) {
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, 'test-results', 'package-failed.png') }).catch(() => undefined);
    log(`failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (screenshot: test-results/package-failed.png)`);
    return 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
