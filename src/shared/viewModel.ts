// The view model the webview and the HTML report draw: plain, serialisable data built by the core
// (`buildViewModel` in src/core/buildViewModel.ts). Every string that comes from a payload (names, phone
// numbers, states, messages, file names) is untrusted: the webview writes it only as text.

/** Severity of a diagnostic, as the core names it. */
export type ViewSeverity = 'error' | 'warning' | 'information' | 'hint';

/** How a leg takes part in its flow. */
export type ViewRole = 'entry_point' | 'operator' | 'monitor' | 'direct';

/** How a monitor leg joined the call. */
export type ViewMonitorKind = 'eavesdrop' | 'monitor' | 'barge' | 'takeover';

/** The reference fields that link legs. */
export type ViewRefField = 'master_call_id' | 'entry_point_call_id' | 'operator_call_id';

/** The version of the view model's shape; the webview ignores models of another version. */
export const VIEW_MODEL_VERSION = 1;

/** The view model of every flow of one or more documents. */
export interface ViewModel {
  version: typeof VIEW_MODEL_VERSION;
  /** The input documents, in the order `source` indexes refer to. */
  sources: SourceView[];
  /** Flows in time order. */
  flows: FlowView[];
  /** Every call event that took part in the graph. */
  eventCount: number;
}

/** One input document. */
export interface SourceView {
  /** A display name (a file name or path: untrusted text). */
  name: string;
  format: string;
  /** Every event read from it, call events or not. */
  events: number;
  counts: Record<ViewSeverity, number>;
  /** With the event list option (the report): every event and its diagnostics. */
  rows?: EventRowView[];
  /** With the event list option: diagnostics that belong to no event (syntax errors between events, an empty file). */
  unattached?: DiagnosticView[];
}

/** One event of a document in the report's list. */
export interface EventRowView {
  /** Index of the event in its document. */
  event: number;
  /** 1-based line where the event starts. */
  line: number;
  kind: 'call' | 'other' | 'invalid';
  /** For call events with a usable id and state. */
  callId: string | null;
  state: string | null;
  time: number | null;
  /** False when a JWT failed verification (kept out of the graph). */
  trusted: boolean;
  payload: 'json' | 'jwt';
  diagnostics: DiagnosticView[];
}

/** One diagnostic with 1-based line and column. */
export interface DiagnosticView {
  line: number;
  column: number;
  severity: ViewSeverity;
  code: string;
  message: string;
}

/** One connected group of legs: a customer interaction. */
export interface FlowView {
  id: string;
  start: number | null;
  end: number | null;
  /** Number of transfers; legs carry `transferIndex` 0..transfers. */
  transfers: number;
  /** When each transfer happened (the first event of its legs), index 0 for transfer 1. */
  transferTimes: (number | null)[];
  /** Legs in time order. */
  legs: LegView[];
  /** Every reference between legs, one edge per distinct (from, to, field). */
  edges: EdgeView[];
  /** Calls referenced by a leg but absent from the capture. */
  missing: MissingView[];
  /** Events of the flow and their diagnostics. */
  events: number;
  errors: number;
  warnings: number;
  /** What happened to the customer, as src/core/answers.ts defines it (the webview only shows it). */
  answers: AnswersView;
}

/** How a flow ended for the customer (the core's `Outcome`). */
export type ViewOutcome = 'answered' | 'voicemail' | 'missed' | 'abandoned' | 'in_progress';

/** Every outcome, in the order the core decides them (and the list and the report sort them). */
export const VIEW_OUTCOMES: readonly ViewOutcome[] = ['answered', 'voicemail', 'missed', 'abandoned', 'in_progress'];

/** A flow's answers, as plain data. Durations in ms; null where the capture cannot tell. Names are untrusted text. */
export interface AnswersView {
  outcome: ViewOutcome;
  /** The external party (untrusted text). */
  customer: { name: string | null; number: string | null };
  transferred: boolean;
  transfers: number;
  /** Call ids of the first and last agent (both in `agents`). */
  firstAgent: string | null;
  lastAgent: string | null;
  /** The people who spoke with the customer, in the order their conversations started. */
  agents: AgentView[];
  waitMs: number | null;
  holdMs: number | null;
  talkMs: number | null;
  ringMs: number | null;
  csatScore: number | null;
  pcsatScore: number | null;
  /** Recording and voicemail URLs as the payload gave them: untrusted text, never followed by the view. */
  recordings: string[];
  voicemailLink: string | null;
  /** False while something is missing (`notes` say what): the figures are not final. */
  complete: boolean;
  notes: string[];
}

/** One agent of a flow's answers. */
export interface AgentView {
  callId: string;
  /** The target's name, else its number (untrusted text). */
  name: string | null;
  role: ViewRole;
  monitorKind: ViewMonitorKind | null;
  talkMs: number | null;
  holdMs: number | null;
  /** Dialpad's own talk_time and hold_time of the leg, when it sent them (shown beside ours). */
  dialpadTalkMs: number | null;
  dialpadHoldMs: number | null;
}

/** A directed reference: the leg `from` names `to` in `field`. */
export interface EdgeView {
  from: string;
  to: string;
  field: ViewRefField;
}

/** A referenced call that has no event in the capture. */
export interface MissingView {
  callId: string;
  field: ViewRefField;
  /** The leg that references it. */
  from: string;
}

/** Who is on one end of a leg (untrusted text, shortened). */
export interface PartyView {
  name: string | null;
  phone: string | null;
  /** The target type: user, callcenter, department, office, … */
  type: string | null;
}

/** One call leg. */
export interface LegView {
  callId: string;
  role: ViewRole;
  /** False when the capture cannot yet prove the role (an operator its entry point has not named): drawn as "operator?". */
  roleConfirmed: boolean;
  monitorKind: ViewMonitorKind | null;
  /** 0 before any transfer; n for the legs of the n-th transfer. */
  transferIndex: number;
  direction: 'inbound' | 'outbound' | null;
  start: number | null;
  end: number | null;
  masterCallId: string | null;
  entryPointCallId: string | null;
  operatorCallId: string | null;
  /** The leg's target (the user, call center or department the leg rings). */
  target: PartyView | null;
  /** The customer on the other end. */
  contact: PartyView | null;
  /** Events in time order. */
  events: EventView[];
  /** The worst severity among its events' diagnostics. */
  severity: ViewSeverity | null;
}

/** One event of a leg. */
export interface EventView {
  /** Index into `ViewModel.sources`. */
  source: number;
  /** Index of the event in its document. */
  event: number;
  /** 1-based line where the event starts. */
  line: number;
  state: string;
  /** When the state was entered (unix ms), if known. */
  time: number | null;
  /** How many diagnostics the event has, and the worst of them. */
  problems: number;
  severity: ViewSeverity | null;
  /** The first few of its diagnostics, worst first (absent when it has none). */
  diagnostics?: DiagnosticView[];
}

/** The id of the `<script type="application/json">` element that carries embedded data (the HTML report). */
export const EMBEDDED_DATA_ID = 'call-events-data';

/** What a page embeds for the webview code to draw without a host: the model, and the report's own details. */
export interface EmbeddedData {
  model: ViewModel;
  report?: ReportInfo;
}

/** The header of an HTML report (plain text). */
export interface ReportInfo {
  title: string;
  /** ISO time the report was written. */
  generatedAt: string;
  /** The tool and version that wrote it. */
  generator: string;
}
