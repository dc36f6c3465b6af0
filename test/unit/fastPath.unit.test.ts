import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { inspectDocument } from '../../src/core/inspect';
import { ROOT } from './helpers';

/**
 * The reader takes a one-line object with JSON.parse (the fast path of JSON Lines) and anything else with
 * its positional scanner and parser. Written after another item on the same line, the same object can only
 * take the positional path: that reading is the reference, and the fast one must find the same problems
 * (codes, severities, messages, ranges) and the same event.
 */
async function bothPaths(line: string, { bom = false, crlf = false } = {}) {
  const lead = bom ? '\ufeff' : '', eol = crlf ? '\r\n' : '\n';
  const read = async (text: string) => {
    const inspection = await inspectDocument(text);
    const own = lead.length + line.length;
    // The object's own event, if it is one (the `{}` after it always is).
    const event = inspection.events.find((e) => e.start < own);
    return {
      // Only the object's own problems: the `{}` after it has its own (it is no call event).
      problems: inspection.problems.filter((p) => p.start < own)
        .map((p) => [p.start, p.end, p.severity, p.code, p.message]),
      event: event && { start: event.start, end: event.end, kind: event.kind, family: event.family, trusted: event.trusted, summary: event.summary, record: event.record },
    };
  };
  return { fast: await read(`${lead}${line}${eol}`), positional: await read(`${lead}${line} {}${eol}`) };
}

function linesOf(file: string): string[] {
  return fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.startsWith('{'));
}

const base = '"call_id":5001,"state":"calling","direction":"inbound","date_started":1700000000000,"event_timestamp":1700000000100';
const deep = `${'['.repeat(70)}${']'.repeat(70)}`;
const hostile = [
  `{${base},"state":"hangup"}`,
  `{${base},"target":{"name":"a","type":"user","name":"b"}}`,
  `{${base}, "call_id" : 5002}`,
  `{${base},"master_call_id":12345678901234567890}`,
  `{${base},"operator_call_id":9007199254740993,"entry_point_call_id":1e400}`,
  `{${base},"deep":${deep}}`,
  `{${base},"contact":{"name":"\u202eevil\u200b","phone":"+12025550101"}}`,
  `{${base},"contact":{"name":"\\u202e\\ud800 lone","phone":"+1202555010"}}`,
  `{"call\\u005fid":5001,"state":"call\\u0069ng","note":"a\\":b","x":":"}`,
  `{${base},"duration":-5,"total_duration":"long","is_transferred":"true","direction":"sideways"}`,
  '{"call_id":"abc","state":5}',
  '{"state":"calling"}',
  `{${base},"state":"hangupp","external_number":"blocked","internal_number":"12345"}`,
  '{"text":"hi","from_number":"+12025550101","to_number":"+12025550102"}',
  `{${base},"unknown_field":{"a":[1,2,{"b":null}]}}`,
  `{${base},}`,
  `{${base},"labels":["a",]}`,
  `{${base} "x":1}`,
  formatCaptureRecord({ seq: 1, received_at: '2026-11-25T10:00:00.000Z', method: 'POST', path: '/webhook', content_type: 'application/json', status: 200, verdict: 'accepted', body: `{${base},"state":"ringing","state":"hangup"}` }),
  formatCaptureRecord({ seq: 2, received_at: '2026-11-25T10:00:01.000Z', method: 'POST', path: '/webhook', content_type: 'application/json', status: 200, verdict: 'accepted', body: `{${base},"call_id":12345678901234567890}` }),
];

describe('the reader\'s JSON Lines fast path', () => {
  const files = ['samples/call-center.jsonl', 'samples/direct-call.jsonl', 'samples/monitored-barge.jsonl', 'samples/transfer.jsonl', 'samples/voicemail.jsonl',
    'test/fixtures/webhook-current-fields.jsonl', 'test/fixtures/withheld-caller-id.jsonl'];

  it('reads every event of the samples and fixtures as the positional path does', async () => {
    let compared = 0;
    for (const file of files) {
      for (const line of linesOf(file)) {
        const { fast, positional } = await bothPaths(line);
        assert.deepEqual(fast, positional, `${file}: ${line.slice(0, 80)}`);
        compared++;
      }
    }
    assert.ok(compared >= 30, `only ${compared} events compared`);
  });

  it('finds the same problems in hostile events: repeated keys, unsafe integers, deep nesting, bidi, escapes, bad syntax', async () => {
    for (const line of hostile) {
      const { fast, positional } = await bothPaths(line);
      assert.deepEqual(fast, positional, line.slice(0, 100));
    }
    // The corpus reaches what the fast path must hand over: each of these is found on both paths.
    const found = new Set<string>();
    for (const line of hostile) for (const p of (await bothPaths(line)).fast.problems) found.add(p[3] as string);
    for (const code of ['json.duplicate-key', 'number.precision-loss', 'syntax.too-deep', 'schema.type', 'schema.missing-field', 'family.other', 'schema.field.unknown']) {
      assert.ok(found.has(code), `no ${code} in the hostile corpus`);
    }
  });

  it('agrees after a byte order mark and with CRLF line ends', async () => {
    for (const line of [...hostile.slice(0, 8), ...linesOf('samples/transfer.jsonl').slice(0, 3)]) {
      for (const options of [{ bom: true }, { crlf: true }, { bom: true, crlf: true }]) {
        const { fast, positional } = await bothPaths(line, options);
        assert.deepEqual(fast, positional, `${JSON.stringify(options)} ${line.slice(0, 80)}`);
      }
    }
  });
});
