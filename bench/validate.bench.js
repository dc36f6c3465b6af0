// Measures `call-events validate --format json` on the ~100,000-event benchmark capture against a bare
// JSON.parse baseline (bench/baseline.js): wall time of each whole process and the validator's peak RSS,
// over N alternating rounds (BENCH_ROUNDS, default 5). Targets: validate time <= 2.0x the baseline's
// (ratio of medians) and peak RSS <= 3.0x the file size. A measurement, not a test: it always exits 0.
// Peak RSS comes from GNU time (/usr/bin/time -f %M), else (or with BENCH_RSS_PRELOAD=1) from bench/peak-rss.js.
// Run with `npm run bench` (builds dist/ first).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureCapture } = require('./generate');

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const TIME_TARGET = 2.0;
const RSS_TARGET = 3.0;
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
const verdict = (ok) => (ok ? 'within target' : 'OVER TARGET');

function main() {
  if (!fs.existsSync(CLI)) {
    console.error(`bench: ${path.relative(ROOT, CLI)} is missing; run \`npm run build\` first (npm run bench does).`);
    return;
  }
  const capture = ensureCapture();
  const file = path.relative(ROOT, capture.file);
  const baselineArgs = [path.join(__dirname, 'baseline.js'), file];
  const validateArgs = [CLI, 'validate', '--format', 'json', file];

  // Warm-up (not counted): fills the page cache and checks both commands read the whole capture.
  const base = spawnSync(process.execPath, baselineArgs, { cwd: ROOT, encoding: 'utf8' });
  const check = spawnSync(process.execPath, validateArgs, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  let summary;
  try {
    const out = JSON.parse(check.stdout).files[0];
    const counts = {};
    for (const d of out.diagnostics) counts[d.severity] = (counts[d.severity] ?? 0) + 1;
    summary = `${out.events} events, ${out.diagnostics.length} diagnostics ${JSON.stringify(counts)}, exit ${check.status}`;
  } catch {
    summary = `unreadable output (exit ${check.status}): ${check.stderr.trim().split('\n')[0]}`;
  }

  console.log(`call-events validate benchmark (${ROUNDS} alternating rounds, node ${process.version}, ${os.cpus().length} CPU)`);
  console.log(`capture         ${file}: ${mb(capture.bytes)} (${capture.bytes} bytes), ${capture.events} events (generator v${capture.generatorVersion})`);
  console.log(`baseline check  ${base.stdout.trim()} events parsed, exit ${base.status}`);
  console.log(`validate check  ${summary}`);
  console.log(`peak RSS via    ${useGnuTime ? `${GNU_TIME} -f %M` : 'node -r bench/peak-rss.js (process.resourceUsage().maxRSS)'}`);
  console.log('');
  console.log('round  baseline time  baseline RSS   validate time  validate RSS   time ratio');
  const rounds = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const b = measure(baselineArgs);
    const v = measure(validateArgs);
    if (b.status !== 0 || v.status !== 0) console.log(`  (exit codes: baseline ${b.status}, validate ${v.status}) ${v.stderr.trim().split('\n')[0] ?? ''}`);
    rounds.push({ b, v });
    console.log(`${String(i).padStart(5)}  ${sec(b.ms).padStart(13)}  ${mb(b.rssKiB * 1024).padStart(12)}   ${sec(v.ms).padStart(13)}  ${mb(v.rssKiB * 1024).padStart(12)}   ${(v.ms / b.ms).toFixed(2).padStart(9)}x`);
  }

  const baseMs = median(rounds.map((r) => r.b.ms));
  const validateMs = median(rounds.map((r) => r.v.ms));
  const baseRss = median(rounds.map((r) => r.b.rssKiB)) * 1024;
  const validateRss = median(rounds.map((r) => r.v.rssKiB)) * 1024;
  const timeRatio = validateMs / baseMs;
  const rssRatio = validateRss / capture.bytes;
  console.log('');
  console.log(`file size              ${mb(capture.bytes)}`);
  console.log(`events                 ${capture.events}`);
  console.log(`median baseline time   ${sec(baseMs)}   (peak RSS ${mb(baseRss)}, ${(baseRss / capture.bytes).toFixed(2)}x the file)`);
  console.log(`median validate time   ${sec(validateMs)}`);
  console.log(`time ratio (medians)   ${timeRatio.toFixed(2)}x   target <= ${TIME_TARGET.toFixed(1)}x: ${verdict(timeRatio <= TIME_TARGET)}`);
  const fastest = (key) => Math.min(...rounds.map((r) => r[key].ms));
  console.log(`fastest rounds         baseline ${sec(fastest('b'))}, validate ${sec(fastest('v'))}: ${(fastest('v') / fastest('b')).toFixed(2)}x (less sensitive to a noisy machine)`);
  console.log(`median validate RSS    ${mb(validateRss)}`);
  console.log(`RSS / file size        ${rssRatio.toFixed(2)}x   target <= ${RSS_TARGET.toFixed(1)}x: ${verdict(rssRatio <= RSS_TARGET)}`);
}

try {
  main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.stack : error}`);
}
process.exitCode = 0;
