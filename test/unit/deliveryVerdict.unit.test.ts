// The verdict texts (src/core/deliveryVerdict.ts): each rule of the vendor's "Webhook Delivery
// Failures" page in words, for simulate's runs and for the listener's single forwards. Expected
// texts are written here by hand.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AttemptResult } from '../../src/core/deliveryPolicy';
import { deliveryVerdict, forwardAttempt, forwardVerdict, verdictLine, verdictText } from '../../src/core/deliveryVerdict';
import type { ForwardResult } from '../../src/core/forwardResult';
import { sendToHandler } from '../../src/listener/deliver';
import { listenOnLoopback } from '../support/loopback';

const answered = (status: number, latencyMs = 12): AttemptResult => ({ kind: 'answered', status, latencyMs });
const timeout: AttemptResult = { kind: 'timeout' };
const refused: AttemptResult = { kind: 'failed', message: 'connection refused' };

/** A forward result as forwardResultOf reads it from a capture. */
function forward(fields: Partial<ForwardResult>): ForwardResult {
  return { url: 'http://127.0.0.1:3000/hook', forwardedAt: undefined, status: null, latencyMs: null, responseStart: null, error: null, replay: undefined, simulatedVerdict: undefined, ...fields };
}

describe('delivery verdicts in words', () => {
  describe('a whole delivery (call-events simulate)', () => {
    it('a 2xx first time is delivered; after 5xx answers, delivered after N retries', () => {
      assert.deepEqual(deliveryVerdict([answered(204)]), { kind: 'delivered', text: 'delivered' });
      assert.deepEqual(deliveryVerdict([answered(500), answered(200)]), { kind: 'delivered', text: 'delivered after 1 retry' });
      assert.deepEqual(deliveryVerdict([answered(502), answered(503), answered(200)]), { kind: 'delivered', text: 'delivered after 2 retries' });
    });

    it('delivered after a timeout: timed out, the handler saw it more than once', () => {
      assert.deepEqual(deliveryVerdict([timeout, answered(200)]), { kind: 'timed-out', text: 'timed out (delivered after 1 retry; the handler saw it more than once)' });
    });

    it('a 4xx, 429 included, is lost at once', () => {
      for (const status of [400, 404, 429]) {
        assert.deepEqual(deliveryVerdict([answered(status)]), { kind: 'lost', text: `Dialpad would not retry this: the event is lost (a ${status} is never retried)` });
      }
    });

    it('retries exhausted: lost, with the last status when there was one', () => {
      assert.deepEqual(deliveryVerdict([answered(500), answered(500), answered(500), answered(503)]),
        { kind: 'lost', text: 'lost (retries exhausted, last 503: Dialpad will not send it again)' });
      assert.deepEqual(deliveryVerdict([refused, timeout, refused]), { kind: 'lost', text: 'lost (retries exhausted: Dialpad will not send it again)' });
    });

    it('a cancelled run says the event was not finished', () => {
      assert.equal(verdictText({ kind: 'cancelled' }), 'not finished: the run was cancelled');
    });
  });

  describe('one attempt so far (the listener\'s forward): what Dialpad would do next', () => {
    it('a 5xx: retried after about 2, 4 and 8 s; after one retry, the waits left', () => {
      assert.deepEqual(deliveryVerdict([answered(500)]), { kind: 'would-retry', text: 'Dialpad would retry this (after about 2, 4, 8 s)' });
      assert.deepEqual(deliveryVerdict([answered(500), answered(503)]), { kind: 'would-retry', text: 'Dialpad would retry this (after about 4, 8 s)' });
    });

    it('a timeout: Dialpad would have timed out and retried', () => {
      assert.deepEqual(deliveryVerdict([timeout]), { kind: 'would-retry', text: 'Dialpad would have timed out and retried' });
    });

    it('a connection failure: the quick retries', () => {
      assert.deepEqual(deliveryVerdict([refused]), { kind: 'would-retry', text: 'Dialpad would retry this at once (up to 2 more attempts in quick succession)' });
    });
  });

  describe('a forward or replay read from a capture', () => {
    it('an answer slower than Dialpad\'s 5 s is a timeout, even a 200; 5 s itself is in time', () => {
      assert.deepEqual(forwardAttempt(forward({ status: 200, latencyMs: 6_000 })), { kind: 'timeout' });
      assert.deepEqual(forwardAttempt(forward({ status: 200, latencyMs: 5_000 })), { kind: 'answered', status: 200, latencyMs: 5_000 });
      assert.equal(forwardVerdict(forward({ status: 200, latencyMs: 6_000 })), 'Dialpad would have timed out and retried');
    });

    it('a 400 or a 429 forwarded: the event is lost', () => {
      assert.equal(forwardVerdict(forward({ status: 400, latencyMs: 3 })), 'Dialpad would not retry this: the event is lost (a 400 is never retried)');
      assert.equal(forwardVerdict(forward({ status: 429, latencyMs: 3 })), 'Dialpad would not retry this: the event is lost (a 429 is never retried)');
    });

    it('a 5xx, a 2xx, no answer within the forwarder\'s timeout, a refused connection', () => {
      assert.equal(forwardVerdict(forward({ status: 503, latencyMs: 3 })), 'Dialpad would retry this (after about 2, 4, 8 s)');
      assert.equal(forwardVerdict(forward({ status: 200, latencyMs: 3 })), 'delivered');
      assert.equal(forwardVerdict(forward({ error: 'no answer within 10000 ms' })), 'Dialpad would have timed out and retried');
      assert.equal(forwardVerdict(forward({ error: 'connection refused: is the handler running? (ECONNREFUSED)' })), 'Dialpad would retry this at once (up to 2 more attempts in quick succession)');
    });

    it('the sender\'s own words for a handler that never answers read back as a timeout (a forward record keeps only the text)', async () => {
      // A handler that takes the request and never answers.
      const { url, close } = await listenOnLoopback(http.createServer(() => undefined));
      try {
        const sent = await sendToHandler(url, Buffer.from('{}'), { timeoutMs: 150, headers: {} });
        assert.equal(sent.failure?.kind, 'timeout');
        assert.deepEqual(forwardAttempt(forward({ error: sent.failure!.message })), { kind: 'timeout' });
        assert.equal(forwardVerdict(forward({ error: sent.failure!.message })), 'Dialpad would have timed out and retried');
      } finally {
        await close();
      }
    });

    it('nothing sent (the listener\'s queue was full or it was stopping): no verdict', () => {
      assert.equal(forwardVerdict(forward({ error: 'not forwarded: the listener stopped first' })), undefined);
    });

    it('a simulated run\'s recorded verdict is the verdict of the whole delivery', () => {
      assert.equal(forwardVerdict(forward({ status: 200, latencyMs: 3, simulatedVerdict: 'delivered after 2 retries' })), 'delivered after 2 retries');
    });

    it('a recorded verdict is text from the file: made plain (no line breaks, no CodeLens icons)', () => {
      assert.equal(forwardVerdict(forward({ simulatedVerdict: 'delivered\n$(alert) \u202eok' })), 'delivered $\u200b(alert) ok');
    });

    it('as a line of UI: the run\'s verdict is named, a "Dialpad would" sentence stands alone', () => {
      assert.equal(verdictLine('delivered after 1 retry'), 'Dialpad delivery: delivered after 1 retry');
      assert.equal(verdictLine('Dialpad would have timed out and retried'), 'Dialpad would have timed out and retried');
    });
  });
});
