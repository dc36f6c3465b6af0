import { formatCaptureRecord, formatForwardRecord } from '../core/captureRecord';
import {
  nextStep, runDeliveries, DIALPAD_CALL_EVENT_POLICY,
  type AttemptResult, type Clock, type EventDelivery, type NextStep, type PlannedEvent,
} from '../core/deliveryPolicy';
import { verdictText } from '../core/deliveryVerdict';
import { signJsonText } from '../core/jwt';
import { buildScenario, scenarioNamed, SCENARIOS, type ScenarioEvent } from '../core/scenarios';
import { seededRandom } from '../core/seededRandom';
import { CaptureWriter } from './captureWriter';
import { sendToHandler, type SendResult } from './deliver';

/**
 * A simulated Dialpad delivery run, shared by `call-events simulate` / `sample` and the editor's
 * Send Sample Flow / New Sample Capture: the scenarios' events, their bodies (signed or not), the
 * one scheduler of src/core/deliveryPolicy.ts over the one HTTP sender, and the record of the run
 * in the capture format. No `vscode` here.
 */

/** Header naming the attempt, so a handler's log can tell a retry from a first delivery. */
export const ATTEMPT_HEADER = 'x-call-events-attempt';

/** The real clock; an abort clears its timer, so a cancelled run leaves none behind. */
export const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  }),
};

/** One event ready to send: the same bytes on every attempt. */
export interface Outgoing {
  event: ScenarioEvent;
  body: Buffer;
  contentType: string;
}

/**
 * The events of the named scenarios (all of them when none is named), or a message naming the
 * unknown one. A scenario named twice is two calls: the second with the next seed.
 */
export function scenarioEvents(names: readonly string[], seed: number, bigIds: boolean): ScenarioEvent[] | string {
  const chosen = names.length ? names : SCENARIOS.map((s) => s.name);
  const unknown = chosen.find((n) => !scenarioNamed(n));
  if (unknown !== undefined) return `no scenario "${unknown}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`;
  const seen = new Map<string, number>();
  return chosen.flatMap((name) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return buildScenario(scenarioNamed(name)!, { seed: seed + n, bigIds }).map((e) => (n === 0 ? e : { ...e, scenario: `${name}-${n + 1}` }));
  });
}

/** The bodies: the JSON text, or with a secret an HS256 JWT of exactly that text. */
export async function prepareEvents(events: readonly ScenarioEvent[], secret: string | undefined): Promise<Outgoing[]> {
  return Promise.all(events.map(async (event) => secret
    ? { event, body: Buffer.from(await signJsonText(event.json, secret), 'utf8'), contentType: 'application/jwt' }
    : { event, body: Buffer.from(event.json, 'utf8'), contentType: 'application/json' }));
}

/** One attempt as it was made, for a caller that reports progress. */
export interface AttemptReport {
  index: number;
  attempt: number;
  result: SendResult;
  /** A redelivery of an event already delivered (at-least-once delivery). */
  duplicated: boolean;
  /** What the policy does next; undefined for a redelivery. */
  next: NextStep | undefined;
}

/** Options of a run. */
export interface SimulationOptions {
  url: URL;
  outgoing: readonly Outgoing[];
  timeScale: number;
  shuffle: boolean;
  duplicate: number;
  seed: number;
  clock?: Clock;
  /** Aborting cuts the requests in flight and ends the run; what was sent stays in the result. */
  signal?: AbortSignal;
  onAttempt?: (report: AttemptReport) => void;
}

/** What a run gave: each event's attempts and verdict, and the handler's answer to each attempt. */
export interface SimulationRun {
  deliveries: EventDelivery[];
  /** By event index, one per attempt, in the order of `deliveries[k].attempts`. */
  results: SendResult[][];
}

/** Sends the events at the pace of their calls, as Dialpad's delivery policy would. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationRun> {
  const { url, outgoing, signal } = options;
  // Each scenario is one call, all starting together: a busy line.
  const firstOf = new Map<string, number>();
  for (const o of outgoing) if (!firstOf.has(o.event.scenario)) firstOf.set(o.event.scenario, o.event.timestamp);
  const planned: PlannedEvent[] = outgoing.map((o, index) => ({ index, flow: o.event.scenario, atMs: o.event.timestamp - firstOf.get(o.event.scenario)! }));
  const results = outgoing.map((): SendResult[] => []);
  const history = outgoing.map((): AttemptResult[] => []);

  const send = async (index: number, attempt: number, timeoutMs: number, duplicated: boolean): Promise<AttemptResult> => {
    const o = outgoing[index]!;
    const result = await sendToHandler(url, o.body, {
      timeoutMs, ...(signal ? { signal } : {}), headers: { 'content-type': o.contentType, [ATTEMPT_HEADER]: String(attempt) },
    });
    results[index]!.push(result);
    const attemptResult: AttemptResult = result.status !== null ? { kind: 'answered', status: result.status, latencyMs: result.latencyMs ?? 0 }
      : result.failure?.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'failed', message: result.failure?.message ?? 'no answer' };
    let next: NextStep | undefined;
    if (!duplicated) {
      history[index]!.push(attemptResult);
      next = nextStep(history[index]!);
    }
    options.onAttempt?.({ index, attempt, result, duplicated, next });
    return attemptResult;
  };

  const deliveries = await runDeliveries(planned, send, options.clock ?? REAL_CLOCK, {
    timeScale: options.timeScale, shuffle: options.shuffle, duplicate: options.duplicate, random: seededRandom(options.seed + 1),
    policy: DIALPAD_CALL_EVENT_POLICY, ...(signal ? { signal } : {}),
  });
  return { deliveries, results };
}

/** What became of a run's events, counted: the closing line of `simulate`, the editor's message. */
export function runSummary(deliveries: readonly EventDelivery[]) {
  return {
    events: deliveries.length,
    delivered: deliveries.filter((d) => d.verdict.kind === 'delivered' || d.verdict.kind === 'timed-out').length,
    lost: deliveries.filter((d) => d.verdict.kind === 'lost').length,
    timed_out: deliveries.filter((d) => d.attempts.some((a) => a.result.kind === 'timeout')).length,
    retried: deliveries.filter((d) => d.attempts.filter((a) => !a.duplicate).length > 1).length,
    redelivered: deliveries.filter((d) => d.duplicates > 0).length,
  };
}

function captureLine(seq: number, receivedAt: string, path: string, o: Outgoing): string {
  return formatCaptureRecord({ seq, received_at: receivedAt, method: 'POST', path, content_type: o.contentType, size: o.body.length, body: o.body.toString('utf8') });
}

/**
 * The run in the listener's capture format: each event as sent, then the handler's answer to each
 * attempt, the last with the event's verdict. Events the run never sent (it was cancelled) are left out.
 */
export async function writeRun(writer: CaptureWriter, url: URL, outgoing: readonly Outgoing[], run: SimulationRun): Promise<void> {
  const writes: Promise<void>[] = [];
  for (const d of run.deliveries) {
    const o = outgoing[d.index]!;
    const sent = run.results[d.index]!;
    if (sent.length === 0) continue;
    writes.push(writer.append(captureLine(d.index + 1, sent[0]!.sentAt, url.pathname, o)));
    sent.forEach((r, k) => {
      const attempt = d.attempts[k]!;
      writes.push(writer.append(formatForwardRecord({
        seq: d.index + 1, forwarded_at: r.sentAt, url: r.url, status: r.status, latency_ms: r.latencyMs, response_start: r.responseStart,
        error: r.failure?.message ?? null,
        ...{ attempt: attempt.attempt, duplicate: attempt.duplicate, ...(k === sent.length - 1 ? { simulated_verdict: verdictText(d.verdict) } : {}) },
      })));
    });
  }
  await Promise.all(writes);
}

/** Writes the events as a capture, sending nothing: `call-events sample`, New Sample Capture. */
export async function writeSample(file: string, outgoing: readonly Outgoing[]): Promise<void> {
  const writer = await CaptureWriter.open(file);
  try {
    for (const [i, o] of outgoing.entries()) void writer.append(captureLine(i + 1, new Date(o.event.timestamp).toISOString(), '/webhook', o));
    await writer.flush();
  } finally {
    await writer.close();
  }
}
