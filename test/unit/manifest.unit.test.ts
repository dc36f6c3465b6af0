import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const minor = (range: string) => Number(/1\.(\d+)/.exec(range)![1]);

describe('the extension manifest', () => {
  it('is a VS Code extension that the real-editor tests can load (engines.vscode at most 1.139)', () => {
    for (const field of ['name', 'displayName', 'publisher', 'description', 'version']) assert.ok(manifest[field], field);
    assert.ok(manifest.categories.length > 0);
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(minor(manifest.engines.vscode) <= 139);
  });

  it('@types/vscode is no newer than engines.vscode', () => {
    assert.ok(minor(manifest.devDependencies['@types/vscode']) <= minor(manifest.engines.vscode));
  });

  it('declares the command line', () => {
    assert.deepEqual(manifest.bin, { 'call-events': 'dist/cli.js' });
  });

  it('every contributed command has a category, a title and an icon, under callEvents.*', () => {
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^callEvents\.[a-z][A-Za-z]+$/);
      assert.equal(command.category, 'Call Events');
      assert.ok(command.title && command.icon, command.command);
    }
  });

  it('the core never imports vscode', () => {
    const dir = path.join(ROOT, 'src', 'core');
    for (const file of fs.readdirSync(dir)) {
      assert.doesNotMatch(fs.readFileSync(path.join(dir, file), 'utf8'), /from 'vscode'|require\('vscode'\)/, file);
    }
  });
});

describe('the packaged extension', () => {
  it('ships every bundle the build makes (the CLI inside the .vsix starts its worker threads from beside it)', () => {
    const built = [...fs.readFileSync(path.join(ROOT, 'esbuild.js'), 'utf8').matchAll(/outfile: '(dist\/[\w.]+)'/g)].map((m) => m[1]!);
    assert.ok(built.includes('dist/redactWorker.js') && built.includes('dist/chunkWorker.js'), built.join(' '));
    const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
    for (const bundle of built) assert.ok(shipped.includes(bundle), `${bundle} is left out of the .vsix by .vscodeignore`);
  });
});
