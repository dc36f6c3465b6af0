// Runs the integration suite (out/test/integration/index.js, built by `node esbuild.js --tests`) inside a real
// VS Code extension host, and exits with its exit code.
//   default: code-server 4.139.1 driven by Debian's Chromium (works offline; see /work/shared/E2E.md)
//   CALL_EVENTS_TEST_HOST=electron: @vscode/test-electron, which downloads VS Code (needs internet, and a display)
// Run with tsx: `npm run test:integration`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { ensureCodeServer, freePort, launchChromium, ROOT, scratchDir, startCodeServer, waitHealthy } from '../../scripts/codeServer';

const TESTS_ENTRY = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const RESULTS = path.join(ROOT, 'test-results');
const TIMEOUT_MS = 8 * 60_000;

/**
 * Workbench errors this setup causes on purpose and that mean nothing for the suite: the dead gallery and the
 * GitHub sign-in nobody offers. Still kept in the page log written on failure.
 */
const EXPECTED_NOISE = [/ECONNREFUSED 127\.0\.0\.1:9\b/, /authentication provider 'github'/];

// The scratch folder and code-server's process group go on 'exit' (scripts/codeServer.ts): a signal just exits.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`integration tests: ${signal}, stopping`);
    process.exit(1);
  });
}

function log(message: string): void {
  console.error(`integration tests: ${message}`);
}

/** A scratch folder for one run, removed on exit. */
function scratch(): string {
  return scratchDir('call-events-it-');
}

/** A copy of samples/ the suite may edit freely. */
function workspaceCopy(tmp: string): string {
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
  return workspace;
}

async function main(): Promise<number> {
  if (!fs.existsSync(TESTS_ENTRY)) {
    log(`${path.relative(ROOT, TESTS_ENTRY)} is missing: build it with \`node esbuild.js --tests\``);
    return 1;
  }
  return process.env.CALL_EVENTS_TEST_HOST === 'electron' ? runInElectron() : runInCodeServer();
}

/** Where VS Code can be downloaded: the standard runner, same suite. */
async function runInElectron(): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const tmp = scratch();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      log(`timed out after ${TIMEOUT_MS / 60_000} minutes`);
      resolve(1);
    }, TIMEOUT_MS);
  });
  try {
    const suite = runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS_ENTRY,
      launchArgs: [workspaceCopy(tmp), '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(tmp, 'user-data')}`],
    });
    return await Promise.race([suite, timeout]);
  } catch (error) {
    log(`@vscode/test-electron failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}

async function runInCodeServer(): Promise<number> {
  const located = ensureCodeServer();
  if (!located) {
    log('scripts/ensure-code-server.sh failed (see above)');
    return 1;
  }
  const started = Date.now();
  // Whatever ends the run first settles this: the suite's exit, a crash, or the global timeout.
  let finish!: (outcome: { code: number; why?: string }) => void;
  let settled = false;
  const outcome = new Promise<{ code: number; why?: string }>((resolve) => (finish = resolve)).finally(() => (settled = true));
  const timer = setTimeout(() => finish({ code: 1, why: `timed out after ${TIMEOUT_MS / 60_000} minutes` }), TIMEOUT_MS);

  const tmp = scratch();
  const workspace = workspaceCopy(tmp);
  const serverLog = path.join(tmp, 'code-server.log');
  const pageLog: string[] = [];
  const port = await freePort();
  const server = startCodeServer({ install: located, port, dataDir: tmp, logFile: serverLog });
  server.process.on('exit', (code, signal) => finish({ code: 1, why: `code-server exited (${signal ?? code})` }));

  let browser: import('playwright-core').Browser | undefined;
  let page: import('playwright-core').Page | undefined;

  /** Keeps what explains a failure under test-results/ (git-ignored), as the scratch folder goes away. */
  const keepEvidence = async (): Promise<void> => {
    fs.mkdirSync(RESULTS, { recursive: true });
    const base = path.join(RESULTS, `integration-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    if (page) {
      try {
        await page.screenshot({ path: `${base}.png`, timeout: 10_000 });
        log(`screenshot: ${path.relative(ROOT, base)}.png`);
      } catch (error) {
        log(`no screenshot: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    fs.copyFileSync(serverLog, `${base}.code-server.log`);
    fs.writeFileSync(`${base}.page.log`, pageLog.join('\n') + '\n');
    log(`logs: ${path.relative(ROOT, base)}.code-server.log, ${path.relative(ROOT, base)}.page.log`);
  };

  const run = async (): Promise<void> => {
    // /healthz answers quickly even when the workbench would later crash: the real readiness signal is the suite's exit.
    if (!(await waitHealthy(port, 60_000 - (Date.now() - started), () => settled))) {
      if (settled) return;
      return finish({ code: 1, why: 'code-server did not answer /healthz within 60 s' });
    }
    log(`code-server ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);

    // Chromium's crash reporter writes under XDG_CONFIG_HOME: keep ~/.config untouched.
    browser = await launchChromium(located, path.join(tmp, 'xdg'));
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish({ code }));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      pageLog.push(`[automation ${type}] ${line}`);
      if (EXPECTED_NOISE.some((noise) => noise.test(line))) return;
      if (type === 'error') process.stderr.write(`${line}\n`);
      else process.stdout.write(`${line}\n`);
    });
    page.on('console', (message) => pageLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => pageLog.push(`[pageerror] ${error.stack ?? error.message}`));
    page.on('crash', () => finish({ code: 1, why: 'the page crashed' }));

    const { remote } = server;
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(TESTS_ENTRY)],
    ];
    await page.goto(server.url(workspace, payload), {
      waitUntil: 'load',
      timeout: 60_000,
    });
  };
  run().catch((error: unknown) => finish({ code: 1, why: error instanceof Error ? error.message : String(error) }));

  const { code, why } = await outcome;
  clearTimeout(timer);
  const passed = code === 0 && !why;
  if (!passed) {
    log(why ?? `the suite exited with code ${code}`);
    await keepEvidence();
  }
  log(`${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (code-server start to suite exit)`);
  await browser?.close().catch(() => undefined); // (were this skipped, playwright kills it on exit)
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
