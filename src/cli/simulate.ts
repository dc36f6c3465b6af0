import { type Clock, type EventDelivery } from '../core/deliveryPolicy';
import { verdictText } from '../core/deliveryVerdict';
import { SCENARIOS, type ScenarioEvent } from '../core/scenarios';
import { CaptureWriter } from '../listener/captureWriter';
import type { SendResult } from '../listener/deliver';
import { prepareEvents, REAL_CLOCK, runSimulation, runSummary, scenarioEvents, writeRun, writeSample, type Outgoing } from '../listener/simulation';
import { forTerminal } from '../shared/untrustedText';
import { SAMPLE_HELP, SIMULATE_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';

/** Header naming the attempt (the simulation's own; named here for the CLI's tests). */
export { ATTEMPT_HEADER } from '../listener/simulation';

type Print = (s: string) => void;

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
  const outgoing = await prepareEvents(common.events, secret);
  const width = Math.max(...SCENARIOS.map((s) => s.name.length));
  const run = await runSimulation({
    url, outgoing, timeScale, shuffle: values.shuffle ?? false, duplicate, seed: common.seed, clock,
    onAttempt: ({ index, attempt, result, duplicated, next }) => {
      if (format !== 'text') return;
      const o = outgoing[index]!;
      const label = duplicated || !next ? 'redelivered (at-least-once delivery)'
        : next.kind === 'retry' ? `retry in ${seconds(next.afterMs * timeScale)}` : verdictText(next.verdict);
      const said = result.status !== null && (result.status < 200 || result.status > 299) && result.responseStart ? ` "${forTerminal(result.responseStart, 60)}"` : '';
      const answer = result.status !== null ? `${result.status}  ${Math.round(result.latencyMs ?? 0)} ms${said}` : forTerminal(result.failure?.message ?? 'no answer', 80);
      out(`${o.event.scenario.padEnd(width)}  #${String(index + 1).padEnd(3)} ${o.event.state.padEnd(18)} ${o.event.callId}  attempt ${attempt}  ${answer}  ${label}`);
    },
  });
  const { deliveries, results } = run;

  let recordError: string | undefined;
  if (writer) {
    try {
      await writeRun(writer, url, outgoing, run);
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
  const outgoing = await prepareEvents(common.events, values.secret ?? env.CALL_EVENTS_SECRET);
  try {
    await writeSample(values.out, outgoing);
  } catch (error) {
    err(`call-events sample: ${(error as Error).message}`);
    return 2;
  }
  out(`wrote ${outgoing.length} events to ${forTerminal(values.out)}`);
  return 0;
}

/** The scenarios, seed and events both commands take; a string is a usage error. */
function commonOptions(values: { scenario?: string[]; seed?: string; 'big-ids'?: boolean }): { seed: number; events: ScenarioEvent[] } | string {
  if (values.seed !== undefined && !/^\d{1,9}$/.test(values.seed)) return `--seed must be a whole number, not "${values.seed}"`;
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  const events = scenarioEvents(values.scenario ?? [], seed, values['big-ids'] ?? false);
  return typeof events === 'string' ? events : { seed, events };
}

function jsonReport(outgoing: readonly Outgoing[], deliveries: readonly EventDelivery[], results: readonly SendResult[][]) {
  return {
    events: deliveries.map((d) => {
      const o = outgoing[d.index]!;
      return {
        scenario: o.event.scenario, call_id: o.event.callId, state: o.event.state, event_timestamp: o.event.timestamp,
        verdict: d.verdict.kind, retries: 'retries' in d.verdict ? d.verdict.retries : Math.max(0, d.attempts.filter((a) => !a.duplicate).length - 1),
        verdict_text: verdictText(d.verdict), duplicates: d.duplicates,
        attempts: d.attempts.map((a, k) => ({
          attempt: a.attempt, at_ms: Math.round(a.atMs), duplicate: a.duplicate, status: results[d.index]![k]?.status ?? null,
          latency_ms: results[d.index]![k]?.latencyMs ?? null, error: results[d.index]![k]?.failure?.message ?? null,
          response_start: results[d.index]![k]?.responseStart ?? null,
        })),
      };
    }),
    summary: runSummary(deliveries),
  };
}

/** The closing summary: what happened, and what to fix in the handler. */
function advice(deliveries: readonly EventDelivery[], shuffled: boolean): string[] {
  const c = runSummary(deliveries);
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
