import * as assert from 'node:assert/strict';
import { formatCaptureRecord, formatForwardRecord } from '../../src/core/captureRecord';
import { readCapture } from '../../src/core/reader';
import { callEvent, codes, inspect, jsonLines } from './helpers';

const a = callEvent({ call_id: 1001, state: 'ringing', date_connected: null, date_ended: null, duration: null, total_duration: null });
const b = callEvent({ call_id: 1002 });

describe('reading captures', () => {
  it('detects each shape from the content and finds the same events', () => {
    const pretty = `${JSON.stringify(a, null, 2)}\n${JSON.stringify(b, null, 2)}\n`;
    const cases: [string, string][] = [
      [JSON.stringify(a), 'json-object'],
      [JSON.stringify([a, b], null, 2), 'json-array'],
      [pretty, 'json-stream'],
      [jsonLines(a, b), 'json-lines'],
      [`${JSON.stringify(a)}${JSON.stringify(b)}`, 'json-stream'],
    ];
    for (const [text, format] of cases) {
      const read = readCapture(text);
      assert.equal(read.format, format, text.slice(0, 40));
      assert.deepEqual(read.problems, []);
      const count = format === 'json-object' ? 1 : 2;
      assert.equal(read.events.length, count);
      for (const event of read.events) {
        // Each event's range is exactly its JSON text.
        assert.deepEqual(JSON.parse(text.slice(event.start, event.end)), event.value);
      }
    }
  });

  it('an empty or blank file is empty and says so once', async () => {
    for (const text of ['', '  \n\t\r\n']) {
      const result = await inspect(text);
      assert.equal(result.format, 'empty');
      assert.equal(result.events.length, 0);
      assert.deepEqual(codes(result.view), ['input.empty']);
    }
  });

  it('skips a byte order mark without shifting offsets', () => {
    const text = `\ufeff${JSON.stringify(a)}\n`;
    const [event] = readCapture(text).events;
    assert.equal(event!.start, 1);
  });

  it('reports a syntax error where it is and reads the events after it', async () => {
    const broken = JSON.stringify(a, null, 2).replace('"state": "ringing",', '"state": "ringing"');
    const text = `${broken}\n${JSON.stringify(b, null, 2)}\n`;
    const result = await inspect(text);
    assert.deepEqual(result.events.map((e) => e.summary?.callId), ['1002']);
    const error = result.view.find((p) => p.code === 'syntax.error')!;
    assert.equal(error.severity, 'error');
    // The error is on the token after the missing comma.
    const lineText = text.split('\n')[error.line - 1]!;
    assert.match(lineText, /"direction"/);
  });

  it('resumes after an object that never closes, at the next line that starts an object', async () => {
    const text = `${JSON.stringify(a, null, 2).slice(0, -2)}\n${JSON.stringify(b, null, 2)}\n`;
    const result = await inspect(text);
    assert.deepEqual(result.events.map((e) => e.summary?.callId), ['1002']);
    const secondStart = text.split('\n').indexOf('{', 1) + 1;
    const error = result.view.find((p) => p.code === 'syntax.error')!;
    assert.ok(error.line < secondStart && error.text !== '', JSON.stringify(error));
  });

  it('reports a cut-off last line as truncated and keeps the lines before it', async () => {
    const full = jsonLines(a, b);
    const text = full.slice(0, full.length - 40);
    const result = await inspect(text);
    assert.equal(result.events.length, 1);
    const truncated = result.view.find((p) => p.code === 'syntax.truncated')!;
    assert.equal(truncated.line, 2);
  });

  it('reads each element of an array on its own', async () => {
    const text = `[\n${JSON.stringify(a)},\n{"call_id": 1003, "state": },\n${JSON.stringify(b)}\n]`;
    const result = await inspect(text);
    assert.equal(result.format, 'json-array');
    assert.deepEqual(result.events.map((e) => e.summary?.callId), ['1001', '1002']);
    const error = result.view.find((p) => p.code === 'syntax.error')!;
    assert.equal(error.line, 3);
  });

  it('reports a trailing comma in an array and an empty element', async () => {
    const trailing = await inspect(`[${JSON.stringify(a)},\n]`);
    assert.deepEqual(codes(trailing.view.filter((p) => p.severity === 'error')), ['syntax.trailing-comma']);
    assert.equal(trailing.events.length, 1);
    const empty = await inspect(`[${JSON.stringify(a)},,${JSON.stringify(b)}]`);
    assert.deepEqual(codes(empty.view.filter((p) => p.severity === 'error')), ['syntax.error']);
    assert.equal(empty.events.length, 2);
  });

  it('names values that are not objects and lines that are neither JSON nor JWT', async () => {
    const result = await inspect('42\nhello world\n[1, "x"]\n');
    assert.deepEqual(codes(result.view), ['json.not-an-event', 'input.unrecognized', 'json.not-an-event', 'json.not-an-event']);
    assert.deepEqual(result.view.map((p) => p.text), ['42', 'hello world', '1', '"x"']);
  });

  describe('the listener capture file', () => {
    const record = (body: string, extra: Record<string, unknown> = {}) =>
      formatCaptureRecord({ seq: 1, received_at: '2026-11-25T10:00:00.000Z', method: 'POST', path: '/webhook', content_type: 'application/json', status: 200, verdict: 'accepted', body, ...extra });

    it('reads the body of each record as the event, keeping the record fields', async () => {
      const text = `${record(JSON.stringify(a))}\n${record(JSON.stringify(b, null, 2))}\n`;
      const result = await inspect(text);
      assert.equal(result.format, 'capture');
      assert.deepEqual(result.events.map((e) => e.summary?.callId), ['1001', '1002']);
      assert.equal(result.events[0]!.record?.path, '/webhook');
      assert.deepEqual(result.view, []);
    });

    it('locates a problem inside the escaped body on the exact characters of the line', async () => {
      const body = JSON.stringify({ ...b, state: 'ringin', contact: { name: 'Zoë "Z" \\ Ng', phone: '555' } }, null, 1);
      const text = `${record(body)}\n`;
      const result = await inspect(text);
      const state = result.view.find((p) => p.code === 'schema.state.unknown')!;
      assert.equal(state.text, '\\"ringin\\"');
      const phone = result.view.find((p) => p.code === 'phone.not-e164')!;
      assert.equal(phone.text, '\\"555\\"');
    });

    it('locates a syntax error inside the body and still reads the next record', async () => {
      const text = `${record('{"call_id": 1, "state" "ringing"}')}\n${record(JSON.stringify(b))}\n`;
      const result = await inspect(text);
      assert.deepEqual(result.events.map((e) => e.summary?.callId), ['1002']);
      const error = result.view.find((p) => p.code === 'syntax.error')!;
      assert.equal(error.line, 1);
      assert.equal(error.text, '\\"ringing\\"');
    });

    it('says when the listener rejected a request, and reads JWT bodies', async () => {
      const text = `${record('not json', { status: 400, verdict: 'invalid', reason: 'not JSON or a JWT' })}\n`;
      const result = await inspect(text);
      assert.deepEqual(codes(result.view), ['capture.rejected', 'input.unrecognized']);
    });

    it('refuses a record without a body, and skips records of unknown kinds', async () => {
      const text = '{"type":"call-events/capture","v":1,"received_at":"2026-11-25T10:00:00Z"}\n{"type":"call-events/not-yet-invented","v":1}\n';
      const result = await inspect(text);
      assert.deepEqual(codes(result.view), ['capture.record-invalid', 'capture.unknown-record']);
    });

    it('attaches a forward record silently to the request with the same seq (the latest one)', async () => {
      const forward = (seq: number, status: number) => formatForwardRecord({
        seq, forwarded_at: '2026-11-25T10:00:01.000Z', url: 'http://127.0.0.1:9000/hook', status, latency_ms: 3.5, response_start: 'ok', error: null,
      });
      // A listener restarted on the same file numbers from 1 again: a forward belongs to the latest request with its seq.
      const text = [record(JSON.stringify(a)), record(JSON.stringify(b)), forward(1, 502), forward(99, 200)].join('\n') + '\n';
      const result = await inspect(text);
      assert.equal(result.format, 'capture');
      assert.deepEqual(result.view, []);
      assert.equal(result.events.length, 2);
      assert.equal(result.events[0]!.record?.forward, undefined);
      assert.deepEqual(result.events[1]!.record?.forward, { forwarded_at: '2026-11-25T10:00:01.000Z', url: 'http://127.0.0.1:9000/hook', status: 502, latency_ms: 3.5, response_start: 'ok', error: null });
    });

    it('reads a too-large record (no body kept) as a rejection only', async () => {
      const text = `${record('', { status: 413, verdict: 'too-large', reason: 'body over the 1 MiB limit', size: 2000000 })}\n`;
      const result = await inspect(text);
      assert.deepEqual(codes(result.view), ['capture.rejected']);
      assert.match(result.view[0]!.text, /too-large/);
    });
  });
});
