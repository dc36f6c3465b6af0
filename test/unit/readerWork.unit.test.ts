// The reader's work stays linear in its input, whatever the input: counted in characters visited (readWork),
// never timed. And the scans it shares between values give exactly what a fresh scan of each value gives.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCapture, readWork } from '../../src/core/reader';
import { scanValue, ValueScanner } from '../../src/core/scan';

const SEED = 0x5eed_2026;

/** About `size` characters of `unit` repeated, between `head` and `tail`. */
function fill(size: number, unit: string, head = '', tail = ''): string {
  return head + unit.repeat(Math.floor((size - head.length - tail.length) / unit.length)) + tail;
}

const HOSTILE: Record<string, (size: number) => string> = {
  'unclosed objects, one per line': (n) => fill(n, '{\n'),
  'unclosed objects with a field': (n) => fill(n, '{"a":1,\n'),
  'unclosed strings in unclosed objects': (n) => fill(n, '{"a\n'),
  'a string that never closes': (n) => fill(n, 'x', '{"a":"'),
  'escaped quotes in unclosed strings': (n) => fill(n, '{"a\\"\n'),
  'unclosed arrays': (n) => fill(n, '['),
  'unclosed arrays, one per line, then objects': (n) => fill(n, '[\n{\n'),
  'too-deep arrays after a closed object, one per line': (n) => fill(n, `{}${'['.repeat(65)}\n`),
  'deep nesting': (n) => fill(n, '{"a":'),
  'deep nesting, closed': (n) => `${'['.repeat(n / 2)}${']'.repeat(n / 2)}`,
  'many tiny items': (n) => fill(n, '{}\n'),
  'many tiny items on one line': (n) => fill(n, '{}'),
  'many tiny items in an array': (n) => fill(n, '{},', '[', '{}]'),
  'many strings on one line': (n) => fill(n, '"a"'),
  'objects after closed ones on one line, in an unclosed one': (n) => fill(n, '{}{\n', '{\n'),
  'JWT-like lines': (n) => fill(n, 'eyJ.x\n'),
  'a capture record with a hostile body': (n) => `${JSON.stringify({ type: 'call-events/capture', v: 1, received_at: 'x', body: '{\n'.repeat(n / 4) })}\n`,
  'NUL after unclosed objects': (n) => `${fill(n, '{\n')}\0`,
  'REST API list envelopes whose items never close': (n) => fill(n, '{"items":[\n'),
  'envelopes whose items close only at the end': (n) => { const lines = Math.floor(n / 12); return `${'{"items":[\n'.repeat(lines)}${']'.repeat(lines)}`; },
  'envelopes with an unclosed cursor string': (n) => fill(n, '{"cursor":"a\n'),
};

describe('the reader\'s work', () => {
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`is linear in the input: ${name}`, () => {
      const small = make(16 * 1024);
      const large = make(64 * 1024);
      const perChar = (text: string) => readWork(text) / text.length;
      // Quadratic work would be ~16,000 characters per character at the small size and 4 times that at the large one.
      assert.ok(perChar(small) <= 12, `${perChar(small).toFixed(1)} characters visited per character at 16 KB`);
      assert.ok(perChar(large) <= 12, `${perChar(large).toFixed(1)} characters visited per character at 64 KB`);
      assert.ok(perChar(large) <= perChar(small) * 1.25, `work per character grew from ${perChar(small).toFixed(2)} to ${perChar(large).toFixed(2)}`);
    });
  }
});

describe('the shared scans of top-level values', () => {
  it('give what a fresh scan gives, from any start, in any order of the reader\'s (property)', () => {
    const chars = fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', ' ', ',', ':', 'a', '1');
    fc.assert(fc.property(fc.array(chars, { maxLength: 80 }).map((c) => c.join('')), fc.array(fc.nat(), { maxLength: 12 }), (text, picks) => {
      const scanner = new ValueScanner(text);
      const starts = [...text].flatMap((c, i) => (c === '{' || c === '[' ? [i] : []));
      if (starts.length === 0) return;
      const order = [...starts, ...picks.map((p) => starts[p % starts.length]!)];
      for (const start of order) {
        const shared = scanner.scan(start);
        const { elements: _elements, ...fresh } = scanValue(text, start);
        const { elements: _shared, ...rest } = shared;
        assert.deepEqual(rest, fresh, `${JSON.stringify(text)} from ${start}`);
        if (shared.elements) assert.deepEqual(shared.elements, scanValue(text, start).elements);
      }
    }), { seed: SEED, numRuns: 2000 });
  });

  it('remember the unclosed brackets the reader resumes at: later objects cost nothing to scan', () => {
    const text = '{\n{\n{"a":\n1}\n{\n';
    const scanner = new ValueScanner(text);
    assert.deepEqual(scanner.scan(0), { end: text.length, closed: false, depth: 3 });
    const work = scanner.work;
    assert.deepEqual(scanner.scan(2), { end: text.length, closed: false, depth: 2 });
    assert.equal(scanner.work, work, 'the bracket at line 2 is answered from the first scan');
    assert.deepEqual(scanner.scan(4), { end: 12, closed: true, depth: 1 });
    assert.deepEqual(scanner.scan(13), { end: text.length, closed: false, depth: 1 });
  });
});

describe('strings end at line breaks at the latest', () => {
  it('so a line starting an object inside a broken string is read as an object', () => {
    // JSON strings hold no raw line break: the string opened on line 1 ends there, and line 2 is an event.
    const text = '{"a": "x\n{"call_id": 1}\n';
    const read = readCapture(text);
    assert.deepEqual(read.events.map((e) => [e.start, e.end, e.value]), [[9, 23, { call_id: 1 }]]);
    assert.deepEqual(read.problems.map((p) => [p.code, p.at.kind === 'range' && p.at.start < 9]), [['syntax.error', true]]);
  });

  it('at top level too: an unterminated string is reported on its line, and the next line read on', () => {
    const text = '"eyJ\n{"call_id": 2}\n';
    const read = readCapture(text);
    assert.deepEqual(read.problems.map((p) => [p.code, p.message, p.at]), [['syntax.error', 'Malformed JSON: unterminated string.', { kind: 'range', start: 0, end: 4 }]]);
    assert.deepEqual(read.events.map((e) => e.value), [{ call_id: 2 }]);
  });

  it('while an escaped quote still does not end one', () => {
    assert.deepEqual(scanValue('{"a\\"}"}', 0), { end: 8, closed: true, depth: 1 });
    assert.deepEqual(scanValue('{"a\\\\"}', 0), { end: 7, closed: true, depth: 1 });
  });
});
