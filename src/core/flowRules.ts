import { groupByCall, legOf, missingRefs, type CallGraph, type CallLeg, type GraphEvent, type MissingReference } from './graph';
import type { Code } from './codes';
import { excerpt, type PendingProblem, type Severity } from './problems';
import { POST_CALL_STATES } from './states';
import { iso } from './eventRules';
import { legTimeDisagreements, timeDisagreements, type TimeDisagreement } from './answers';

/** A pending problem that also says which input document its event came from. */
export type SourcedProblem = PendingProblem & { source: number };

/**
 * Rules over each leg's events in time order, and over references between legs.
 * `describe(source, event)` names an event for a message (for example "line 12").
 */
export function checkFlows(graph: Pick<CallGraph, 'legs' | 'missing'>, describe: (source: number, event: number) => string): SourcedProblem[] {
  const rules = flowRuleRunner(describe);
  for (const leg of graph.legs.values()) rules.leg(leg);
  return rules.done(graph.missing, timeDisagreements(graph));
}

/**
 * `checkFlows(buildCallGraph(events), describe)` without the graph: each leg is made, checked and let go in
 * turn, so a million calls cost one map of their events, not a million legs and flows (what `validate` needs).
 */
export function checkEventFlows(events: readonly GraphEvent[], describe: (source: number, event: number) => string): SourcedProblem[] {
  const rules = flowRuleRunner(describe);
  const byCall = groupByCall(events);
  const missing: MissingReference[] = [], disagreements: TimeDisagreement[] = [];
  for (const [callId, list] of byCall) {
    const { leg, refs } = legOf(callId, list);
    rules.leg(leg);
    missingRefs(refs, byCall, missing);
    legTimeDisagreements(leg, disagreements);
  }
  return rules.done(missing, disagreements);
}

/** The flow rules in the order `checkFlows` reports them: every leg's, then missing references, then Dialpad's figures. */
function flowRuleRunner(describe: (source: number, event: number) => string) {
  const problems: SourcedProblem[] = [];
  const add = (event: GraphEvent, field: string, severity: Severity, code: Code, message: string) =>
    problems.push({ at: { kind: 'path', event: event.event, path: [field] }, source: event.source, severity, code, message });
  const where = (event: GraphEvent) => describe(event.source, event.event);
  return {
    leg(leg: Pick<CallLeg, 'callId' | 'events'>): void {
      // One event alone breaks no rule over a leg's events (most legs of a busy day).
      if (leg.events.length < 2) return;
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
    },
    done(missing: readonly MissingReference[], disagreements: readonly TimeDisagreement[]): SourcedProblem[] {
      for (const m of missing) {
        add(m.from, m.field, 'information', 'flow.missing-reference', `${m.field} ${m.callId}: no event of that call is in this capture.`);
      }
      // Dialpad's own hold_time/talk_time against the figures the answers compute from the events.
      for (const d of disagreements) add(d.event, d.field, 'information', d.code, d.message);
      return problems;
    },
  };
}
