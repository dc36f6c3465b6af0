// The timeline's layout, with no DOM: one row per flow header and per leg, each leg's timed events
// sorted and cut into state segments, the time extent, the axis's ticks and text, the lane labels'
// text, and what lies under a point. The view (timeline.ts) and the painter (timelinePainter.ts)
// draw from it; test/unit/timelineLayout.unit.test.ts checks it in plain Node.
import { bisector, scaleUtc, utcFormat, type ScaleTime } from 'd3';
import type { FlowView, LegView } from '../src/shared/viewModel';
import { clip, legName, roleCaption } from './format';
import { categoryOf, type StateCategory, type StateToken } from './states';

/** Width of the lane labels left of the plot; rows and bars below, in px. */
export const GUTTER = 272;
export const FLOW_ROW = 30;
export const LANE_H = 38;
export const BAR_H = 18;
export const AXIS_H = 30;
/** How near (px) to an event's tick a pointer hits it. */
export const HIT = 6;

/** The state categories that draw a segment; a segment's `segToken` indexes this list. */
export const TOKENS: readonly StateToken[] = ['alerting', 'queued', 'talking', 'held', 'monitoring', 'barging', 'voicemail', 'other'];

/** One row of the timeline: a flow's header or a leg's lane. */
export interface Lane {
  /** Position in the lanes. */
  index: number;
  /** Subtracted from every time of the lane: the flow's start when flows are aligned, else 0. */
  offset: number;
  kind: 'flow' | 'leg';
  flow: FlowView;
  leg: LegView | null;
  y: number;
  h: number;
  /** Times of the leg's timed events, ascending, and each one's index in `leg.events`. */
  times: Float64Array;
  order: Uint32Array;
  /** State segments: start, end, category (index into TOKENS), the event that began it, whether it never ended. */
  segStart: Float64Array;
  segEnd: Float64Array;
  segToken: Uint8Array;
  segEvent: Uint32Array;
  segOpen: Uint8Array;
}

/** Binary search over ascending times. */
export const byTime = bisector((t: number) => t);

/** Lanes for the flows: a header row per flow, then one lane per leg in the graph's order. */
export function buildLanes(flows: readonly FlowView[], aligned: boolean): Lane[] {
  const lanes: Lane[] = [];
  let y = 0;
  const none = { times: new Float64Array(0), order: new Uint32Array(0), segStart: new Float64Array(0), segEnd: new Float64Array(0), segToken: new Uint8Array(0), segEvent: new Uint32Array(0), segOpen: new Uint8Array(0) };
  for (const flow of flows) {
    const offset = aligned ? flow.start ?? firstTime(flow) ?? 0 : 0;
    lanes.push({ index: lanes.length, offset, kind: 'flow', flow, leg: null, y, h: FLOW_ROW, ...none });
    y += FLOW_ROW;
    const legs = [...flow.legs].sort((a, b) => a.transferIndex - b.transferIndex || laneRank(a) - laneRank(b) || (a.start ?? Infinity) - (b.start ?? Infinity));
    for (const leg of legs) {
      lanes.push({ index: lanes.length, offset, kind: 'leg', flow, leg, y, h: LANE_H, ...legSegments(flow, leg, offset) });
      y += LANE_H;
    }
    y += 6;
  }
  return lanes;
}

function firstTime(flow: FlowView): number | null {
  let first: number | null = null;
  for (const leg of flow.legs) for (const event of leg.events) if (event.time !== null && (first === null || event.time < first)) first = event.time;
  return first;
}

/** An event's time on the lane's axis (shifted when flows are aligned). */
export function laneTime(lane: Lane, index: number | null): number | null {
  const time = index === null ? null : lane.leg?.events[index]?.time ?? null;
  return time === null ? null : time - lane.offset;
}

function laneRank(leg: LegView): number {
  return leg.role === 'entry_point' || leg.role === 'direct' ? 0 : leg.role === 'operator' ? 1 : 2;
}

/** Sorts a leg's timed events and derives its state segments (post-call states end nothing). */
function legSegments(flow: FlowView, leg: LegView, offset: number): Pick<Lane, 'times' | 'order' | 'segStart' | 'segEnd' | 'segToken' | 'segEvent' | 'segOpen'> {
  const timed: number[] = [];
  leg.events.forEach((event, i) => event.time !== null && timed.push(i));
  timed.sort((a, b) => leg.events[a]!.time! - leg.events[b]!.time! || a - b);
  const times = new Float64Array(timed.length);
  const order = new Uint32Array(timed.length);
  timed.forEach((index, i) => { times[i] = leg.events[index]!.time! - offset; order[i] = index; });
  const starts: number[] = [], ends: number[] = [], tokens: number[] = [], begun: number[] = [], open: number[] = [];
  let current: { start: number; token: number; event: number } | null = null;
  for (let i = 0; i < timed.length; i++) {
    const event = leg.events[timed[i]!]!;
    const category: StateCategory = categoryOf(event.state);
    if (category === 'postcall') continue;
    if (current) {
      starts.push(current.start); ends.push(times[i]!); tokens.push(current.token); begun.push(current.event); open.push(0);
      current = null;
    }
    if (category !== 'ended') current = { start: times[i]!, token: TOKENS.indexOf(category), event: timed[i]! };
  }
  if (current) {
    const legEnd = leg.end !== null && leg.end - offset > current.start ? leg.end - offset : null;
    const end = legEnd ?? Math.max(flow.end !== null ? flow.end - offset : current.start, current.start);
    starts.push(current.start); ends.push(end); tokens.push(current.token); begun.push(current.event); open.push(legEnd === null ? 1 : 0);
  }
  return {
    times, order,
    segStart: Float64Array.from(starts), segEnd: Float64Array.from(ends), segToken: Uint8Array.from(tokens),
    segEvent: Uint32Array.from(begun), segOpen: Uint8Array.from(open),
  };
}

/** The time range every lane fits in, with a small margin (a minute in 2026 when there is no time at all). */
export function timeExtent(lanes: readonly Lane[]): [number, number] {
  let min = Infinity, max = -Infinity;
  for (const lane of lanes) {
    if (lane.times.length > 0) {
      min = Math.min(min, lane.times[0]!);
      max = Math.max(max, lane.times[lane.times.length - 1]!);
    }
    if (lane.segEnd.length > 0) max = Math.max(max, lane.segEnd[lane.segEnd.length - 1]!);
  }
  if (!Number.isFinite(min)) {
    const now = Date.UTC(2026, 0, 1);
    return [now, now + 60_000];
  }
  const span = Math.max(max - min, 1000);
  return [min - span * 0.02, max + span * 0.02];
}

/** The axis's caption: the UTC date of the window's start, or that times are from each flow's start. */
export function axisCaption(start: Date | undefined, aligned: boolean): string {
  if (aligned) return 'Time from each flow’s start';
  return start ? `Time (UTC) · ${utcFormat('%Y-%m-%d')(start)}` : 'Time (UTC)';
}

/** How the ticks are written: as precise as their step needs (or relative to the flow's start). */
export function tickFormat(ticks: readonly Date[], aligned: boolean): (d: Date) => string {
  const step = ticks.length > 1 ? ticks[1]!.getTime() - ticks[0]!.getTime() : 1000;
  if (aligned) return (d) => relativeTick(d.getTime(), step);
  const day = 86_400_000;
  const format = utcFormat(step < 1000 ? '%H:%M:%S.%L' : step < 60_000 ? '%H:%M:%S' : step < day ? '%H:%M'
    : step < 28 * day ? '%b %d' : step < 365 * day ? '%Y-%m' : '%Y');
  return (d) => format(d);
}

/** `+1:05`, `+0:05.250`, `+1:02:03` from the flow's start. */
export function relativeTick(ms: number, step: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000), m = Math.floor((abs % 3_600_000) / 60_000), s = (abs % 60_000) / 1000;
  const seconds = step < 1000 ? s.toFixed(3).padStart(6, '0') : String(Math.round(s) % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${seconds}` : `${sign}${m}:${seconds}`;
}

/** A flow's header row: its id and the customer's name or number. */
export function flowLabel(flow: FlowView): string {
  const contact = flow.legs.find((leg) => leg.contact?.name || leg.contact?.phone)?.contact;
  const who = contact ? contact.name ?? contact.phone : null;
  return `Flow ${flow.id}${who ? ` · ${who}` : ''}`;
}

/** The lanes that meet the rows from `top` to `top + height` (the lanes are in y order: a binary search). */
export function visibleLanes(lanes: readonly Lane[], top: number, height: number): Lane[] {
  let low = 0, high = lanes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lanes[mid]!.y + lanes[mid]!.h < top) low = mid + 1;
    else high = mid;
  }
  const result: Lane[] = [];
  for (let i = low; i < lanes.length && lanes[i]!.y < top + height; i++) result.push(lanes[i]!);
  return result;
}

/** The height of every lane, with the margin below the last. */
export function contentHeight(lanes: readonly Lane[]): number {
  const last = lanes[lanes.length - 1];
  return last ? last.y + last.h + 8 : 0;
}

/** The time scale of the whole extent over a plot `width` px wide (the view zooms a copy of it). */
export function baseScale(lanes: readonly Lane[], width: number): ScaleTime<number, number> {
  const [t0, t1] = timeExtent(lanes);
  return scaleUtc().domain([new Date(t0), new Date(t1)]).range(plotRange(width));
}

/** Where the time axis runs in a plot `width` px wide (a margin at each end for the first and last tick). */
export function plotRange(width: number): [number, number] {
  return [10, Math.max(11, width - 14)];
}

/** One axis tick: where it is, and its text. */
export interface AxisTick {
  time: number;
  x: number;
  text: string;
}

/** The axis of a plot `width` px wide: a tick about every 120 px, its text, and the caption. */
export function axisTicks(x: ScaleTime<number, number>, width: number, aligned: boolean): { ticks: AxisTick[]; caption: string } {
  const dates = x.ticks(tickCount(width));
  const format = tickFormat(dates, aligned);
  const [d0] = x.domain();
  return { ticks: dates.map((d) => ({ time: d.getTime(), x: x(d), text: format(d) })), caption: axisCaption(d0, aligned) };
}

/** How many ticks the axis (and the grid) asks d3 for. */
export function tickCount(width: number): number {
  return Math.max(2, Math.floor(width / 120));
}

/** The text of a lane's label in the gutter: a name and a caption line, or the flow's header. */
export interface LaneLabel {
  name: string;
  /** Role and call id (empty on a flow's header). */
  meta: string;
  /** What a screen reader says. */
  aria: string;
}

/** The label of a lane (payload text, to be written as text only). */
export function laneLabel(lane: Lane): LaneLabel {
  if (!lane.leg) {
    const name = flowLabel(lane.flow);
    return { name: clip(name, 34), meta: '', aria: name };
  }
  const leg = lane.leg;
  const caption = roleCaption(leg.role, leg.monitorKind, leg.roleConfirmed);
  return { name: clip(legName(leg), 30), meta: `${caption} · ${leg.callId}`, aria: `${caption.toLowerCase()} ${legName(leg)}, call ${leg.callId}` };
}

/** What is under a point: an event's tick (within HIT px), else the state segment under the bar. */
export interface Hit {
  lane: number;
  /** The event (for a segment: the event that began it), an index into the leg's events. */
  index: number;
  kind: 'event' | 'segment';
}

/** The event or segment under plot x `px` and content y `y` (the lanes' coordinates, scroll included). */
export function hitTest(lanes: readonly Lane[], x: ScaleTime<number, number>, px: number, y: number): Hit | null {
  let lane: Lane | undefined;
  for (const candidate of visibleLanes(lanes, y, 1)) if (y >= candidate.y && y < candidate.y + candidate.h) lane = candidate;
  if (!lane?.leg || lane.times.length === 0) return null;
  const time = x.invert(px).getTime();
  const i = byTime.center(lane.times, time);
  if (Math.abs(x(lane.times[i]!) - px) <= HIT) return { lane: lane.index, index: lane.order[i]!, kind: 'event' };
  const mid = lane.y + lane.h / 2;
  if (Math.abs(y - mid) <= BAR_H / 2 + 2) {
    for (let s = 0; s < lane.segStart.length; s++) {
      if (time >= lane.segStart[s]! && time < lane.segEnd[s]!) return { lane: lane.index, index: lane.segEvent[s]!, kind: 'segment' };
    }
  }
  return null;
}
