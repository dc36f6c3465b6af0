// Times the reader on growing hostile inputs (unclosed objects, unclosed strings, deep nesting, many tiny
// items) at 64 KB, 256 KB, 1 MB and 4 MB (BENCH_SIZES; BENCH_INPUTS picks inputs by name), in-process: `read` is the reader alone
// (readCaptureStreaming, events counted), `inspect` the whole core validate runs (inspectDocument: read,
// analyse, graph, locate).
// Each is the median of BENCH_ROUNDS rounds (default 5), printed as time per MB and as a ratio to the
// baseline measured in the same run at the same size: JSON.parse of each line of a valid JSON Lines capture
// (the samples' events repeated), as bench/baseline.js does. Linear work shows as a flat time per MB across
// the sizes; the reader used to take time growing with the square of the size (64 KB of `{` lines: 4.9 s).
// The core is bundled from src/ with esbuild for the run (the CLI bundle exports nothing).
// A measurement, not a test: it always exits 0. Run with `npm run bench:hostile` (also part of `npm run bench`).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const SIZES = (process.env.BENCH_SIZES || '65536,262144,1048576,4194304').split(',').map(Number);
// The whole inspection costs some 8 µs per invalid event (schema, rules, locating its problems), so on a
// million tiny items it takes several seconds a round: by default it is timed up to 1 MB (the reader at every size).
// Only the inputs whose name contains BENCH_INPUTS (for example "tiny items").
const ONLY = process.env.BENCH_INPUTS;
const INSPECT_MAX = Number(process.env.BENCH_INSPECT_MAX) || 1024 * 1024;

/** Text of about `size` characters made of `unit` repeated, between `head` and `tail`. */
const fill = (size, unit, head = '', tail = '') => head + unit.repeat(Math.max(1, Math.floor((size - head.length - tail.length) / unit.length))) + tail;

const INPUTS = {
  'unclosed objects ({ lines)': (n) => fill(n, '{\n'),
  'unclosed objects ({"a":1, lines)': (n) => fill(n, '{"a":1,\n'),
  'unclosed strings ({"a lines)': (n) => fill(n, '{"a\n'),
  'unclosed arrays ([ then { lines)': (n) => fill(n, '[\n{\n'),
  'deep nesting ([[[...)': (n) => fill(n, '['),
  'deep nesting ({"a":{"a":...)': (n) => fill(n, '{"a":'),
  'many tiny items ({} lines)': (n) => fill(n, '{}\n'),
  // A key at the very end: the duplicate-key count once searched from each key-less item on to it.
  'many tiny items, then one key': (n) => fill(n, '{}\n', '', '{"a":1}\n'),
  'many tiny items in an array': (n) => fill(n, '{},', '[', '{}]'),
};

function loadCore() {
  const out = path.join(os.tmpdir(), `call-events-hostile-bench-${process.pid}.js`);
  esbuild.buildSync({
    stdin: { contents: "export { readCaptureStreaming } from './src/core/reader'; export { inspectDocument } from './src/core/inspect';", resolveDir: ROOT, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, mainFields: ['module', 'main'], logLevel: 'error',
  });
  try {
    return require(out);
  } finally {
    fs.rmSync(out, { force: true });
  }
}

function validLines(size) {
  const lines = [];
  for (const name of fs.readdirSync(path.join(ROOT, 'samples'))) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8').split('\n')) if (line.trim()) lines.push(line);
  }
  let text = '';
  for (let i = 0; text.length < size; i++) text += `${lines[i % lines.length]}\n`;
  return text;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function time(run) {
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const size = (bytes) => (bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes / 1024} KB`);
const perMb = (ms, chars) => `${(ms / (chars / (1 << 20))).toFixed(1).padStart(8)} ms/MB`;
const ratio = (ms, base) => `${(ms / base).toFixed(1).padStart(6)}x`;

async function main() {
  const { readCaptureStreaming, inspectDocument } = loadCore();
  console.log(`hostile inputs: median of ${ROUNDS} rounds; ratio = time / baseline (JSON.parse of each line of a valid capture of the same size)`);
  const baselines = new Map();
  for (const n of SIZES) {
    const text = validLines(n);
    const ms = await time(() => { for (const line of text.split('\n')) if (line) JSON.parse(line); });
    baselines.set(n, ms);
    console.log(`  baseline ${size(n).padStart(6)}: ${ms.toFixed(1).padStart(8)} ms ${perMb(ms, text.length)}`);
  }
  for (const [name, make] of Object.entries(INPUTS)) {
    if (ONLY && !name.includes(ONLY)) continue;
    console.log(name);
    for (const n of SIZES) {
      const text = make(n);
      const base = baselines.get(n);
      const read = await time(() => { let events = 0; readCaptureStreaming(text, () => { events++; }); return events; });
      const line = `  ${size(n).padStart(6)}  read ${read.toFixed(1).padStart(8)} ms ${perMb(read, text.length)} ${ratio(read, base)}`;
      if (n > INSPECT_MAX) {
        console.log(`${line}   inspect not timed above ${size(INSPECT_MAX)} (BENCH_INSPECT_MAX)`);
        continue;
      }
      const inspect = await time(() => inspectDocument(text));
      console.log(`${line}   inspect ${inspect.toFixed(1).padStart(8)} ms ${perMb(inspect, text.length)} ${ratio(inspect, base)}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 0;
});
