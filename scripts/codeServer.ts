// Launches code-server (VS Code 1.139 in a real Node extension host) the way the real-editor tests need it, for
// test/integration/runTests.ts, scripts/start.ts and scripts/screenshots.ts: installed once into a cache outside the
// checkout by scripts/ensure-code-server.sh, bound to 127.0.0.1, its user data, extensions and XDG folders kept out
// of ~/.config, nothing reaching the internet, in a process group of its own that is killed as a whole.
// See /work/shared/E2E.md for why each piece is what it is.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The checkout. */
export const ROOT = path.resolve(__dirname, '..');

/** Settings that keep the editor from reaching the internet or opening anything nobody asked for. */
export const USER_SETTINGS: Record<string, unknown> = {
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

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// ---- cleanup ----------------------------------------------------------------------------------

/** Everything to undo on the way out, synchronous so that it also runs from process 'exit'. */
const cleanups: Array<() => void> = [];
let hooked = false;

function cleanUp(): void {
  while (cleanups.length > 0) {
    try {
      cleanups.pop()!();
    } catch {
      // best effort: the rest must still run
    }
  }
}

/** Runs `cleanup` when the process exits (last registered, first run). Signals are the caller's: exit from them. */
export function onExit(cleanup: () => void): void {
  if (!hooked) {
    process.on('exit', cleanUp);
    hooked = true;
  }
  cleanups.push(cleanup);
}

/** A scratch folder, removed on exit. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---- install ----------------------------------------------------------------------------------

/** Where code-server, the Node it needs and Chromium are; `cache` is the folder they are cached in. */
export interface CodeServerInstall {
  node: string;
  entry: string;
  chromium: string;
  cache: string;
}

/**
 * Installs (once) and locates code-server, its Node and Chromium, through scripts/ensure-code-server.sh.
 * `chromium: false` when no browser is driven: Chromium is then neither required nor installed.
 */
export function ensureCodeServer({ chromium = true }: { chromium?: boolean } = {}): CodeServerInstall | undefined {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-code-server.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: chromium ? process.env : { ...process.env, CALL_EVENTS_NO_CHROMIUM: '1' },
  });
  if (result.status !== 0) return undefined;
  const values = Object.fromEntries(result.stdout.trim().split('\n').map((line) => line.split(/=(.*)/s, 2)));
  return { node: values.CODE_SERVER_NODE, entry: values.CODE_SERVER_ENTRY, chromium: values.CHROMIUM, cache: values.CACHE };
}

// ---- ports ------------------------------------------------------------------------------------

/** A port free on 127.0.0.1 right now (code-server fails loudly in the rare case it is taken before it binds). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when `port` can be bound on 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/**
 * Polls /healthz until it answers (true), `timeoutMs` passes or `cancelled()` turns true (false). It answers within
 * about 0.5 s even when the workbench would later crash: for a suite, the real readiness signal is its exit.
 */
export async function waitHealthy(port: number, timeoutMs: number, cancelled: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(port))) {
    if (cancelled() || Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

// ---- code-server ------------------------------------------------------------------------------

export interface CodeServerOptions {
  install: CodeServerInstall;
  port: number;
  /** Holds user-data/, extensions/ and xdg/: a scratch folder, or a persistent one to keep the user's layout. */
  dataDir: string;
  /** code-server's stdout and stderr are appended here. */
  logFile: string;
  /** More command-line arguments. */
  args?: string[];
}

/** A running code-server, in a process group of its own. */
export interface CodeServer {
  process: ChildProcess;
  port: number;
  /** A local path as the workbench sees it (`vscode-remote://127.0.0.1:PORT/abs/path`). */
  remote(file: string): string;
  /** The workbench URL for `folder`, with a payload such as `[['extensionDevelopmentPath', remote(ROOT)]]`. */
  url(folder: string, payload?: [string, string][]): string;
  /** SIGKILLs the whole process group now. */
  kill(): void;
  /** SIGTERM to the process group, then SIGKILL to whatever is left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Writes the user settings: USER_SETTINGS for a new user-data folder; in an existing one, the user's own values
 * win and only missing keys are added (a settings.json that is not plain JSON, with comments say, is left alone).
 */
function writeSettings(userData: string): void {
  const file = path.join(userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return;
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...USER_SETTINGS, ...existing }, null, 2));
}

/** Starts code-server in its own session and process group, killed as a whole on exit (see `url` to open it). */
export function startCodeServer({ install, port, dataDir, logFile, args = [] }: CodeServerOptions): CodeServer {
  const userData = path.join(dataDir, 'user-data');
  writeSettings(userData);
  const xdg = path.join(dataDir, 'xdg');
  const env: NodeJS.ProcessEnv = {};
  // Variables of an enclosing VS Code (a terminal in the editor) would leak into the extension host.
  for (const [key, value] of Object.entries(process.env)) if (!/^(VSCODE_|ELECTRON_)/.test(key)) env[key] = value;
  Object.assign(env, {
    PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}`,
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
    install.node,
    [
      install.entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', path.join(dataDir, 'extensions'),
      // The workbench reads the URL's payload (extensionDevelopmentPath, extensionTestsPath) only in a development
      // build or with the smoke-test driver on: that is how every launch here loads the extension under development.
      '--vscode-option', 'enable-smoke-test-driver',
      ...args,
    ],
    { env, stdio: ['ignore', out, out], detached: true }, // detached = setsid(): a group of its own
  );
  fs.closeSync(out);
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // already gone
    }
  };
  const kill = () => void signalGroup('SIGKILL');
  onExit(kill);
  const remote = (file: string) => `vscode-remote://127.0.0.1:${port}${file.split(path.sep).join('/')}`;
  return {
    process: child,
    port,
    remote,
    url: (folder, payload) =>
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}` + (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    kill,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        if (signalGroup('SIGTERM')) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
      }
      // Its extension host and other helpers share the group: none may outlive it.
      signalGroup('SIGKILL');
    },
  };
}

// ---- Chromium ---------------------------------------------------------------------------------

/** Debian's Chromium, headless, through playwright-core; its crash reporter writes under `xdgDir`, not ~/.config. */
export async function launchChromium(install: CodeServerInstall, xdgDir: string): Promise<import('playwright-core').Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: install.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(xdgDir, 'chromium-config'), XDG_CACHE_HOME: path.join(xdgDir, 'chromium-cache') },
  });
}
