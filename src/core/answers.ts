import type { EventFacts } from './callEvent';
import type { Code } from './codes';
import { TIMING_TOLERANCE_MS } from './eventRules';
import { plainText } from './forwardResult';
import { compareEvents, type CallFlow, type CallGraph, type CallLeg, type GraphEvent, type LegRole } from './graph';
import type { MonitorKind } from './states';
import { compareIds } from './numbers';
import { POST_CALL_STATES } from './states';

// What happened to the customer, flow by flow. Every definition here is stated once, in
// ANSWER_DEFINITIONS (answerDefinitions.ts), which ANSWERS.md is generated from: keep the two in step.

/** How a flow ended for the customer. */
export type Outcome = 'answered' | 'voicemail' | 'missed' | 'abandoned' | 'in_progress';

/** Every outcome, in the order they are decided. */
export const OUTCOMES: readonly Outcome[] = ['answered', 'voicemail', 'missed', 'abandoned', 'in_progress'];

/** An agent named in an answer. */
export interface AgentRef {
  callId: string;
  /** The target's name, else its number; null when the events name neither (untrusted text). */
  name: string | null;
}

/** One person who spoke with the customer. */
export interface AgentAnswer extends AgentRef {
  role: LegRole;
  /** For a monitor that joined the conversation: barge or takeover. */
  monitorKind: MonitorKind | null;
  /** When the conversation started: the connected state (for a barge or takeover: when it joined). */
  connectedAt: number;
  /** When the agent's leg ended, or null when it has not (yet) been seen to end. */
  endedAt: number | null;
  /** connectedAt to endedAt, less hold; null when the end or a hold's end is unknown. */
  talkMs: number | null;
  /** Total time this agent's leg was on hold; null when a hold has no known end. */
  holdMs: number | null;
  /** Dialpad's own talk_time and hold_time of the leg, when it sends them (shown next to ours). */
  dialpadTalkMs: number | null;
  dialpadHoldMs: number | null;
}

/** The answers about one flow. Times in unix ms, durations in ms; null where a value cannot be known. */
export interface FlowAnswers {
  id: string;
  direction: 'inbound' | 'outbound' | null;
  start: number | null;
  end: number | null;
  customer: { number: string | null; name: string | null };
  enteredVia: { name: string | null; type: string | null } | null;
  outcome: Outcome;
  transferred: boolean;
  transfers: number;
  firstAgent: AgentRef | null;
  lastAgent: AgentRef | null;
  agents: AgentAnswer[];
  waitMs: number | null;
  holdMs: number | null;
  talkMs: number | null;
  ringMs: number | null;
  csatScore: number | null;
  pcsatScore: number | null;
  recordings: string[];
  voicemailLink: string | null;
  transcription: string | null;
  recapSummary: string | null;
  recapOutcome: string | null;
  dispositions: string[];
  complete: boolean;
  notes: string[];
}

/** What the answers need of one leg's timeline. */
interface LegTiming {
  connectedAt: number | null;
  /** A monitor's first barge or takeover. */
  joinedAt: number | null;
  rangAt: number | null;
  endedAt: number | null;
  hungUp: boolean;
  /** Hold intervals; an end of null means the hold's end is unknown. */
  /** It connected, but none of its live events (connected, hold) is in the capture. */
  liveUnseen: boolean;
  holds: [number, number | null][];
  /** Dialpad's latest hold_time/talk_time on the leg, and the event that sent each. */
  dialpadHold: { ms: number; event: GraphEvent } | null;
  dialpadTalk: { ms: number; event: GraphEvent } | null;
}

/** When an event's state was entered: its event_timestamp, else the leg timestamp that state sets, else its time. */
function stateTime(event: GraphEvent): number | null {
  if (event.eventTimestamp !== null) return event.eventTimestamp;
  switch (event.state) {
    case 'connected': return event.dateConnected ?? event.time;
    case 'hangup': return event.dateEnded ?? event.time;
    case 'ringing': return event.dateRang ?? event.time;
    case 'preanswer': case 'calling': return event.dateStarted ?? event.time;
    default: return event.time;
  }
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** Reads one leg's timeline from its events (already in time order). */
function legTiming(leg: Pick<CallLeg, 'events'>): LegTiming {
  let connected: GraphEvent | undefined, hangup: GraphEvent | undefined, ringing: GraphEvent | undefined;
  let joinedAt: number | null = null;
  let dateConnected: number | null = null, dateEnded: number | null = null, dateRang: number | null = null;
  let dialpadHold: LegTiming['dialpadHold'] = null, dialpadTalk: LegTiming['dialpadTalk'] = null;
  for (const event of leg.events) {
    if (event.state === 'connected' && !connected) connected = event;
    else if (event.state === 'hangup' && !hangup) hangup = event;
    else if (event.state === 'ringing' && !ringing) ringing = event;
    else if ((event.state === 'barge' || event.state === 'takeover') && joinedAt === null) joinedAt = stateTime(event);
    // The earliest value: order-independent, and a later event cannot move a leg's own timestamp.
    dateConnected = minOf(dateConnected, event.dateConnected);
    dateEnded = minOf(dateEnded, event.dateEnded);
    dateRang = minOf(dateRang, event.dateRang);
    if (event.facts?.holdTime !== undefined) dialpadHold = { ms: event.facts.holdTime, event };
    if (event.facts?.talkTime !== undefined) dialpadTalk = { ms: event.facts.talkTime, event };
  }
  const connectedAt = connected?.eventTimestamp ?? dateConnected ?? (connected ? stateTime(connected) : null);
  const endedAt = hangup ? stateTime(hangup) : dateEnded;
  const rangAt = ringing ? stateTime(ringing) : dateRang;
  // A hold lasts from a hold event to the leg's next live state (or hangup), else to the leg's end.
  const holds: [number, number | null][] = [];
  let holdStart: number | null = null;
  for (const event of leg.events) {
    const at = stateTime(event);
    if (event.state === 'hold') {
      if (holdStart === null && at !== null) holdStart = at;
    } else if (holdStart !== null && (event.state === 'hangup' || !POST_CALL_STATES.has(event.state)) && at !== null) {
      holds.push([holdStart, endedAt !== null ? Math.min(at, endedAt) : at]);
      holdStart = null;
    }
  }
  if (holdStart !== null) holds.push([holdStart, endedAt]);
  // A leg that connected but whose live events are not here (a REST API record, a capture started late) may have
  // been on hold unseen: its hold, and so its talk, is unknown rather than 0.
  const liveUnseen = connectedAt !== null && !connected && !leg.events.some((e) => e.state === 'hold');
  if (liveUnseen) holds.push([connectedAt, null]);
  return { connectedAt, joinedAt, rangAt, endedAt, hungUp: hangup !== undefined, liveUnseen, holds, dialpadHold, dialpadTalk };
}

/** Time on hold within [from, to] (all of it when unbounded), or null when a hold's end is unknown. */
function holdWithin(holds: readonly [number, number | null][], from = -Infinity, to = Infinity): number | null {
  let total = 0;
  for (const [start, end] of holds) {
    if (end === null) return null;
    total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

/** The length of the union of intervals (so a hold that two legs both report counts once). */
function unionLength(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0, start = -Infinity, end = -Infinity;
  for (const [s, e] of intervals) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  if (end > start) total += end - start;
  return total;
}

/** A leg's talk as Dialpad's talk_time would count it: connected to end, less hold (0 when it never connected). */
function legTalk(timing: LegTiming): number | null {
  if (timing.connectedAt === null) return 0;
  if (timing.endedAt === null) return null;
  const hold = holdWithin(timing.holds, timing.connectedAt, timing.endedAt);
  return hold === null ? null : Math.max(0, timing.endedAt - timing.connectedAt - hold);
}

function nameOf(leg: CallLeg): string | null {
  let number: string | null = null;
  for (const event of leg.events) {
    if (event.targetName) return event.targetName;
    number ??= event.targetNumber ?? null;
  }
  return number;
}

function agentOf(leg: CallLeg, timing: LegTiming): AgentAnswer | undefined {
  const joined = leg.role === 'monitor' && (leg.monitorKind === 'barge' || leg.monitorKind === 'takeover');
  const start = joined ? timing.joinedAt : leg.role === 'operator' || leg.role === 'direct' ? timing.connectedAt : null;
  if (start === null) return undefined;
  const hold = holdWithin(timing.holds, start, timing.endedAt ?? Infinity);
  const talk = timing.endedAt === null || hold === null ? null : Math.max(0, timing.endedAt - start - hold);
  return {
    callId: leg.callId, name: nameOf(leg), role: leg.role, monitorKind: joined ? leg.monitorKind : null,
    connectedAt: start, endedAt: timing.endedAt, talkMs: talk, holdMs: hold,
    dialpadTalkMs: timing.dialpadTalk?.ms ?? null, dialpadHoldMs: timing.dialpadHold?.ms ?? null,
  };
}

const cache = new WeakMap<CallFlow, FlowAnswers>();

/** The answers about a flow of a graph (computed once per flow and remembered). */
export function answersOf(flow: CallFlow, graph: Pick<CallGraph, 'missing'>): FlowAnswers {
  let answers = cache.get(flow);
  if (!answers) cache.set(flow, (answers = computeAnswers(flow, graph)));
  return answers;
}

/** The answers about every flow of a graph, in the graph's order. */
export function answersOfGraph(graph: CallGraph): FlowAnswers[] {
  return graph.flows.map((flow) => answersOf(flow, graph));
}

function computeAnswers(flow: CallFlow, graph: Pick<CallGraph, 'missing'>): FlowAnswers {
  const timings = new Map<CallLeg, LegTiming>();
  for (const leg of flow.legs) timings.set(leg, legTiming(leg));
  const customerSide = (leg: CallLeg) => leg.role === 'entry_point' || leg.role === 'direct';
  const root = flow.legs.find((leg) => customerSide(leg) && leg.masterCallId === null) ?? flow.legs[0]!;

  const agents: AgentAnswer[] = [];
  for (const leg of flow.legs) {
    const agent = agentOf(leg, timings.get(leg)!);
    if (agent) agents.push(agent);
  }
  agents.sort((a, b) => a.connectedAt - b.connectedAt || compareIds(a.callId, b.callId));
  const ref = (agent: AgentAnswer | undefined): AgentRef | null => (agent ? { callId: agent.callId, name: agent.name } : null);
  const firstAgent = ref(agents[0]);
  let last: AgentAnswer | undefined;
  if (agents.every((a) => a.endedAt !== null)) {
    for (const agent of agents) {
      if (!last || agent.endedAt! > last.endedAt! || (agent.endedAt === last.endedAt && agent.connectedAt >= last.connectedAt)) last = agent;
    }
  }

  // The flow ends when its last leg does; unknown while any leg's end is (a loop: a spread overflows on huge flows).
  let end: number | null = -Infinity;
  for (const leg of flow.legs) {
    const ended = timings.get(leg)!.endedAt;
    end = ended === null || end === null ? null : Math.max(end, ended);
  }
  const start = flow.start;
  const direction = root.direction ?? flow.legs.find((leg) => leg.direction !== null)?.direction ?? null;

  // Hold: the customer's time on hold, over the legs on the customer's side and the agents' legs.
  const agentIds = new Set(agents.map((a) => a.callId));
  const held: [number, number][] = [];
  let holdKnown = true;
  for (const leg of flow.legs) {
    if (!customerSide(leg) && !agentIds.has(leg.callId)) continue;
    for (const [s, e] of timings.get(leg)!.holds) {
      if (e === null) holdKnown = false;
      else held.push([s, e]);
    }
  }

  const first = agents[0];
  const connectedAt = direction === 'outbound' ? timings.get(root)!.connectedAt : first?.connectedAt ?? null;
  const firstTiming = first ? timings.get(flow.legs.find((leg) => leg.callId === first.callId)!)! : undefined;
  const ringMs = first && first.monitorKind === null && firstTiming!.rangAt !== null ? first.connectedAt - firstTiming!.rangAt : null;

  const states = new Set(flow.legs.flatMap((leg) => leg.states));
  const outcome: Outcome = agents.length > 0 ? 'answered'
    : states.has('voicemail_uploaded') || states.has('transcription') ? 'voicemail'
      : states.has('missed') ? 'missed'
        : end !== null ? 'abandoned' : 'in_progress';

  const facts = collectFacts(flow);
  return {
    id: flow.id, direction, start, end,
    customer: customerOf(flow),
    enteredVia: enteredViaOf(flow),
    outcome,
    transferred: flow.transfers > 0,
    transfers: flow.transfers,
    firstAgent,
    lastAgent: ref(last),
    agents,
    waitMs: connectedAt !== null && start !== null ? connectedAt - start : null,
    holdMs: holdKnown ? unionLength(held) : null,
    talkMs: agents.every((a) => a.talkMs !== null) ? agents.reduce((sum, a) => sum + a.talkMs!, 0) : null,
    ringMs,
    ...facts,
    ...completeness(flow, graph, timings),
  };
}

function customerOf(flow: CallFlow): FlowAnswers['customer'] {
  let number: string | null = null, name: string | null = null;
  for (const leg of flow.legs) {
    for (const event of leg.events) {
      number ??= event.externalNumber;
      name ??= event.contactName;
      if (number !== null && name !== null) return { number, name };
    }
  }
  return { number, name };
}

function enteredViaOf(flow: CallFlow): FlowAnswers['enteredVia'] {
  // Where the customer came in: the legs before any transfer (a transfer to a call center is not an entry).
  for (const leg of flow.legs) {
    if (leg.transferIndex !== 0) continue;
    for (const event of leg.events) {
      if (event.entryPointName !== undefined || event.entryPointType !== undefined) {
        return { name: event.entryPointName ?? null, type: event.entryPointType ?? null };
      }
    }
  }
  return null;
}

type FactAnswers = Pick<FlowAnswers, 'csatScore' | 'pcsatScore' | 'recordings' | 'voicemailLink' | 'transcription' | 'recapSummary' | 'recapOutcome' | 'dispositions'>;

/** Post-call data over the whole flow in time order: the latest value of each, every recording and disposition once. */
function collectFacts(flow: CallFlow): FactAnswers {
  const carrying: GraphEvent[] = [];
  for (const leg of flow.legs) for (const event of leg.events) if (event.facts) carrying.push(event);
  carrying.sort(compareEvents);
  const result: FactAnswers = {
    csatScore: null, pcsatScore: null, recordings: [], voicemailLink: null, transcription: null,
    recapSummary: null, recapOutcome: null, dispositions: [],
  };
  const addAll = (list: string[], items: readonly string[] | undefined) => {
    for (const item of items ?? []) if (!list.includes(item)) list.push(item);
  };
  for (const { facts } of carrying) {
    const f = facts as EventFacts;
    result.csatScore = f.csatScore ?? result.csatScore;
    result.pcsatScore = f.pcsatScore ?? result.pcsatScore;
    result.voicemailLink = f.voicemailLink ?? result.voicemailLink;
    result.transcription = f.transcription ?? result.transcription;
    result.recapSummary = f.recapSummary ?? result.recapSummary;
    result.recapOutcome = f.recapOutcome ?? result.recapOutcome;
    addAll(result.recordings, f.recordings);
    addAll(result.dispositions, f.dispositions);
  }
  return result;
}

/** What is missing for the answers to be final. */
function completeness(flow: CallFlow, graph: Pick<CallGraph, 'missing'>, timings: Map<CallLeg, LegTiming>): Pick<FlowAnswers, 'complete' | 'notes'> {
  const notes: string[] = [];
  const ids = new Set(flow.legs.map((leg) => leg.callId));
  for (const leg of flow.legs) {
    const timing = timings.get(leg)!;
    if (timing.liveUnseen) {
      notes.push(`call ${leg.callId} (${leg.role.replace('_', ' ')}): its connected event is not in the capture, so its hold and talk are unknown`);
    }
    if (!timing.hungUp) {
      notes.push(timing.endedAt === null
        ? `call ${leg.callId} (${leg.role.replace('_', ' ')}): no hangup yet, so its end is unknown`
        : `call ${leg.callId} (${leg.role.replace('_', ' ')}): no hangup event; its end is taken from date_ended`);
    }
  }
  const reported = new Set<string>();
  for (const missing of graph.missing) {
    if (!ids.has(missing.from.callId) || reported.has(missing.callId)) continue;
    reported.add(missing.callId);
    notes.push(`call ${missing.callId} (named in ${missing.field} of call ${missing.from.callId}) is not in the capture`);
  }
  const transferredLegs = flow.legs.filter((leg) => (leg.role === 'entry_point' || leg.role === 'direct') && leg.events.some((e) => e.isTransferred === true));
  if (transferredLegs.length > flow.transfers) {
    notes.push(`${transferredLegs.length} call(s) hung up as transferred but ${flow.transfers} transfer recipient(s) are in the capture`);
  }
  return { complete: notes.length === 0, notes };
}

// ---- Dialpad's own figures --------------------------------------------------------------------

/** A disagreement between Dialpad's hold_time/talk_time and this tool's figure for a leg. */
export interface TimeDisagreement {
  event: GraphEvent;
  field: 'hold_time' | 'talk_time';
  code: Code;
  message: string;
}

/**
 * Legs whose hangup (or a later event) carries hold_time or talk_time that differs from the figure
 * computed from the events by more than the timing tolerance. Talk here is the leg's: connected to end, less hold.
 */
export function timeDisagreements(graph: Pick<CallGraph, 'legs'>): TimeDisagreement[] {
  const found: TimeDisagreement[] = [];
  for (const leg of graph.legs.values()) legTimeDisagreements(leg, found);
  return found;
}

/** `timeDisagreements` of one leg (its events alone decide them), added to `found`. */
export function legTimeDisagreements(leg: Pick<CallLeg, 'callId' | 'events'>, found: TimeDisagreement[]): void {
  if (!leg.events.some((e) => e.facts?.holdTime !== undefined || e.facts?.talkTime !== undefined)) return;
  const timing = legTiming(leg);
  if (!timing.hungUp) return;
  const check = (sent: LegTiming['dialpadHold'], ours: number | null, field: TimeDisagreement['field'], code: Code, what: string) => {
    if (!sent || ours === null || !POST_CALL_STATES.has(sent.event.state)) return;
    if (Math.abs(sent.ms - ours) <= TIMING_TOLERANCE_MS) return;
    found.push({ event: sent.event, field, code,
      message: `Dialpad's ${field} of call ${leg.callId} is ${seconds(sent.ms)}, but its events give ${seconds(ours)} ${what} (see ANSWERS.md).` });
  };
  check(timing.dialpadHold, holdWithin(timing.holds), 'hold_time', 'answer.hold-time-mismatch', 'on hold');
  check(timing.dialpadTalk, legTalk(timing), 'talk_time', 'answer.talk-time-mismatch', 'of talk (connected to hangup, less hold)');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

// ---- the one-line answer ----------------------------------------------------------------------

/** A duration for a sentence: "40 s", "3 min 5 s", "1 h 2 min". */
export function shortDuration(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const sign = ms < 0 && total > 0 ? '-' : '';
  if (total < 60) return `${sign}${total} s`;
  const hours = Math.floor(total / 3600), minutes = Math.floor((total % 3600) / 60), secs = total % 60;
  if (hours > 0) return `${sign}${hours} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  return `${sign}${minutes} min${secs > 0 ? ` ${secs} s` : ''}`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** An agent as plain text: the name (made safe, shortened), else the call id. */
function agentText(agent: AgentRef): string {
  return agent.name !== null ? plainText(agent.name, 40) : `call ${agent.callId}`;
}

/**
 * The answer in one line of plain text, for CodeLens, hovers, the Flows view and the terminal:
 * "answered by Alice, transferred once to Bob · waited 40 s · held 30 s". Payload text in it is made safe
 * for one line of plain UI text (controls removed); a Markdown or HTML renderer must still escape it.
 */
export function answerLine(answers: FlowAnswers): string {
  const { firstAgent: first, lastAgent: last } = answers;
  let head: string;
  switch (answers.outcome) {
    case 'answered':
      head = `answered by ${agentText(first!)}`;
      if (answers.transfers > 0) head += `, transferred ${times(answers.transfers)}${last && last.callId !== first!.callId ? ` to ${agentText(last)}` : ''}`;
      else if (last && last.callId !== first!.callId) head += `, ended with ${agentText(last)}`;
      break;
    case 'voicemail': head = 'voicemail left'; break;
    case 'missed': head = 'missed'; break;
    case 'abandoned':
      head = answers.end !== null && answers.start !== null ? `abandoned after ${shortDuration(answers.end - answers.start)}` : 'abandoned';
      break;
    default: head = 'in progress';
  }
  const parts = [head];
  if (answers.waitMs !== null) parts.push(`waited ${shortDuration(answers.waitMs)}`);
  if (answers.holdMs !== null && answers.holdMs > 0) parts.push(`held ${shortDuration(answers.holdMs)}`);
  if (!answers.complete && answers.outcome !== 'in_progress') parts.push('incomplete');
  return parts.join(' · ');
}

/** The answers as a few lines of plain text (a tooltip): the outcome, agents, times and what is missing. */
export function answerDetails(answers: FlowAnswers): string[] {
  const ms = (value: number | null) => (value === null ? 'unknown' : shortDuration(value));
  const lines = [`${answers.outcome.replace('_', ' ')}${answers.complete ? '' : ' (not final)'}: ${answerLine(answers)}`];
  if (answers.customer.number !== null || answers.customer.name !== null) {
    lines.push(`Customer: ${[answers.customer.name, answers.customer.number].filter((p): p is string => p !== null).map((p) => plainText(p, 60)).join(' ')}`);
  }
  if (answers.enteredVia) lines.push(`Entered via: ${plainText(answers.enteredVia.name ?? answers.enteredVia.type ?? '', 60)}`);
  for (const agent of answers.agents) {
    // Dialpad's own figures beside ours, when it sent them (the answer.*-mismatch rules flag a disagreement).
    const dialpad = (value: number | null) => (value === null ? '' : ` (Dialpad: ${shortDuration(value)})`);
    lines.push(`Agent ${agentText(agent)} (${agent.monitorKind ?? agent.role.replace('_', ' ')}): talked ${ms(agent.talkMs)}${dialpad(agent.dialpadTalkMs)}, held ${ms(agent.holdMs)}${dialpad(agent.dialpadHoldMs)}`);
  }
  lines.push(`Transfers ${answers.transfers} · wait ${ms(answers.waitMs)} · hold ${ms(answers.holdMs)} · talk ${ms(answers.talkMs)} · ring ${ms(answers.ringMs)}`);
  if (answers.csatScore !== null || answers.pcsatScore !== null) lines.push(`CSAT ${answers.csatScore ?? '—'} · predicted CSAT ${answers.pcsatScore ?? '—'}`);
  for (const note of answers.notes) lines.push(`Not final: ${note}`);
  return lines;
}
