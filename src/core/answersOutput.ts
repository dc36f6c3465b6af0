import { answerLine, type AgentRef, type FlowAnswers } from './answers';
import { forTerminal, UNSAFE_CHARACTERS, visibleEscape } from '../shared/untrustedText';

/** One flow in the `call-events summary --format json` contract (ids exact decimal strings, times in ms). */
export interface FlowAnswersJson {
  id: string;
  direction: string | null;
  start: number | null;
  end: number | null;
  customer: { number: string | null; name: string | null };
  entered_via: { name: string | null; type: string | null } | null;
  outcome: string;
  transferred: boolean;
  transfers: number;
  first_agent: { call_id: string; name: string | null } | null;
  last_agent: { call_id: string; name: string | null } | null;
  agents: {
    call_id: string; name: string | null; role: string; connected_at: number; talk_ms: number | null; hold_ms: number | null;
    dialpad_talk_ms: number | null; dialpad_hold_ms: number | null;
  }[];
  wait_ms: number | null;
  hold_ms: number | null;
  talk_ms: number | null;
  ring_ms: number | null;
  csat_score: number | null;
  pcsat_score: number | null;
  recordings: string[];
  voicemail_link: string | null;
  transcription: string | null;
  recap_summary: string | null;
  recap_outcome: string | null;
  dispositions: string[];
  complete: boolean;
  notes: string[];
}

const agentRef = (agent: AgentRef | null) => (agent ? { call_id: agent.callId, name: agent.name } : null);

/** The JSON form of a flow's answers, keys in the contract's order. */
export function answersToJson(a: FlowAnswers): FlowAnswersJson {
  return {
    id: a.id, direction: a.direction, start: a.start, end: a.end,
    customer: { number: a.customer.number, name: a.customer.name },
    entered_via: a.enteredVia ? { name: a.enteredVia.name, type: a.enteredVia.type } : null,
    outcome: a.outcome, transferred: a.transferred, transfers: a.transfers,
    first_agent: agentRef(a.firstAgent), last_agent: agentRef(a.lastAgent),
    agents: a.agents.map((agent) => ({
      call_id: agent.callId, name: agent.name, role: agent.role, connected_at: agent.connectedAt, talk_ms: agent.talkMs, hold_ms: agent.holdMs,
      dialpad_talk_ms: agent.dialpadTalkMs, dialpad_hold_ms: agent.dialpadHoldMs,
    })),
    wait_ms: a.waitMs, hold_ms: a.holdMs, talk_ms: a.talkMs, ring_ms: a.ringMs,
    csat_score: a.csatScore, pcsat_score: a.pcsatScore, recordings: a.recordings, voicemail_link: a.voicemailLink,
    transcription: a.transcription, recap_summary: a.recapSummary, recap_outcome: a.recapOutcome, dispositions: a.dispositions,
    complete: a.complete, notes: a.notes,
  };
}

/** The CSV columns, in order: the scalar answers, lists joined with "; " (recordings with a space). */
export const CSV_COLUMNS = [
  'id', 'direction', 'start', 'end', 'customer_number', 'customer_name', 'entered_via_name', 'entered_via_type', 'outcome',
  'transferred', 'transfers', 'first_agent', 'last_agent', 'agents', 'wait_ms', 'hold_ms', 'talk_ms', 'ring_ms',
  'csat_score', 'pcsat_score', 'recordings', 'voicemail_link', 'transcription', 'recap_summary', 'recap_outcome',
  'dispositions', 'complete', 'notes',
] as const;

type Cell = string | number | boolean | null;

function csvRow(a: FlowAnswers): Cell[] {
  const name = (agent: AgentRef | null) => (agent ? agent.name ?? agent.callId : null);
  return [
    a.id, a.direction, a.start, a.end, a.customer.number, a.customer.name, a.enteredVia?.name ?? null, a.enteredVia?.type ?? null, a.outcome,
    a.transferred, a.transfers, name(a.firstAgent), name(a.lastAgent), a.agents.map(name).join('; '), a.waitMs, a.holdMs, a.talkMs, a.ringMs,
    a.csatScore, a.pcsatScore, a.recordings.join(' '), a.voicemailLink, a.transcription, a.recapSummary, a.recapOutcome,
    a.dispositions.join('; '), a.complete, a.notes.join('; '),
  ];
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma, CR or LF, quotes doubled. Text from the payload
 * that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe, which
 * spreadsheets read as "this is text" and hide (OWASP's advice); numbers this tool computes are left as they are.
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  // Line breaks and tabs are CSV's own (quoted); every other unsafe character is shown escaped, so the file is inert
  // in a terminal too.
  const safe = cell.replace(UNSAFE_CHARACTERS, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : visibleEscape(c)));
  const text = /^[=+\-@\t\r]/.test(safe) ? `'${safe}` : safe;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV rows (header first), each without its line ending: the caller ends each with CRLF. */
export function answersCsvRows(flows: readonly FlowAnswers[]): string[] {
  return [CSV_COLUMNS.join(','), ...flows.map((a) => csvRow(a).map(csvField).join(','))];
}

/** One aligned line per flow for a terminal: id, start (UTC), outcome, then the one-line answer (rendered for a terminal). */
export function answersTextLines(flows: readonly FlowAnswers[]): string[] {
  const cells = flows.map((a) => [a.id, a.start !== null ? isoSeconds(a.start) : 'no start', a.outcome]);
  const widths = [0, 1, 2].map((i) => cells.reduce((w, c) => Math.max(w, c[i]!.length), 0));
  return flows.map((a, i) => `${cells[i]!.map((c, j) => c.padEnd(widths[j]!)).join('  ')}  ${forTerminal(answerLine(a), 400)}`);
}

function isoSeconds(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
