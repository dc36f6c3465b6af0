// One script builds every bundle: the extension and the CLI for Node (CommonJS),
// and the browser bundle of the webview (and of the HTML report) under webview/.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints build results in the shape VS Code's esbuild problem matcher expects. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const nodeCommon = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // jsonc-parser's UMD build requires its modules dynamically, which a bundle cannot follow: take its ESM build.
  mainFields: ['module', 'main'],
  // zod probes `navigator`, which VS Code's extension host reports as an error on every start.
  define: { navigator: 'undefined' },
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

// zod (two thirds of a bundle) is its own file beside the bundles, required when an event first fails the quick schema
// check (src/core/schemaProblems.ts): a start no longer compiles it (`node dist/cli.js --version` 80 -> 65 ms).
const withoutSchema = { ...nodeCommon, external: ['./schema'] };

const targets = [
  { ...withoutSchema, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './schema'] },
  { ...nodeCommon, entryPoints: ['src/core/schema.ts'], outfile: 'dist/schema.js' },
  {
    ...withoutSchema,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { ...nodeCommon.define, CLI_VERSION: JSON.stringify(require('./package.json').version) },
  },
  // The listener's body analysis runs in a worker thread, started from the CLI and the extension bundles alike:
  // it must sit beside them (src/listener/offThreadJudge.ts looks for it there).
  { ...withoutSchema, entryPoints: ['src/listener/judgeWorker.ts'], outfile: 'dist/judgeWorker.js' },
  // Large captures are analysed a chunk per worker thread (CLI and editor alike): src/node/chunkWorkers.ts looks for it beside them.
  { ...withoutSchema, entryPoints: ['src/node/chunkWorker.ts'], outfile: 'dist/chunkWorker.js' },
  // `report --redact` redacts in a worker thread, so its memory ends with it: src/node/redactFiles.ts looks for it beside the CLI.
  { ...withoutSchema, entryPoints: ['src/node/redactWorker.ts'], outfile: 'dist/redactWorker.js' },
];

// The webview's script, for the panel and the HTML report alike (a browser bundle: nothing of Node in it).
targets.push({
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: production,
  sourcemap: !production,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
  mainFields: ['module', 'main'],
  entryPoints: ['webview/main.ts'],
  outfile: 'dist/webview.js',
});

// Real-editor tests, only with --tests: the mocha runner (mocha bundled in, so the extension host needs no
// node_modules) and each test/integration/**/*.integration.test.ts, one CommonJS file each under out/test/integration/.
if (tests) {
  const dir = path.join(__dirname, 'test', 'integration');
  const outdir = path.join(__dirname, 'out', 'test', 'integration');
  fs.rmSync(outdir, { recursive: true, force: true }); // a deleted test must not linger in out/
  const suites = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.integration.test.ts'));
  targets.push({
    ...nodeCommon,
    entryPoints: [path.join(dir, 'index.ts'), ...suites.map((f) => path.join(dir, f))],
    outbase: dir,
    outdir,
    external: ['vscode'],
  });
}

async function main() {
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
  fs.chmodSync(path.join(__dirname, 'dist', 'cli.js'), 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
