import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { writeOutput } from '../../src/cli/output';
import { ROOT } from './helpers';

const SAMPLES = path.join(ROOT, 'samples');

describe('output in pieces', () => {
  it('through a raw writer: the pieces in order, then one newline; without one: a single line through out', async () => {
    const written: string[] = [], lines: string[] = [];
    await writeOutput(['{"a":', '1', '}'], () => assert.fail('no line expected'), (s) => { written.push(s); });
    assert.equal(written.join(''), '{"a":1}\n');
    await writeOutput(['{"a":', '1', '}'], (s) => lines.push(s));
    assert.deepEqual(lines, ['{"a":1}']);
  });

  it('a large output goes out in several writes, never as one string', async () => {
    const written: string[] = [];
    const piece = 'x'.repeat(1000);
    await writeOutput(Array.from({ length: 200 }, () => piece), () => assert.fail('no line expected'), (s) => { written.push(s); });
    assert.ok(written.length >= 3, `${written.length} writes`);
    assert.ok(written.every((w) => w.length < 100_000));
    assert.equal(written.join(''), `${piece.repeat(200)}\n`);
  });

  it('waits for a full output to drain before the next piece', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const piece = 'y'.repeat(70_000);
    const done = writeOutput([piece, piece], () => {}, (s) => {
      events.push(`write ${s.length}`);
      if (events.length === 1) return new Promise<void>((resolve) => { release = resolve; });
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(events, ['write 70000']);
    events.push('drained');
    release();
    await done;
    assert.deepEqual(events, ['write 70000', 'drained', 'write 70000', 'write 1']);
  });

  describe('graph and summary --format json write through the raw writer exactly what they print as one line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-output-'));
    // 600 calls of their own: an output of more than one batch.
    const many = path.join(dir, 'many.jsonl');
    fs.writeFileSync(many, Array.from({ length: 600 }, (_, i) => JSON.stringify({ call_id: 7000000 + i, state: 'hangup', date_started: 1772456400000 + i, direction: 'inbound' })).join('\n'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const cases = [
      ['graph', path.join(SAMPLES, 'monitored-barge.jsonl')],
      ['graph', path.join(SAMPLES, 'transfer.jsonl'), path.join(SAMPLES, 'call-center.jsonl')],
      ['graph', many],
      ['summary', '--format', 'json', path.join(SAMPLES, 'transfer.jsonl')],
      ['summary', '--format', 'json', many],
    ];
    for (const argv of cases) {
      it(argv.map((a) => path.basename(a)).join(' '), async () => {
        const lines: string[] = [], written: string[] = [];
        assert.equal(await main(argv, {}, (s) => lines.push(s), () => {}), 0);
        assert.equal(await main(argv, {}, () => assert.fail('no line expected'), () => {}, (s) => { written.push(s); }), 0);
        assert.equal(lines.length, 1);
        assert.equal(written.join(''), `${lines[0]}\n`);
        const flows = (JSON.parse(lines[0]!) as { flows: unknown[] }).flows;
        if (argv.includes(many)) assert.equal(flows.length, 600);
      });
    }
  });
});
