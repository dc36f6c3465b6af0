// `call-events diff` (issue 14): payload drift between two captures. Expected outputs written by hand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { addToShape, diffShapes, emptyShape } from '../../src/core/payloadShape';

function shape(...events: Record<string, unknown>[]) {
  const s = emptyShape();
  for (const e of events) addToShape(s, e);
  return s;
}

async function run(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err: err.join('\n') };
}

describe('diff', () => {
  it('names added, removed and retyped fields (dotted, array items as []) and states; other families apart', () => {
    const old = shape(
      { call_id: 1, state: 'ringing', target: { id: 5, name: 'A' }, csat_score: 4, recording_details: [{ url: 'u' }] },
      { call_id: 1, state: 'hangup', voicemail_link: null },
    );
    const now = shape(
      { call_id: '1', state: 'ringing', target: { id: 5, name: 'A', office_id: 9 }, csat_score: '4', recording_details: [] },
      { call_id: 1, state: 'connected' },
      { text: 'hi', from_number: '+14155550100' },
    );
    assert.deepEqual(diffShapes(old, now), {
      fields: {
        added: ['target.office_id'],
        removed: ['recording_details[]', 'recording_details[].url', 'voicemail_link'],
        changed: [
          { field: 'call_id', old: ['number'], new: ['number', 'string'] },
          { field: 'csat_score', old: ['number'], new: ['string'] },
        ],
      },
      states: { added: ['connected'], removed: ['hangup'] },
      events: { old: 2, new: 2 },
      others: { old: {}, new: { sms: 1 } },
    });
  });

  it('exits 0 with no differences, 1 with some, 2 for bad usage or an unreadable file; reads folders', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-'));
    const a = path.join(dir, 'a.jsonl'), b = path.join(dir, 'b.jsonl');
    fs.writeFileSync(a, '{"call_id":1,"state":"ringing","target":{"id":2}}\n');
    fs.writeFileSync(b, '{"call_id":3,"state":"ringing","target":{"id":4,"office_id":5}}\n');
    const same = await run(['diff', a, a]);
    assert.deepEqual([same.code, same.out], [0, ['no differences in call-event fields, types or states', 'call events: 1 -> 1']]);
    const text = await run(['diff', a, b]);
    assert.deepEqual([text.code, text.out], [1, ['+ field target.office_id', 'call events: 1 -> 1']]);
    const json = await run(['diff', '--format', 'json', a, b]);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.out.join('')), {
      fields: { added: ['target.office_id'], removed: [], changed: [] }, states: { added: [], removed: [] }, events: { old: 1, new: 1 }, others: { old: {}, new: {} },
    });
    const folder = path.join(dir, 'old');
    fs.mkdirSync(folder);
    fs.copyFileSync(a, path.join(folder, 'x.jsonl'));
    fs.writeFileSync(path.join(folder, 'y.jsonl'), '{"call_id":1,"state":"hangup"}\n');
    const folders = await run(['diff', folder, b]);
    assert.deepEqual([folders.code, folders.out], [1, ['+ field target.office_id', '- state hangup', 'call events: 2 -> 1']]);
    assert.equal((await run(['diff', a])).code, 2);
    assert.equal((await run(['diff', '--format', 'xml', a, b])).code, 2);
    const missing = await run(['diff', a, path.join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.jsonl: no such file/);
    fs.rmSync(dir, { recursive: true });
  });
});
