// The listener at the corners of HTTP and under hostile bodies, over raw loopback sockets: pipelined requests
// answered in order, Expect: 100-continue, storage failures told without the capture's path, the signature
// checked before anything reads a body, and large bodies analysed off the event loop.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { CaptureServer, CaptureServerOptions } from '../../src/listener/captureServer';
import type { CaptureFile, OpenCaptureFile } from '../../src/listener/captureWriter';
import { judgeAsRecord, judgeBody, refuseUnsigned } from '../../src/listener/judge';
import { OffThreadJudge } from '../../src/listener/offThreadJudge';
import { callEvent } from './helpers';
import { captureRecords, post, RawClient, tempDir, until, startServer } from './listenerHelpers';

const SECRET = 'whsec-test';
const sign = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
const postBytes = (body: string, extra = '') =>
  `POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('the listener\'s protocol corners', function () {
  this.timeout(15_000);
  let dir = '';
  const servers: CaptureServer[] = [];
  const clients: RawClient[] = [];

  beforeEach(() => {
    dir = tempDir('protocol');
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = (options: Partial<CaptureServerOptions> = {}) => startServer(servers, dir, options);

  async function connect(port: number): Promise<RawClient> {
    const client = await RawClient.open(port);
    clients.push(client);
    return client;
  }

  describe('pipelining', () => {
    it('answers a stored request before the malformed one after it on the same connection', async () => {
      const { port, file } = await start();
      const event = JSON.stringify(callEvent());
      const client = await connect(port);
      client.write(`${postBytes(event)}NOT AN HTTP REQUEST\r\n\r\n`);
      const responses = await client.read(2);
      assert.deepEqual(responses.map((r) => r.status), [200, 400]);
      assert.deepEqual(json(responses[0]!.body), { seq: 1, verdict: 'accepted' });
      assert.ok(await client.closedWithin(2_000), 'the connection is closed after the error answer');
      assert.deepEqual(captureRecords(file).map((r) => [r.seq, r.status, r.body]), [[1, 200, event]]);
    });

    it('answers every request in order, then the 431 of headers too large', async () => {
      const { port, file } = await start();
      const client = await connect(port);
      client.write(postBytes('{"n":1}') + postBytes('garbage') + `POST /webhook HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      const responses = await client.read(3);
      assert.deepEqual(responses.map((r) => r.status), [200, 400, 431]);
      assert.deepEqual(responses.slice(0, 2).map((r) => json(r.body).seq), [1, 2]);
      assert.deepEqual(captureRecords(file).map((r) => [r.seq, r.status]), [[1, 200], [2, 400]]);
    });

    it('answers a body whose chunked framing breaks with its own 400 (and records what arrived)', async () => {
      const { port, file } = await start();
      const client = await connect(port);
      client.write('POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{"n":1}\r\nZZ\r\n');
      const responses = await client.read(1);
      assert.equal(responses.length, 1);
      const answer = json(responses[0]!.body);
      assert.deepEqual([responses[0]!.status, answer.seq, answer.verdict], [400, 1, 'bad-request']);
      await until(() => captureRecords(file).length === 1);
      assert.deepEqual(captureRecords(file).map((r) => [r.seq, r.status, r.verdict, r.body]), [[1, 400, 'bad-request', '{"n":1}']]);
    });

    it('still answers what came before when the client closes its side mid-request', async () => {
      const { port, file } = await start();
      const client = await connect(port);
      client.write(`${postBytes('{"n":1}')}POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"n"`);
      client.end();
      const responses = await client.read(1);
      assert.deepEqual(responses.map((r) => [r.status, json(r.body).seq]), [[200, 1]]);
      await until(() => captureRecords(file).length === 2);
      assert.deepEqual(captureRecords(file).map((r) => [r.seq, r.status, r.verdict]), [[1, 200, 'accepted'], [2, undefined, 'aborted']]);
    });
  });

  describe('Expect: 100-continue', () => {
    it('over the size limit: 413 at once, never 100 Continue, and the connection closed', async () => {
      const { port, file } = await start();
      const client = await connect(port);
      client.write('POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n');
      const responses = await client.read(1);
      assert.deepEqual(responses.map((r) => r.status), [413]);
      assert.ok(!client.received.includes('100 Continue'), client.received.slice(0, 80));
      assert.ok(await client.closedWithin(2_000));
      assert.deepEqual(captureRecords(file).map((r) => [r.verdict, r.size, r.body]), [['too-large', 5_000_000, '']]);
    });

    it('within the limit: 100 Continue, then the body is read and answered', async () => {
      const { port } = await start();
      const client = await connect(port);
      const body = JSON.stringify(callEvent());
      client.write(`POST /webhook HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
      assert.deepEqual((await client.read(1)).map((r) => r.status), [100]);
      client.write(body);
      assert.deepEqual((await client.read(2)).map((r) => r.status), [100, 200]);
    });

    it('on the wrong path: 404 without asking for the body', async () => {
      const { port } = await start({ path: '/webhook' });
      const client = await connect(port);
      client.write('POST /elsewhere HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n');
      assert.deepEqual((await client.read(1)).map((r) => r.status), [404]);
    });
  });

  it('tells a remote sender only that storage failed: the capture\'s path goes to the local log', async () => {
    const target = path.join(dir, 'capture.jsonl');
    const openFile: OpenCaptureFile = async (file) => {
      const handle = await fs.promises.open(file, 'a');
      const failing: CaptureFile = {
        write: async () => { throw Object.assign(new Error(`EROFS: read-only file system, write '${file}'`), { code: 'EROFS' }); },
        datasync: () => handle.datasync(),
        truncate: (length) => handle.truncate(length),
        stat: () => handle.stat(),
        read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
        close: () => handle.close(),
      };
      return { file: failing, created: true };
    };
    const { port, failures, outcomes } = await start({ captureFile: target, openFile });
    const client = await connect(port);
    client.write(postBytes('{"n":1}'));
    const [answer] = await client.read(1);
    assert.equal(answer!.status, 503);
    assert.deepEqual(json(answer!.body), { verdict: 'not-stored', reason: 'The capture could not be stored; try again later.' });
    assert.ok(!client.received.includes(dir), 'no path in the answer, headers included');
    assert.ok(failures.some((f) => f.message.includes(target)), 'the local failure names the file');
    assert.match(String(outcomes[0]!.reason), /read-only/);
  });

  describe('hostile bodies', () => {
    const hostile = '{\n'.repeat(512 * 1024 - 8);

    it('with a secret, refuses an unsigned or forged body from its signature alone (the body kept)', async () => {
      const { port, file } = await start({ secret: SECRET });
      const forged = await sign({ call_id: 1, state: 'calling', junk: hostile.slice(0, 100_000) }, 'not-the-secret');
      const unsecured = new UnsecuredJWT({ a: hostile.slice(0, 1000) }).encode();
      const client = await connect(port);
      client.write(postBytes(hostile) + postBytes(forged) + postBytes(unsecured));
      const responses = await client.read(3);
      assert.deepEqual(responses.map((r) => [r.status, json(r.body).verdict]), [[401, 'unsigned'], [401, 'forged'], [401, 'unsigned']]);
      const kept = new Map(captureRecords(file).map((r) => [r.seq, r.body]));
      assert.deepEqual(responses.map((r) => kept.get(json(r.body).seq as number)), [hostile, forged, unsecured]);
    });

    it('analyses a large body in the worker and answers what the inline analysis would', async () => {
      const { port, file } = await start({ judge: { inlineBytes: 1024 } });
      const big = JSON.stringify(callEvent({ padding: 'x'.repeat(200_000) }));
      const client = await connect(port);
      client.write(postBytes(big) + postBytes(hostile) + postBytes('{"n":1}'));
      const responses = await client.read(3);
      const expected = await Promise.all([big, hostile, '{"n":1}'].map((b) => judgeBody(Buffer.from(b), undefined)));
      assert.deepEqual(responses.map((r) => [r.status, json(r.body).verdict]), expected.map((j) => [j.status, j.verdict]));
      // Sequence numbers follow the order of recording, which the small body's quicker judgement may change.
      const kept = new Map(captureRecords(file).map((r) => [r.seq, r.body]));
      assert.deepEqual(responses.map((r) => kept.get(json(r.body).seq as number)), [big, hostile, '{"n":1}']);
    });

    it('answers other senders while a body is being analysed, and refuses one whose analysis takes too long', async () => {
      // A worker that never answers stands for an analysis that takes too long.
      const spawn = () => new Worker('setInterval(() => {}, 1000);', { eval: true });
      const { url, port, file } = await start({ judge: { inlineBytes: 1024, timeoutMs: 1_000, spawn } });
      const client = await connect(port);
      client.write(postBytes(`{"padding": "${'x'.repeat(10_000)}"}`));
      const meanwhile = await post(url, '{"n":2}');
      assert.deepEqual([meanwhile.status, meanwhile.json.seq], [200, 1]);
      assert.equal(client.responses.length, 0, 'the small body is answered while the large one waits');
      const [slow] = await client.read(1);
      assert.deepEqual([slow!.status, json(slow!.body).verdict, json(slow!.body).reason], [400, 'invalid', 'The body could not be analysed within 1 s; it is kept for inspection.']);
      assert.deepEqual(captureRecords(file).map((r) => [r.seq, r.status]), [[1, 200], [2, 400]]);
    });
  });
});

describe('judging a body signature first', () => {
  it('refuses exactly what the whole judgement refuses, and lets through only tokens signed with the secret', async () => {
    const hostile = '{\n'.repeat(50_000);
    const bodies = [
      await sign(callEvent()), ` ${await sign(callEvent())}\n`, await sign(callEvent(), 'other'), new UnsecuredJWT(callEvent()).encode(),
      JSON.stringify(callEvent()), hostile, `eyJ${hostile}.x`, 'eyJhbGciOi.broken', '', 'garbage', `\u00a0${await sign(callEvent())}`,
      await sign({ junk: hostile }, 'other'), Buffer.from([0xff, 0xfe, 0x00]).toString('latin1'),
    ];
    for (const text of bodies) {
      const body = Buffer.from(text, text.startsWith('\u00ff') ? 'latin1' : 'utf8');
      const refusal = await refuseUnsigned(body, SECRET);
      const whole = await judgeAsRecord(body, SECRET);
      if (refusal) assert.deepEqual(refusal, whole, JSON.stringify(text.slice(0, 40)));
      else assert.ok(whole.verdict === 'accepted' || whole.verdict === 'invalid', `${JSON.stringify(text.slice(0, 40))}: let through, but judged ${whole.verdict}`);
      assert.deepEqual(await judgeBody(body, SECRET), whole);
    }
    assert.equal(await refuseUnsigned(Buffer.from('{}'), undefined), undefined, 'without a secret nothing is refused here');
  });

  it('keeps one imported key for its secret across requests, and forgets it when told (a cleared secret)', async () => {
    const judge = new OffThreadJudge();
    try {
      const token = await sign(callEvent());
      assert.equal(judge.holdsKey, false);
      assert.equal((await judge.judge(Buffer.from(token), SECRET)).verdict, 'accepted');
      assert.equal(judge.holdsKey, true);
      assert.equal((await judge.judge(Buffer.from(token), SECRET)).verdict, 'accepted');
      judge.forgetKeys();
      assert.equal(judge.holdsKey, false);
      assert.equal((await judge.judge(Buffer.from(token), 'another secret')).verdict, 'forged', 'a kept key is never used for another secret');
    } finally {
      await judge.close();
    }
  });

  it('off the thread: a worker judges as the calling thread does, and a failed worker is replaced', async () => {
    const judge = new OffThreadJudge({ inlineBytes: 0 });
    try {
      for (const text of [JSON.stringify(callEvent()), '{\n'.repeat(1000), '{}\n{}', 'garbage', await sign(callEvent())]) {
        assert.deepEqual(await judge.judge(Buffer.from(text), undefined), await judgeBody(Buffer.from(text), undefined));
      }
    } finally {
      await judge.close();
    }
    let spawned = 0;
    const crashing = new OffThreadJudge({ inlineBytes: 0, spawn: () => { spawned++; return new Worker('process.exit(3)', { eval: true }); } });
    try {
      const failed = await crashing.judge(Buffer.from('{}'), undefined);
      assert.deepEqual([failed.status, failed.verdict], [400, 'invalid']);
      await crashing.judge(Buffer.from('{}'), undefined);
      assert.equal(spawned, 2, 'a new worker for the next body');
    } finally {
      await crashing.close();
    }
  });
});
