import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The entry VS Code loads as extensionTestsPath (in code-server and in @vscode/test-electron alike): runs every
 * compiled *.integration.test.js next to this file with mocha in the extension host, and rejects if any test fails.
 */
export async function run(): Promise<void> {
  // CALL_EVENTS_TEST_GREP narrows a run to matching test titles while working on one feature.
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 20_000, grep: process.env.CALL_EVENTS_TEST_GREP });
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.integration.test.js'))
    .sort();
  // A build that produced no suites must not pass as "0 failures".
  if (files.length === 0) throw new Error(`no *.integration.test.js under ${__dirname}: build with \`node esbuild.js --tests\``);
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
}
