import { DIALPAD_CALL_EVENT_POLICY, nextStep, type AttemptResult, type DeliveryPolicy, type Verdict } from './deliveryPolicy';
import { plainText, type ForwardResult } from './forwardResult';

/**
 * What Dialpad's delivery policy makes of the attempts at one event, in words: the one text for
 * `call-events simulate`'s per-event verdict, the record it writes, and the editor's CodeLens and
 * hover on the listener's forwards and replays (a single attempt, so what Dialpad would do next).
 */
export interface DeliveryVerdict {
  /** delivered, timed-out, lost, cancelled (the run stopped first), or would-retry (the attempts so far are not the end). */
  kind: Verdict['kind'] | 'would-retry';
  text: string;
}

/** The verdict after these attempts (oldest first, at least one), by the policy. */
export function deliveryVerdict(attempts: readonly AttemptResult[], policy: DeliveryPolicy = DIALPAD_CALL_EVENT_POLICY): DeliveryVerdict {
  const step = nextStep(attempts, policy);
  if (step.kind === 'stop') return { kind: step.verdict.kind, text: verdictText(step.verdict) };
  const last = attempts[attempts.length - 1]!;
  if (last.kind === 'timeout') return { kind: 'would-retry', text: 'Dialpad would have timed out and retried' };
  if (last.kind === 'failed') return { kind: 'would-retry', text: `Dialpad would retry this at once (up to ${policy.failureRetries} more attempts in quick succession)` };
  // A 5xx: the waits still ahead of this event.
  const serverErrors = attempts.filter((a) => a.kind === 'answered' && a.status >= 500).length;
  const waits = policy.serverErrorBackoffMs.slice(serverErrors - 1).map((ms) => ms / 1000);
  return { kind: 'would-retry', text: `Dialpad would retry this (after about ${waits.join(', ')} s)` };
}

/** A finished delivery's verdict in words: "delivered", "delivered after 2 retries", "Dialpad would not retry this: …", … */
export function verdictText(verdict: Verdict): string {
  const retries = (n: number) => `${n} ${n === 1 ? 'retry' : 'retries'}`;
  switch (verdict.kind) {
    case 'delivered':
      return verdict.retries === 0 ? 'delivered' : `delivered after ${retries(verdict.retries)}`;
    case 'timed-out':
      return `timed out (delivered after ${retries(verdict.retries)}; the handler saw it more than once)`;
    case 'lost':
      return verdict.reason === 'client-error'
        ? `Dialpad would not retry this: the event is lost (a ${verdict.status} is never retried)`
        : `lost (retries exhausted${verdict.status === null ? '' : `, last ${verdict.status}`}: Dialpad will not send it again)`;
    case 'cancelled':
      return 'not finished: the run was cancelled';
  }
}

/** Marks the listener's own failure to forward (queue full, stopping): no request reached the handler. */
const NOT_FORWARDED = 'not forwarded:';
/** How the one HTTP sender (src/listener/deliver.ts) words a handler that did not answer in time: a forward record keeps only this text. */
const NO_ANSWER_WITHIN = 'no answer within ';

/** The failure text of a handler that did not answer within `timeoutMs`: written by the sender, read back as a timeout here. */
export function noAnswerWithin(timeoutMs: number): string {
  return `${NO_ANSWER_WITHIN}${timeoutMs} ms`;
}

/**
 * A forward or replay as Dialpad would have seen that attempt: an answer slower than Dialpad's
 * timeout is a timeout, even when the forwarder waited longer. Undefined when nothing was sent.
 */
export function forwardAttempt(forward: ForwardResult, policy: DeliveryPolicy = DIALPAD_CALL_EVENT_POLICY): AttemptResult | undefined {
  if (forward.status !== null) {
    const latencyMs = forward.latencyMs ?? 0;
    return latencyMs > policy.timeoutMs ? { kind: 'timeout' } : { kind: 'answered', status: forward.status, latencyMs };
  }
  const error = forward.error ?? 'no answer';
  if (error.startsWith(NOT_FORWARDED)) return undefined;
  return error.startsWith(NO_ANSWER_WITHIN) ? { kind: 'timeout' } : { kind: 'failed', message: error };
}

/**
 * The verdict to show on a forwarded event: the one a simulated run recorded for the whole
 * delivery (`simulated_verdict`: text from the file, so made plain here), else what Dialpad would
 * make of this single attempt; undefined when nothing reached the handler.
 */
export function forwardVerdict(forward: ForwardResult, policy: DeliveryPolicy = DIALPAD_CALL_EVENT_POLICY): string | undefined {
  if (forward.simulatedVerdict !== undefined) return plainText(forward.simulatedVerdict, 160);
  const attempt = forwardAttempt(forward, policy);
  return attempt ? deliveryVerdict([attempt], policy).text : undefined;
}

/** A verdict as one line of UI (CodeLens, hover): "Dialpad delivery: delivered after 1 retry"; a "Dialpad would …" sentence as it is. */
export function verdictLine(verdict: string): string {
  return verdict.startsWith('Dialpad ') ? verdict : `Dialpad delivery: ${verdict}`;
}
