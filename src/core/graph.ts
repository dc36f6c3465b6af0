import type { CallEventSummary } from './callEvent';
import { compareIds } from './numbers';
import { MONITOR_KINDS, stateRank, type MonitorKind } from './states';

/** How a leg takes part in its flow (the vendor's "Call Flow Structure"). */
export type LegRole = 'entry_point' | 'operator' | 'monitor' | 'direct';

/** An event as the graph sees it: its summary and the document it came from. */
export interface GraphEvent extends CallEventSummary {
  /** Which input document (0 for a single file). */
  source: number;
}

/** One call leg: every event with the same call_id, in time order. */
export interface CallLeg {
  callId: string;
  role: LegRole;
  /** For a monitor leg: how it joined (the strongest of its states, `monitor` by default). */
  monitorKind: MonitorKind | null;
  masterCallId: string | null;
  entryPointCallId: string | null;
  operatorCallId: string | null;
  /** Every operator this leg named, in time order (an entry point's operator can change, e.g. on takeover). */
  operatorCallIds: string[];
  direction: 'inbound' | 'outbound' | null;
  /** Events in time order. */
  events: GraphEvent[];
  states: string[];
  start: number | null;
  end: number | null;
  /** 0 for the legs before any transfer; n for the legs of the n-th transfer. */
  transferIndex: number;
}

/** A connected group of legs: one customer interaction. */
export interface CallFlow {
  /** The call id of its first leg (the master call when it was transferred). */
  id: string;
  legs: CallLeg[];
  transfers: number;
  start: number | null;
}

/** A reference to a call that none of the events belongs to. */
export interface MissingReference {
  field: 'master_call_id' | 'entry_point_call_id' | 'operator_call_id';
  callId: string;
  /** The first event that makes it. */
  from: GraphEvent;
}

/** The call graph of a set of events. */
export interface CallGraph {
  flows: CallFlow[];
  legs: ReadonlyMap<string, CallLeg>;
  missing: MissingReference[];
}

/** Orders events by when their state was entered, then by lifecycle, then by arrival. */
export function compareEvents(a: GraphEvent, b: GraphEvent): number {
  if (a.time !== null && b.time !== null && a.time !== b.time) return a.time - b.time;
  return stateRank(a.state) - stateRank(b.state) || a.source - b.source || a.event - b.event;
}

/** Builds legs, roles, flows and transfers from every event, whatever order they arrived in. */
export function buildCallGraph(events: readonly GraphEvent[]): CallGraph {
  const byLeg = new Map<string, GraphEvent[]>();
  for (const event of events) {
    let list = byLeg.get(event.callId);
    if (!list) byLeg.set(event.callId, (list = []));
    list.push(event);
  }
  const legs = new Map<string, CallLeg>();
  for (const [callId, list] of byLeg) legs.set(callId, makeLeg(callId, list.sort(compareEvents)));

  assignRoles(legs);
  const missing = findMissing(legs);
  const flows = groupFlows(legs);
  return { flows, legs, missing };
}

function makeLeg(callId: string, events: GraphEvent[]): CallLeg {
  const lastOf = (pick: (e: GraphEvent) => string | null) => {
    for (let i = events.length - 1; i >= 0; i--) {
      const value = pick(events[i]!);
      if (value !== null) return value;
    }
    return null;
  };
  const operatorCallIds: string[] = [];
  for (const event of events) {
    if (event.operatorCallId !== null && !operatorCallIds.includes(event.operatorCallId)) operatorCallIds.push(event.operatorCallId);
  }
  return {
    callId,
    role: 'direct',
    monitorKind: null,
    masterCallId: lastOf((e) => e.masterCallId),
    entryPointCallId: lastOf((e) => e.entryPointCallId),
    operatorCallId: lastOf((e) => e.operatorCallId),
    operatorCallIds,
    direction: events.find((e) => e.direction !== null)?.direction ?? null,
    events,
    states: events.map((e) => e.state),
    start: extreme(events.map((e) => e.dateStarted ?? e.time), Math.min),
    end: extreme(events.map((e) => e.dateEnded ?? e.time), Math.max),
    transferIndex: 0,
  };
}

/**
 * Operator: its entry point names it in operator_call_id. Monitor: it references an entry point
 * that does not name it back (monitor, barge, takeover, eavesdrop). Entry point: an operator hangs
 * off it. Direct: everything else.
 */
function assignRoles(legs: Map<string, CallLeg>): void {
  const referencedAsEntry = new Set<string>();
  for (const leg of legs.values()) if (leg.entryPointCallId !== null) referencedAsEntry.add(leg.entryPointCallId);
  for (const leg of legs.values()) {
    const kind = strongestMonitorKind(leg.states);
    if (leg.entryPointCallId !== null && leg.entryPointCallId !== leg.callId) {
      const entry = legs.get(leg.entryPointCallId);
      const namedBack = entry ? entry.operatorCallIds.includes(leg.callId) : kind === null;
      leg.role = namedBack ? 'operator' : 'monitor';
      leg.monitorKind = namedBack ? null : kind ?? 'monitor';
    } else if (leg.operatorCallIds.length > 0 || referencedAsEntry.has(leg.callId)) {
      leg.role = 'entry_point';
    } else {
      leg.role = 'direct';
    }
  }
}

function strongestMonitorKind(states: readonly string[]): MonitorKind | null {
  let best = -1;
  for (const state of states) best = Math.max(best, MONITOR_KINDS.indexOf(state as MonitorKind));
  return best >= 0 ? MONITOR_KINDS[best]! : null;
}

function findMissing(legs: Map<string, CallLeg>): MissingReference[] {
  const missing: MissingReference[] = [];
  const seen = new Set<string>();
  const fields = [['master_call_id', 'masterCallId'], ['entry_point_call_id', 'entryPointCallId'], ['operator_call_id', 'operatorCallId']] as const;
  for (const leg of legs.values()) {
    for (const event of leg.events) {
      for (const [field, key] of fields) {
        const callId = event[key];
        if (callId === null || legs.has(callId) || seen.has(`${field}:${callId}`)) continue;
        seen.add(`${field}:${callId}`);
        missing.push({ field, callId, from: event });
      }
    }
  }
  return missing;
}

/** Connected components over all three references (missing calls included, so their legs still group). */
function groupFlows(legs: Map<string, CallLeg>): CallFlow[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    for (let node = id; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const leg of legs.values()) {
    union(leg.callId, leg.callId);
    for (const event of leg.events) {
      if (event.masterCallId !== null) union(leg.callId, event.masterCallId);
      if (event.entryPointCallId !== null) union(leg.callId, event.entryPointCallId);
      if (event.operatorCallId !== null) union(leg.callId, event.operatorCallId);
    }
  }
  const groups = new Map<string, CallLeg[]>();
  for (const leg of legs.values()) {
    const root = find(leg.callId);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = []));
    group.push(leg);
  }
  const flows = [...groups.values()].map(makeFlow);
  return flows.sort((a, b) => compareTimes(a.start, b.start) || compareIds(a.id, b.id));
}

function makeFlow(legs: CallLeg[]): CallFlow {
  legs.sort(compareLegs);
  // Transfer recipients: legs carrying master_call_id that answer the contact (not operators or monitors).
  const recipients = legs.filter((leg) => leg.masterCallId !== null && (leg.role === 'entry_point' || leg.role === 'direct'));
  recipients.forEach((leg, i) => (leg.transferIndex = i + 1));
  const indexOf = new Map(legs.map((leg) => [leg.callId, leg.transferIndex]));
  for (const leg of legs) {
    if ((leg.role === 'operator' || leg.role === 'monitor') && leg.entryPointCallId !== null) {
      leg.transferIndex = indexOf.get(leg.entryPointCallId) ?? leg.transferIndex;
    }
  }
  const master = legs.find((leg) => leg.masterCallId !== null)?.masterCallId;
  const root = legs.find((leg) => (leg.role === 'entry_point' || leg.role === 'direct') && leg.masterCallId === null) ?? legs[0]!;
  return {
    id: master ?? root.callId,
    legs,
    transfers: recipients.length,
    start: extreme(legs.map((leg) => leg.start), Math.min),
  };
}

function compareLegs(a: CallLeg, b: CallLeg): number {
  return compareTimes(a.start, b.start) || compareIds(a.callId, b.callId);
}

function compareTimes(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** The smallest or largest of the non-null values (a loop: a spread would overflow on huge legs). */
function extreme(values: readonly (number | null)[], pick: (a: number, b: number) => number): number | null {
  let result: number | null = null;
  for (const value of values) if (value !== null) result = result === null ? value : pick(result, value);
  return result;
}
