import type {
  AgentView, AnswersView, DiagnosticView, EdgeView, EventRowView, EventView, FlowView, LegView, MissingView, PartyView, SourceView, ViewModel,
  ViewMonitorKind, ViewRefField, ViewSeverity,
} from '../shared/viewModel';
import { answersOf, type FlowAnswers } from './answers';
import { VIEW_MODEL_VERSION } from '../shared/viewModel';
import { eventAt } from './eventAt';
import type { CallEventSummary } from './callEvent';
import { buildCallGraph, type CallFlow, type CallGraph, type CallLeg } from './graph';
import { graphEventsOf, type Inspection } from './inspect';
import type { Problem } from './problems';
import { forLabel } from '../shared/untrustedText';

/** One inspected document and what to call it. */
export interface ViewModelInput {
  /** Shown to the user (a file name or path). */
  name: string;
  text: string;
  inspection: Inspection;
}

/** Options of `buildViewModel`. */
export interface ViewModelOptions {
  /** Also list every event of every document with all its diagnostics (the HTML report). */
  eventList?: boolean;
}

const SEVERITY_RANK: Record<ViewSeverity, number> = { error: 3, warning: 2, information: 1, hint: 0 };
/** Diagnostics carried per event in the graph (the report's event list carries all of them). */
const EVENT_DIAGNOSTICS = 5;
const MAX_NAME = 64;
const MAX_PHONE = 32;
const MAX_TYPE = 24;
const MAX_STATE = 48;
const MAX_MESSAGE = 400;
const MAX_SOURCE_NAME = 300;
const MAX_LINK = 2048;
/** Recordings carried per flow (a flow has one or two; this bounds a hostile one). */
const MAX_RECORDINGS = 20;
const MAX_NOTES = 20;

/** The worse of two severities (null is none). */
export function worseSeverity(a: ViewSeverity | null, b: ViewSeverity | null): ViewSeverity | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/**
 * Untrusted payload text made fit for a label: one line, no control or bidirectional-override
 * characters (they could disguise a name), at most `max` characters; null when nothing is left.
 */
export function labelText(value: unknown, max: number): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  return forLabel(String(value), max);
}

/** Builds the serialisable view model of the flows of one or more inspected documents (one call graph over all of them). */
export function buildViewModel(inputs: readonly ViewModelInput[], options: ViewModelOptions = {}): ViewModel {
  const indexed = inputs.map(indexDocument);
  const graph: CallGraph = inputs.length === 1 ? inputs[0]!.inspection.graph : buildCallGraph(graphEventsOf(inputs.map((i) => i.inspection)));
  const flows = graph.flows.map((flow) => flowView(flow, graph, inputs, indexed));
  const sources = inputs.map((input, source): SourceView => {
    const { inspection } = input;
    const counts: Record<ViewSeverity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const problem of inspection.problems) counts[problem.severity]++;
    const view: SourceView = { name: labelText(input.name, MAX_SOURCE_NAME) ?? '(unnamed)', format: inspection.format, events: inspection.events.length, counts };
    if (options.eventList) {
      const doc = indexed[source]!;
      view.rows = inspection.events.map((event): EventRowView => ({
        event: event.index,
        line: doc.lineOf(event.start),
        kind: event.kind,
        callId: event.summary?.callId ?? null,
        state: event.summary ? labelText(event.summary.state, MAX_STATE) ?? '' : null,
        time: event.summary?.time ?? null,
        trusted: event.trusted,
        payload: event.payload,
        diagnostics: (doc.byEvent.get(event.index) ?? []).map(doc.diagnostic),
      }));
      view.unattached = doc.unattached.map(doc.diagnostic);
    }
    return view;
  });
  return { version: VIEW_MODEL_VERSION, sources, flows, eventCount: flows.reduce((sum, flow) => sum + flow.events, 0) };
}

interface IndexedDocument {
  lineOf(offset: number): number;
  /** Diagnostics of each event, worst first. */
  byEvent: Map<number, Problem[]>;
  unattached: Problem[];
  diagnostic(problem: Problem): DiagnosticView;
}

/** Attaches every diagnostic to its event (by the event index the core gave it, else by position). */
function indexDocument(input: ViewModelInput): IndexedDocument {
  const { inspection } = input;
  const { events, lines } = inspection;
  const byEvent = new Map<number, Problem[]>();
  const unattached: Problem[] = [];
  for (const problem of inspection.problems) {
    const index = problem.event ?? eventAt(events, problem.start)?.index;
    if (index === undefined) {
      unattached.push(problem);
      continue;
    }
    let list = byEvent.get(index);
    if (!list) byEvent.set(index, (list = []));
    list.push(problem);
  }
  for (const list of byEvent.values()) list.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.start - b.start);
  return {
    lineOf: (offset) => lines.positionAt(offset).line + 1,
    byEvent,
    unattached,
    diagnostic: (problem) => {
      const at = lines.positionAt(problem.start);
      return {
        line: at.line + 1, column: at.character + 1, severity: problem.severity, code: problem.code,
        message: labelText(problem.message, MAX_MESSAGE) ?? '',
      };
    },
  };
}

function flowView(flow: CallFlow, graph: CallGraph, inputs: readonly ViewModelInput[], indexed: readonly IndexedDocument[]): FlowView {
  let errors = 0, warnings = 0, events = 0, end: number | null = null;
  const legs = flow.legs.map((leg): LegView => {
    const view = legView(leg, inputs, indexed);
    for (const event of view.events) {
      events++;
      for (const problem of indexed[event.source]!.byEvent.get(event.event) ?? []) {
        if (problem.severity === 'error') errors++;
        else if (problem.severity === 'warning') warnings++;
      }
    }
    if (view.end !== null && (end === null || view.end > end)) end = view.end;
    return view;
  });
  const ids = new Set(flow.legs.map((leg) => leg.callId));
  const edges: EdgeView[] = [];
  const missing: MissingView[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string | null, field: ViewRefField) => {
    if (to === null || to === from) return;
    const key = `${from} ${to} ${field}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, field });
    if (!ids.has(to) && !missing.some((m) => m.callId === to)) missing.push({ callId: to, field, from });
  };
  for (const leg of flow.legs) {
    add(leg.callId, leg.masterCallId, 'master_call_id');
    add(leg.callId, leg.entryPointCallId, 'entry_point_call_id');
    for (const operator of leg.operatorCallIds) add(leg.callId, operator, 'operator_call_id');
  }
  // A transfer happened when the first event of its legs was sent (legs may share date_started with the master call).
  const transferTimes: (number | null)[] = [];
  for (let k = 1; k <= flow.transfers; k++) {
    let first: number | null = null;
    for (const leg of flow.legs) {
      if (leg.transferIndex !== k) continue;
      for (const event of leg.events) if (event.time !== null && (first === null || event.time < first)) first = event.time;
    }
    transferTimes.push(first);
  }
  return {
    id: flow.id, start: flow.start, end, transfers: flow.transfers, transferTimes, legs, edges, missing, events, errors, warnings,
    answers: answersView(answersOf(flow, graph)),
  };
}

/** The answers the card, the list and the report show: the core's figures as they are, payload text made fit for a label. */
export function answersView(answers: FlowAnswers): AnswersView {
  const agents = answers.agents.map((agent): AgentView => ({
    callId: agent.callId, name: labelText(agent.name, MAX_NAME), role: agent.role, monitorKind: agent.monitorKind as ViewMonitorKind | null,
    talkMs: agent.talkMs, holdMs: agent.holdMs,
  }));
  const link = (url: string) => labelText(url, MAX_LINK);
  return {
    outcome: answers.outcome,
    customer: { name: labelText(answers.customer.name, MAX_NAME), number: labelText(answers.customer.number, MAX_PHONE) },
    transferred: answers.transferred,
    transfers: answers.transfers,
    firstAgent: answers.firstAgent?.callId ?? null,
    lastAgent: answers.lastAgent?.callId ?? null,
    agents,
    waitMs: answers.waitMs, holdMs: answers.holdMs, talkMs: answers.talkMs, ringMs: answers.ringMs,
    csatScore: answers.csatScore, pcsatScore: answers.pcsatScore,
    recordings: answers.recordings.slice(0, MAX_RECORDINGS).map(link).filter((url): url is string => url !== null),
    voicemailLink: answers.voicemailLink === null ? null : link(answers.voicemailLink),
    complete: answers.complete,
    notes: answers.notes.slice(0, MAX_NOTES).map((note) => labelText(note, MAX_MESSAGE) ?? ''),
  };
}

function legView(leg: CallLeg, inputs: readonly ViewModelInput[], indexed: readonly IndexedDocument[]): LegView {
  let severity: ViewSeverity | null = null;
  const events = leg.events.map((summary): EventView => {
    const doc = indexed[summary.source]!;
    const inspected = inputs[summary.source]!.inspection.events[summary.event]!;
    const problems = doc.byEvent.get(summary.event) ?? [];
    const worst = problems.length > 0 ? problems[0]!.severity : null;
    severity = worseSeverity(severity, worst);
    const view: EventView = {
      source: summary.source,
      event: summary.event,
      line: doc.lineOf(inspected.start),
      state: labelText(summary.state, MAX_STATE) ?? '',
      time: summary.time,
      problems: problems.length,
      severity: worst,
    };
    if (problems.length > 0) view.diagnostics = problems.slice(0, EVENT_DIAGNOSTICS).map(doc.diagnostic);
    return view;
  });
  const parties = partiesOf(leg);
  return {
    callId: leg.callId,
    role: leg.role,
    roleConfirmed: leg.roleConfirmed,
    monitorKind: leg.monitorKind as ViewMonitorKind | null,
    transferIndex: leg.transferIndex,
    direction: leg.direction,
    start: leg.start,
    end: leg.end,
    masterCallId: leg.masterCallId,
    entryPointCallId: leg.entryPointCallId,
    operatorCallId: leg.operatorCallId,
    target: parties.target,
    contact: parties.contact,
    events,
    severity,
  };
}

/** The leg's target and contact, as its first event names them (or its last, when the first names nobody). */
function partiesOf(leg: CallLeg): { target: PartyView | null; contact: PartyView | null } {
  let target: PartyView | null = null, contact: PartyView | null = null;
  const candidates = leg.events.length > 1 ? [leg.events[0]!, leg.events[leg.events.length - 1]!] : leg.events;
  for (const summary of candidates) {
    target ??= party(summary.targetName, summary.targetNumber, summary.targetType);
    contact ??= party(summary.contactName, summary.contactPhone, summary.contactType);
    if (target && contact) break;
  }
  return { target, contact };
}

function party(name: CallEventSummary['targetName'] | undefined, phone: string | undefined, type: string | undefined): PartyView | null {
  const view = { name: labelText(name, MAX_NAME), phone: labelText(phone, MAX_PHONE), type: labelText(type, MAX_TYPE) };
  return view.name === null && view.phone === null && view.type === null ? null : view;
}
