// Runs the integration suite (out/test/integration/index.js, built by `node esbuild.js --tests`) inside a real
// VS Code extension host, and exits with its exit code.
//   default: code-server 4.139.1 driven by Debian's Chromium (works offline; see /work/shared/E2E.md)
//   CALL_EVENTS_TEST_HOST=electron: @vscode/test-electron, which downloads VS Code (needs internet, and a display)
// Run with tsx: `npm run test:integration`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const TESTS_ENTRY = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const RESULTS = path.join(ROOT, 'test-results');
const TIMEOUT_MS = 8 * 60_000;

/** Settings that keep the editor from reaching the internet or opening anything the suite did not ask for. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'security.workspace.trust.enabled': false,
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Workbench errors this setup causes on purpose and that mean nothing for the suite: the dead gallery and the
 * GitHub sign-in nobody offers. Still kept in the page log written on failure.
 */
const EXPECTED_NOISE = [/ECONNREFUSED 127\.0\.0\.1:9\b/, /authentication provider 'github'/];

/** Everything to undo on the way out, synchronous so that it also runs from process 'exit'. */
const cleanups: Array<() => void> = [];
function cleanUp(): void {
  while (cleanups.length > 0) {
    try {
      cleanups.pop()!();
    } catch {
      // best effort: the rest must still run
    }
  }
}
process.on('exit', cleanUp);
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-it-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
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

/** Installs (once) and locates code-server, its Node and Chromium, through scripts/ensure-code-server.sh. */
function ensureCodeServer(): { node: string; entry: string; chromium: string } | undefined {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-code-server.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) return undefined;
  const values = Object.fromEntries(result.stdout.trim().split('\n').map((line) => line.split(/=(.*)/s, 2)));
  return { node: values.CODE_SERVER_NODE, entry: values.CODE_SERVER_ENTRY, chromium: values.CHROMIUM };
}

/** A port free on 127.0.0.1 right now (code-server fails loudly in the rare case it is taken before it binds). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/** Starts code-server in its own session and process group, killed as a whole on exit. */
function startCodeServer(node: string, entry: string, port: number, tmp: string, logFile: string): ChildProcess {
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const xdg = path.join(tmp, 'xdg');
  const env: NodeJS.ProcessEnv = {};
  // Variables of an enclosing VS Code (a terminal in the editor) would leak into the extension host under test.
  for (const [key, value] of Object.entries(process.env)) if (!/^(VSCODE_|ELECTRON_)/.test(key)) env[key] = value;
  Object.assign(env, {
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    // Otherwise code-server writes a config with a password into ~/.config.
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    // A gallery on a closed loopback port: nothing tries the marketplace.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/items',
      resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}',
    }),
  });
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    node,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', path.join(tmp, 'extensions'),
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { env, stdio: ['ignore', out, out], detached: true }, // detached = setsid(): a group of its own
  );
  fs.closeSync(out);
  cleanups.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return child;
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
  const server = startCodeServer(located.node, located.entry, port, tmp, serverLog);
  server.on('exit', (code, signal) => finish({ code: 1, why: `code-server exited (${signal ?? code})` }));

  const { chromium } = await import('playwright-core');
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
    while (!(await healthy(port))) {
      if (settled) return;
      if (Date.now() - started > 60_000) return finish({ code: 1, why: 'code-server did not answer /healthz within 60 s' });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    log(`code-server ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);

    browser = await chromium.launch({
      executablePath: located.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      // Chromium's crash reporter writes under XDG_CONFIG_HOME: keep ~/.config untouched.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg', 'chromium-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg', 'chromium-cache') },
    });
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

    const remote = (file: string) => `vscode-remote://127.0.0.1:${port}${file.split(path.sep).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(TESTS_ENTRY)],
    ];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, {
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
