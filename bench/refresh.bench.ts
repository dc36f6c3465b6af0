// Measures how fast an edit of one event in a 10 MB capture is re-inspected (the editor's refresh
// after typing), against a full inspection of the same text measured in the same run.
// Usage: npx tsx bench/refresh.bench.ts   (needs bench/.data/capture.jsonl: run `npm run bench` once)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reinspect } from '../src/core/incremental';
import { inspectDocument } from '../src/core/inspect';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const TARGET_BYTES = 10 * 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const source = path.join(__dirname, '.data', 'capture.jsonl');
  if (!fs.existsSync(source)) throw new Error(`${source} is missing: run \`npm run bench\` first to generate it`);
  const all = fs.readFileSync(source, 'utf8');
  const text = all.slice(0, all.lastIndexOf('\n', TARGET_BYTES) + 1);
  const lines = text.split('\n').length - 1;
  const base = await inspectDocument(text);
  const fullTimes: number[] = [];
  const editTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // An edit in the middle of the file: one event's state mistyped, as a user would.
    const at = text.indexOf('"state":"connected"', Math.floor(text.length * (0.3 + 0.4 * (round / ROUNDS))));
    const edited = `${text.slice(0, at)}"state":"conected"${text.slice(at + '"state":"connected"'.length)}`;
    let start = process.hrtime.bigint();
    await inspectDocument(edited);
    fullTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    const result = await reinspect(base, text, edited);
    editTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!result.problems.some((p) => p.code === 'schema.state.unknown')) throw new Error('the edit was not seen');
  }
  const full = median(fullTimes), edit = median(editTimes);
  console.log(`capture: ${(text.length / 1048576).toFixed(1)} MiB, ${lines} events, ${ROUNDS} rounds alternating`);
  console.log(`full inspection      median ${full.toFixed(1)} ms   [${fullTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`re-inspect one edit  median ${edit.toFixed(1)} ms   [${editTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`ratio edit/full      ${(edit / full).toFixed(3)}   target: edit under 100 ms: ${edit < 100 ? 'within target' : 'OVER TARGET'}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
