// The listener's inspector in plain Node: headers read back from capture records (old ones have none),
// credential masking, the list's texts and the detail document of one request.
import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { capturedHeaders, describeRequestBody, requestDetailText, requestListItem, type ListenedRequest } from '../../src/core/listenerRequest';
import { isCredentialHeader, maskHeaders } from '../../src/core/redactCapture';
import { callEvent, inspect } from './helpers';

const RECEIVED = '2026-12-01T12:04:44.655Z';

function request(overrides: Partial<ListenedRequest> = {}): ListenedRequest {
  return {
    id: 1, receivedAt: RECEIVED, method: 'POST', path: '/webhook', status: 200, verdict: 'accepted', size: 20,
    contentType: 'application/json', seq: 3, stored: true, latencyMs: 4.2, ...overrides,
  };
}

describe('the listener inspector', () => {
  describe('masking credential headers', () => {
    it('masks Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Api-Key and their kin, in any case; keeps the others', () => {
      for (const name of ['Authorization', 'proxy-authorization', 'Cookie', 'set-cookie', 'X-Api-Key', 'x-api_key', 'X-Auth-Token', 'X-Hub-Signature-256', 'X-Webhook-Secret', 'X-Session-Id', 'X-Access-Key', 'X-Password']) {
        assert.equal(isCredentialHeader(name), true, name);
      }
      for (const name of ['content-type', 'content-length', 'user-agent', 'host', 'x-request-id', 'accept', 'x-forwarded-for']) {
        assert.equal(isCredentialHeader(name), false, name);
      }
      assert.deepEqual(maskHeaders({ authorization: 'Bearer abc', cookie: '', 'content-type': 'application/json' }),
        { authorization: '[masked]', cookie: '', 'content-type': 'application/json' });
    });
  });

  describe('capture records with and without headers', () => {
    const body = JSON.stringify(callEvent());
    const old = formatCaptureRecord({ seq: 1, received_at: RECEIVED, method: 'POST', path: '/webhook', content_type: 'application/json', size: body.length, status: 200, verdict: 'accepted', reason: null, body });
    const withHeaders = formatCaptureRecord({
      seq: 1, received_at: RECEIVED, method: 'POST', path: '/webhook', content_type: 'application/json', size: body.length, status: 200, verdict: 'accepted', reason: null,
      headers: { 'content-type': 'application/json', authorization: '[masked]', 'user-agent': 'Dialpad' }, body,
    });

    it('reads an old record (no headers) and a new one as the same event; the new one keeps its headers', async () => {
      for (const [text, headers] of [[old, undefined], [withHeaders, { 'content-type': 'application/json', authorization: '[masked]', 'user-agent': 'Dialpad' }]] as const) {
        const read = await inspect(text);
        assert.equal(read.format, 'capture');
        assert.equal(read.events.length, 1);
        assert.equal(read.events[0]!.summary?.callId, '5747322335264768');
        assert.deepEqual(read.view, []);
        assert.deepEqual(read.events[0]!.record?.headers, headers);
      }
    });

    it('reads headers back in order, none from an old record, string values only, credentials masked again', () => {
      assert.deepEqual(capturedHeaders(JSON.parse(old) as Record<string, unknown>), []);
      assert.deepEqual(capturedHeaders(JSON.parse(withHeaders) as Record<string, unknown>), [['content-type', 'application/json'], ['authorization', '[masked]'], ['user-agent', 'Dialpad']]);
      // A hand-made file: a credential written in clear is not shown; values that are not strings are left out.
      assert.deepEqual(capturedHeaders({ headers: { Cookie: 'sid=1', 'x-n': 5, accept: '*/*' } }), [['Cookie', '[masked]'], ['accept', '*/*']]);
      assert.deepEqual(capturedHeaders({ headers: ['authorization', 'x'] }), []);
      assert.deepEqual(capturedHeaders({ headers: null }), []);
    });
  });

  describe('reading a body as the core does', () => {
    it('a JSON event: its call id (all digits) and state', async () => {
      assert.deepEqual(await describeRequestBody('{"call_id": 9007199254740993, "state": "ringing"}', undefined), { payload: 'json', callId: '9007199254740993', state: 'ringing' });
    });

    it('a JWT: decoded and verified with the secret, or told forged with another', async () => {
      const token = await new SignJWT(callEvent({ state: 'connected' })).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('s3cret'));
      const verified = await describeRequestBody(token, 's3cret');
      assert.equal(verified?.payload, 'jwt');
      assert.equal(verified?.jwt?.verdict, 'verified');
      assert.equal(verified?.callId, '5747322335264768');
      assert.equal(verified?.state, 'connected');
      assert.equal((await describeRequestBody(token, 'another'))?.jwt?.verdict, 'bad-signature');
    });

    it('nothing for an empty body, text that is no event, or a body over 64 KiB', async () => {
      assert.equal(await describeRequestBody('', undefined), undefined);
      assert.equal(await describeRequestBody('hello', undefined), undefined);
      // Past 64 KiB a body is not read in the editor (the listener answers on that thread); the detail shows its start.
      assert.equal(await describeRequestBody(`{"call_id": 1, "state": "ringing", "pad": "${'x'.repeat(64 * 1024)}"}`, undefined), undefined);
    });
  });

  describe('the list', () => {
    it('shows status and path, then the verdict (unless a 200 accepted it), state and call id, size and time', () => {
      const item = requestListItem(request({ path: '/hook', status: 404, verdict: 'wrong-path', size: 1536, event: { payload: 'json', callId: '123', state: 'ringing' } }));
      assert.equal(item.label, '404 /hook');
      assert.equal(item.description, 'wrong-path · ringing call 123 · 1.5 KB · 12:04:44');
      assert.equal(requestListItem(request({ event: { payload: 'jwt', callId: '9', state: 'hangup' } })).description, 'hangup call 9 · 20 B · 12:04:44', 'a 200 accepted goes without saying');
      assert.equal(requestListItem(request({ status: 401, verdict: 'forged' })).description, 'forged · 20 B · 12:04:44');
      assert.equal(requestListItem(request({ method: 'GET', status: null, size: 0, seq: undefined, stored: false })).label, '— GET /webhook');
    });

    it('keeps a path and a method from the sender inert (no control or bidi character)', () => {
      const item = requestListItem(request({ path: '/a\u202eb\u001b[2Jc' }));
      // The escape control becomes a space, the bidi override is dropped (plainText).
      assert.equal(item.label, '200 /ab [2Jc');
      assert.equal(requestListItem(request({ method: 'P\u202eUT\u0007' })).label, '200 PUT  /webhook');
    });
  });

  describe('the detail', () => {
    const body = '{"call_id":1,"state":"hangup","contact":{"name":"Ana\\u202e"}}';
    const record = { type: 'call-events/capture', v: 1, seq: 3, received_at: RECEIVED, body, headers: { 'content-type': 'application/json', authorization: '[masked]', 'x-token': 'clear-text' } };

    it('shows the answer, the forward answer, the masked headers and the body pretty-printed', () => {
      const text = requestDetailText(request({
        event: { payload: 'json', callId: '1', state: 'hangup' },
        forward: { url: 'http://127.0.0.1:3000/hook', forwardedAt: RECEIVED, status: 201, latencyMs: 12, responseStart: 'created', error: null, replay: undefined, simulatedVerdict: undefined },
      }), record);
      assert.equal(text, [
        'POST /webhook → 200 accepted',
        `Received: ${RECEIVED} (seq 3) · answered in 4.2 ms`,
        'Body: 20 B · application/json',
        'Event: call 1 · hangup',
        '',
        'Forward',
        '  forwarded to http://127.0.0.1:3000/hook: 201 in 12 ms',
        '  Dialpad delivery: delivered',
        '  answer: created',
        '',
        'Request headers',
        '  content-type: application/json',
        '  authorization: [masked]',
        '  x-token: [masked]',
        '',
        'Body (JSON):',
        '{',
        '  "call_id": 1,',
        '  "state": "hangup",',
        '  "contact": {',
        '    "name": "Ana\\u202e"',
        '  }',
        '}',
        '',
      ].join('\n'));
    });

    it("tells what Dialpad would do with the handler's answer: a 400 loses the event, a 6 s answer would be retried", () => {
      const forward = { url: 'http://127.0.0.1:3000/hook', forwardedAt: RECEIVED, responseStart: '', error: null, replay: undefined, simulatedVerdict: undefined };
      const lost = requestDetailText(request({ event: { payload: 'json', callId: '1', state: 'hangup' }, forward: { ...forward, status: 400, latencyMs: 9 } }), record);
      assert.ok(lost.includes('\n  Dialpad would not retry this: the event is lost (a 400 is never retried)\n'), lost);
      const slow = requestDetailText(request({ event: { payload: 'json', callId: '1', state: 'hangup' }, forward: { ...forward, status: 200, latencyMs: 6000 } }), record);
      assert.ok(slow.includes('\n  Dialpad would have timed out and retried'), slow);
    });

    it('a JWT: its verdict, header and decoded claims; a record without headers says so', async () => {
      const token = await new SignJWT({ call_id: 2, state: 'ringing' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('s3cret'));
      const event = await describeRequestBody(token, 'wrong');
      const text = requestDetailText(request({ contentType: 'application/jwt', event }), { type: 'call-events/capture', v: 1, received_at: RECEIVED, body: token });
      assert.match(text, /\nRequest headers \(not recorded: a capture written before headers were kept\)\n/);
      assert.match(text, /\nBody: a JWT · bad-signature: .+\nJWT header: \{"alg":"HS256","typ":"JWT"\}\nJWT claims:\n\{\n {2}"call_id": 2,\n {2}"state": "ringing"\n\}\n/);
    });

    it('a 404 to another path: its reason and the body as received, each character from the sender inert', () => {
      const text = requestDetailText(request({ path: '/hook\u001b]52;c;x\u0007', status: 404, verdict: 'wrong-path', reason: 'Not found: this listener takes POST /webhook.', forward: undefined }),
        { type: 'call-events/capture', v: 1, received_at: RECEIVED, body: 'not json \u202e', headers: {} });
      assert.ok(text.startsWith('POST /hook\\x1b]52;c;x\\x07 → 404 wrong-path\nReason: Not found: this listener takes POST /webhook.\n'), text);
      assert.match(text, /\nBody \(as received\):\nnot json \\u202e\n/);
      assert.match(text, /\n\nForward\n {2}not forwarded [^\n]*\n\nRequest headers\n\nBody/);
    });

    it('a request that was not recorded (another method): its headers from the listener, no body', () => {
      const text = requestDetailText(request({ method: 'GET', status: 405, verdict: 'wrong-method', seq: undefined, stored: false, size: 0, headers: { accept: '*/*' } }), undefined);
      assert.match(text, /\nRequest headers\n {2}accept: \*\/\*\n\nBody: not read\n/);
    });
  });
});
