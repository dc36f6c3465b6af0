/**
 * Dialpad's webhook delivery policy, as a pure scheduler: which answers count, when an event is
 * sent again, and what became of it. From the vendor's "Webhook Delivery Failures" page
 * (https://developers.dialpad.com/docs/webhook-delivery-failures):
 * - a delivery counts on any 2xx; the request times out after 5 seconds;
 * - a 5xx schedules retries: call events get at most 3 after the first attempt, after about 2, 4 and 8 s;
 * - 4xx answers, 429 included, are never retried;
 * - timeouts and connection failures may get up to two more attempts "in quick succession"
 *   (no backoff; the page gives no figure, so `QUICK_RETRY_MS` is our choice);
 * - retries can arrive after later events of the same call.
 * No I/O: the clock and the sender are injected, so tests run it on a fake clock.
 */

/** The policy's figures (every duration in ms of simulated time). */
export interface DeliveryPolicy {
  timeoutMs: number;
  /** Waits before each retry after a 5xx. */
  serverErrorBackoffMs: readonly number[];
  /** Retries after a timeout or a connection failure. */
  failureRetries: number;
  /** Wait before each of those. */
  quickRetryMs: number;
}

/** "In quick succession": the vendor gives no figure. */
export const QUICK_RETRY_MS = 250;

/** Dialpad's policy for call events. */
export const DIALPAD_CALL_EVENT_POLICY: DeliveryPolicy = { timeoutMs: 5_000, serverErrorBackoffMs: [2_000, 4_000, 8_000], failureRetries: 2, quickRetryMs: QUICK_RETRY_MS };

/** What one attempt gave: an answer with a status, no answer within the timeout, or no connection. */
export type AttemptResult =
  | { kind: 'answered'; status: number; latencyMs: number }
  | { kind: 'timeout' }
  | { kind: 'failed'; message: string };

/** The next step after the attempts so far. */
export type NextStep = { kind: 'retry'; afterMs: number } | { kind: 'stop'; verdict: Verdict };

/** What became of an event, as Dialpad would see it. */
export type Verdict =
  | { kind: 'delivered'; retries: number }
  /** Delivered in the end, after at least one attempt timed out: the handler may have seen it more than once. */
  | { kind: 'timed-out'; retries: number }
  | { kind: 'lost'; reason: 'client-error' | 'retries-exhausted'; status: number | null }
  /** The run was cancelled before Dialpad's policy had its say (the attempts made so far are kept). */
  | { kind: 'cancelled' };

/** True for a status Dialpad counts as delivered. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** After these attempts (oldest first, at least one), retry after a wait, or stop with a verdict. */
export function nextStep(attempts: readonly AttemptResult[], policy: DeliveryPolicy = DIALPAD_CALL_EVENT_POLICY): NextStep {
  const last = attempts[attempts.length - 1];
  if (!last) throw new Error('nextStep needs at least one attempt');
  const retries = attempts.length - 1;
  const timedOut = attempts.some((a) => a.kind === 'timeout');
  if (last.kind === 'answered' && isDelivered(last.status)) return { kind: 'stop', verdict: timedOut ? { kind: 'timed-out', retries } : { kind: 'delivered', retries } };
  if (last.kind === 'answered' && last.status >= 500) {
    const serverErrors = attempts.filter((a) => a.kind === 'answered' && a.status >= 500).length;
    const wait = policy.serverErrorBackoffMs[serverErrors - 1];
    return wait === undefined ? { kind: 'stop', verdict: { kind: 'lost', reason: 'retries-exhausted', status: last.status } } : { kind: 'retry', afterMs: wait };
  }
  if (last.kind === 'answered') {
    // 4xx (429 included) are never retried; nor is anything else that is not 2xx or 5xx (a 3xx is not followed).
    return { kind: 'stop', verdict: { kind: 'lost', reason: 'client-error', status: last.status } };
  }
  const failures = attempts.filter((a) => a.kind !== 'answered').length;
  if (failures <= policy.failureRetries) return { kind: 'retry', afterMs: policy.quickRetryMs };
  return { kind: 'stop', verdict: { kind: 'lost', reason: 'retries-exhausted', status: null } };
}

/** Time as the scheduler sees it: injectable, so tests advance it by hand. */
export interface Clock {
  /** Milliseconds since some fixed point. */
  now(): number;
  /** Resolves after `ms`; a clock may end the wait early once `signal` aborts (the scheduler does not rely on it). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** One event to deliver: its bytes are the same on every attempt (the sender keeps them); `atMs` is its time in the call. */
export interface PlannedEvent {
  /** Index in the run, for the report. */
  index: number;
  /** The call flow it belongs to, for shuffling within a call. */
  flow: string;
  /** When the event happens, in ms from the first event of the run. */
  atMs: number;
}

/** Options of a run. */
export interface RunOptions {
  /** Multiplies every wait, every gap between events and the timeout (1: real time). */
  timeScale: number;
  /** Delay some first deliveries as if earlier attempts had failed upstream: retries arriving after later events of the call. */
  shuffle: boolean;
  /** Probability that a delivered event is delivered again (at-least-once delivery). */
  duplicate: number;
  /** Uniform numbers in [0, 1): seeded, so a run can be repeated. */
  random: () => number;
  policy?: DeliveryPolicy;
  /** Aborting stops the run: no further attempt is made, waits end at once, and unfinished events are `cancelled`. */
  signal?: AbortSignal;
}

/** One attempt as made. */
export interface AttemptRecord {
  /** 1 for the first. */
  attempt: number;
  /** Clock time it was sent, from the start of the run. */
  atMs: number;
  result: AttemptResult;
  /** A redelivery of an event already delivered. */
  duplicate: boolean;
}

/** An event's attempts and verdict. */
export interface EventDelivery {
  index: number;
  attempts: AttemptRecord[];
  verdict: Verdict;
  /** Redeliveries after the event was delivered. */
  duplicates: number;
}

/** Sends event `index` with a timeout (ms of clock time); the sender turns its answer into a result. */
export type AttemptSender = (index: number, attempt: number, timeoutMs: number, duplicate: boolean) => Promise<AttemptResult>;

/**
 * Delivers each event at its time in the call and follows the policy for each on its own, so a
 * retry lands among later events as Dialpad's would. Resolves with every event's attempts and
 * verdict, in the order given.
 */
export async function runDeliveries(events: readonly PlannedEvent[], send: AttemptSender, clock: Clock, options: RunOptions): Promise<EventDelivery[]> {
  const policy = options.policy ?? DIALPAD_CALL_EVENT_POLICY;
  const scale = options.timeScale;
  const origin = clock.now();
  const delays = options.shuffle ? shuffleDelays(events, policy, options.random) : events.map(() => 0);
  // Every random draw happens here, before any await, so a seed gives the same run whatever the handler's timing.
  const duplicates = events.map(() => options.random() < options.duplicate ? 1_000 + Math.floor(options.random() * 9_000) : undefined);
  const signal = options.signal;
  return Promise.all(events.map(async (event, i): Promise<EventDelivery> => {
    await sleepUntil(clock, origin + (event.atMs + delays[i]!) * scale, signal);
    const attempts: AttemptRecord[] = [];
    let verdict: Verdict;
    for (;;) {
      if (signal?.aborted) {
        verdict = { kind: 'cancelled' };
        break;
      }
      const atMs = clock.now() - origin;
      const result = await send(event.index, attempts.length + 1, policy.timeoutMs * scale, false);
      attempts.push({ attempt: attempts.length + 1, atMs, result, duplicate: false });
      const step = nextStep(attempts.map((a) => a.result), policy);
      if (step.kind === 'stop') {
        verdict = step.verdict;
        break;
      }
      await sleepOrAbort(clock, step.afterMs * scale, signal);
    }
    let redelivered = 0;
    const duplicateAfter = duplicates[i];
    if (duplicateAfter !== undefined && verdict.kind !== 'lost' && verdict.kind !== 'cancelled') {
      await sleepOrAbort(clock, duplicateAfter * scale, signal);
      if (!signal?.aborted) {
        const atMs = clock.now() - origin;
        const result = await send(event.index, attempts.length + 1, policy.timeoutMs * scale, true);
        attempts.push({ attempt: attempts.length + 1, atMs, result, duplicate: true });
        redelivered = 1;
      }
    }
    return { index: event.index, attempts, verdict, duplicates: redelivered };
  }));
}

/**
 * Extra delays of first deliveries that Dialpad's retries can produce: about a third of the
 * events of each call with a later event are held back by the waits of one, two or three 5xx
 * retries (2, 6 or 14 s), so they arrive after events that happened later.
 */
export function shuffleDelays(events: readonly PlannedEvent[], policy: DeliveryPolicy, random: () => number): number[] {
  const lastOfCall = new Map<string, number>();
  for (const e of events) lastOfCall.set(e.flow, Math.max(lastOfCall.get(e.flow) ?? -Infinity, e.atMs));
  const sums = policy.serverErrorBackoffMs.map((_, k) => policy.serverErrorBackoffMs.slice(0, k + 1).reduce((a, b) => a + b, 0));
  return events.map((e) => {
    const held = random() < 1 / 3;
    const pick = sums[Math.floor(random() * sums.length)] ?? 0;
    return held && e.atMs < lastOfCall.get(e.flow)! ? pick : 0;
  });
}

async function sleepUntil(clock: Clock, at: number, signal: AbortSignal | undefined): Promise<void> {
  const wait = at - clock.now();
  if (wait > 0) await sleepOrAbort(clock, wait, signal);
}

/** The clock's sleep, ended early by an abort (and the signal passed on, so a real clock can drop its timer). */
async function sleepOrAbort(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return clock.sleep(ms);
  if (signal.aborted) return;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([clock.sleep(ms, signal), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
