// The capture server (src/listener) in plain Node, over 127.0.0.1 only: answers, records, limits,
// timeouts, concurrency, storage failures, the port in use, forwarding and stopping.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { CaptureServer, ListenerStartError, type CaptureServerOptions } from '../../src/listener/captureServer';
import type { CaptureFile, OpenCaptureFile } from '../../src/listener/captureWriter';
import { judgeAsRecord, judgeBody } from '../../src/listener/judge';
import { callEvent, inspect, ROOT } from './helpers';
import { captureRecords, freePort, post, records, request, tempDir, until, startServer } from './listenerHelpers';

const SECRET = 'whsec-test';
const sign = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

describe('the capture listener', function () {
  this.timeout(15_000);
  let dir = '';
  const servers: CaptureServer[] = [];

  beforeEach(() => {
    dir = tempDir('listener');
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = (options: Partial<CaptureServerOptions> = {}) => startServer(servers, dir, options);

  describe('answers and records', () => {
    it('answers 200 for a JSON event, after appending its record, and the core reads it back', async () => {
      const { url, file, outcomes } = await start();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const body = JSON.stringify(callEvent(), null, 2);
      const answer = await post(`${url}webhook?x=1`, body);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { seq: 1, verdict: 'accepted' });
      const [record] = captureRecords(file);
      assert.equal(record!.body, body, 'the raw body, verbatim');
      assert.deepEqual(
        { ...record, received_at: undefined, body: undefined, headers: undefined },
        { type: 'call-events/capture', v: 1, seq: 1, received_at: undefined, method: 'POST', path: '/webhook?x=1', content_type: 'application/json', size: Buffer.byteLength(body), status: 200, verdict: 'accepted', reason: null, body: undefined, headers: undefined },
      );
      assert.equal((record!.headers as Record<string, string>)['content-type'], 'application/json');
      assert.match(String(record!.received_at), /^\d{4}-\d\d-\d\dT/);
      const read = await inspect(fs.readFileSync(file, 'utf8'));
      assert.equal(read.format, 'capture');
      assert.equal(read.events[0]!.summary?.callId, '5747322335264768');
      assert.deepEqual(read.view, []);
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0]!.stored, true);
    });

    it('answers 200 for a JWT (decoded, not verified, without a secret), whatever the content type says', async () => {
      const { url, file } = await start();
      const token = await sign(callEvent());
      const answer = await post(url, token, 'application/json');
      assert.equal(answer.status, 200);
      const read = await inspect(fs.readFileSync(file, 'utf8'));
      assert.equal(read.events[0]!.payload, 'jwt');
      assert.equal(read.events[0]!.jwt?.verdict, 'unverified');
    });

    it('answers 405 with an Allow header to anything but POST, and records nothing', async () => {
      const { url, file, outcomes } = await start();
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const answer = await request(url, method === 'PUT' ? '{}' : undefined, { method });
        assert.equal(answer.status, 405, method);
        assert.equal(answer.headers.allow, 'POST');
      }
      assert.equal(fs.readFileSync(file, 'utf8'), '');
      assert.deepEqual(outcomes.map((o) => [o.verdict, o.status, o.stored]), Array(3).fill(['wrong-method', 405, false]));
    });

    it('with --path, answers 404 elsewhere', async () => {
      const { url } = await start({ path: '/webhook' });
      assert.equal((await post(`${url}other`, '{}')).status, 404);
      assert.equal((await post(`${url}webhook`, '{}')).status, 200);
      assert.equal((await post(`${url}webhook?token=1`, '{}')).status, 200);
    });

    it('records a POST to another path with its 404 and its real size (so a wrong webhook URL shows up), and does not forward it', async () => {
      const handler = http.createServer((req, res) => res.end('ok'));
      await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
      try {
        const { url, file, outcomes, forwards } = await start({ path: '/webhook', forwardTo: `http://127.0.0.1:${(handler.address() as net.AddressInfo).port}/` });
        const body = JSON.stringify(callEvent());
        const answer = await post(`${url}hook`, body);
        assert.equal(answer.status, 404);
        assert.deepEqual(answer.json, { seq: 1, verdict: 'wrong-path', reason: 'Not found: this listener takes POST /webhook.' });
        assert.equal((await request(`${url}favicon.ico`, undefined, { method: 'GET' })).status, 404, 'other methods elsewhere: 404, not recorded');
        const [record, ...more] = captureRecords(file);
        assert.equal(more.length, 0);
        assert.deepEqual(
          { path: record!.path, status: record!.status, verdict: record!.verdict, size: record!.size, body: record!.body },
          { path: '/hook', status: 404, verdict: 'wrong-path', size: Buffer.byteLength(body), body },
        );
        assert.deepEqual(outcomes.map((o) => [o.path, o.verdict, o.status, o.size, o.stored, o.seq]), [
          ['/hook', 'wrong-path', 404, Buffer.byteLength(body), true, 1],
          ['/favicon.ico', 'wrong-path', 404, 0, false, undefined],
        ]);
        // The capture reads the body back as an event, with a note that it was refused.
        const read = await inspect(fs.readFileSync(file, 'utf8'));
        assert.equal(read.events.length, 1);
        assert.ok(read.problems.some((p) => p.code === 'capture.rejected' && p.message.startsWith('The listener answered 404')));
        assert.equal((await post(`${url}webhook`, body)).status, 200);
        await until(() => forwards.length === 1, 5_000, 'the forward of the right path');
        assert.equal(forwards[0]!.seq, 2, 'only the request to the listener\'s path was forwarded');
      } finally {
        await new Promise<void>((resolve) => handler.close(() => resolve()));
      }
    });

    it('records the request headers, with the values of credential headers masked before they are written', async () => {
      const { url, file, outcomes } = await start();
      const secrets = ['Bearer tok-1234567', 'Basic cHJveHk6cHc=', 'sid=cookie-998877', 'key-5566778899', 'auth-44332211'];
      const answer = await request(`${url}webhook`, JSON.stringify(callEvent()), {
        headers: {
          'Content-Type': 'application/json', 'User-Agent': 'Dialpad-Webhooks/1.0', 'X-Request-Id': 'req-1',
          Authorization: secrets[0]!, 'Proxy-Authorization': secrets[1]!, Cookie: secrets[2]!, 'X-Api-Key': secrets[3]!, 'X-Auth-Token': secrets[4]!,
          'X-Empty-Token': '',
        },
      });
      assert.equal(answer.status, 200);
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} is not in the capture`);
      const headers = captureRecords(file)[0]!.headers as Record<string, string>;
      assert.deepEqual(
        { ...headers, host: undefined, connection: undefined, 'content-length': undefined },
        {
          'content-type': 'application/json', 'user-agent': 'Dialpad-Webhooks/1.0', 'x-request-id': 'req-1',
          authorization: '[masked]', 'proxy-authorization': '[masked]', cookie: '[masked]', 'x-api-key': '[masked]', 'x-auth-token': '[masked]',
          'x-empty-token': '', host: undefined, connection: undefined, 'content-length': undefined,
        },
      );
      assert.equal(headers.host, url.replace(/^http:\/\/|\/$/g, ''));
      assert.deepEqual(outcomes[0]!.headers, headers, 'the outcome (the editor\'s inspector, the log) has the masked headers only');
    });

    it('answers 413 above 1 MiB (declared or chunked) and records the request without its body', async () => {
      const { url, file } = await start();
      const big = `{"x":"${'a'.repeat(1024 * 1024)}"}`;
      const declared = await post(url, big);
      assert.equal(declared.status, 413);
      assert.equal(declared.json.verdict, 'too-large');
      // Chunked: no Content-Length, the limit is found while reading; the connection stays usable.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const chunked = await new Promise<number>((resolve, reject) => {
        const req = http.request(url, { method: 'POST', agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
        req.on('error', reject);
        for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, 0x61));
        req.end();
      });
      assert.equal(chunked, 413);
      assert.equal((await request(url, JSON.stringify(callEvent()), { agent })).status, 200, 'the same connection takes the next request');
      agent.destroy();
      const [first, second, third] = captureRecords(file);
      assert.deepEqual([first!.verdict, first!.status, first!.body, first!.size], ['too-large', 413, '', Buffer.byteLength(big)]);
      assert.deepEqual([second!.verdict, second!.status, second!.body], ['too-large', 413, '']);
      assert.ok((second!.size as number) > 1024 * 1024);
      assert.equal(third!.verdict, 'accepted');
      const read = await inspect(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(read.view.map((p) => p.code), ['capture.rejected', 'capture.rejected']);
    });

    it('keeps bad bodies with a 400 and a short reason, each located by the core reader', async () => {
      const { url, file } = await start();
      const bodies: [string | Buffer, RegExp][] = [
        ['hello', /neither JSON nor a JWT/],
        ['{"call_id": 1, "state" "ringing"}', /./],
        [`{"call_id": 1, "state": "ringing",}`, /comma/i],
        ['[{"call_id": 1}]', /neither JSON nor a JWT/],
        ['"a string"', /neither JSON nor a JWT/],
        ['', /empty/],
        ['eyJhbGciOi.broken', /JWT/],
        [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
      ];
      for (const [body, reason] of bodies) {
        const answer = await post(url, body);
        assert.equal(answer.status, 400, String(body));
        assert.equal(answer.json.verdict, 'invalid');
        assert.match(String(answer.json.reason), reason, String(body));
        assert.ok(String(answer.json.reason).length <= 200);
      }
      const kept = captureRecords(file);
      assert.equal(kept.length, bodies.length);
      assert.equal(kept[0]!.body, 'hello');
      assert.equal(kept[7]!.body_base64, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'));
      const read = await inspect(fs.readFileSync(file, 'utf8'));
      assert.equal(read.view.filter((p) => p.code === 'capture.rejected').length, bodies.length);
    });

    it('accepts an event with validation problems (they are shown, not refused)', async () => {
      const { url, outcomes } = await start();
      const answer = await post(url, JSON.stringify(callEvent({ state: 'ringin', duration: -5 })));
      assert.equal(answer.status, 200);
      assert.ok(outcomes[0]!.findings!.errors >= 1 && outcomes[0]!.findings!.warnings >= 1, JSON.stringify(outcomes[0]));
    });
  });

  describe('with a secret', () => {
    it('accepts only HS256 tokens signed with it: 401 unsigned for plain JSON and alg none, 401 forged for another key; all kept', async () => {
      const { url, file } = await start({ secret: SECRET });
      const cases: [string, number, string][] = [
        [await sign(callEvent()), 200, 'accepted'],
        [JSON.stringify(callEvent()), 401, 'unsigned'],
        [new UnsecuredJWT(callEvent()).encode(), 401, 'unsigned'],
        [await sign(callEvent(), 'another-secret'), 401, 'forged'],
        ['eyJhbGciOi.broken', 401, 'forged'],
        ['garbage', 401, 'unsigned'],
      ];
      for (const [body, status, verdict] of cases) {
        const answer = await post(url, body, 'application/jwt');
        assert.deepEqual([answer.status, answer.json.verdict], [status, verdict], body.slice(0, 40));
      }
      assert.deepEqual(captureRecords(file).map((r) => r.verdict), cases.map((c) => c[2]));
      const read = await inspect(fs.readFileSync(file, 'utf8'), { secret: SECRET });
      assert.equal(read.events[0]!.jwt?.verdict, 'verified');
      assert.ok(read.view.some((p) => p.code === 'jwt.bad-signature'));
    });

    it('takes a new secret for the requests that follow', async () => {
      const { server, url } = await start({ secret: SECRET });
      const token = await sign(callEvent(), 'rotated');
      assert.equal((await post(url, token)).status, 401);
      server.setSecret('rotated');
      assert.equal((await post(url, token)).status, 200);
    });
  });

  describe('slow clients', () => {
    it('times out a body that trickles: 408, and what arrived is kept', async () => {
      const { url, file } = await start({ bodyTimeoutMs: 300, headersTimeoutMs: 1_000 });
      const { port } = new URL(url);
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"call_id": 1,');
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d) => { text += d.toString(); });
        socket.on('close', () => resolve(text));
      });
      assert.match(answer, /^HTTP\/1\.1 408/);
      const [record] = captureRecords(file);
      assert.deepEqual([record!.verdict, record!.status, record!.body, record!.path], ['timed-out', 408, '{"call_id": 1,', '/slow']);
      // The listener still serves everyone else.
      assert.equal((await post(url, '{}')).status, 200);
    });

    it('times out headers that never finish, without a record, and keeps serving', async () => {
      const { url, file, outcomes } = await start({ headersTimeoutMs: 200, bodyTimeoutMs: 1_000 });
      const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
      socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
      const closed = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d) => { text += d.toString(); });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      assert.match(closed, /^HTTP\/1\.1 408/);
      assert.equal(captureRecords(file).length, 0);
      assert.ok(outcomes.some((o) => o.verdict === 'timed-out' && !o.stored));
      assert.equal((await post(url, '{}')).status, 200);
    });

    it('records a body cut short by the client as aborted (no answer was possible)', async () => {
      const { url, file } = await start();
      const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"call_id"');
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await until(() => captureRecords(file).length === 1, 3_000, 'the aborted record');
      const [record] = captureRecords(file);
      assert.deepEqual([record!.verdict, record!.status, record!.body], ['aborted', undefined, '{"call_id"']);
    });
  });

  it('persists concurrent requests in full lines, each once, with distinct sequence numbers', async () => {
    const { url, file } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 24 });
    const bodies = Array.from({ length: 400 }, (_, i) => JSON.stringify(callEvent({ call_id: 1000 + i, contact: { name: `caller ${i} ${'é'.repeat(i % 50)}` } })));
    const answers = await Promise.all(bodies.map((body) => request(url, body, { agent, headers: { 'content-type': 'application/json' } })));
    agent.destroy();
    assert.ok(answers.every((a) => a.status === 200));
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.endsWith('\n'));
    const lines = text.split('\n').slice(0, -1);
    assert.equal(lines.length, bodies.length);
    const kept = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(new Set(kept.map((r) => r.body)), new Set(bodies));
    assert.deepEqual(kept.map((r) => r.seq), bodies.map((_, i) => i + 1), 'file order is seq order');
    assert.deepEqual(new Set(answers.map((a) => a.json.seq)).size, bodies.length);
  });

  describe('when the capture cannot be stored', () => {
    it('refuses to start on a capture folder it cannot write, saying why', async function () {
      const readOnly = path.join(dir, 'read-only');
      fs.mkdirSync(readOnly, { mode: 0o555 });
      const probe = path.join(readOnly, 'probe');
      let writable = false;
      try {
        fs.writeFileSync(probe, '');
        writable = true;
      } catch {
        // As expected for anyone but root.
      }
      const file = writable ? path.join(dir, 'a-file', 'capture.jsonl') : path.join(readOnly, 'capture.jsonl');
      if (writable) fs.writeFileSync(path.join(dir, 'a-file'), ''); // root writes anywhere: make the folder a file instead
      const server = new CaptureServer({ port: 0, captureFile: file });
      await assert.rejects(server.start(), (error: Error) => {
        assert.ok(error instanceof ListenerStartError);
        assert.match(error.message, /cannot open the capture file .*capture\.jsonl: (permission denied|a part of the path is not a directory|.*EEXIST|.*ENOTDIR)/);
        return true;
      });
    });

    it('answers 503 on a full disk and acknowledges nothing it did not store', async function () {
      if (!fs.existsSync('/dev/full')) this.skip();
      // /dev/full takes opens and refuses every write with ENOSPC, like a full disk.
      const { url, failures, outcomes } = await start({ captureFile: '/dev/full' });
      const answers = await Promise.all([post(url, '{}'), post(url, 'garbage'), post(url, '{"a":1}')]);
      assert.deepEqual(answers.map((a) => a.status), [503, 503, 503]);
      // The sender learns only that storage failed; why, and where, is for the local log.
      assert.equal(answers[0]!.json.reason, 'The capture could not be stored; try again later.');
      assert.ok(outcomes.every((o) => !o.stored && o.status === 503));
      assert.match(String(outcomes[0]!.reason), /no space left on the device \(ENOSPC\)/);
      assert.ok(failures.length >= 1);
    });

    it('answers 503 when the folder turns read-only, cuts the file back, and stores again once it can', async () => {
      const target = path.join(dir, 'capture.jsonl');
      let failing = false;
      // The real file, with writes that fail (after writing half) while `failing` is set, as on a read-only remount.
      const openFile: OpenCaptureFile = async (file) => {
        const handle = await fs.promises.open(file, 'a');
        const wrapped: CaptureFile = {
          write: async (data) => {
            if (!failing) return handle.write(data);
            await handle.write(data.subarray(0, Math.floor(data.length / 2)));
            throw Object.assign(new Error('EROFS: read-only file system, write'), { code: 'EROFS' });
          },
          datasync: () => handle.datasync(),
          truncate: (length) => handle.truncate(length),
          stat: () => handle.stat(),
          read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
          close: () => handle.close(),
        };
        return { file: wrapped, created: true };
      };
      const { url, failures } = await start({ captureFile: target, openFile });
      assert.equal((await post(url, '{"n":1}')).status, 200);
      failing = true;
      const refused = await Promise.all([post(url, '{"n":2}'), post(url, '{"n":3}')]);
      assert.deepEqual(refused.map((a) => a.status), [503, 503]);
      for (const answer of refused) {
        assert.equal(answer.json.reason, 'The capture could not be stored; try again later.');
        assert.ok(!answer.text.includes(dir), 'the capture\'s path is not told to the sender');
      }
      assert.ok(failures.some((f) => /EROFS/.test(f.message) && f.message.includes(target)), 'the local log has why and where');
      failing = false;
      assert.equal((await post(url, '{"n":4}')).status, 200);
      const text = fs.readFileSync(target, 'utf8');
      assert.deepEqual(text.split('\n').slice(0, -1).map((line) => JSON.parse(line).body), ['{"n":1}', '{"n":4}'], 'no half line, nothing refused');
    });
  });

  it('says clearly when the port is in use, and leaves nothing open', async () => {
    const { port } = await start();
    const second = new CaptureServer({ port, captureFile: path.join(dir, 'second.jsonl') });
    await assert.rejects(second.start(), (error: Error) => {
      assert.ok(error instanceof ListenerStartError);
      assert.equal(error.code, 'EADDRINUSE');
      assert.match(error.message, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
      return true;
    });
    await second.stop();
  });

  describe('forwarding', () => {
    it('to a handler that is down: capture unaffected, the failure recorded and attached to the event', async () => {
      const down = await freePort();
      const { url, file, forwards } = await start({ forwardTo: `http://127.0.0.1:${down}/hook` });
      const answer = await post(url, JSON.stringify(callEvent()));
      assert.equal(answer.status, 200);
      await until(() => forwards.length === 1, 5_000, 'the forward record');
      assert.match(String(forwards[0]!.error), /connection refused/);
      const read = await inspect(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(read.view, [], 'the forward record is read silently');
      const forward = read.events[0]!.record?.forward as Record<string, unknown>;
      assert.equal(forward.status, null);
      assert.equal(forward.url, `http://127.0.0.1:${down}/hook`);
    });

    it('to a slow handler: 2xx at once, the handler\'s status, latency and answer recorded later', async () => {
      const received: { body: string; type: string | undefined }[] = [];
      const handler = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => { body += c; });
        req.on('end', () => {
          received.push({ body, type: req.headers['content-type'] });
          setTimeout(() => res.end(`handled ${'x'.repeat(300)}`), 1_500);
        });
      });
      await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
      try {
        const { url, file, forwards } = await start({ forwardTo: `http://127.0.0.1:${(handler.address() as net.AddressInfo).port}/` });
        const token = await sign(callEvent());
        const answers = await Promise.all([post(url, token, 'application/jwt'), post(url, 'garbage', 'text/plain')]);
        assert.deepEqual(answers.map((a) => a.status), [200, 400]);
        // Far below the handler's 1.5 s even when a busy disk makes fsync slow.
        assert.ok(answers.every((a) => a.ms < 1_000), `answered in ${answers.map((a) => Math.round(a.ms))} ms`);
        await until(() => forwards.length === 2, 5_000, 'two forward records');
        assert.deepEqual(new Set(received.map((r) => `${r.type} ${r.body.slice(0, 7)}`)), new Set(['application/jwt eyJhbGc', 'text/plain garbage']));
        const forward = forwards.find((f) => f.seq === 1)!;
        assert.equal(forward.status, 200);
        assert.ok(forward.latency_ms! >= 1_400, String(forward.latency_ms));
        assert.equal(Buffer.byteLength(forward.response_start!), 200);
        assert.ok(forward.response_start!.startsWith('handled xxx'));
        const forwardLines = records(file).filter((r) => r.type === 'call-events/forward');
        assert.equal(forwardLines.length, 2);
      } finally {
        handler.closeAllConnections();
        handler.close();
      }
    });

    it('bounds the queue: past it, requests are recorded as not forwarded', async () => {
      const handler = http.createServer((req, res) => { req.resume(); setTimeout(() => res.end('ok'), 300); });
      await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
      try {
        const { url, forwards } = await start({ forwardTo: `http://127.0.0.1:${(handler.address() as net.AddressInfo).port}/`, forward: { queueLimit: 2, concurrency: 1 } });
        const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(url, `{"n":${i}}`)));
        assert.ok(answers.every((a) => a.status === 200));
        await until(() => forwards.length === 6, 5_000, 'six forward records');
        assert.ok(forwards.filter((f) => /already waiting/.test(String(f.error))).length >= 2);
        assert.ok(forwards.some((f) => f.status === 200));
      } finally {
        handler.closeAllConnections();
        handler.close();
      }
    });

    it('does not forward what it forwarded itself (no loop when pointed at itself)', async () => {
      const port = await freePort();
      const { url, file } = await start({ port, forwardTo: `http://127.0.0.1:${port}/` });
      assert.equal((await post(url, '{}')).status, 200);
      await until(() => records(file).filter((r) => r.type === 'call-events/forward').length === 1, 5_000, 'one forward');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(captureRecords(file).length, 2, 'the original and its forwarded copy, nothing more');
    });
  });

  describe('stopping', () => {
    it('finishes a request in flight, then closes the capture; later connections are refused', async () => {
      const { server, url, file } = await start();
      const { port } = new URL(url);
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const body = '{"late": true}';
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n{"late"`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopped = server.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d) => { text += d.toString(); });
        socket.on('close', () => resolve(text));
      });
      socket.write(body.slice('{"late"'.length));
      assert.match(await answer, /^HTTP\/1\.1 200[\s\S]*Connection: close/i);
      await stopped;
      assert.equal(captureRecords(file)[0]!.body, body);
      await assert.rejects(post(url, '{}'), /ECONNREFUSED/);
      assert.equal(server.isListening, false);
    });
  });
});

describe('judging a body', () => {
  it('reading a lone event directly concludes exactly what reading it inside its record does', async () => {
    const event = JSON.stringify(callEvent());
    const token = await sign(callEvent());
    const bodies = [
      event, `  ${event}\n`, JSON.stringify(callEvent(), null, 2), `\ufeff${event}`, `${event} x`, `${event}\u00a0`, `\u00a0${event}`,
      `${event}\n${event}`, `[${event}]`, '{"call_id": 1, "state": "ringing",}', '{"call_id": 1 "state": "ringing"}', '{}', '{"a": [1, 2]}',
      JSON.stringify({ type: 'call-events/capture', v: 1, received_at: 'x', body: event }), `{${'"a":{'.repeat(70)}1${'}'.repeat(71)}`,
      token, `${token}\n`, ` ${token} `, `${token}\n${token}`, `${token}\neyJhbGciOi.broken`, `${event}\neyJhbGciOi.broken`, `"${token}"`,
      await sign({ not: 'a call' }), await sign(callEvent(), 'other'), new UnsecuredJWT(callEvent()).encode(), 'eyJhbGciOi.broken',
      'hello', '', '   ', '42', 'null', '"text"', `\r\n\t${event}\r\n`, `${token}\r\n`, '{"type": "call-events/forward", "v": 1, "seq": 1}',
      '{"call_id": 9007199254740993, "state": "hangup"}', `${event}}`, `${event}{`, `{"call_id": 1, "state": "ringing"}\n// comment`,
    ];
    for (const secret of [undefined, SECRET]) {
      for (const text of bodies) {
        const body = Buffer.from(text);
        assert.deepEqual(await judgeBody(body, secret), await judgeAsRecord(body, secret), `${secret ? 'with' : 'without'} a secret: ${JSON.stringify(text.slice(0, 60))}`);
      }
    }
  });
});

describe('the listener folder', () => {
  it('never imports vscode (the CLI and the editor both drive it)', () => {
    const dir = path.join(ROOT, 'src', 'listener');
    for (const file of fs.readdirSync(dir)) {
      assert.doesNotMatch(fs.readFileSync(path.join(dir, file), 'utf8'), /from 'vscode'|require\('vscode'\)/, file);
    }
  });
});

describe('a capture cut short by a crash', () => {
  const record = (n: number) => JSON.stringify({ type: 'call-events/capture', v: 1, seq: n, received_at: '2026-11-25T10:00:00.000Z', method: 'POST', path: '/', content_type: 'application/json', size: 10, status: 200, verdict: 'accepted', reason: null, body: JSON.stringify(callEvent({ call_id: 2000 + n })) });

  it('still opens: the partial last line is reported as truncated, the lines before it are read', async () => {
    const whole = `${record(1)}\n${record(2)}\n${record(3)}\n`;
    const cut = whole.slice(0, whole.length - 60);
    const read = await inspect(cut);
    assert.equal(read.format, 'capture');
    assert.deepEqual(read.events.map((e) => e.summary?.callId), ['2001', '2002']);
    const truncated = read.view.find((p) => p.code === 'syntax.truncated');
    assert.ok(truncated, JSON.stringify(read.view));
    assert.equal(truncated.line, 3);
  });

  it('a restarted listener starts a new line after the partial one, and the reader reads on past it', async () => {
    const dir = tempDir('crash');
    try {
      const file = path.join(dir, 'capture.jsonl');
      const whole = `${record(1)}\n${record(2)}\n`;
      fs.writeFileSync(file, whole.slice(0, whole.length - 50));
      const server = new CaptureServer({ port: 0, captureFile: file });
      const { url } = await server.start();
      assert.equal((await post(url, JSON.stringify(callEvent({ call_id: 3001 })))).status, 200);
      assert.equal((await post(url, JSON.stringify(callEvent({ call_id: 3002 })))).status, 200);
      await server.stop();
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(text.split('\n').length, 5, 'record 1, the partial record 2, two new records, the final newline');
      const read = await inspect(text);
      assert.deepEqual(read.events.map((e) => e.summary?.callId), ['2001', '3001', '3002']);
      const errors = read.view.filter((p) => p.severity === 'error');
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0]!.line, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
