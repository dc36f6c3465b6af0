import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

/** The built command line, as a user runs it. */
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js when it is missing or older than src/ (tests of the CLI run the real bundle). */
export function ensureBuilt(): void {
  if (fs.existsSync(CLI) && fs.statSync(CLI).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`node esbuild.js failed (${build.status}):\n${build.stdout}${build.stderr}`);
}

/** One diagnostic of `validate --format json`, as the README's contract states it (written out here, not imported, so a change to the code cannot change the test's expectation). */
export interface DiagnosticJson {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}
