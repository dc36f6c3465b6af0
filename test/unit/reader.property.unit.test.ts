// Property-based tests of the reader and of inspectDocument: they never throw, every location they give is inside
// the text, and the same events read the same whatever the shape of the capture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { CODES } from '../../src/core/codes';
import { inspectDocument } from '../../src/core/inspect';
import { readCapture } from '../../src/core/reader';
import { CALL_STATES } from '../../src/core/states';
import { callEvent, ROOT, sample } from './helpers';

/** One seed for every property, so a failure replays exactly. */
const SEED = 0x5eed_2026;
const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: false });

const JSON_CHARS = [...'{}[]",:\\'];
const JSONISH = fc.constantFrom(...JSON_CHARS, ' ', '\n', '\r', '\t', '0', '1', '-', '.', 'e', 'a', 'eyJ', 'true', 'null', '\u2028', '\ud83d', '\ude00', '\0', '\ufeff');

/** readCapture on `text`: must not throw, and every range it gives must be inside the text. */
function checkRead(text: string): void {
  const read = readCapture(text);
  for (const problem of read.problems) {
    assert.ok(problem.code in CODES, `unknown code ${problem.code}`);
    if (problem.at.kind !== 'range') continue;
    const { start, end } = problem.at;
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${problem.code}: non-integer range ${start}..${end}`);
    assert.ok(start >= 0 && start <= end && end <= text.length, `${problem.code}: range ${start}..${end} outside 0..${text.length}`);
  }
  read.events.forEach((event, i) => {
    assert.equal(event.index, i);
    assert.ok(event.start >= 0 && event.start <= event.end && event.end <= text.length, `event ${i}: ${event.start}..${event.end} of ${text.length}`);
    assert.ok(event.textStart >= 0 && event.textStart <= event.textEnd && event.textEnd <= text.length, `event ${i}: text ${event.textStart}..${event.textEnd} of ${text.length}`);
  });
}

/** inspectDocument on `text`: must not throw (reject), and every problem must be inside the text, in order. */
async function checkInspect(text: string, secret?: string): Promise<void> {
  const inspection = await inspectDocument(text, secret === undefined ? {} : { secret });
  let previous = -1;
  for (const problem of inspection.problems) {
    const { start, end, code } = problem;
    assert.ok(code in CODES, `unknown code ${code}`);
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${code}: non-integer range ${start}..${end}`);
    assert.ok(start >= 0 && start <= end && end <= text.length, `${code}: range ${start}..${end} outside 0..${text.length}`);
    assert.ok(start >= previous, `problems are not sorted by position: ${code} at ${start} after ${previous}`);
    previous = start;
    // The CLI prints one problem per line: a message never spans lines.
    assert.doesNotMatch(problem.message, /[\r\n]/, `${code}: message spans lines: ${JSON.stringify(problem.message)}`);
  }
  for (const event of inspection.events) {
    assert.ok(event.start >= 0 && event.start <= event.end && event.end <= text.length);
  }
}

async function checkBoth(text: string, secret?: string): Promise<void> {
  checkRead(text);
  await checkInspect(text, secret);
}

// ---------------------------------------------------------------------------------------------
// Mutations of real captures.

type Mutation =
  | { kind: 'slice'; a: number; b: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('slice' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom(...JSON_CHARS), minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const n = out.length + 1;
    if (m.kind === 'slice') {
      const a = m.a % n, b = m.b % n;
      out = out.slice(Math.min(a, b), Math.max(a, b));
    } else if (m.kind === 'insert') {
      const at = m.at % n;
      out = out.slice(0, at) + m.text + out.slice(at);
    } else {
      const at = m.at % n;
      out = out.slice(0, at) + out.slice(at + m.length);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generated valid events, written with exact int64 call ids.

const ID_PLACEHOLDER = '"__CALL_ID__"';
const timestamp = fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 });

const eventArb = fc.record({
  callId: fc.oneof(fc.bigInt(1n, 2n ** 53n), fc.bigInt(2n ** 53n + 1n, 2n ** 63n - 1n)),
  state: fc.constantFrom(...CALL_STATES),
  date_started: fc.option(timestamp, { nil: null }),
  date_rang: fc.option(timestamp, { nil: null }),
  date_connected: fc.option(timestamp, { nil: null }),
  date_ended: fc.option(timestamp, { nil: null }),
  event_timestamp: fc.option(timestamp, { nil: undefined }),
  // Text that is hard on a bracket scanner: braces, quotes and backslashes inside a string.
  recap_summary: fc.option(fc.string({ unit: JSONISH, maxLength: 30 }), { nil: undefined }),
});

type GeneratedEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

/** The event as JSON text (compact or pretty), with its call id written as exact digits. */
function eventText(generated: GeneratedEvent, pretty: boolean): string {
  const { callId, event_timestamp, recap_summary, ...overrides } = generated;
  const value = callEvent({
    ...overrides,
    call_id: '__CALL_ID__',
    ...(event_timestamp === undefined ? {} : { event_timestamp }),
    ...(recap_summary === undefined ? {} : { recap_summary }),
  });
  const json = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  assert.equal(json.split(ID_PLACEHOLDER).length, 2);
  return json.replace(ID_PLACEHOLDER, callId.toString());
}

// ---------------------------------------------------------------------------------------------

describe('reader and inspectDocument, property-based', function () {
  this.timeout(60_000);

  const texts: { name: string; text: string }[] = [];

  before(async () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'))) {
      texts.push({ name: file, text: sample(file) });
    }
    // The real-shaped corpus: REST API records (integers as strings) and an API list envelope among them.
    for (const file of fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'))) {
      texts.push({ name: file, text: fs.readFileSync(path.join(ROOT, 'test', 'fixtures', file), 'utf8') });
    }
    // Shapes the samples do not have: JWT lines, and the listener's capture file.
    const key = new TextEncoder().encode('s3cret');
    const jwts: string[] = [];
    for (const state of ['ringing', 'connected', 'hangup']) {
      jwts.push(await new SignJWT(callEvent({ state })).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key));
    }
    texts.push({ name: 'jwt-lines', text: `${jwts.join('\n')}\n${JSON.stringify(jwts[0])}\n[${jwts.map((t) => JSON.stringify(t)).join(',')}]\n` });
    const records = [
      formatCaptureRecord({ seq: 1, received_at: '2026-05-01T10:00:00.000Z', method: 'POST', path: '/hook', status: 200, body: JSON.stringify(callEvent({ state: 'ringing' }), null, 2) }),
      formatCaptureRecord({ seq: 2, received_at: '2026-05-01T10:00:01.000Z', method: 'POST', path: '/hook', status: 200, body: jwts[2]! }),
      formatCaptureRecord({ seq: 3, received_at: '2026-05-01T10:00:02.000Z', method: 'POST', path: '/hook', status: 400, reason: 'bad "json"', body: '{"call_id": 1, "state": \n' }),
    ];
    texts.push({ name: 'capture', text: `${records.join('\n')}\n` });
  });

  describe('(a, b) never throws, and every location is inside the text', () => {
    it('arbitrary binary strings (any code unit, lone surrogates and NULs included)', async () => {
      await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400, size: 'max' }), (text) => checkBoth(text)), runs(300));
    });

    it('arbitrary grapheme strings', async () => {
      await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 400, size: 'max' }), (text) => checkBoth(text)), runs(300));
    });

    it('arbitrary strings of JSON punctuation and token fragments', async () => {
      await fc.assert(fc.asyncProperty(fc.string({ unit: JSONISH, maxLength: 400, size: 'max' }), (text) => checkBoth(text)), runs(300));
    });

    it('mutations of real captures: random slices, insertions of {}[]",:\\ and deletions', async () => {
      const arb = fc.tuple(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 6 }));
      await fc.assert(fc.asyncProperty(arb, async ([which, mutations]) => {
        const { text } = texts[which % texts.length]!;
        await checkBoth(mutate(text, mutations));
      }), runs(300));
    });

    it('mutations of JWT lines, verified with a secret', async () => {
      const jwtText = () => texts.find((t) => t.name === 'jwt-lines')!.text;
      await fc.assert(fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        await checkBoth(mutate(jwtText(), mutations), 's3cret');
      }), runs(150));
    });
  });

  describe('(c) the same events read the same in every shape', () => {
    it('JSON Lines, a JSON array, an API list envelope and concatenated pretty-printed objects give the same events and the same exact call ids', async () => {
      await fc.assert(fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 8 }), fc.boolean(), async (generated, prettyArray) => {
        const ids = generated.map((e) => e.callId.toString());
        const forms: Record<string, string> = {
          'json-lines': `${generated.map((e) => eventText(e, false)).join('\n')}\n`,
          'json-array': prettyArray
            ? `[\n${generated.map((e) => eventText(e, true)).join(',\n')}\n]\n`
            : `[${generated.map((e) => eventText(e, false)).join(',')}]`,
          'json-stream': `${generated.map((e) => eventText(e, true)).join('\n')}\n`,
          'api-list': `{"cursor": ${prettyArray ? 'null' : '"Cj8KBGNhbGw"'}, "items": [${generated.map((e) => eventText(e, prettyArray)).join(', ')}]}\n`,
        };
        for (const [form, text] of Object.entries(forms)) {
          const read = readCapture(text);
          assert.equal(read.events.length, generated.length, `${form}: readCapture found ${read.events.length} of ${generated.length} events`);
          assert.deepEqual(read.problems.filter((p) => p.severity === 'error'), [], `${form}: reading errors`);
          const inspection = await inspectDocument(text);
          assert.equal(inspection.events.length, generated.length, form);
          assert.deepEqual(inspection.events.map((e) => e.summary?.callId), ids, `${form}: call ids`);
          // Same exact ids in the graph, as strings.
          const legIds = [...inspection.graph.legs.values()].map((leg) => leg.callId).sort();
          assert.deepEqual(legIds, [...new Set(ids)].sort(), `${form}: graph legs`);
        }
      }), runs(150));
    });
  });
});
