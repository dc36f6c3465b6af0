// The ladder's layout, with no DOM (in the manner of sngrep's and Wireshark's VoIP flows): the customer
// as the first column, each leg a column in the timeline's order, time downward one row per moment a
// state changed, a mark per state change, the legs' state segments (the timeline's, from
// timelineLayout.ts) as bars, a "spoke with" link from the customer to each agent the answers name, and a
// line where each transfer began. Roles, times and durations come from the view model and its answers;
// this only places them. The view (ladder.ts) draws it; test/unit/ladderLayout.unit.test.ts checks it.
import type { FlowView, LegView } from '../src/shared/viewModel';
import { agentById, answerDuration, clip, formatDuration, legName, roleCaption } from './format';
import { categoryOf, type StateToken } from './states';
import { buildLanes, TOKENS, type Lane } from './timelineLayout';

/** Width of the time column left of the ladder; the narrowest leg column; header and row sizes, in px. */
export const TIME_W = 62;
export const MIN_COL = 64;
/** Room right of the last column for its states and durations (written right of each line, as in every column). */
export const RIGHT_PAD = 40;
/** Below this column width the headers alternate between two rows, so that each has two columns' width. */
export const STAGGER_BELOW = 132;
export const HEADER_ROW_H = 45;
export const ROW_MIN = 20;
export const ROW_MAX = 34;
export const BAR_W = 12;
/** Above these the ladder asks for the timeline instead (one SVG element per mark). */
export const MAX_ROWS = 1500;
export const MAX_COLUMNS = 60;

/** The states a bar in the customer's column mirrors: waiting from the entry points, talk and hold from the agents. */
const WAITING: readonly StateToken[] = ['alerting', 'queued'];
const SPEAKING: readonly StateToken[] = ['talking', 'held', 'barging'];

/** One column: the customer or a leg. */
export interface LadderColumn {
  index: number;
  kind: 'customer' | 'leg';
  leg: LegView | null;
  /** Centre of the column. */
  x: number;
  /** 0 or 1: which header row (headers alternate when the columns are narrow). */
  headerRow: number;
  /** Payload text (to be written as text only), clipped to the header's width. */
  name: string;
  /** Role and call id, or the customer's number. */
  meta: string;
  /** What the answers say: the agent's order and talk time, the customer's wait and hold. */
  note: string;
  /** What a screen reader says (unclipped). */
  aria: string;
}

/** One moment something changed: a row. */
export interface LadderRow {
  time: number;
  y: number;
  /** The time from the flow's start, `+1:05.2`. */
  label: string;
}

/** A state change of a leg. */
export interface LadderMark {
  column: number;
  row: number;
  x: number;
  y: number;
  leg: LegView;
  /** Index of the event in `leg.events`. */
  index: number;
  /** The state (payload text), clipped to the column. */
  label: string;
  severity: 'error' | 'warning' | null;
}

/** A state segment of a leg (or its mirror in the customer's column). */
export interface LadderBar {
  column: number;
  x: number;
  y0: number;
  y1: number;
  token: StateToken;
  /** The capture has no later state: the bar runs to the flow's end, faded. */
  open: boolean;
  /** The leg and event that began it. */
  leg: LegView;
  index: number;
  /** How long it lasted, drawn beside bars of two rows or more (empty when there is no room), at `labelY`. */
  label: string;
  labelY: number;
  duration: number;
}

/** The customer spoke with an agent: an arrow from the customer's column where a conversation began. */
export interface LadderLink {
  column: number;
  x0: number;
  x1: number;
  y: number;
}

/** Where a transfer began: a line across the ladder. */
export interface LadderTransfer {
  y: number;
  label: string;
}

/** The whole ladder of one flow. */
export interface LadderLayout {
  flow: FlowView;
  /** Size of the content (at least the pane's); wider than the pane only when the columns cannot fit. */
  width: number;
  height: number;
  headerHeight: number;
  columnWidth: number;
  rowHeight: number;
  columns: LadderColumn[];
  rows: LadderRow[];
  marks: LadderMark[];
  bars: LadderBar[];
  links: LadderLink[];
  transfers: LadderTransfer[];
  /** Set when the flow is too large for a ladder (then nothing else is laid out). */
  tooLarge: string | null;
}

/** Lays out one flow's ladder for a pane `width` × `height` px. */
export function ladderLayout(flow: FlowView, width: number, height: number): LadderLayout {
  const lanes = buildLanes([flow], false).filter((lane) => lane.leg !== null);
  const times = rowTimes(lanes);
  const empty: LadderLayout = {
    flow, width, height, headerHeight: 0, columnWidth: 0, rowHeight: 0, columns: [], rows: [], marks: [], bars: [], links: [], transfers: [], tooLarge: null,
  };
  if (times.length > MAX_ROWS || lanes.length + 1 > MAX_COLUMNS) {
    return { ...empty, tooLarge: `${times.length > MAX_ROWS ? `${times.length.toLocaleString('en-US')} state changes` : `${lanes.length} legs`}: too many for the ladder. The timeline draws them.` };
  }
  const count = lanes.length + 1;
  const columnWidth = Math.max(MIN_COL, Math.floor((width - TIME_W - RIGHT_PAD) / count));
  const staggered = columnWidth < STAGGER_BELOW;
  const headerHeight = HEADER_ROW_H * (staggered ? 2 : 1) + 8;
  const rowHeight = Math.max(ROW_MIN, Math.min(ROW_MAX, Math.floor((height - headerHeight - 16) / Math.max(1, times.length))));
  const x = (column: number) => TIME_W + columnWidth * column + columnWidth / 2;
  // Each header has its own column's width, or two when they alternate.
  const span = (staggered ? 2 * columnWidth : columnWidth) - 10;

  const columns: LadderColumn[] = [customerColumn(flow, x(0), span)];
  lanes.forEach((lane, i) => columns.push(legColumn(flow, lane.leg!, i + 1, x(i + 1), staggered ? (i + 1) % 2 : 0, span)));

  const top = headerHeight + rowHeight / 2;
  const rows: LadderRow[] = times.map((time, i) => ({ time, y: top + i * rowHeight, label: shortOffset(time - (flow.start ?? times[0]!)) }));
  const yOf = (time: number) => timeY(rows, time, rowHeight);
  const stateChars = Math.max(3, Math.floor((columnWidth - BAR_W / 2 - 8) / 5.2));

  const marks: LadderMark[] = [];
  const bars: LadderBar[] = [];
  const links: LadderLink[] = [];
  const agentIds = new Set(flow.answers.agents.map((agent) => agent.callId));
  lanes.forEach((lane, i) => {
    const column = i + 1, leg = lane.leg!;
    for (let k = 0; k < lane.times.length; k++) {
      const index = lane.order[k]!, event = leg.events[index]!;
      if (categoryOf(event.state) === 'postcall') continue;
      const row = indexOfTime(times, lane.times[k]!);
      marks.push({
        column, row, x: x(column), y: rows[row]!.y, leg, index, label: clip(event.state, stateChars),
        severity: event.severity === 'error' || event.severity === 'warning' ? event.severity : null,
      });
    }
    for (let s = 0; s < lane.segStart.length; s++) {
      const token = TOKENS[lane.segToken[s]!]!;
      const y0 = yOf(lane.segStart[s]!), y1 = yOf(lane.segEnd[s]!);
      const duration = lane.segEnd[s]! - lane.segStart[s]!;
      // A duration goes halfway between two rows (marks, states and arrows are on the rows), nearest the bar's middle.
      const labelY = top + (Math.round(((y0 + y1) / 2 - top) / rowHeight - 0.5) + 0.5) * rowHeight;
      const bar = {
        x: x(column), y0, y1, token, open: lane.segOpen[s] === 1, leg, index: lane.segEvent[s]!, duration,
        label: y1 - y0 >= 2 * rowHeight - 0.5 ? formatDuration(duration) : '', labelY,
      };
      bars.push({ column, ...bar });
      const agent = agentIds.has(leg.callId);
      if ((leg.role === 'entry_point' && WAITING.includes(token)) || (agent && SPEAKING.includes(token))) bars.push({ column: 0, ...bar, x: x(0), label: '' });
      if (agent && token === 'talking') links.push({ column, x0: x(0) + BAR_W / 2, x1: x(column) - BAR_W / 2 - 1, y: y0 });
    }
  });
  // The customer's waiting first, so that a conversation that overlaps it is drawn over it.
  bars.sort((a, b) => a.column - b.column || Number(SPEAKING.includes(a.token)) - Number(SPEAKING.includes(b.token)));
  marks.sort((a, b) => a.row - b.row || a.column - b.column);

  const transfers: LadderTransfer[] = [];
  flow.transferTimes.forEach((time, i) => {
    if (time !== null && rows.length > 0) transfers.push({ y: yOf(time) - rowHeight / 2, label: `⇄ Transfer ${i + 1}` });
  });
  const last = rows[rows.length - 1];
  return {
    ...empty,
    width: Math.max(width, TIME_W + columnWidth * count + RIGHT_PAD),
    height: Math.max(height, last ? last.y + rowHeight / 2 + 12 : headerHeight),
    headerHeight, columnWidth, rowHeight, columns, rows, marks, bars, links, transfers,
  };
}

/** The distinct times at which a leg entered a state (post-call events are not state changes), ascending. */
function rowTimes(lanes: readonly Lane[]): number[] {
  const set = new Set<number>();
  for (const lane of lanes) {
    for (let k = 0; k < lane.times.length; k++) {
      if (categoryOf(lane.leg!.events[lane.order[k]!]!.state) !== 'postcall') set.add(lane.times[k]!);
    }
  }
  return [...set].sort((a, b) => a - b);
}

function indexOfTime(times: readonly number[], time: number): number {
  let low = 0, high = times.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid]! < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The y of a time: its row's, or between the rows around it in proportion (before the first or after the last: half a row out). */
export function timeY(rows: readonly LadderRow[], time: number, rowHeight: number): number {
  if (rows.length === 0) return 0;
  const first = rows[0]!, last = rows[rows.length - 1]!;
  if (time <= first.time) return time === first.time ? first.y : first.y - rowHeight / 2;
  if (time >= last.time) return time === last.time ? last.y : last.y + rowHeight / 2;
  const i = indexOfTime(rows.map((row) => row.time), time);
  const after = rows[i]!, before = rows[i - 1]!;
  if (after.time === time) return after.y;
  return before.y + ((time - before.time) / (after.time - before.time)) * (after.y - before.y);
}

/** `+0:00.0`, `+1:05.2`, `+1:02:03` from the flow's start. */
export function shortOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000), m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 100) / 10;
  const seconds = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${seconds.slice(0, 2)}` : `${sign}${m}:${seconds}`;
}

/** Characters of a 12.5 px name and of a 10 px mono line that fit `span` px (average widths). */
const nameChars = (span: number) => Math.max(4, Math.floor(span / 7));
const monoChars = (span: number) => Math.max(4, Math.floor(span / 6.1));

function customerColumn(flow: FlowView, x: number, span: number): LadderColumn {
  const { customer, waitMs, holdMs } = flow.answers;
  const name = customer.name ?? customer.number ?? 'Customer';
  const note = `waited ${answerDuration(waitMs)} · held ${answerDuration(holdMs)}`;
  return {
    index: 0, kind: 'customer', leg: null, x, headerRow: 0,
    name: clip(name, nameChars(span)), meta: clip(customer.name !== null && customer.number !== null ? customer.number : 'CUSTOMER', monoChars(span)),
    note: clip(note, monoChars(span) + 4),
    aria: `customer ${[customer.name, customer.number].filter((part) => part !== null).join(' ') || 'unknown'}, ${note}`,
  };
}

function legColumn(flow: FlowView, leg: LegView, index: number, x: number, headerRow: number, span: number): LadderColumn {
  const caption = roleCaption(leg.role, leg.monitorKind, leg.roleConfirmed);
  const agent = agentById(flow.answers, leg.callId);
  const order = agent ? flow.answers.agents.indexOf(agent) + 1 : 0;
  const note = agent ? `${ordinal(order)} · talked ${answerDuration(agent.talkMs)}` : caption.toLowerCase();
  const name = legName(leg);
  return {
    index, kind: 'leg', leg, x, headerRow,
    name: clip(name, nameChars(span)), meta: clip(leg.callId, monoChars(span)), note: clip(note, monoChars(span) + 4),
    aria: `${caption.toLowerCase()} ${name}, call ${leg.callId}${agent ? `, ${note}` : ''}`,
  };
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The mark keyboard focus moves to from mark `at` with an arrow key (marks are in row order). */
export function nextMark(layout: LadderLayout, at: number | null, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End'): number | null {
  const marks = layout.marks;
  if (marks.length === 0) return null;
  if (at === null || !marks[at]) return key === 'End' ? marks.length - 1 : 0;
  switch (key) {
    case 'Home': return 0;
    case 'End': return marks.length - 1;
    case 'ArrowDown': return Math.min(marks.length - 1, at + 1);
    case 'ArrowUp': return Math.max(0, at - 1);
    default: {
      // The nearest mark in time of the next column that has any, in the key's direction.
      const step = key === 'ArrowRight' ? 1 : -1;
      const here = marks[at]!;
      for (let column = here.column + step; column >= 0 && column < layout.columns.length; column += step) {
        let best: number | null = null;
        marks.forEach((mark, i) => {
          if (mark.column === column && (best === null || Math.abs(mark.row - here.row) < Math.abs(marks[best]!.row - here.row))) best = i;
        });
        if (best !== null) return best;
      }
      return at;
    }
  }
}
