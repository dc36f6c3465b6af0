import type {
  AgentView, AnswersView, DiagnosticView, EdgeView, EventRowView, EventView, FlowView, LegView, MissingView, PartyView, SourceView, ViewModel,
  ViewMonitorKind, ViewRefField, ViewSeverity,
} from '../shared/viewModel';
import { addCounts } from './listedProblems';
import { answersOf, type FlowAnswers } from './answers';
import { VIEW_MODEL_VERSION } from '../shared/viewModel';
import { eventAt } from './eventAt';
import type { CallEventSummary } from './callEvent';
import { combinedGraph, EVENT_KINDS, JWT_PAYLOAD, UNTRUSTED, type CompactInspection, type FileDiagnostic } from './chunkedInspection';
import { buildCallGraph, type CallFlow, type CallGraph, type CallLeg } from './graph';
import { graphEventsOf, type Inspection } from './inspect';
import type { Problem } from './problems';
import { forLabel } from '../shared/untrustedText';

/** One inspected document and what to call it: read whole (the editor), or compact (the CLI's chunked reader). */
export type ViewModelInput = {
  /** Shown to the user (a file name or path). */
  name: string;
  text: string;
  inspection: Inspection;
} | { name: string; compact: CompactInspection };

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
  const { model } = viewModelAsRead(inputs, options);
  // Spread, the lists keep their keys' places: the same model, key for key, as the one read as it is made.
  const sources = model.sources.map((source): SourceView => (source.rows ? { ...source, rows: [...source.rows] } : source as SourceView));
  return { ...model, sources, flows: [...model.flows] };
}

/** A view model whose flows and event rows are made one at a time as they are read (once, in order). */
export type ViewModelAsRead = Omit<ViewModel, 'sources' | 'flows'> & {
  sources: (Omit<SourceView, 'rows'> & { rows?: Iterable<EventRowView> })[];
  flows: Iterable<FlowView>;
};

/**
 * `buildViewModel` with its two long lists (flows and event rows) made as they are read: the report writes each
 * out and lets it go, never holding the whole model beside the inspections. Also says how many flows there are.
 */
export function viewModelAsRead(inputs: readonly ViewModelInput[], options: ViewModelOptions = {}): { model: ViewModelAsRead; flows: number } {
  const indexed = inputs.map((input) => ('compact' in input ? indexCompact(input.compact) : indexDocument(input)));
  const graph = graphOf(inputs);
  const sources = inputs.map((input, source): ViewModelAsRead['sources'][number] => {
    const doc = indexed[source]!;
    const view: ViewModelAsRead['sources'][number] = { name: labelText(input.name, MAX_SOURCE_NAME) ?? '(unnamed)', format: doc.format, events: doc.events, counts: doc.counts };
    if (options.eventList) {
      view.rows = doc.rows();
      view.unattached = doc.unattached.map(doc.diagnostic);
    }
    return view;
  });
  // A flow view counts its legs' events.
  let eventCount = 0;
  for (const flow of graph.flows) for (const leg of flow.legs) eventCount += leg.events.length;
  function* flows(): Generator<FlowView> {
    for (const flow of graph.flows) yield flowView(flow, graph, indexed);
  }
  return { model: { version: VIEW_MODEL_VERSION, sources, flows: flows(), eventCount }, flows: graph.flows.length };
}

function graphOf(inputs: readonly ViewModelInput[]): CallGraph {
  if (inputs.every((i) => 'compact' in i)) return combinedGraph(inputs.map((i) => i.compact));
  const whole = inputs.filter((i) => 'inspection' in i);
  if (whole.length !== inputs.length) throw new Error('buildViewModel: inputs are all whole or all compact');
  return whole.length === 1 ? whole[0]!.inspection.graph : buildCallGraph(graphEventsOf(whole.map((i) => i.inspection)));
}

/** A diagnostic as the document holds it: a problem in offsets (read whole) or one placed in lines (read in chunks). */
type Attached = Problem | FileDiagnostic;

const severityOf = (d: Attached): ViewSeverity => ('problem' in d ? d.problem.severity : d.severity);

interface IndexedDocument {
  format: SourceView['format'];
  events: number;
  counts: Record<ViewSeverity, number>;
  /** 1-based line where an event starts. */
  eventLine(index: number): number;
  /** Diagnostics of each event, worst first. */
  byEvent: Map<number, Attached[]>;
  unattached: Attached[];
  diagnostic(problem: Attached): DiagnosticView;
  /** Every event's row, made as it is read. */
  rows(): Generator<EventRowView>;
}

function attach<T extends Attached>(items: readonly T[], eventOf: (item: T) => number | undefined, rank: (a: T, b: T) => number) {
  const byEvent = new Map<number, Attached[]>();
  const unattached: Attached[] = [];
  const counts: Record<ViewSeverity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const item of items) {
    counts[severityOf(item)]++;
    const index = eventOf(item);
    if (index === undefined) {
      unattached.push(item);
      continue;
    }
    let list = byEvent.get(index);
    if (!list) byEvent.set(index, (list = []));
    list.push(item);
  }
  for (const list of byEvent.values()) list.sort((a, b) => SEVERITY_RANK[severityOf(b)] - SEVERITY_RANK[severityOf(a)] || rank(a as T, b as T));
  return { byEvent, unattached, counts };
}

/** The compact inspection's diagnostics, already placed and attached to their events by the chunked reader. */
function indexCompact(compact: CompactInspection): IndexedDocument {
  const { byEvent, unattached, counts } = attach(compact.diagnostics, (d) => d.event, (a, b) => a.line - b.line || a.column - b.column);
  // The problems counted but not listed count in the totals all the same.
  addCounts(counts, compact.unlisted);
  const diagnostic = (d: Attached): DiagnosticView => {
    const { line, column, problem } = d as FileDiagnostic;
    return { line, column, severity: problem.severity, code: problem.code, message: labelText(problem.message, MAX_MESSAGE) ?? '' };
  };
  const eventLine = (index: number) => compact.eventLines[index]! + 1;
  return {
    format: compact.format, events: compact.events, counts, eventLine, byEvent, unattached, diagnostic,
    rows: function* () {
      // The summaries are in event order: walked beside the events, with no map of 100,000 entries.
      const { summaries } = compact;
      const states = new Map<string, string>();
      let next = 0;
      for (let index = 0; index < compact.flags.length; index++) {
        const flag = compact.flags[index]!;
        while (next < summaries.length && summaries[next]!.event < index) next++;
        const summary = summaries[next]?.event === index ? summaries[next] : undefined;
        const found = byEvent.get(index);
        yield {
          event: index,
          line: eventLine(index),
          kind: EVENT_KINDS[flag & 3]!,
          callId: summary?.callId ?? null,
          state: summary ? stateLabel(states, summary.state) : null,
          time: summary?.time ?? null,
          trusted: (flag & UNTRUSTED) === 0,
          payload: flag & JWT_PAYLOAD ? 'jwt' : 'json',
          diagnostics: found ? found.map(diagnostic) : NO_DIAGNOSTICS,
        } satisfies EventRowView;
      }
    },
  };
}

/** Most rows have no diagnostics: they share one (frozen) empty list. */
const NO_DIAGNOSTICS = Object.freeze([]) as unknown as DiagnosticView[];

/** A state as a label, made once per distinct state (a capture has a few states over 100,000 rows). */
function stateLabel(labels: Map<string, string>, state: string): string {
  let label = labels.get(state);
  if (label === undefined) {
    label = labelText(state, MAX_STATE) ?? '';
    if (labels.size < 1024) labels.set(state, label);
  }
  return label;
}

/** Attaches every diagnostic to its event (by the event index the core gave it, else by position). */
function indexDocument(input: { inspection: Inspection }): IndexedDocument {
  const { inspection } = input;
  const { events, lines } = inspection;
  const { byEvent, unattached, counts } = attach(inspection.problems, (problem) => problem.event ?? eventAt(events, problem.start)?.index, (a, b) => a.start - b.start);
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  const diagnostic = (d: Attached): DiagnosticView => {
    const problem = d as Problem;
    const at = lines.positionAt(problem.start);
    return {
      line: at.line + 1, column: at.character + 1, severity: problem.severity, code: problem.code,
      message: labelText(problem.message, MAX_MESSAGE) ?? '',
    };
  };
  return {
    format: inspection.format, events: events.length, counts, eventLine: (index) => lineOf(events[index]!.start), byEvent, unattached, diagnostic,
    rows: function* () {
      for (const event of events) yield rowOf(event);
    },
  };
  function rowOf(event: Inspection['events'][number]): EventRowView {
    return {
      event: event.index,
      line: lineOf(event.start),
      kind: event.kind,
      callId: event.summary?.callId ?? null,
      state: event.summary ? labelText(event.summary.state, MAX_STATE) ?? '' : null,
      time: event.summary?.time ?? null,
      trusted: event.trusted,
      payload: event.payload,
      diagnostics: (byEvent.get(event.index) ?? []).map(diagnostic),
    };
  }
}

function flowView(flow: CallFlow, graph: CallGraph, indexed: readonly IndexedDocument[]): FlowView {
  let errors = 0, warnings = 0, events = 0, end: number | null = null;
  const legs = flow.legs.map((leg): LegView => {
    const view = legView(leg, indexed);
    for (const event of view.events) {
      events++;
      for (const problem of indexed[event.source]!.byEvent.get(event.event) ?? []) {
        if (severityOf(problem) === 'error') errors++;
        else if (severityOf(problem) === 'warning') warnings++;
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
    talkMs: agent.talkMs, holdMs: agent.holdMs, dialpadTalkMs: agent.dialpadTalkMs, dialpadHoldMs: agent.dialpadHoldMs,
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

function legView(leg: CallLeg, indexed: readonly IndexedDocument[]): LegView {
  let severity: ViewSeverity | null = null;
  const events = leg.events.map((summary): EventView => {
    const doc = indexed[summary.source]!;
    const problems = doc.byEvent.get(summary.event) ?? [];
    const worst = problems.length > 0 ? severityOf(problems[0]!) : null;
    severity = worseSeverity(severity, worst);
    const view: EventView = {
      source: summary.source,
      event: summary.event,
      line: doc.eventLine(summary.event),
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

/** The leg's target and contact, from its first event's summary (and its last, when the first names nobody). */
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
