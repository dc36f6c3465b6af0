// A bounded fuzz test of the capture listener over 127.0.0.1: random and mutated requests (bad framing,
// pipelining, resets, oversized parts, Expect: 100-continue, bodies of every shape, with and without a
// secret) on a few concurrent raw connections. Whatever happens, every 2xx a client received is for a body
// that is in the capture exactly once, every answer agrees with its record, and clean requests are accepted.
// Bounded: a fixed seed, a few dozen runs, stopped after a few seconds (FUZZ_SEED, FUZZ_RUNS, FUZZ_MS to fuzz longer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT } from 'jose';
import { CaptureServer } from '../../src/listener/captureServer';
import { callEvent } from './helpers';
import { captureRecords, post, RawClient, tempDir, type RawResponse } from './listenerHelpers';

const SECRET = 'whsec-fuzz';
const LIMIT = 16 * 1024;
const key = (secret: string) => new TextEncoder().encode(secret);

type Shape = 'event' | 'signed' | 'forged' | 'unsigned' | 'garbage' | 'hostile' | 'large-hostile' | 'binary' | 'empty' | 'over-limit' | 'random';
type Framing = 'length' | 'chunked' | 'broken-chunks' | 'bad-length' | 'short';

interface Item {
  kind: 'request' | 'not-http' | 'huge-headers';
  shape: Shape;
  framing: Framing;
  expect: boolean;
  wrongPath: boolean;
  random: Uint8Array;
}

interface Connection {
  items: Item[];
  /** Pieces the bytes are written in (sizes), and whether the client resets after writing. */
  pieces: number[];
  reset: boolean;
}

const item: fc.Arbitrary<Item> = fc.record({
  kind: fc.constantFrom<Item['kind']>('request', 'request', 'request', 'request', 'request', 'not-http', 'huge-headers'),
  shape: fc.constantFrom<Shape>('event', 'event', 'event', 'signed', 'signed', 'signed', 'forged', 'unsigned', 'garbage', 'hostile', 'large-hostile', 'binary', 'empty', 'over-limit', 'random'),
  framing: fc.constantFrom<Framing>('length', 'length', 'length', 'length', 'length', 'length', 'chunked', 'chunked', 'broken-chunks', 'bad-length', 'short'),
  expect: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  wrongPath: fc.boolean(),
  random: fc.uint8Array({ maxLength: 64 }),
}).map((i) => ({ ...i, wrongPath: i.wrongPath && i.random.length % 7 === 0 }));

const connection: fc.Arbitrary<Connection> = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 4 }),
  pieces: fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 4 }),
  reset: fc.boolean(),
}).map((c) => ({ ...c, reset: c.reset && c.pieces.length % 2 === 1 }));

let nonce = 0;

async function bodyOf(shape: Shape, random: Uint8Array): Promise<Buffer> {
  const n = ++nonce;
  const event = callEvent({ call_id: 7_000_000 + n });
  switch (shape) {
    case 'event': return Buffer.from(JSON.stringify(event));
    case 'signed': return Buffer.from(await new SignJWT(event).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key(SECRET)));
    case 'forged': return Buffer.from(await new SignJWT(event).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key('not-the-secret')));
    case 'unsigned': return Buffer.from(new UnsecuredJWT(event).encode());
    case 'garbage': return Buffer.from(`not an event ${n}`);
    case 'hostile': return Buffer.from(`${'{\n'.repeat(200)}"n":${n}`);
    case 'large-hostile': return Buffer.from(`${'{"a":1,\n'.repeat(1200)}"n":${n}`);
    case 'binary': return Buffer.concat([Buffer.from(`${n}`), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(random)]);
    case 'empty': return Buffer.alloc(0);
    case 'over-limit': return Buffer.from(`${n} ${'x'.repeat(LIMIT + 100)}`);
    case 'random': return Buffer.concat([Buffer.from(`${n}`), Buffer.from(random)]);
  }
}

/**
 * The bytes of one item, the body it carries when it is a request the server can parse, and whether it is
 * clean (good framing, the right path, an event the listener must accept: JSON without a secret, or signed).
 */
async function bytesOf(item: Item, withSecret: boolean): Promise<{ bytes: Buffer; body?: Buffer; short: boolean; clean: boolean }> {
  const short = item.framing === 'short';
  if (item.kind === 'not-http') return { bytes: Buffer.from(`\u0000NOT HTTP ${++nonce}\r\n\r\n`), short, clean: false };
  if (item.kind === 'huge-headers') return { bytes: Buffer.from(`POST /webhook HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), short, clean: false };
  const body = await bodyOf(item.shape, item.random);
  const head = `POST ${item.wrongPath ? '/elsewhere' : '/webhook'} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${item.expect ? 'Expect: 100-continue\r\n' : ''}`;
  const clean = item.framing === 'length' && !item.wrongPath && (item.shape === 'signed' || (item.shape === 'event' && !withSecret));
  switch (item.framing) {
    case 'length': return { bytes: Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`), body]), body, short, clean };
    // Declares 10 bytes more than it sends: they are taken from what follows, or the body times out.
    case 'short': return { bytes: Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length + 10}\r\n\r\n`), body]), body, short, clean };
    case 'bad-length': return { bytes: Buffer.concat([Buffer.from(`${head}Content-Length: 1x\r\n\r\n`), body]), short, clean: false };
    case 'chunked':
    case 'broken-chunks': {
      const half = body.length >> 1;
      const chunks = [body.subarray(0, half), body.subarray(half)].filter((c) => c.length > 0)
        .map((c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]));
      const tail = item.framing === 'chunked' ? '0\r\n\r\n' : 'ZZ\r\n\r\n';
      return { bytes: Buffer.concat([Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\n`), ...chunks, Buffer.from(tail)]), body, short, clean };
    }
  }
}

/** Writes one connection's items (pipelined, in pieces), and returns the body each item's record must hold and the final answers received. */
async function drive(port: number, conn: Connection, withSecret: boolean): Promise<{ sent: { body?: Buffer; clean: boolean }[]; answers: RawResponse[]; reset: boolean }> {
  const items = await Promise.all(conn.items.map((i) => bytesOf(i, withSecret)));
  const all = Buffer.concat(items.map((s) => s.bytes));
  let end = 0;
  const sent = items.map(({ bytes, body, short, clean }) => {
    end += bytes.length;
    return { body: body && short ? Buffer.concat([body, all.subarray(end, end + 10)]) : body, clean };
  });
  const client = await RawClient.open(port);
  let at = 0;
  for (const piece of conn.pieces) {
    client.write(all.subarray(at, at + piece));
    at += piece;
    await new Promise((resolve) => setImmediate(resolve));
  }
  client.write(all.subarray(at));
  if (conn.reset) {
    await new Promise((resolve) => setTimeout(resolve, all.length % 20));
    client.reset();
  } else {
    await client.read(conn.items.length + conn.items.filter((i) => i.expect).length, 1_500);
  }
  client.destroy();
  return { sent, answers: client.responses.filter((r) => r.status >= 200), reset: conn.reset };
}

const recordedBody = (record: Record<string, unknown>) =>
  typeof record.body === 'string' ? Buffer.from(record.body) : Buffer.from(String(record.body_base64), 'base64');

describe('the capture listener under fuzzed requests', function () {
  this.timeout(30_000);

  it('stores every acknowledged body exactly once and answers what it records (bounded, loopback only)', async () => {
    let runs = 0;
    const statuses = new Set<number>();
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.boolean(), fc.array(connection, { minLength: 1, maxLength: 3 }), async (withSecret, viaWorker, connections) => {
      runs++;
      const dir = tempDir('fuzz');
      const file = path.join(dir, 'capture.jsonl');
      const server = new CaptureServer({
        port: 0, host: '127.0.0.1', captureFile: file, maxBodyBytes: LIMIT, headersTimeoutMs: 400, bodyTimeoutMs: 300,
        ...(withSecret ? { secret: SECRET } : {}), judge: { inlineBytes: viaWorker ? 1024 : LIMIT },
      });
      try {
        const { port, url } = await server.start();
        const results = await Promise.all(connections.map((c) => drive(port, c, withSecret)));
        // Still serving, whatever came before.
        const after = await post(url, withSecret ? await new SignJWT(callEvent()).setProtectedHeader({ alg: 'HS256' }).sign(key(SECRET)) : JSON.stringify(callEvent()));
        assert.equal(after.status, 200);
        await server.stop();

        const records = captureRecords(file);
        const bySeq = new Map<number, Record<string, unknown>>();
        for (const record of records) {
          assert.ok(!bySeq.has(record.seq as number), `seq ${String(record.seq)} recorded twice`);
          bySeq.set(record.seq as number, record);
        }
        for (const { sent, answers, reset } of results) {
          assert.ok(answers.length <= sent.length, `${answers.length} answers to ${sent.length} items`);
          let cleanSoFar = true;
          answers.forEach((answer, i) => {
            statuses.add(answer.status);
            const item = sent[i]!;
            const payload = answer.body ? JSON.parse(answer.body) as Record<string, unknown> : {};
            if (typeof payload.seq === 'number') {
              const record = bySeq.get(payload.seq);
              assert.ok(record, `answer ${answer.status} names seq ${payload.seq}, which is not in the capture`);
              assert.deepEqual([record.status, record.verdict], [answer.status, payload.verdict], 'the answer agrees with its record');
              // Above the limit the body is not kept.
              if (record.verdict !== 'too-large') assert.ok(item.body && recordedBody(record).equals(item.body), `seq ${payload.seq} holds the body of its request`);
            } else {
              assert.ok(answer.status >= 400, `a ${answer.status} without a seq`);
            }
            if (answer.status >= 200 && answer.status < 300) {
              assert.equal(typeof payload.seq, 'number', 'every 2xx names its record');
              const copies = records.filter((r) => item.body && recordedBody(r).equals(item.body));
              assert.equal(copies.length, 1, 'an acknowledged body is in the capture exactly once');
            }
            cleanSoFar &&= item.clean;
            if (cleanSoFar && !reset) assert.equal(answer.status, 200, `a clean request was answered ${answer.status}: ${answer.body}`);
          });
        }
      } finally {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }), { seed: Number(process.env.FUZZ_SEED ?? 0x5eed_2026), numRuns: Number(process.env.FUZZ_RUNS ?? 40), interruptAfterTimeLimit: Number(process.env.FUZZ_MS ?? 8_000), markInterruptAsFailure: false, endOnFailure: true });
    assert.ok(runs >= 5, `only ${runs} runs in the time allowed`);
    // The runs met every kind of answer (else the generators drifted and the test proves little).
    for (const status of [200, 400, 401, 408, 413, 431]) assert.ok(statuses.has(status), `no ${status} answer in ${runs} runs`);
  });
});
