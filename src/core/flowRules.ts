import type { CallGraph, GraphEvent } from './graph';
import type { Code } from './codes';
import { excerpt, type PendingProblem, type Severity } from './problems';
import { POST_CALL_STATES } from './states';
import { iso } from './eventRules';
import { timeDisagreements } from './answers';

/** A pending problem that also says which input document its event came from. */
export type SourcedProblem = PendingProblem & { source: number };

/**
 * Rules over each leg's events in time order, and over references between legs.
 * `describe(source, event)` names an event for a message (for example "line 12").
 */
export function checkFlows(graph: CallGraph, describe: (source: number, event: number) => string): SourcedProblem[] {
  const problems: SourcedProblem[] = [];
  const add = (event: GraphEvent, field: string, severity: Severity, code: Code, message: string) =>
    problems.push({ at: { kind: 'path', event: event.event, path: [field] }, source: event.source, severity, code, message });
  const where = (event: GraphEvent) => describe(event.source, event.event);

  for (const leg of graph.legs.values()) {
    const firstDirection = leg.events.find((e) => e.direction !== null);
    const firstStart = leg.events.find((e) => e.dateStarted !== null);
    let hangup: GraphEvent | undefined;
    for (const event of leg.events) {
      if (firstDirection && event.direction !== null && event.direction !== firstDirection.direction) {
        add(event, 'direction', 'warning', 'flow.direction-changed',
          `Call ${leg.callId} is ${event.direction} here but ${firstDirection.direction} at ${where(firstDirection)}: one call keeps one direction.`);
      }
      if (firstStart && event.dateStarted !== null && event.dateStarted !== firstStart.dateStarted) {
        add(event, 'date_started', 'warning', 'flow.start-changed',
          `Call ${leg.callId} started at ${iso(event.dateStarted)} here but at ${iso(firstStart.dateStarted!)} at ${where(firstStart)}.`);
      }
      if (hangup && !POST_CALL_STATES.has(event.state)) {
        add(event, 'state', 'warning', 'flow.event-after-hangup',
          `"${excerpt(event.state)}" after the call's hangup (${where(hangup)}): only post-call events (recording, transcription, csat, recap, …) may follow it.`);
      }
      if (!hangup && event.state === 'hangup') hangup = event;
    }
  }
  for (const missing of graph.missing) {
    add(missing.from, missing.field, 'information', 'flow.missing-reference',
      `${missing.field} ${missing.callId}: no event of that call is in this capture.`);
  }
  // Dialpad's own hold_time/talk_time against the figures the answers compute from the events.
  for (const d of timeDisagreements(graph)) add(d.event, d.field, 'information', d.code, d.message);
  return problems;
}
