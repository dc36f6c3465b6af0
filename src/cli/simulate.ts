import { formatCaptureRecord, formatForwardRecord } from '../core/captureRecord';
import {
  nextStep, runDeliveries, verdictText, DIALPAD_CALL_EVENT_POLICY,
  type AttemptResult, type Clock, type EventDelivery, type PlannedEvent,
} from '../core/deliveryPolicy';
import { signJsonText } from '../core/jwt';
import { buildScenario, scenarioNamed, SCENARIOS, type ScenarioEvent } from '../core/scenarios';
import { seededRandom } from '../core/seededRandom';
import { CaptureWriter } from '../listener/captureWriter';
import { sendToHandler, type SendResult } from '../listener/deliver';
import { forTerminal } from '../shared/untrustedText';
import { SAMPLE_HELP, SIMULATE_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';

type Print = (s: string) => void;

/** The real clock. */
const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One event ready to send: the same bytes on every attempt. */
interface Outgoing {
  event: ScenarioEvent;
  body: Buffer;
  contentType: string;
}

/** Header naming the attempt, so a handler's log can tell a retry from a first delivery. */
export const ATTEMPT_HEADER = 'x-call-events-attempt';

/** `call-events simulate`: sends sample flows to a handler as Dialpad would; returns the exit code. */
export async function runSimulate(args: string[], env: NodeJS.ProcessEnv, out: Print, err: Print, clock: Clock = REAL_CLOCK): Promise<number> {
  const usage = usageError('simulate', SIMULATE_HELP, err);
  const parsed = parseCommand({
    args, allowPositionals: false, strict: true,
    options: {
      to: { type: 'string' }, scenario: { type: 'string', multiple: true }, secret: { type: 'string' }, seed: { type: 'string' },
      'time-scale': { type: 'string' }, shuffle: { type: 'boolean' }, duplicate: { type: 'string' }, 'big-ids': { type: 'boolean' },
      out: { type: 'string' }, format: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  }, SIMULATE_HELP, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.list) {
    for (const s of SCENARIOS) out(`${s.name.padEnd(15)} ${s.description}`);
    return 0;
  }
  if (!values.to) return usage('--to URL is required (your handler)');
  let url: URL;
  try {
    url = new URL(values.to);
  } catch {
    return usage(`--to is not a valid URL: "${values.to}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return usage(`--to must be an http:// or https:// URL, not "${values.to}"`);
  const common = commonOptions(values);
  if (typeof common === 'string') return usage(common);
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!(timeScale > 0 && timeScale <= 100)) return usage(`--time-scale must be a number above 0 (at most 100), not "${values['time-scale']}"`);
  const duplicate = values.duplicate === undefined ? 0 : Number(values.duplicate);
  if (!(duplicate >= 0 && duplicate <= 1) || values.duplicate?.trim() === '') return usage(`--duplicate must be a probability from 0 to 1, not "${values.duplicate}"`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json, not "${format}"`);
  const secret = values.secret ?? env.CALL_EVENTS_SECRET;

  let writer: CaptureWriter | undefined;
  if (values.out) {
    try {
      writer = await CaptureWriter.open(values.out);
    } catch (error) {
      err(`call-events simulate: ${(error as Error).message}`);
      return 2;
    }
  }
  const outgoing = await prepare(common.events, secret);
  // Each scenario is one call, all starting together: a busy line.
  const firstOf = new Map<string, number>();
  for (const o of outgoing) if (!firstOf.has(o.event.scenario)) firstOf.set(o.event.scenario, o.event.timestamp);
  const planned: PlannedEvent[] = outgoing.map((o, index) => ({ index, flow: o.event.scenario, atMs: o.event.timestamp - firstOf.get(o.event.scenario)! }));
  const results = outgoing.map((): SendResult[] => []);
  const history = outgoing.map((): AttemptResult[] => []);
  const width = Math.max(...SCENARIOS.map((s) => s.name.length));

  const send = async (index: number, attempt: number, timeoutMs: number, duplicated: boolean): Promise<AttemptResult> => {
    const o = outgoing[index]!;
    const result = await sendToHandler(url, o.body, { timeoutMs, headers: { 'content-type': o.contentType, [ATTEMPT_HEADER]: String(attempt) } });
    results[index]!.push(result);
    const attemptResult: AttemptResult = result.status !== null ? { kind: 'answered', status: result.status, latencyMs: result.latencyMs ?? 0 }
      : result.failure?.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'failed', message: result.failure?.message ?? 'no answer' };
    let label: string;
    if (duplicated) label = 'redelivered (at-least-once delivery)';
    else {
      history[index]!.push(attemptResult);
      const step = nextStep(history[index]!);
      label = step.kind === 'retry' ? `retry in ${seconds(step.afterMs * timeScale)}` : verdictText(step.verdict);
    }
    if (format === 'text') {
      const said = result.status !== null && (result.status < 200 || result.status > 299) && result.responseStart ? ` "${forTerminal(result.responseStart, 60)}"` : '';
      const answer = result.status !== null ? `${result.status}  ${Math.round(result.latencyMs ?? 0)} ms${said}` : forTerminal(result.failure?.message ?? 'no answer', 80);
      out(`${o.event.scenario.padEnd(width)}  #${String(index + 1).padEnd(3)} ${o.event.state.padEnd(18)} ${o.event.callId}  attempt ${attempt}  ${answer}  ${label}`);
    }
    return attemptResult;
  };

  const deliveries = await runDeliveries(planned, send, clock, {
    timeScale, shuffle: values.shuffle ?? false, duplicate, random: seededRandom(common.seed + 1), policy: DIALPAD_CALL_EVENT_POLICY,
  });

  let recordError: string | undefined;
  if (writer) {
    try {
      await writeRun(writer, url, outgoing, deliveries, results);
    } catch (error) {
      recordError = (error as Error).message;
    } finally {
      await writer.close().catch(() => undefined);
    }
  }
  const lost = deliveries.filter((d) => d.verdict.kind === 'lost').length;
  if (format === 'json') out(JSON.stringify(jsonReport(outgoing, deliveries, results)));
  else {
    out('');
    for (const d of deliveries) {
      const o = outgoing[d.index]!;
      const extra = d.duplicates > 0 ? ' (and redelivered once)' : '';
      out(`${o.event.scenario.padEnd(width)}  #${String(d.index + 1).padEnd(3)} ${o.event.state.padEnd(18)} ${verdictText(d.verdict)}${extra}`);
    }
    out('');
    for (const line of advice(deliveries, values.shuffle ?? false)) out(line);
  }
  if (recordError) {
    err(`call-events simulate: the run could not be recorded: ${recordError}`);
    return 2;
  }
  return lost > 0 ? 1 : 0;
}

/** `call-events sample`: writes the scenarios' events as a capture, sends nothing. */
export async function runSample(args: string[], env: NodeJS.ProcessEnv, out: Print, err: Print): Promise<number> {
  const usage = usageError('sample', SAMPLE_HELP, err);
  const parsed = parseCommand({
    args, allowPositionals: false, strict: true,
    options: {
      scenario: { type: 'string', multiple: true }, secret: { type: 'string' }, seed: { type: 'string' }, 'big-ids': { type: 'boolean' },
      out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  }, SAMPLE_HELP, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.scenario?.length) return usage('--scenario NAME is required (call-events simulate --list names them)');
  if (!values.out) return usage('--out FILE is required (the capture to write)');
  const common = commonOptions(values);
  if (typeof common === 'string') return usage(common);
  const outgoing = await prepare(common.events, values.secret ?? env.CALL_EVENTS_SECRET);
  try {
    const writer = await CaptureWriter.open(values.out);
    try {
      for (const [i, o] of outgoing.entries()) void writer.append(captureLine(i + 1, new Date(o.event.timestamp).toISOString(), '/webhook', o));
      await writer.flush();
    } finally {
      await writer.close();
    }
  } catch (error) {
    err(`call-events sample: ${(error as Error).message}`);
    return 2;
  }
  out(`wrote ${outgoing.length} events to ${forTerminal(values.out)}`);
  return 0;
}

/** The scenarios, seed and events both commands take; a string is a usage error. */
function commonOptions(values: { scenario?: string[]; seed?: string; 'big-ids'?: boolean }): { seed: number; events: ScenarioEvent[] } | string {
  const names = values.scenario?.length ? values.scenario : SCENARIOS.map((s) => s.name);
  const unknown = names.find((n) => !scenarioNamed(n));
  if (unknown !== undefined) return `no scenario "${unknown}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`;
  if (values.seed !== undefined && !/^\d{1,9}$/.test(values.seed)) return `--seed must be a whole number, not "${values.seed}"`;
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  // A scenario named twice is two calls: the second with the next seed.
  const seen = new Map<string, number>();
  const events = names.flatMap((name) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return buildScenario(scenarioNamed(name)!, { seed: seed + n, bigIds: values['big-ids'] ?? false }).map((e) => (n === 0 ? e : { ...e, scenario: `${name}-${n + 1}` }));
  });
  return { seed, events };
}

/** The bodies: the JSON text, or with a secret an HS256 JWT of exactly that text. */
async function prepare(events: readonly ScenarioEvent[], secret: string | undefined): Promise<Outgoing[]> {
  return Promise.all(events.map(async (event) => secret
    ? { event, body: Buffer.from(await signJsonText(event.json, secret), 'utf8'), contentType: 'application/jwt' }
    : { event, body: Buffer.from(event.json, 'utf8'), contentType: 'application/json' }));
}

function captureLine(seq: number, receivedAt: string, path: string, o: Outgoing): string {
  return formatCaptureRecord({ seq, received_at: receivedAt, method: 'POST', path, content_type: o.contentType, size: o.body.length, body: o.body.toString('utf8') });
}

/** The run in the listener's capture format: each event as sent, then the handler's answer to each attempt. */
async function writeRun(writer: CaptureWriter, url: URL, outgoing: readonly Outgoing[], deliveries: readonly EventDelivery[], results: readonly SendResult[][]): Promise<void> {
  const writes: Promise<void>[] = [];
  for (const d of deliveries) {
    const o = outgoing[d.index]!;
    const sent = results[d.index]!;
    writes.push(writer.append(captureLine(d.index + 1, sent[0]?.sentAt ?? new Date().toISOString(), url.pathname, o)));
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

function jsonReport(outgoing: readonly Outgoing[], deliveries: readonly EventDelivery[], results: readonly SendResult[][]) {
  return {
    events: deliveries.map((d) => {
      const o = outgoing[d.index]!;
      return {
        scenario: o.event.scenario, call_id: o.event.callId, state: o.event.state, event_timestamp: o.event.timestamp,
        verdict: d.verdict.kind, retries: d.verdict.kind === 'lost' ? d.attempts.filter((a) => !a.duplicate).length - 1 : d.verdict.retries,
        verdict_text: verdictText(d.verdict), duplicates: d.duplicates,
        attempts: d.attempts.map((a, k) => ({
          attempt: a.attempt, at_ms: Math.round(a.atMs), duplicate: a.duplicate, status: results[d.index]![k]?.status ?? null,
          latency_ms: results[d.index]![k]?.latencyMs ?? null, error: results[d.index]![k]?.failure?.message ?? null,
          response_start: results[d.index]![k]?.responseStart ?? null,
        })),
      };
    }),
    summary: summaryCounts(deliveries),
  };
}

function summaryCounts(deliveries: readonly EventDelivery[]) {
  return {
    events: deliveries.length,
    delivered: deliveries.filter((d) => d.verdict.kind !== 'lost').length,
    lost: deliveries.filter((d) => d.verdict.kind === 'lost').length,
    timed_out: deliveries.filter((d) => d.attempts.some((a) => a.result.kind === 'timeout')).length,
    retried: deliveries.filter((d) => d.attempts.filter((a) => !a.duplicate).length > 1).length,
    redelivered: deliveries.filter((d) => d.duplicates > 0).length,
  };
}

/** The closing summary: what happened, and what to fix in the handler. */
function advice(deliveries: readonly EventDelivery[], shuffled: boolean): string[] {
  const c = summaryCounts(deliveries);
  const lines = [`${c.events} events: ${c.delivered} delivered, ${c.lost} lost, ${c.retried} retried, ${c.timed_out} timed out, ${c.redelivered} redelivered.`];
  const clientErrors = deliveries.filter((d) => d.verdict.kind === 'lost' && d.verdict.reason === 'client-error').length;
  const exhausted = deliveries.filter((d) => d.verdict.kind === 'lost' && d.verdict.reason === 'retries-exhausted').length;
  const failures = deliveries.filter((d) => d.attempts.some((a) => a.result.kind === 'failed')).length;
  if (clientErrors) lines.push(`- ${clientErrors} lost to a 4xx answer: Dialpad never retries a 4xx (429 included). Answer 2xx once the event is stored, even when you cannot use it.`);
  if (exhausted) lines.push(`- ${exhausted} lost after every retry: Dialpad stops after 3 retries of a 5xx and 2 of a timeout or connection failure. Answer 2xx first, process afterwards.`);
  if (c.timed_out) lines.push(`- ${c.timed_out} took longer than Dialpad's 5 s: it retries, so your handler saw them more than once. Answer before the slow work.`);
  if (failures) lines.push(`- ${failures} met a refused or reset connection: is the handler running and reachable at this URL?`);
  if (c.retried || c.redelivered) lines.push('- Events arrive more than once: make the handler idempotent (key on call_id, state and event_timestamp).');
  if (c.retried || shuffled) lines.push('- Retries arrive after later events of the same call: order by event_timestamp, not by arrival.');
  if (lines.length === 1) lines.push('Nothing to fix: every event was delivered on its first attempt.');
  return lines;
}

function seconds(ms: number): string {
  return ms >= 1_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}
