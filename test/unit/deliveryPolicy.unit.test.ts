// Dialpad's delivery policy (src/core/deliveryPolicy.ts) on a fake clock: each rule of the vendor's
// "Webhook Delivery Failures" page, shuffling, duplicates and the time scale. Expected times are the
// page's figures (2, 4, 8 s; 5 s timeout), written here by hand.
import * as assert from 'node:assert/strict';
import {
  nextStep, runDeliveries, shuffleDelays, DIALPAD_CALL_EVENT_POLICY, QUICK_RETRY_MS,
  type AttemptResult, type Clock, type PlannedEvent, type RunOptions,
} from '../../src/core/deliveryPolicy';
import { seededRandom } from '../../src/core/seededRandom';

/** A clock whose time moves only when every task is asleep: then to the earliest wake-up. */
class FakeClock implements Clock {
  private t = 0;
  private timers: { at: number; wake: () => void }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.timers.push({ at: this.t + ms, wake }));
  }
  /** Runs `work` to completion, advancing time whenever nothing else can happen. */
  async run<T>(work: Promise<T>): Promise<T> {
    let finished = false;
    const result = work.finally(() => { finished = true; });
    while (!finished) {
      await new Promise((resolve) => setImmediate(resolve));
      if (finished) break;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) continue;
      this.t = next.at;
      next.wake();
    }
    return result;
  }
}

const ok: AttemptResult = { kind: 'answered', status: 200, latencyMs: 3 };
const answered = (status: number): AttemptResult => ({ kind: 'answered', status, latencyMs: 3 });
const timeout: AttemptResult = { kind: 'timeout' };
const refused: AttemptResult = { kind: 'failed', message: 'connection refused' };

/** A sender answering each event's attempts from a script (the last entry repeats); it logs every call. */
function scripted(scripts: AttemptResult[][], clock: FakeClock) {
  const log: { index: number; attempt: number; at: number; timeoutMs: number; duplicate: boolean }[] = [];
  const send = (index: number, attempt: number, timeoutMs: number, duplicate: boolean) => {
    log.push({ index, attempt, at: clock.now(), timeoutMs, duplicate });
    const script = scripts[index]!;
    return Promise.resolve(script[Math.min(attempt - 1, script.length - 1)]!);
  };
  return { send, log };
}

const plain: RunOptions = { timeScale: 1, shuffle: false, duplicate: 0, random: seededRandom(1) };

async function run(events: PlannedEvent[], scripts: AttemptResult[][], options: Partial<RunOptions> = {}) {
  const clock = new FakeClock();
  const { send, log } = scripted(scripts, clock);
  const deliveries = await clock.run(runDeliveries(events, send, clock, { ...plain, ...options }));
  return { deliveries, log };
}

const one: PlannedEvent[] = [{ index: 0, flow: 'a', atMs: 0 }];

describe('Dialpad\'s delivery policy', () => {
  describe('the next step', () => {
    it('any 2xx is delivered; 200, 201 and 204 alike', () => {
      for (const status of [200, 201, 204, 299]) assert.deepEqual(nextStep([answered(status)]), { kind: 'stop', verdict: { kind: 'delivered', retries: 0 } });
    });

    it('a 5xx is retried after 2, 4 and 8 s, then the event is lost', () => {
      assert.deepEqual(nextStep([answered(500)]), { kind: 'retry', afterMs: 2_000 });
      assert.deepEqual(nextStep([answered(500), answered(503)]), { kind: 'retry', afterMs: 4_000 });
      assert.deepEqual(nextStep([answered(500), answered(503), answered(502)]), { kind: 'retry', afterMs: 8_000 });
      assert.deepEqual(nextStep([answered(500), answered(503), answered(502), answered(500)]), { kind: 'stop', verdict: { kind: 'lost', reason: 'retries-exhausted', status: 500 } });
    });

    it('a 4xx, 429 included, is never retried: lost', () => {
      for (const status of [400, 401, 404, 429]) assert.deepEqual(nextStep([answered(status)]), { kind: 'stop', verdict: { kind: 'lost', reason: 'client-error', status } });
      assert.deepEqual(nextStep([answered(500), answered(429)]), { kind: 'stop', verdict: { kind: 'lost', reason: 'client-error', status: 429 } });
    });

    it('a timeout or a connection failure gets up to two more attempts in quick succession', () => {
      assert.deepEqual(nextStep([timeout]), { kind: 'retry', afterMs: QUICK_RETRY_MS });
      assert.deepEqual(nextStep([refused, timeout]), { kind: 'retry', afterMs: QUICK_RETRY_MS });
      assert.deepEqual(nextStep([refused, refused, refused]), { kind: 'stop', verdict: { kind: 'lost', reason: 'retries-exhausted', status: null } });
    });

    it('a timed-out event delivered later says so: the handler saw it twice', () => {
      assert.deepEqual(nextStep([timeout, ok]), { kind: 'stop', verdict: { kind: 'timed-out', retries: 1 } });
      assert.deepEqual(nextStep([answered(500), ok]), { kind: 'stop', verdict: { kind: 'delivered', retries: 1 } });
    });
  });

  describe('a run on a fake clock', () => {
    it('sends each event at its time in the call, with the 5 s timeout', async () => {
      const events = [{ index: 0, flow: 'a', atMs: 0 }, { index: 1, flow: 'a', atMs: 1_500 }, { index: 2, flow: 'a', atMs: 60_000 }];
      const { deliveries, log } = await run(events, [[ok], [ok], [ok]]);
      assert.deepEqual(log.map((l) => [l.index, l.at, l.timeoutMs]), [[0, 0, 5_000], [1, 1_500, 5_000], [2, 60_000, 5_000]]);
      assert.deepEqual(deliveries.map((d) => d.verdict), [0, 1, 2].map(() => ({ kind: 'delivered', retries: 0 })));
    });

    it('retries a 5xx at +2, +4 and +8 s and then stops', async () => {
      const { deliveries, log } = await run(one, [[answered(500)]]);
      assert.deepEqual(log.map((l) => l.at), [0, 2_000, 6_000, 14_000]);
      assert.deepEqual(deliveries[0]!.verdict, { kind: 'lost', reason: 'retries-exhausted', status: 500 });
      assert.equal(deliveries[0]!.attempts.length, 4);
    });

    it('500 then 200: delivered after one retry, 2 s later', async () => {
      const { deliveries, log } = await run(one, [[answered(500), ok]]);
      assert.deepEqual(log.map((l) => l.at), [0, 2_000]);
      assert.deepEqual(deliveries[0]!.verdict, { kind: 'delivered', retries: 1 });
    });

    it('a 400 or a 429 is one attempt only', async () => {
      for (const status of [400, 429]) {
        const { deliveries, log } = await run(one, [[answered(status), ok]]);
        assert.equal(log.length, 1);
        assert.equal(deliveries[0]!.verdict.kind, 'lost');
      }
    });

    it('connection failures: three attempts in quick succession', async () => {
      const { log } = await run(one, [[refused]]);
      assert.deepEqual(log.map((l) => l.at), [0, QUICK_RETRY_MS, 2 * QUICK_RETRY_MS]);
    });

    it('a retry arrives after a later event of the same call', async () => {
      const events = [{ index: 0, flow: 'a', atMs: 0 }, { index: 1, flow: 'a', atMs: 1_000 }];
      const { log } = await run(events, [[answered(503), ok], [ok]]);
      assert.deepEqual(log.map((l) => [l.index, l.attempt, l.at]), [[0, 1, 0], [1, 1, 1_000], [0, 2, 2_000]]);
    });

    it('--time-scale multiplies every gap, wait and the timeout', async () => {
      const events = [{ index: 0, flow: 'a', atMs: 0 }, { index: 1, flow: 'a', atMs: 10_000 }];
      const { log } = await run(events, [[answered(500), answered(500), ok], [ok]], { timeScale: 0.1 });
      assert.deepEqual(log.map((l) => [l.index, l.at, l.timeoutMs]), [[0, 0, 500], [0, 200, 500], [0, 600, 500], [1, 1_000, 500]]);
    });

    it('--duplicate 1 redelivers every delivered event, never a lost one, with the same event', async () => {
      const events = [{ index: 0, flow: 'a', atMs: 0 }, { index: 1, flow: 'a', atMs: 0 }];
      const { deliveries, log } = await run(events, [[ok], [answered(400)]], { duplicate: 1 });
      assert.equal(deliveries[0]!.duplicates, 1);
      assert.equal(deliveries[0]!.attempts.length, 2);
      assert.equal(deliveries[0]!.attempts[1]!.duplicate, true);
      assert.ok(deliveries[0]!.attempts[1]!.atMs >= 1_000 && deliveries[0]!.attempts[1]!.atMs < 10_000);
      assert.deepEqual(deliveries[0]!.verdict, { kind: 'delivered', retries: 0 }, 'a redelivery does not change the verdict');
      assert.equal(deliveries[1]!.duplicates, 0);
      assert.deepEqual(log.filter((l) => l.duplicate).map((l) => l.index), [0]);
    });

    it('an abort ends the run: no attempt after it, a pending retry is dropped, unsent events are cancelled', async () => {
      const events = [{ index: 0, flow: 'a', atMs: 0 }, { index: 1, flow: 'a', atMs: 1_000 }, { index: 2, flow: 'a', atMs: 60_000 }];
      const clock = new FakeClock();
      const abort = new AbortController();
      const { send: scriptedSend, log } = scripted([[answered(500), ok], [ok], [ok]], clock);
      // Cancelled while event 0 waits 2 s for its retry, after event 1 was delivered.
      const send: typeof scriptedSend = async (index, attempt, timeoutMs, duplicate) => {
        const result = await scriptedSend(index, attempt, timeoutMs, duplicate);
        if (index === 1) abort.abort();
        return result;
      };
      const deliveries = await clock.run(runDeliveries(events, send, clock, { ...plain, signal: abort.signal }));
      assert.deepEqual(log.map((l) => [l.index, l.attempt, l.at]), [[0, 1, 0], [1, 1, 1_000]]);
      assert.deepEqual(deliveries.map((d) => d.verdict), [{ kind: 'cancelled' }, { kind: 'delivered', retries: 0 }, { kind: 'cancelled' }]);
      assert.deepEqual(deliveries.map((d) => d.attempts.length), [1, 1, 0]);
      assert.ok(clock.now() < 60_000, 'the run did not wait for the last event');
    });

    it('--duplicate 0 never redelivers', async () => {
      const { deliveries } = await run(one, [[ok]], { duplicate: 0 });
      assert.equal(deliveries[0]!.duplicates, 0);
    });

    it('--shuffle holds back some events by a retry schedule\'s sum, never the last of a call, and the same seed gives the same order', () => {
      const events = Array.from({ length: 60 }, (_, i) => ({ index: i, flow: i < 30 ? 'a' : 'b', atMs: (i % 30) * 1_000 }));
      const delays = shuffleDelays(events, DIALPAD_CALL_EVENT_POLICY, seededRandom(7));
      assert.deepEqual(shuffleDelays(events, DIALPAD_CALL_EVENT_POLICY, seededRandom(7)), delays);
      assert.notDeepEqual(shuffleDelays(events, DIALPAD_CALL_EVENT_POLICY, seededRandom(8)), delays);
      assert.ok(delays.every((d) => [0, 2_000, 6_000, 14_000].includes(d)), String(delays));
      assert.ok(delays.some((d) => d > 0));
      assert.equal(delays[29], 0);
      assert.equal(delays[59], 0);
    });

    it('--shuffle in a run: a held-back event arrives after a later one of its call', async () => {
      const events = Array.from({ length: 20 }, (_, i) => ({ index: i, flow: 'a', atMs: i * 500 }));
      const { log } = await run(events, events.map(() => [ok]), { shuffle: true, random: seededRandom(3) });
      const order = log.map((l) => l.index);
      assert.equal(order.length, 20);
      assert.notDeepEqual(order, [...order].sort((a, b) => a - b));
    });
  });
});
