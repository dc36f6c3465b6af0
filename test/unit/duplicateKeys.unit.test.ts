// A key written twice: JSON.parse (a Node handler) keeps the last value, other languages' parsers may
// take the first, so the second key gets a warning with both values.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { base64url } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { countKeyTokens } from '../../src/core/duplicateKeys';
import { callEvent, inspect } from './helpers';

const warnings = (result: Awaited<ReturnType<typeof inspect>>) =>
  result.problems.filter((p) => p.code === 'json.duplicate-key').map((p) => ({ start: p.start, end: p.end, severity: p.severity, message: p.message }));

/** Keys of a parsed value at every depth, counted here by walking it (not by the code under test). */
function keysIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + keysIn(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [, item]) => sum + 1 + keysIn(item), 0);
}

/** Every key and string value of a parsed value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...stringsIn(item)]);
}

describe('duplicate keys', () => {
  it('warns on the second key of a top-level field, with both values', async () => {
    const result = await inspect('{"call_id":1,"state":"hangup","call_id":2}\n');
    assert.deepEqual(warnings(result), [{
      start: 30, end: 39, severity: 'warning',
      message: 'Key "call_id" appears twice in this event: first 1, then 2. JSON.parse keeps the last (a Node handler reads 2); a handler in another language may take the first (1).',
    }]);
    // The event is read as Node reads it: the last value wins.
    assert.equal(result.events[0]!.summary?.callId, '2');
  });

  it('warns in nested objects, names the object, and quotes structured values', async () => {
    const result = await inspect('{"call_id":1,"state":"connected","target":{"id":1,"id":{"a":[1,2]}}}');
    assert.deepEqual(warnings(result), [{
      start: 50, end: 54, severity: 'warning',
      message: 'Key "id" appears twice in target: first 1, then {"a":[1,2]}. JSON.parse keeps the last (a Node handler reads {"a":[1,2]}); a handler in another language may take the first (1).',
    }]);
  });

  it('a key written three times gets a warning at each repetition', async () => {
    const text = '{"call_id":1, "state":"a", "state":"b",\n "state" : "c"}';
    const result = await inspect(text);
    assert.deepEqual(warnings(result).map((w) => [w.start, w.end]), [[27, 34], [41, 48]]);
    assert.match(warnings(result)[1]!.message, /first "b", then "c"/);
  });

  it('locates the key inside a listener capture record, and on the token of a JWT', async () => {
    const line = formatCaptureRecord({ seq: 1, received_at: '2026-05-14T16:20:03.486Z', body: '{"call_id":1,"state":"hangup","call_id":2}' });
    const second = line.lastIndexOf('\\"call_id\\"');
    const record = await inspect(`${line}\n`);
    assert.deepEqual(warnings(record).map((w) => [w.start, w.end]), [[second, second + '\\"call_id\\"'.length]]);

    const token = `${base64url.encode('{"alg":"HS256"}')}.${base64url.encode('{"call_id":1,"state":"hangup","call_id":2}')}.c2ln`;
    const jwt = await inspect(`${token}\n`);
    assert.deepEqual(warnings(jwt).map((w) => [w.start, w.end]), [[0, token.length]]);
  });

  it('no warning for keys that only look alike: quotes, colons and backslashes inside strings, other objects', async () => {
    const event = callEvent({ note: 'he said "call_id": 2', 'a\\': '\\":', list: [{ id: 1 }, { id: 1 }], target: { id: 1, name: 'x', email: 'id:1' } });
    for (const text of [JSON.stringify(event), JSON.stringify(event, null, 2), JSON.stringify(event).replace(/":/g, '" :')]) {
      assert.deepEqual(warnings(await inspect(text)), []);
    }
  });

  it('counts only the keys inside the range it is given, whatever lies around it', () => {
    const around = '{"a":1}\n{}\n{"b" :2, "c":{"d":3}}\n{"e":4}';
    const [first, second, third] = around.split('\n').map((line) => around.indexOf(line));
    assert.equal(countKeyTokens(around, second!, second! + 2), 0);
    assert.equal(countKeyTokens(around, third!, around.lastIndexOf('\n')), 3);
    assert.equal(countKeyTokens(around, first!, first! + 7), 1);
    // A range starting just after a key's quote does not count that key.
    assert.equal(countKeyTokens(around, around.indexOf(':'), around.length), 4);
  });

  it('the cheap count is never below the keys JSON.parse reads, exact unless a string opens with a colon, and no false warning', async () => {
    const key = fc.string({ unit: fc.constantFrom('"', ':', '\\', 'a', ' ', '\n', '{', '}') });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: fc.constantFrom('"', ':', '\\', 'b', ' ') }), fc.integer(), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).object;
    await fc.assert(fc.asyncProperty(json, fc.constantFrom(0, 2), async (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      const count = countKeyTokens(text);
      assert.ok(count >= keysIn(value));
      if (!stringsIn(value).some((s) => /^ *:/.test(s))) assert.equal(count, keysIn(value));
      assert.equal(countKeyTokens(` ${text} `, 1, text.length + 1), count);
      // JSON.stringify never repeats a key: whatever the count, nothing is reported.
      assert.deepEqual(warnings(await inspect(text)), []);
    }));
  });
});
