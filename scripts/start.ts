// `npm start` (after the build): opens an editor with the extension under development on samples/.
//   - VS Code desktop, when a `code` binary is on PATH: `code --extensionDevelopmentPath=<repo> <repo>/samples`;
//   - otherwise code-server (the one the real-editor tests use, installed once into a cache by
//     scripts/ensure-code-server.sh), on http://127.0.0.1:8765 (CALL_EVENTS_PORT to change it; a free port when it is
//     busy), until Ctrl+C. Its user data persists under the cache (never ~/.config), so the layout is kept.
// CALL_EVENTS_EDITOR=code-server uses code-server even where VS Code is installed; CALL_EVENTS_START_DATA keeps its
// user data in another folder.
// Run with tsx: `npm start`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer, freePort, portIsFree, ROOT, startCodeServer, waitHealthy } from './codeServer';

const SAMPLES = path.join(ROOT, 'samples');
const DEFAULT_PORT = 8765;

function log(message: string): void {
  console.error(`start: ${message}`);
}

/** The first executable `name` on PATH. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** VS Code desktop: it opens its own window and the command returns at once. */
function openInVsCode(code: string): number {
  log(`opening VS Code (${code}) on samples/ with the extension under development`);
  const result = spawnSync(code, [`--extensionDevelopmentPath=${ROOT}`, SAMPLES], { stdio: 'inherit' });
  if (result.error) log(`${code} failed: ${result.error.message}`);
  return result.status ?? 1;
}

function requestedPort(): number | undefined {
  const text = process.env.CALL_EVENTS_PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

async function openInCodeServer(): Promise<number> {
  const wanted = requestedPort();
  if (wanted === undefined) {
    log(`CALL_EVENTS_PORT must be a port number (1-65535), not "${process.env.CALL_EVENTS_PORT}"`);
    return 2;
  }
  const install = ensureCodeServer({ chromium: false }); // the user's own browser opens the URL
  if (!install) {
    log('scripts/ensure-code-server.sh failed (see above)');
    return 1;
  }
  let port = wanted;
  if (!(await portIsFree(port))) {
    port = await freePort();
    log(`port ${wanted} is busy: using ${port} instead`);
  }
  // CALL_EVENTS_START_DATA: another folder for the editor's user data (the start test's scratch folder).
  const dataDir = process.env.CALL_EVENTS_START_DATA || path.join(install.cache, 'start');
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'code-server.log');
  fs.writeFileSync(logFile, '');
  const server = startCodeServer({ install, port, dataDir, logFile });

  let stopping = false;
  const stop = async (why: string, code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log(`${why}: stopping code-server`);
      await server.stop();
    }
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));
  server.process.on('exit', (code, signal) => {
    if (stopping) return;
    log(`code-server exited (${signal ?? code}); its log: ${logFile}`);
    const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
    if (tail) console.error(tail);
    void stop('code-server is gone', 1);
  });

  if (!(await waitHealthy(port, 60_000, () => stopping))) {
    if (!stopping) await stop('code-server did not answer /healthz within 60 s', 1);
    return 1;
  }
  const url = server.url(SAMPLES, [['extensionDevelopmentPath', server.remote(ROOT)]]);
  console.log(
    [
      '',
      'Call Events Inspector is running in code-server (VS Code in the browser), with samples/ open.',
      'Open this URL in a browser:',
      '',
      `    ${url}`,
      '',
      `(code-server log: ${logFile})`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  return new Promise<number>(() => undefined); // until a signal, or code-server's exit
}

async function main(): Promise<number> {
  const choice = process.env.CALL_EVENTS_EDITOR;
  if (choice && choice !== 'code' && choice !== 'code-server') {
    log(`CALL_EVENTS_EDITOR must be "code" or "code-server", not "${choice}"`);
    return 2;
  }
  const code = choice === 'code-server' ? undefined : onPath('code');
  if (code) return openInVsCode(code);
  if (choice === 'code') {
    log('CALL_EVENTS_EDITOR=code, but there is no `code` on PATH');
    return 1;
  }
  return openInCodeServer();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
