// Replaying a captured event (src/listener/replay.ts) in plain Node, against a handler on 127.0.0.1:
// the request built as captured and as edited, sending it, and the forward record it appends.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { base64url, jwtVerify } from 'jose';
import { formatCaptureRecord, formatForwardRecord } from '../../src/core/captureRecord';
import { forwardBrief, forwardResultOf, forwardTitle, plainText } from '../../src/core/forwardResult';
import { reinspect } from '../../src/core/incremental';
import { inspectDocument } from '../../src/core/inspect';
import { readCapture } from '../../src/core/reader';
import { FORWARDED_HEADER } from '../../src/listener/forwarder';
import {
  appendRecordLine, buildReplayRequest, capturedBody, compactJson, deliver, findCaptureRecord, REPLAY_HEADER, replay, ReplayInputError,
} from '../../src/listener/replay';
import { callEvent } from './helpers';
import { freePort, tempDir } from './listenerHelpers';
import { listenOnLoopback } from '../support/loopback';

const SECRET = 'whsec-replay';

/** What the handler saw of one request. */
interface Received {
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

/** A handler on 127.0.0.1 that records every request and answers with `answer`. */
async function handler(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.end('ok')) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      answer(req, res);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, received, close };
}

describe('replaying a captured event', function () {
  this.timeout(10_000);
  let dir = '';
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(() => {
    dir = tempDir('replay');
  });

  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(answer?: Parameters<typeof handler>[0]) {
    const h = await handler(answer);
    cleanups.push(h.close);
    return h;
  }

  describe('the request', () => {
    it('as captured is the original body bytes and content type, exactly', async () => {
      // Odd spacing, non-ASCII text and an escaped quote: nothing may be normalised.
      const body = '{ "call_id": 1,\n  "state": "ringing", "note": "caf\u00e9 \\"x\\"" }  ';
      const line = formatCaptureRecord({ seq: 1, received_at: '2026-11-25T10:00:00.000Z', content_type: 'application/json; charset=utf-8', body });
      const captured = capturedBody(JSON.parse(line) as Record<string, unknown>)!;
      const h = await start();
      const result = await replay({ mode: 'as-captured', captured, target: h.url, secret: SECRET });
      assert.equal(result.request.signed, false, 'as captured is never re-signed');
      assert.equal(h.received.length, 1);
      assert.ok(h.received[0]!.body.equals(Buffer.from(body, 'utf8')));
      assert.equal(h.received[0]!.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(h.received[0]!.headers[REPLAY_HEADER], 'as-captured');
      assert.equal(h.received[0]!.headers[FORWARDED_HEADER], 'replay');
      assert.equal(result.delivery.status, 200);
      assert.equal(result.delivery.response_start, 'ok');
      assert.equal(typeof result.delivery.latency_ms, 'number');
      assert.equal(result.delivery.error, null);
    });

    it('as captured sends no content type when none was captured', async () => {
      const captured = capturedBody({ body: 'eyJhbGciOiJIUzI1NiJ9.e30.x', content_type: null })!;
      const h = await start();
      await replay({ mode: 'as-captured', captured, target: h.url });
      assert.equal(h.received[0]!.headers['content-type'], undefined);
      assert.equal(h.received[0]!.body.toString(), 'eyJhbGciOiJIUzI1NiJ9.e30.x');
    });

    it('as edited with a secret is a fresh HS256 JWT that verifies and whose claims are the edited JSON', async () => {
      // An id above 2^53 must keep every digit: re-serialising a parsed value would round it.
      const edited = JSON.stringify(callEvent({ state: 'connected', call_id: 5747322335264768 }), null, 2).replace('5747322335264768', '9007199254740993');
      const h = await start();
      const result = await replay({ mode: 'as-edited', editedJson: edited, secret: SECRET, target: h.url });
      assert.equal(result.request.signed, true);
      const { body, headers } = h.received[0]!;
      assert.equal(headers['content-type'], 'application/jwt');
      assert.equal(headers[REPLAY_HEADER], 'as-edited');
      const token = body.toString('utf8');
      const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
      assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
      assert.deepEqual(payload, JSON.parse(edited));
      const claimsText = new TextDecoder().decode(base64url.decode(token.split('.')[1]!));
      assert.equal(claimsText, compactJson(edited));
      assert.match(claimsText, /"call_id":9007199254740993/);
      await assert.rejects(jwtVerify(token, new TextEncoder().encode('another secret')));
    });

    it('as edited without a secret is the edited JSON text, as application/json', async () => {
      const edited = ' {"call_id": 1, "state": "hangup"}\n';
      const h = await start();
      const result = await replay({ mode: 'as-edited', editedJson: edited, target: h.url });
      assert.equal(result.request.signed, false);
      assert.equal(h.received[0]!.headers['content-type'], 'application/json');
      assert.equal(h.received[0]!.body.toString('utf8'), '{"call_id": 1, "state": "hangup"}');
    });

    it('refuses an edited event that is not a JSON object, before sending anything', async () => {
      await assert.rejects(buildReplayRequest('as-edited', { editedJson: '{"call_id": 1,' }), (e: unknown) => e instanceof ReplayInputError && /not valid JSON/.test(e.message));
      await assert.rejects(buildReplayRequest('as-edited', { editedJson: '[1]', secret: SECRET }), /not a JSON object/);
      await assert.rejects(buildReplayRequest('as-captured', {}), /no captured body/);
    });

    it('compacts JSON without touching strings or numbers', () => {
      assert.equal(compactJson('{ "a b" : [ 1 ,\n\t2.50 ] , "c\\" d": "x  y" }'), '{"a b":[1,2.50],"c\\" d":"x  y"}');
    });
  });

  describe('sending', () => {
    it('keeps the first 200 bytes of the answer and its status', async () => {
      const h = await start((_req, res) => {
        res.writeHead(503);
        res.end('x'.repeat(5_000));
      });
      const delivery = await deliver(h.url, { body: Buffer.from('{}'), contentType: 'application/json' });
      assert.equal(delivery.status, 503);
      assert.equal(delivery.response_start, 'x'.repeat(200));
      assert.equal(delivery.error, null);
      assert.equal(delivery.url, h.url);
    });

    it('a handler that is down gives an error outcome, not a throw', async () => {
      const port = await freePort();
      const delivery = await deliver(`http://127.0.0.1:${port}/hook?token=secret`, { body: Buffer.from('{}'), contentType: 'application/json' });
      assert.equal(delivery.status, null);
      assert.equal(delivery.latency_ms, null);
      assert.equal(delivery.response_start, null);
      assert.match(String(delivery.error), /connection refused/);
      assert.equal(delivery.url, `http://127.0.0.1:${port}/hook`, 'never the query (or credentials) of the URL');
    });

    it('a handler that does not answer is given up on after the timeout', async () => {
      const h = await start(() => undefined);
      const started = Date.now();
      const delivery = await deliver(h.url, { body: Buffer.from('{}'), contentType: 'application/json' }, { timeoutMs: 300 });
      assert.equal(delivery.status, null);
      assert.equal(delivery.error, 'no answer within 300 ms');
      assert.ok(Date.now() - started < 2_000);
    });

    it('a target that is not an http(s) URL gives an error outcome', async () => {
      assert.match(String((await deliver('ftp://127.0.0.1/x', { body: Buffer.alloc(0), contentType: null })).error), /not an http or https URL/);
      assert.equal((await deliver('not a url', { body: Buffer.alloc(0), contentType: null })).error, 'not a valid URL');
    });
  });

  describe('the record', () => {
    const a = JSON.stringify(callEvent({ call_id: 1, state: 'ringing' }));
    const b = JSON.stringify(callEvent({ call_id: 2, state: 'ringing' }));
    // A listener restarted on the same file numbers from 1 again: seq alone does not name a request.
    const firstRun = formatCaptureRecord({ seq: 1, received_at: '2026-11-25T10:00:00.000Z', content_type: 'application/json', status: 200, verdict: 'accepted', body: a });
    const secondRun = formatCaptureRecord({ seq: 1, received_at: '2026-11-25T11:00:00.000Z', content_type: 'application/json', status: 200, verdict: 'accepted', body: b });

    it('is appended to the capture and read back attached to the replayed request, even when its seq was reused', async () => {
      const file = path.join(dir, 'capture.jsonl');
      fs.writeFileSync(file, `${firstRun}\n${secondRun}\n`);
      const h = await start((_req, res) => res.end('handled'));
      const record = findCaptureRecord(fs.readFileSync(file, 'utf8'), 1, '2026-11-25T10:00:00.000Z')!;
      assert.equal(record.body, a);
      const result = await replay({ mode: 'as-captured', captured: capturedBody(record)!, target: h.url, of: { seq: 1, receivedAt: '2026-11-25T10:00:00.000Z' }, captureFile: file });
      assert.equal(result.recorded, true);
      assert.equal(h.received[0]!.body.toString(), a);

      const lines = fs.readFileSync(file, 'utf8').split('\n');
      assert.equal(lines.length, 4, 'one whole line added');
      assert.equal(lines[2], result.line);
      const written = JSON.parse(lines[2]!) as Record<string, unknown>;
      assert.equal(written.type, 'call-events/forward');
      assert.equal(written.replay, 'as-captured');
      assert.equal(written.seq, 1);

      const read = readCapture(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(read.problems, []);
      const forward = read.events[0]!.record?.forward as Record<string, unknown>;
      assert.equal(forward.status, 200);
      assert.equal(forward.response_start, 'handled');
      assert.equal(forward.replay, 'as-captured');
      assert.equal(forward.received_at, undefined, 'the request\'s own fields are not repeated in its forward');
      assert.equal(read.events[1]!.record?.forward, undefined, 'not the later request with the same seq');
    });

    it('a later result replaces an earlier one, and an editor re-reading only the appended line attaches it too', async () => {
      const file = path.join(dir, 'capture.jsonl');
      fs.writeFileSync(file, `${firstRun}\n${secondRun}\n`);
      const before = fs.readFileSync(file, 'utf8');
      const previous = await inspectDocument(before);
      const port = await freePort();
      const down = await replay({ mode: 'as-edited', editedJson: a, target: `http://127.0.0.1:${port}/`, of: { seq: 1, receivedAt: '2026-11-25T10:00:00.000Z' }, captureFile: file });
      assert.equal(down.recorded, true);
      assert.equal(down.delivery.status, null);
      const after = fs.readFileSync(file, 'utf8');
      const incremental = await reinspect(previous, before, after, {}, { start: before.length });
      const full = await inspectDocument(after);
      for (const inspection of [incremental, full]) {
        const forward = inspection.events[0]!.record?.forward as Record<string, unknown>;
        assert.equal(forward.replay, 'as-edited');
        assert.match(String(forward.error), /connection refused/);
        assert.equal(inspection.events[1]!.record?.forward, undefined);
      }

      const h = await start();
      await replay({ mode: 'as-captured', captured: capturedBody(JSON.parse(firstRun) as Record<string, unknown>)!, target: h.url, of: { seq: 1, receivedAt: '2026-11-25T10:00:00.000Z' }, captureFile: file });
      const latest = await inspectDocument(fs.readFileSync(file, 'utf8'));
      assert.equal((latest.events[0]!.record?.forward as Record<string, unknown>).status, 200);
    });

    it('keeps the listener\'s own forward records (no received_at) attached to the latest request with their seq', () => {
      const forward = formatForwardRecord({ seq: 1, forwarded_at: '2026-11-25T11:00:01.000Z', url: 'http://127.0.0.1:9/', status: 204, latency_ms: 2, response_start: '', error: null });
      const read = readCapture(`${firstRun}\n${secondRun}\n${forward}\n`);
      assert.equal(read.events[0]!.record?.forward, undefined);
      assert.equal((read.events[1]!.record?.forward as Record<string, unknown>).status, 204);
    });

    it('goes on a line of its own after a capture cut short, and never creates a missing file', async () => {
      const file = path.join(dir, 'cut.jsonl');
      fs.writeFileSync(file, `${firstRun}\n{"type":"call-events/capture","v":1,"seq":2,"rec`);
      await appendRecordLine(file, '{"type":"call-events/forward"}');
      assert.match(fs.readFileSync(file, 'utf8'), /"rec\n\{"type":"call-events\/forward"\}\n$/);
      const missing = path.join(dir, 'missing.jsonl');
      await assert.rejects(appendRecordLine(missing, '{}'), /ENOENT/);
      assert.equal(fs.existsSync(missing), false);
    });

    it('says when the capture cannot be written, after sending', async () => {
      const h = await start();
      const result = await replay({ mode: 'as-captured', captured: capturedBody(JSON.parse(firstRun) as Record<string, unknown>)!, target: h.url, of: { seq: 1, receivedAt: '2026-11-25T10:00:00.000Z' }, captureFile: path.join(dir, 'gone.jsonl') });
      assert.equal(result.delivery.status, 200);
      assert.equal(result.recorded, false);
      assert.match(String(result.recordError), /ENOENT/);
    });

    it('finds the captured record by seq and received_at, the latest first', () => {
      const text = `${firstRun}\n${secondRun}\nnot json ${'2026-11-25T10:00:00.000Z'} call-events/capture\n`;
      assert.equal(findCaptureRecord(text, 1, '2026-11-25T11:00:00.000Z')!.body, b);
      assert.equal(findCaptureRecord(text, 1, '2026-11-25T10:00:00.000Z')!.body, a);
      assert.equal(findCaptureRecord(text, 2, '2026-11-25T10:00:00.000Z'), undefined);
    });
  });

  describe('showing the result', () => {
    const result = (forward: Record<string, unknown>) => forwardResultOf({ record: { forward } })!;

    it('titles a CodeLens with the status and latency, or why it failed', () => {
      assert.equal(forwardTitle(result({ status: 200, latency_ms: 12.3 })), 'Forwarded: 200 · 12 ms');
      assert.equal(forwardTitle(result({ status: 502, latency_ms: 3.46, replay: 'as-edited' })), 'Forwarded: 502 · 3.5 ms · replayed as edited');
      assert.equal(forwardTitle(result({ status: null, error: 'connection refused: is the handler running? (ECONNREFUSED)' })), 'Forward failed: connection refused: is the handler running? (ECONNREFUSED)');
      assert.equal(forwardBrief(result({ status: 204, latency_ms: 1 })), 'forwarded 204');
      assert.equal(forwardBrief(result({ status: null, error: 'x' })), 'forward failed');
    });

    it('reads the fields from the capture file defensively: wrong types are ignored', () => {
      assert.equal(forwardResultOf({ record: {} }), undefined);
      assert.equal(forwardResultOf({ record: { forward: 'nope' } }), undefined);
      assert.equal(forwardResultOf(undefined), undefined);
      assert.deepEqual(result({ status: '200', latency_ms: 'fast', response_start: 5, error: null, replay: 'sideways', url: 1, simulated_verdict: 3 }),
        { url: undefined, forwardedAt: undefined, status: null, latencyMs: null, responseStart: null, error: null, replay: undefined, simulatedVerdict: undefined });
    });

    it('makes the handler\'s text plain: no control or bidi characters, no CodeLens icons, cut to length', () => {
      assert.equal(plainText('a\r\nb\u202ec $(alert) d'), 'a bc $\u200b(alert) d');
      assert.equal(plainText('x'.repeat(300)).length, 200);
      assert.ok(plainText('x'.repeat(300)).endsWith('…'));
    });
  });
});
