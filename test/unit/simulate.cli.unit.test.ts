// `call-events simulate` and `sample` (src/cli/simulate.ts) against handlers on 127.0.0.1: the attempts
// Dialpad's policy makes for each answer, their spacing (at --time-scale 0.05: retries after 100, 200,
// 400 ms, a 250 ms timeout), signatures, the capture it records and the exit code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { base64url, jwtVerify } from 'jose';
import { main } from '../../src/cli';
import { inspectDocument } from '../../src/core/inspect';
import { ATTEMPT_HEADER } from '../../src/cli/simulate';
import { tempDir } from './listenerHelpers';
import { listenOnLoopback } from '../support/loopback';

const SCALE = '0.05';

interface Seen {
  body: string;
  attempt: string | undefined;
  type: string | undefined;
  at: number;
}

/** A handler on 127.0.0.1; `answer` gets the request's body and how often that body was seen before. */
async function handler(answer: (res: http.ServerResponse, times: number, req: http.IncomingMessage) => void) {
  const seen: Seen[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const times = counts.get(body) ?? 0;
      counts.set(body, times + 1);
      seen.push({ body, attempt: req.headers[ATTEMPT_HEADER] as string | undefined, type: req.headers['content-type'], at: performance.now() });
      answer(res, times, req);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, seen, close };
}

async function simulate(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['simulate', ...args], {}, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Report {
  events: { state: string; verdict: string; retries: number; attempts: { attempt: number; at_ms: number; status: number | null; error: string | null }[] }[];
  summary: Record<string, number>;
}

/** A run of the `missed` flow (4 events, about 1.5 s at this scale) unless `extra` names other scenarios. */
async function simulateJson(url: string, extra: string[] = []) {
  const scenario = extra.includes('--scenario') ? [] : ['--scenario', 'missed'];
  const run = await simulate(['--to', url, ...scenario, '--time-scale', SCALE, '--format', 'json', ...extra]);
  return { ...run, report: JSON.parse(run.out) as Report };
}

/** Gaps between an event's attempts, in ms. */
const gaps = (attempts: { at_ms: number }[]) => attempts.slice(1).map((a, i) => a.at_ms - attempts[i]!.at_ms);

describe('call-events simulate', function () {
  this.timeout(30_000);
  const cleanups: (() => Promise<void>)[] = [];
  let dir = '';
  beforeEach(() => { dir = tempDir('simulate'); });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  async function start(answer: Parameters<typeof handler>[0]) {
    const h = await handler(answer);
    cleanups.push(h.close);
    return h;
  }

  it('200: every event delivered once, as JSON, exit 0', async () => {
    const h = await start((res) => res.end('ok'));
    const { code, report } = await simulateJson(h.url);
    assert.equal(code, 0);
    assert.deepEqual(report.events.map((e) => e.state), ['preanswer', 'ringing', 'missed', 'hangup']);
    assert.ok(report.events.every((e) => e.verdict === 'delivered' && e.attempts.length === 1));
    assert.equal(h.seen.length, 4);
    assert.ok(h.seen.every((s) => s.type === 'application/json' && s.attempt === '1'));
    // The ring lasts 20–30 s of the call: 1–1.5 s at this scale, between ringing and missed.
    const ringGap = h.seen[2]!.at - h.seen[1]!.at;
    assert.ok(ringGap >= 900 && ringGap < 2_500, String(ringGap));
  });

  it('500 then 200: each event retried once, about 2 s (100 ms scaled) later, with the same bytes; exit 0', async () => {
    const h = await start((res, times) => {
      res.statusCode = times === 0 ? 500 : 200;
      res.end();
    });
    const { code, report } = await simulateJson(h.url);
    assert.equal(code, 0);
    for (const e of report.events) {
      assert.equal(e.verdict, 'delivered');
      assert.equal(e.retries, 1);
      assert.deepEqual(e.attempts.map((a) => a.status), [500, 200]);
      const [gap] = gaps(e.attempts);
      assert.ok(gap! >= 95 && gap! < 600, String(gap));
    }
    const bodies = new Map<string, string[]>();
    for (const s of h.seen) bodies.set(s.body, [...(bodies.get(s.body) ?? []), s.attempt!]);
    assert.equal(bodies.size, 4, 'a retry is the same bytes');
    assert.ok([...bodies.values()].every((attempts) => attempts.join() === '1,2'));
  });

  it('always 500: retried after 2, 4 and 8 s (scaled), then lost; exit 1', async () => {
    const h = await start((res) => { res.statusCode = 503; res.end('busy'); });
    const { code, report } = await simulateJson(h.url);
    assert.equal(code, 1);
    const e = report.events[0]!;
    assert.equal(e.verdict, 'lost');
    assert.equal(e.attempts.length, 4);
    const g = gaps(e.attempts);
    for (const [i, expected] of [100, 200, 400].entries()) assert.ok(g[i]! >= expected - 5 && g[i]! < expected + 500, `${g}`);
  });

  for (const status of [400, 429]) {
    it(`${status}: one attempt, never retried, lost; exit 1 and the summary says why`, async () => {
      const h = await start((res) => { res.statusCode = status; res.end('no \u001b[31mthanks'); });
      const { code, report } = await simulateJson(h.url);
      assert.equal(code, 1);
      assert.equal(h.seen.length, 4);
      assert.ok(report.events.every((e) => e.verdict === 'lost' && e.attempts.length === 1));
      const text = await simulate(['--to', h.url, '--scenario', 'missed', '--time-scale', SCALE]);
      assert.match(text.out, new RegExp(`Dialpad would not retry this: the event is lost \\(a ${status} is never retried\\)`));
      assert.match(text.out, /lost to a 4xx answer/);
      assert.ok(!text.out.includes('\u001b'), 'the handler\'s text is escaped');
      assert.match(text.out, /no \\x1b\[31mthanks/);
    });
  }

  it('slower than the timeout: two quick retries, verdict timed out when one is answered in time, lost when none', async () => {
    // 5 s scaled is 250 ms: the first answer takes 600 ms, later ones are quick.
    const h = await start((res, times) => setTimeout(() => res.end('ok'), times === 0 ? 600 : 0));
    const { code, report } = await simulateJson(h.url);
    assert.equal(code, 0);
    for (const e of report.events) {
      assert.equal(e.verdict, 'timed-out');
      assert.equal(e.attempts[0]!.status, null);
      assert.match(String(e.attempts[0]!.error), /no answer within 250 ms/);
      assert.equal(e.attempts[1]!.status, 200);
      const [gap] = gaps(e.attempts);
      assert.ok(gap! >= 250 && gap! < 900, String(gap));
    }
    assert.equal(h.seen.length, 8, 'the handler saw every event twice');

    const slow = await start((res) => setTimeout(() => res.end('ok'), 600));
    const lost = await simulateJson(slow.url);
    assert.equal(lost.code, 1);
    assert.ok(lost.report.events.every((e) => e.verdict === 'lost' && e.attempts.length === 3));
  });

  it('a handler that resets the connection: three attempts in quick succession, lost; exit 1', async () => {
    const h = await start((_res, _times, req) => req.socket.destroy());
    const { code, report } = await simulateJson(h.url);
    assert.equal(code, 1);
    for (const e of report.events) {
      assert.equal(e.verdict, 'lost');
      assert.equal(e.attempts.length, 3);
      assert.match(String(e.attempts[0]!.error), /closed the connection/);
    }
  });

  it('--secret --big-ids: each body an HS256 JWT whose claims are the exact text, ids above 2^53 intact', async () => {
    const h = await start((res) => res.end());
    const { code } = await simulateJson(h.url, ['--secret', 'whsec-sim', '--big-ids']);
    assert.equal(code, 0);
    for (const s of h.seen) {
      assert.equal(s.type, 'application/jwt');
      const { protectedHeader } = await jwtVerify(s.body, new TextEncoder().encode('whsec-sim'), { algorithms: ['HS256'] });
      assert.equal(protectedHeader.alg, 'HS256');
      const claims = new TextDecoder().decode(base64url.decode(s.body.split('.')[1]!));
      const id = BigInt(/"call_id":(\d+)/.exec(claims)![1]!);
      assert.ok(id > 2n ** 53n);
      await assert.rejects(jwtVerify(s.body, new TextEncoder().encode('other')));
    }
  });

  it('--out records the run as a capture: every event as sent, the handler\'s answer attached; it validates clean', async () => {
    const h = await start((res, times) => { res.statusCode = times === 0 ? 500 : 200; res.end('fine'); });
    const file = path.join(dir, 'run.jsonl');
    const { code } = await simulateJson(h.url, ['--out', file]);
    assert.equal(code, 0);
    const text = fs.readFileSync(file, 'utf8');
    const records = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(records.filter((r) => r.type === 'call-events/capture').length, 4);
    assert.equal(records.filter((r) => r.type === 'call-events/forward').length, 8, 'one per attempt');
    const inspection = await inspectDocument(text);
    assert.deepEqual(inspection.problems.map((p) => p.code), []);
    assert.equal(inspection.events.length, 4);
    const forward = inspection.events[0]!.record?.forward as Record<string, unknown>;
    assert.equal(forward.status, 200);
    assert.equal(forward.simulated_verdict, 'delivered after 1 retry');
  });

  it('--shuffle delivers every event once (the order itself is the scheduler\'s, tested on a fake clock); --duplicate 1 redelivers every event', async () => {
    const h = await start((res) => res.end());
    const a = await simulateJson(h.url, ['--scenario', 'missed', '--scenario', 'missed', '--shuffle', '--seed', '4']);
    assert.equal(a.code, 0);
    assert.equal(h.seen.length, 8);
    assert.equal(new Set(h.seen.map((s) => s.body)).size, 8);
    h.seen.length = 0;
    const d = await simulateJson(h.url, ['--duplicate', '1']);
    assert.ok(d.report.events.every((e) => e.attempts.length === 2));
    assert.equal(h.seen.length, 8);
  });

  it('bad usage exits 2 with help; --list names every scenario', async () => {
    for (const args of [[], ['--to', 'ftp://x'], ['--to', 'http://127.0.0.1:1/', '--scenario', 'nope'], ['--to', 'http://127.0.0.1:1/', '--time-scale', '0'],
      ['--to', 'http://127.0.0.1:1/', '--duplicate', '2'], ['--to', 'http://127.0.0.1:1/', '--seed', 'x'], ['--to', 'http://127.0.0.1:1/', '--format', 'xml'], ['--bogus']]) {
      const run = await simulate(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.err, /Usage: call-events simulate/);
    }
    const list = await simulate(['--list']);
    assert.equal(list.code, 0);
    for (const name of ['direct', 'outbound', 'missed', 'voicemail', 'call-center', 'transfer', 'transfer-chain', 'monitor', 'barge', 'takeover']) assert.match(list.out, new RegExp(`^${name} `, 'm'));
  });
});

describe('call-events sample', () => {
  it('writes a scenario as a capture, sends nothing; same seed, same file', async () => {
    const dir = tempDir('sample');
    try {
      const files = ['a.jsonl', 'b.jsonl'].map((f) => path.join(dir, f));
      for (const file of files) assert.equal(await main(['sample', '--scenario', 'transfer', '--seed', '3', '--out', file], {}, () => {}, () => {}), 0);
      const text = fs.readFileSync(files[0]!, 'utf8');
      assert.equal(text, fs.readFileSync(files[1]!, 'utf8'));
      const inspection = await inspectDocument(text);
      assert.equal(inspection.events.length, 16);
      assert.deepEqual(inspection.problems, []);
      const err: string[] = [];
      assert.equal(await main(['sample', '--out', files[0]!], {}, () => {}, (s) => err.push(s)), 2);
      assert.match(err.join(''), /--scenario NAME is required/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
