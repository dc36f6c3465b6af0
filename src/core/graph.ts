import type { CallEventSummary } from './callEvent';
import { compareIds } from './numbers';
import { MONITOR_KINDS, stateRank, type MonitorKind } from './states';

/** How a leg takes part in its flow (the vendor's "Call Flow Structure"). */
export type LegRole = 'entry_point' | 'operator' | 'monitor' | 'direct';

/** An event as the graph sees it: its summary, which names the document it came from. */
export type GraphEvent = CallEventSummary;

type RefField = 'master_call_id' | 'entry_point_call_id' | 'operator_call_id';

/** One call leg: every event with the same call_id, in time order. */
export interface CallLeg {
  callId: string;
  role: LegRole;
  /**
   * False when the capture cannot yet prove the role: an operator whose entry point has named no
   * operator (mid-call, before its `connected` event) or is missing from the capture.
   */
  roleConfirmed: boolean;
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
  /** The call id of its first leg (the master call when it was transferred), present in the capture or not. */
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
  const byLeg: Map<string, GraphEvent | GraphEvent[] | CallLeg> = groupByCall(events);
  // Only the legs that reference another call have an entry (most reference nothing).
  const refsOf = new Map<string, LegRefs>();
  for (const [callId, list] of byLeg as Map<string, GraphEvent | GraphEvent[]>) {
    const { leg, refs } = legOf(callId, list);
    // The leg takes its events' place in the same map (same order): no second map of a million entries.
    byLeg.set(callId, leg);
    if (refs !== NO_REFS) refsOf.set(callId, refs);
  }
  const legs = byLeg as Map<string, CallLeg>;
  assignRoles(legs);
  const missing = findMissing(legs, refsOf);
  const flows = groupFlows(legs, refsOf);
  return { flows, legs, missing };
}

/** The calls a leg references, each with its field and the first event (in time order) that names it. */
export type LegRefs = ReadonlyMap<string, { field: RefField; from: GraphEvent }>;

/**
 * Every event by its call id, calls in the order they first arrive. A call's first event is kept as it is,
 * a list made only for its second: most legs of a busy day have one event, and a list grown by push keeps
 * room for 16 more (150 bytes a leg on a million legs).
 */
export function groupByCall(events: readonly GraphEvent[]): Map<string, GraphEvent | GraphEvent[]> {
  const byCall = new Map<string, GraphEvent | GraphEvent[]>();
  for (const event of events) {
    const known = byCall.get(event.callId);
    if (known === undefined) byCall.set(event.callId, event);
    else if (Array.isArray(known)) known.push(event);
    else byCall.set(event.callId, [known, event]);
  }
  return byCall;
}

/**
 * One call's leg from its events as `groupByCall` holds them (sorted in place), before roles and transfers
 * are known (`buildCallGraph` assigns them), with the calls it references.
 */
export function legOf(callId: string, events: GraphEvent | GraphEvent[]): { leg: CallLeg; refs: LegRefs } {
  // A copy of the exact length: a sorted list grown by push keeps its spare room.
  return makeLeg(callId, Array.isArray(events) ? events.sort(compareEvents).slice() : [events]);
}

const NO_IDS = Object.freeze([]) as unknown as string[];

// The states of a leg of one event: one (frozen) list per state, shared by every such leg (a busy day's
// million one-event legs hold a few lists, not a million). Bounded: payloads may send any state.
const ONE_STATE = new Map<string, string[]>();
function oneState(state: string): string[] {
  let states = ONE_STATE.get(state);
  if (states === undefined) {
    states = Object.freeze([state]) as unknown as string[];
    if (ONE_STATE.size < 256) ONE_STATE.set(state, states);
  }
  return states;
}
const NO_REFS: LegRefs = new Map();

function makeLeg(callId: string, events: GraphEvent[]): { leg: CallLeg; refs: LegRefs } {
  // One pass over the leg's events (in time order) collects everything the graph needs of them.
  // Most legs name no operator: they share one (frozen) empty list.
  let operatorCallIds: string[] = NO_IDS;
  // Most legs of a busy day reference nothing: they share one empty map.
  let refs = NO_REFS as Map<string, { field: RefField; from: GraphEvent }>;
  const addRef = (callId: string, field: RefField, from: GraphEvent) => {
    if (refs === NO_REFS) refs = new Map();
    if (!refs.has(callId)) refs.set(callId, { field, from });
  };
  let masterCallId: string | null = null, entryPointCallId: string | null = null, operatorCallId: string | null = null;
  let direction: CallLeg['direction'] = null;
  let start: number | null = null, end: number | null = null;
  const states = events.length === 1 ? oneState(events[0]!.state) : events.map((event) => event.state);
  for (const event of events) {
    if (direction === null) direction = event.direction;
    if (event.masterCallId !== null) {
      masterCallId = event.masterCallId;
      addRef(masterCallId, 'master_call_id', event);
    }
    if (event.entryPointCallId !== null) {
      entryPointCallId = event.entryPointCallId;
      addRef(entryPointCallId, 'entry_point_call_id', event);
    }
    if (event.operatorCallId !== null) {
      operatorCallId = event.operatorCallId;
      if (operatorCallIds === NO_IDS) operatorCallIds = [operatorCallId];
      else if (!operatorCallIds.includes(operatorCallId)) operatorCallIds.push(operatorCallId);
      addRef(operatorCallId, 'operator_call_id', event);
    }
    const began = event.dateStarted ?? event.time;
    if (began !== null && (start === null || began < start)) start = began;
    const ended = event.dateEnded ?? event.time;
    if (ended !== null && (end === null || ended > end)) end = ended;
  }
  const leg: CallLeg = {
    callId, role: 'direct', roleConfirmed: true, monitorKind: null, masterCallId, entryPointCallId, operatorCallId, operatorCallIds,
    direction, events, states, start, end, transferIndex: 0,
  };
  return { leg, refs };
}

/**
 * The vendor's "Call Flow Structure": an operator is named back by its entry point's operator_call_id;
 * a monitor references an entry point that names another leg, or references one and has a monitor,
 * barge, takeover or eavesdrop state (which settles it whatever else is known); an entry point has
 * an operator hanging off it; everything else is direct. A leg whose entry point has named nobody
 * yet, or is not in the capture, is most likely its operator: it is reported as one, unconfirmed.
 */
function assignRoles(legs: Map<string, CallLeg>): void {
  const referencedAsEntry = new Set<string>();
  for (const leg of legs.values()) if (leg.entryPointCallId !== null) referencedAsEntry.add(leg.entryPointCallId);
  for (const leg of legs.values()) {
    const kind = strongestMonitorKind(leg.states);
    const entryId = leg.entryPointCallId;
    const joins = entryId !== null && entryId !== leg.callId;
    const named = joins ? legs.get(entryId)?.operatorCallIds ?? [] : [];
    leg.roleConfirmed = true;
    leg.monitorKind = null;
    if (joins && (kind !== null || (named.length > 0 && !named.includes(leg.callId)))) {
      leg.role = 'monitor';
      leg.monitorKind = kind ?? 'monitor';
    } else if (joins) {
      leg.role = 'operator';
      leg.roleConfirmed = named.includes(leg.callId);
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

function findMissing(legs: Map<string, CallLeg>, refsOf: Map<string, LegRefs>): MissingReference[] {
  const missing: MissingReference[] = [];
  for (const refs of refsOf.values()) missingRefs(refs, legs, missing);
  return missing;
}

/** The references of one leg to calls that have no events (not in `calls`), added to `missing`. */
export function missingRefs(refs: LegRefs, calls: ReadonlyMap<string, unknown>, missing: MissingReference[]): void {
  for (const [callId, { field, from }] of refs) if (!calls.has(callId)) missing.push({ field, callId, from });
}

/** Connected components over all three references (missing calls included, so their legs still group). */
function groupFlows(legs: Map<string, CallLeg>, refsOf: Map<string, LegRefs>): CallFlow[] {
  // Only calls that a reference touches are in the forest: a leg that references nothing and that nothing
  // references is a flow of its own (on a busy day most are), with no entry here.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    // Path compression keeps later finds short.
    for (let node = id; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [callId, refs] of refsOf) {
    if (!parent.has(callId)) parent.set(callId, callId);
    for (const ref of refs.keys()) {
      if (!parent.has(ref)) parent.set(ref, ref);
      const a = find(callId), b = find(ref);
      if (a !== b) parent.set(a, b);
    }
  }
  // A leg outside the forest is a flow alone; each other group keeps its first leg as it is, a list only
  // from its second (as `byLeg` does). The flows' order is the sort's alone (no two flows share an id).
  // Made at its largest length (a flow per leg), then cut: grown by push, it would leave copies of itself behind.
  const flows = new Array<CallFlow>(legs.size);
  let count = 0;
  const groups = new Map<string, CallLeg | CallLeg[]>();
  for (const leg of legs.values()) {
    if (!parent.has(leg.callId)) {
      flows[count++] = makeFlow([leg]);
      continue;
    }
    const root = find(leg.callId);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, leg);
    else if (Array.isArray(group)) group.push(leg);
    else groups.set(root, [group, leg]);
  }
  parent.clear();
  for (const group of groups.values()) flows[count++] = makeFlow(Array.isArray(group) ? group.slice() : [group]);
  groups.clear();
  flows.length = count;
  return flows.sort((a, b) => compareTimes(a.start, b.start) || compareIds(a.id, b.id));
}

function makeFlow(legs: CallLeg[]): CallFlow {
  legs.sort(compareLegs);
  // Transfer recipients: legs carrying master_call_id that answer the contact (not operators or monitors).
  const recipients = legs.filter((leg) => leg.masterCallId !== null && (leg.role === 'entry_point' || leg.role === 'direct'));
  recipients.forEach((leg, i) => (leg.transferIndex = i + 1));
  if (legs.length === 1) return { id: firstCallId(legs), legs, transfers: recipients.length, start: legs[0]!.start };
  const indexOf = new Map(legs.map((leg) => [leg.callId, leg.transferIndex]));
  for (const leg of legs) {
    if ((leg.role === 'operator' || leg.role === 'monitor') && leg.entryPointCallId !== null) {
      leg.transferIndex = indexOf.get(leg.entryPointCallId) ?? leg.transferIndex;
    }
  }
  return {
    id: firstCallId(legs),
    legs,
    transfers: recipients.length,
    start: extreme(legs.map((leg) => leg.start), Math.min),
  };
}

/** The flow's first call: the master call, else its entry point or direct call, present in the capture or not. */
function firstCallId(legs: readonly CallLeg[]): string {
  const master = legs.find((leg) => leg.masterCallId !== null)?.masterCallId;
  if (master) return master;
  const root = legs.find((leg) => (leg.role === 'entry_point' || leg.role === 'direct') && leg.masterCallId === null);
  if (root) return root.callId;
  const present = new Set(legs.map((leg) => leg.callId));
  return legs.find((leg) => leg.entryPointCallId !== null && !present.has(leg.entryPointCallId))?.entryPointCallId ?? legs[0]!.callId;
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
