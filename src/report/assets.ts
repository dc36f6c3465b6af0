// Finds the built webview bundle (dist/webview.js and dist/webview.css) for the report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WebviewAssets } from './html';

/** Reads the webview bundle from the first of the directories that has it, or says why it cannot. */
export function readWebviewAssets(directories: readonly string[]): WebviewAssets | { error: string } {
  for (const directory of directories) {
    const script = path.join(directory, 'webview.js');
    const css = path.join(directory, 'webview.css');
    if (!fs.existsSync(script) || !fs.existsSync(css)) continue;
    try {
      return { script: fs.readFileSync(script, 'utf8'), css: fs.readFileSync(css, 'utf8') };
    } catch (error) {
      return { error: `cannot read the webview bundle in ${directory}: ${(error as Error).message}` };
    }
  }
  return { error: 'the webview bundle (dist/webview.js, dist/webview.css) is missing: run npm run build' };
}

/** Where the bundle may be: next to the running script (dist/cli.js), or in dist/ when run from the sources. */
export function defaultAssetDirectories(here: string): string[] {
  return [here, path.join(here, '..', 'dist'), path.join(here, '..', '..', 'dist')];
}
