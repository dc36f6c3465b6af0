// Measures every command on the ~100,000-event benchmark capture, and validate and graph on a million tiny
// events of distinct calls, against two peers run in the same rounds: a bare JSON.parse of each line
// (bench/baseline.js) and a compiled ajv validator (bench/ajvPeer.js, the script a user would write). Wall
// time and peak RSS of each whole process, medians over N alternating rounds (BENCH_ROUNDS, default 3).
// Prints each target with its figure and met / NOT MET. A measurement, not a test: it always exits 0.
// Peak RSS comes from GNU time (/usr/bin/time -f %M), else (or with BENCH_RSS_PRELOAD=1) from bench/peak-rss.js.
// Run with `npm run bench` (builds dist/ first).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureCapture, ensureTinyCapture } = require('./generate');

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const GNU_TIME = '/usr/bin/time';
const useGnuTime = !process.env.BENCH_RSS_PRELOAD && fs.existsSync(GNU_TIME);

/** Runs `node ...args` with stdout to /dev/null; returns wall time (ms), peak RSS (KiB) and exit status. */
function measure(args) {
  const rssFile = path.join(os.tmpdir(), `call-events-bench-${process.pid}.rss`);
  fs.rmSync(rssFile, { force: true });
  const [command, commandArgs, env] = useGnuTime
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args], process.env]
    : [process.execPath, ['-r', path.join(__dirname, 'peak-rss.js'), ...args], { ...process.env, PEAK_RSS_FILE: rssFile }];
  const devNull = fs.openSync('/dev/null', 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { cwd: ROOT, env, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.closeSync(devNull);
  if (result.error) throw result.error;
  const rssKiB = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  fs.rmSync(rssFile, { force: true });
  return { ms, rssKiB, status: result.status, stderr: result.stderr.toString() };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(3)} s`;
const verdict = (ok) => (ok ? 'met' : 'NOT MET');

function main() {
  if (!fs.existsSync(CLI)) {
    console.error(`bench: ${path.relative(ROOT, CLI)} is missing; run \`npm run build\` first (npm run bench does).`);
    return;
  }
  const capture = ensureCapture();
  const tiny = ensureTinyCapture();
  const file = path.relative(ROOT, capture.file), tinyFile = path.relative(ROOT, tiny.file);
  const report = path.join(os.tmpdir(), `call-events-bench-${process.pid}.html`);
  const redacted = path.join(os.tmpdir(), `call-events-bench-${process.pid}.redacted.jsonl`);
  const runs = {
    baseline: [path.join(__dirname, 'baseline.js'), file],
    ajv: [path.join(__dirname, 'ajvPeer.js'), file],
    validate: [CLI, 'validate', '--format', 'json', file],
    graph: [CLI, 'graph', file],
    summary: [CLI, 'summary', file],
    report: [CLI, 'report', file, '--out', report],
    'report --redact': [CLI, 'report', '--redact', file, '--out', report],
    redact: [CLI, 'redact', file, '--out', redacted],
    // The capture against itself: both read, the peak still that of one.
    diff: [CLI, 'diff', file, file],
    'tiny validate': [CLI, 'validate', '--format', 'json', tinyFile],
    'tiny graph': [CLI, 'graph', tinyFile],
  };
  console.log(`call-events benchmark (${ROUNDS} alternating rounds, node ${process.version}, ${os.cpus().length} CPU, CALL_EVENTS_WORKERS=${process.env.CALL_EVENTS_WORKERS ?? '(default)'})`);
  console.log(`capture   ${file}: ${mb(capture.bytes)}, ${capture.events} events`);
  console.log(`tiny      ${tinyFile}: ${mb(tiny.bytes)}, ${tiny.events} events of distinct calls`);
  console.log(`peak RSS via ${useGnuTime ? `${GNU_TIME} -f %M` : 'node -r bench/peak-rss.js'}`);
  const check = spawnSync(process.execPath, runs.validate, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  try {
    const out = JSON.parse(check.stdout).files[0];
    console.log(`validate check: ${out.events} events, ${out.diagnostics.length} diagnostics, exit ${check.status}`);
  } catch {
    console.log(`validate check: unreadable output (exit ${check.status}): ${check.stderr.trim().split('\n')[0]}`);
  }
  const results = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let i = 1; i <= ROUNDS; i++) {
    const line = [];
    for (const [name, args] of Object.entries(runs)) {
      const r = measure(args);
      if (r.status !== 0 && !(name.includes('validate') && r.status === 1)) line.push(`${name} exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
      results[name].push(r);
      line.push(`${name} ${sec(r.ms)} ${mb(r.rssKiB * 1024)}`);
    }
    console.log(`round ${i}: ${line.join(' | ')}`);
  }
  fs.rmSync(report, { force: true });
  fs.rmSync(redacted, { force: true });
  const ms = (name) => median(results[name].map((r) => r.ms));
  const rss = (name) => median(results[name].map((r) => r.rssKiB)) * 1024;
  console.log('');
  console.log('median time / peak RSS');
  for (const name of Object.keys(runs)) console.log(`  ${name.padEnd(16)} ${sec(ms(name)).padStart(9)}  ${mb(rss(name)).padStart(9)}`);
  console.log('');
  console.log('targets');
  const target = (label, figure, ok) => console.log(`  ${label.padEnd(58)} ${figure.padEnd(26)} ${verdict(ok)}`);
  for (const name of ['validate', 'graph', 'summary', 'report', 'report --redact', 'redact', 'diff']) {
    const ratio = rss(name) / capture.bytes;
    target(`${name} peak RSS <= 2.0x the file (${mb(capture.bytes)})`, `${ratio.toFixed(2)}x (${mb(rss(name))})`, ratio <= 2);
  }
  const vsAjv = ms('validate') / ms('ajv'), vsParse = ms('validate') / ms('baseline');
  target('validate time <= ajv peer time', `${vsAjv.toFixed(2)}x (${sec(ms('validate'))} vs ${sec(ms('ajv'))})`, vsAjv <= 1);
  target('validate time <= 1.2x bare JSON.parse per line', `${vsParse.toFixed(2)}x (${sec(ms('validate'))} vs ${sec(ms('baseline'))})`, vsParse <= 1.2);
  target('tiny validate peak RSS <= 500 MB', mb(rss('tiny validate')), rss('tiny validate') <= 500e6);
  target('tiny validate time <= 20 s', sec(ms('tiny validate')), ms('tiny validate') <= 20000);
  target('tiny graph peak RSS <= 800 MB', mb(rss('tiny graph')), rss('tiny graph') <= 800e6);
  target('tiny graph time <= 20 s', sec(ms('tiny graph')), ms('tiny graph') <= 20000);
}

try {
  main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.stack : error}`);
}
process.exitCode = 0;
