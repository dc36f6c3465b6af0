import * as assert from 'node:assert/strict';
import { compactInspection, inspectInChunks, type CompactInspection } from '../../src/core/chunkedInspection';
import { inspectDocument } from '../../src/core/inspect';
import { listProblems, MAX_LISTED_PROBLEMS } from '../../src/core/listedProblems';
import { main } from '../../src/cli';
import { memorySource } from '../../src/node/fileSource';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// 6,000 empty objects: each lacks call_id and state, 12,000 problems in all, 2,000 past the listing limit.
const LINES = 6_000;
const text = '{}\n'.repeat(LINES);

function shape(compact: CompactInspection) {
  return {
    listed: compact.diagnostics.length,
    last: compact.diagnostics.at(-1) && [compact.diagnostics.at(-1)!.line, compact.diagnostics.at(-1)!.column, compact.diagnostics.at(-1)!.problem.code, compact.diagnostics.at(-1)!.problem.message],
    beforeLast: compact.diagnostics.at(-2) && [compact.diagnostics.at(-2)!.line, compact.diagnostics.at(-2)!.problem.code],
    unlisted: compact.unlisted,
  };
}

describe('a file\'s problems listed up to a limit, the rest counted', () => {
  it('the limit is ten thousand', () => {
    assert.equal(MAX_LISTED_PROBLEMS, 10_000);
  });

  it('lists a file\'s first 10,000 problems and one that counts the rest, where the first of those is; read whole or a chunk at a time alike', async () => {
    const expected = {
      listed: 10_001,
      last: [5_001, 1, 'input.too-many-problems', '2,000 more problems from here on are counted but not listed (2,000 errors): a file\'s first 10,000 are. Fix those and validate again.'],
      beforeLast: [5_000, 'schema.missing-field'],
      unlisted: { error: 2_000, warning: 0, information: 0, hint: 0 },
    };
    assert.deepEqual(shape(compactInspection(await inspectDocument(text))), expected, 'read whole');
    for (const chunkBytes of [4_096, 1 << 20]) {
      // Small chunks: the limit is reached across chunks; one large chunk: within it, its problems past the limit not even located.
      const chunked = await inspectInChunks(memorySource(Buffer.from(text)), { chunkBytes, maxChunkBytes: chunkBytes });
      assert.ok(!('whole' in chunked));
      assert.deepEqual(shape(chunked), expected, `chunks of ${chunkBytes} bytes`);
    }
  });

  it('lists every problem of a file with no more than the limit, and counts none', async () => {
    const few = '{}\n'.repeat(5_000);
    const compact = compactInspection(await inspectDocument(few));
    assert.equal(compact.diagnostics.length, 10_000);
    assert.ok(compact.diagnostics.every((d) => d.problem.code === 'schema.missing-field'));
    assert.deepEqual(compact.unlisted, { error: 0, warning: 0, information: 0, hint: 0 });
    assert.equal(listProblems((await inspectDocument(few)).problems).listed.length, 10_000);
  });

  it('call-events validate lists the first 10,000 and one more line, counts every problem in its summary, and exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listed-problems-'));
    const file = path.join(dir, 'empty-objects.jsonl');
    fs.writeFileSync(file, text);
    const run = async (argv: string[]) => {
      const out: string[] = [], err: string[] = [];
      const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
      return { code, out, err };
    };
    const plain = await run(['validate', file]);
    assert.equal(plain.code, 1);
    assert.equal(plain.out.length, 10_001);
    assert.match(plain.out.at(-1)!, /:5001:1: information input\.too-many-problems 2,000 more problems from here on/);
    assert.deepEqual(plain.err, ['1 file(s), 6000 event(s): 12000 error(s), 0 warning(s), 1 information, 0 hint(s)']);
    const json = await run(['validate', '--format', 'json', file]);
    assert.equal(json.code, 1);
    const diagnostics = (JSON.parse(json.out.join('\n')) as { files: { diagnostics: { code: string }[] }[] }).files[0]!.diagnostics;
    assert.equal(diagnostics.length, 10_001);
    assert.equal(diagnostics.at(-1)!.code, 'input.too-many-problems');
    fs.rmSync(dir, { recursive: true });
  });
});
