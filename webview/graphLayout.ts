// Where the graph's nodes, edges and bands go: a layered layout with no DOM, so that 5,000 legs
// are placed in linear time and the layout can be tested on its own. Within a flow, time reads
// left to right and then top to bottom: one block per transfer segment (before the first transfer,
// then each transfer), entry points and direct calls on the left of their block, their operators
// and monitors on the right, one row each. The blocks wrap into rows to suit the pane's shape (all
// in one row in a wide pane, stacked in a narrow one). Flows are stacked top to bottom.
import type { EdgeView, FlowView, LegView, MissingView } from '../src/shared/viewModel';
import type { ShapeKind } from './shapes';

export const NODE_W = 196;
export const NODE_H = 62;
export const COL_GAP = 128;
export const ROW_H = 88;
export const SEG_GAP = 36;
export const FLOW_HEADER = 38;
export const SEGMENT_LABEL = 24;
export const FLOW_GAP = 24;
export const FLOW_PAD = 16;
export const ROW_GAP = 18;
const LANE_STEP = 16;
const MAX_LANES = 6;
/** The room of one master_call_id lane in the gutter left of a wrapped flow. */
const GUTTER_STEP = 10;
/** Edge labels: the width of one character of the 10 px monospace label (with some slack), and the box's height. */
export const LABEL_CHAR = 6.3;
export const LABEL_ASCENT = 10;
export const LABEL_DESCENT = 3;
/** The largest scale a fit zooms to, and the margin it keeps around the graph. */
export const FIT_MAX = 1.1;
export const FIT_MARGIN = 10;
/** A fitted scale at which the legs' text is comfortably read (names 12.6 px, call ids 11.7 px). */
export const COMFORTABLE = 0.9;

/** A node: a leg, or a referenced call missing from the capture. */
export interface LayoutNode {
  callId: string;
  flowId: string;
  leg: LegView | null;
  missing: MissingView | null;
  kind: ShapeKind;
  x: number;
  y: number;
  w: number;
  h: number;
  segment: number;
  column: 0 | 1;
}

/** An edge with its path and where its label goes. */
export interface LayoutEdge {
  key: string;
  edge: EdgeView;
  from: LayoutNode;
  to: LayoutNode;
  d: string;
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
  /** The corners of a master_call_id arc (an orthogonal route; its corners are rounded in `d`). */
  route?: [number, number][];
}

/** The band of one transfer segment of a flow. */
export interface LayoutSegment {
  flowId: string;
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
  time: number | null;
}

/** The box of one flow. */
export interface LayoutFlow {
  flow: FlowView;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The whole graph's geometry. */
export interface GraphLayout {
  flows: LayoutFlow[];
  segments: LayoutSegment[];
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
  nodeByCallId: Map<string, LayoutNode>;
  /** How many transfer segments share a row (Infinity: every flow in one row). */
  perRow: number;
}

/** The pane the graph is fitted into, in CSS pixels. */
export interface PaneSize {
  width: number;
  height: number;
}

/**
 * Lays out the given flows, stacked top to bottom. Given the pane, the transfer segments of a flow
 * stay in one row if it then fits at COMFORTABLE scale or more; otherwise they wrap into as many rows
 * as make the fitted graph largest (ties go to fewer rows).
 */
export function layoutGraph(flows: readonly FlowView[], pane?: PaneSize): GraphLayout {
  const widest = Math.max(1, ...flows.map(segmentCount));
  // Large selections are read by scrolling anyway: one layout, no search.
  const legs = flows.reduce((sum, flow) => sum + flow.legs.length, 0);
  if (!pane || pane.width <= 0 || pane.height <= 0 || widest === 1 || legs > 2000) return layoutRows(flows, Infinity);
  // Time reads left to right for as long as the flow stays comfortably large; past that, the
  // arrangement that draws it largest.
  let best = layoutRows(flows, Infinity);
  let bestScale = Math.min(FIT_MAX, fitScale(best, pane));
  for (let perRow = widest - 1; perRow >= 1 && bestScale < COMFORTABLE; perRow--) {
    const layout = layoutRows(flows, perRow);
    const scale = Math.min(FIT_MAX, fitScale(layout, pane));
    if (scale > bestScale * 1.02) {
      best = layout;
      bestScale = scale;
    }
  }
  return best;
}

/** The scale at which a layout fits the pane with its margin. */
export function fitScale(layout: Pick<GraphLayout, 'width' | 'height'>, pane: PaneSize): number {
  return Math.min(pane.width / (layout.width + FIT_MARGIN * 2), pane.height / (layout.height + FIT_MARGIN * 2));
}

/** The box an edge's label covers (estimated from its length: the layout has no fonts). */
export function labelBox(edge: LayoutEdge): { x0: number; y0: number; x1: number; y1: number } {
  const w = edge.edge.field.length * LABEL_CHAR;
  const x0 = edge.label.anchor === 'start' ? edge.label.x : edge.label.anchor === 'end' ? edge.label.x - w : edge.label.x - w / 2;
  return { x0, y0: edge.label.y - LABEL_ASCENT, x1: x0 + w, y1: edge.label.y + LABEL_DESCENT };
}

function segmentCount(flow: FlowView): number {
  let count = flow.transfers + 1;
  for (const leg of flow.legs) count = Math.max(count, leg.transferIndex + 1);
  return count;
}

function layoutRows(flows: readonly FlowView[], perRow: number): GraphLayout {
  const layout: GraphLayout = { flows: [], segments: [], nodes: [], edges: [], width: 0, height: 0, nodeByCallId: new Map(), perRow };
  let top = 0;
  for (const flow of flows) {
    const box = layoutFlow(flow, top, layout, perRow);
    layout.flows.push(box);
    layout.width = Math.max(layout.width, box.w);
    top += box.h + FLOW_GAP;
  }
  layout.height = Math.max(0, top - FLOW_GAP);
  return layout;
}

interface Slot {
  callId: string;
  leg: LegView | null;
  missing: MissingView | null;
  kind: ShapeKind;
  /** The anchor an attached node hangs off. */
  parent: string | null;
}

function layoutFlow(flow: FlowView, top: number, layout: GraphLayout, perRow: number): LayoutFlow {
  const segmentTotal = segmentCount(flow);
  const anchors: Slot[][] = Array.from({ length: segmentTotal }, () => []);
  const attached: Slot[][] = Array.from({ length: segmentTotal }, () => []);
  const legById = new Map(flow.legs.map((leg) => [leg.callId, leg]));
  for (const leg of flow.legs) {
    const slot: Slot = { callId: leg.callId, leg, missing: null, kind: leg.role, parent: leg.entryPointCallId };
    (leg.role === 'operator' || leg.role === 'monitor' ? attached : anchors)[leg.transferIndex]!.push(slot);
  }
  for (const missing of flow.missing) {
    const from = legById.get(missing.from);
    const segment = missing.field === 'master_call_id' ? 0 : from?.transferIndex ?? 0;
    const slot: Slot = { callId: missing.callId, leg: null, missing, kind: 'missing', parent: missing.field === 'operator_call_id' ? missing.from : null };
    if (missing.field === 'operator_call_id') attached[segment]!.push(slot);
    else anchors[segment]!.unshift(slot);
  }

  // Each segment as a block: its nodes at (column, row) with its width and row count.
  const blocks = anchors.map((segmentAnchors, segment) => {
    const groups: { anchor: Slot | null; members: Slot[] }[] = segmentAnchors.map((anchor) => ({ anchor, members: [] }));
    const byAnchor = new Map(groups.map((group) => [group.anchor!.callId, group]));
    let orphans: { anchor: Slot | null; members: Slot[] } | undefined;
    for (const slot of attached[segment]!) {
      const group = slot.parent !== null ? byAnchor.get(slot.parent) : undefined;
      if (group) group.members.push(slot);
      else (orphans ??= { anchor: null, members: [] }).members.push(slot);
    }
    if (orphans) groups.push(orphans);
    const placed: { slot: Slot; column: 0 | 1; at: number }[] = [];
    let rows = 0;
    for (const group of groups) {
      const span = Math.max(1, group.members.length);
      if (group.anchor) placed.push({ slot: group.anchor, column: 0, at: rows + (span - 1) / 2 });
      group.members.forEach((member, i) => placed.push({ slot: member, column: 1, at: rows + i }));
      rows += span;
    }
    return { placed, rows: Math.max(1, rows), width: NODE_W + (attached[segment]!.length > 0 ? COL_GAP + NODE_W : 0) };
  });
  const rowOf = (segment: number) => (Number.isFinite(perRow) ? Math.floor(segment / perRow) : 0);
  const rowCount = rowOf(segmentTotal - 1) + 1;

  // Which master_call_id references run over the top of their row (target in the same row, earlier)
  // and which run down the gutter on the left (target in an earlier row).
  const segmentOf = (callId: string) => {
    const leg = legById.get(callId);
    if (leg) return leg.transferIndex;
    const missing = flow.missing.find((m) => m.callId === callId);
    return missing ? (missing.field === 'master_call_id' ? 0 : legById.get(missing.from)?.transferIndex ?? 0) : -1;
  };
  const lanesInRow = new Array<number>(rowCount).fill(0);
  let gutterLanes = 0;
  for (const edge of flow.edges) {
    if (edge.field !== 'master_call_id') continue;
    const from = segmentOf(edge.from), to = segmentOf(edge.to);
    if (from < 0 || to < 0 || to >= from) continue;
    lanesInRow[rowOf(from)]!++;
    if (rowOf(to) < rowOf(from)) gutterLanes++;
  }
  const gutter = gutterLanes > 0 ? 14 + Math.min(gutterLanes, MAX_LANES * 2) * GUTTER_STEP : 0;
  const left = FLOW_PAD + gutter;

  const flowNodes: LayoutNode[] = [];
  const rowContentTops: number[] = [];
  const rowBottoms: number[] = [];
  let y = top + FLOW_HEADER;
  let width = 0;
  const segmentBoxes: { x: number; y: number; w: number; row: number }[] = [];
  for (let row = 0; row < rowCount; row++) {
    const lanes = Math.min(lanesInRow[row]!, MAX_LANES);
    const contentTop = y + (flow.transfers > 0 ? SEGMENT_LABEL : 0) + (lanes > 0 ? 10 + lanes * LANE_STEP : 0);
    rowContentTops.push(contentTop);
    let x = left;
    let rows = 1;
    for (let segment = 0; segment < segmentTotal; segment++) {
      if (rowOf(segment) !== row) continue;
      const block = blocks[segment]!;
      for (const { slot, column, at } of block.placed) {
        const node: LayoutNode = {
          callId: slot.callId, flowId: flow.id, leg: slot.leg, missing: slot.missing, kind: slot.kind,
          x: x + column * (NODE_W + COL_GAP), y: contentTop + at * ROW_H, w: NODE_W, h: NODE_H, segment, column,
        };
        flowNodes.push(node);
        layout.nodes.push(node);
        layout.nodeByCallId.set(slot.callId, node);
      }
      rows = Math.max(rows, block.rows);
      segmentBoxes.push({ x, y, w: block.width, row });
      x += block.width + SEG_GAP;
    }
    width = Math.max(width, x - SEG_GAP);
    rowBottoms.push(contentTop + rows * ROW_H - (ROW_H - NODE_H));
    y = rowBottoms[row]! + (row < rowCount - 1 ? ROW_GAP : 0);
  }
  const w = width + FLOW_PAD;
  const h = y - top + FLOW_PAD;
  if (flow.transfers > 0) {
    segmentBoxes.forEach((box, index) => {
      const bottom = rowBottoms[box.row]! + 6;
      layout.segments.push({
        flowId: flow.id, index, x: box.x - 12, y: box.y - 6, w: box.w + 24, h: bottom - (box.y - 6),
        time: index === 0 ? flow.start : flow.transferTimes[index - 1] ?? null,
      });
    });
  }

  const slots = anchorSlots(flow, layout);
  const over: { key: string; edge: EdgeView; from: LayoutNode; to: LayoutNode }[] = [];
  for (const edge of flow.edges) {
    const from = layout.nodeByCallId.get(edge.from);
    const to = layout.nodeByCallId.get(edge.to);
    if (!from || !to) continue;
    const key = `${edge.from}>${edge.to}:${edge.field}`;
    if (edge.field === 'master_call_id' && to.segment < from.segment) over.push({ key, edge, from, to });
    else layout.edges.push({ key, edge, from, to, ...sideways(from, to, slots.get(key)) });
  }
  // References back to the master call leave their source upwards to a lane above their row, nested:
  // the leftmost source on the lowest lane. In the target's row they run along to the target's top;
  // from a later row they run left to the gutter, up it (the farthest row outermost) and into the target's left side.
  over.sort((a, b) => rowOf(b.from.segment) - rowOf(a.from.segment) || a.from.x - b.from.x || a.from.y - b.from.y);
  const laneInRow = new Array<number>(rowCount).fill(0);
  const sameRow = over.filter((o) => rowOf(o.from.segment) === rowOf(o.to.segment));
  const down = over.filter((o) => rowOf(o.from.segment) !== rowOf(o.to.segment));
  const lane = (o: { from: LayoutNode }) => {
    const row = rowOf(o.from.segment);
    const i = laneInRow[row]!++ % MAX_LANES;
    return rowContentTops[row]! - 10 - i * LANE_STEP;
  };
  for (const o of [...sameRow].sort((a, b) => a.from.x - b.from.x || a.from.y - b.from.y)) {
    const laneY = lane(o);
    const sx = o.from.x + o.from.w / 2 + (o.from.column === 0 ? -18 : 18);
    const sameRowCount = sameRow.filter((other) => other.to === o.to).length;
    const i = sameRow.filter((other) => other.to === o.to).indexOf(o);
    const tx = o.to.x + o.to.w / 2 + 14 + (Math.min(sameRowCount, MAX_LANES) - 1 - (i % MAX_LANES)) * 12;
    const route: [number, number][] = [[sx, o.from.y], [sx, laneY], [tx, laneY], [tx, o.to.y - 1]];
    layout.edges.push({ ...o, d: rounded(route), route, label: { x: sx + 6, y: laneY - 4, anchor: 'start' } });
  }
  // In each row, lanes are handed out leftmost source first; in the gutter, the farthest row outermost.
  const byTarget = new Map<LayoutNode, number>();
  down.forEach((o) => byTarget.set(o.to, (byTarget.get(o.to) ?? 0) + 1));
  const entered = new Map<LayoutNode, number>();
  const downByRow = [...down].sort((a, b) => rowOf(b.from.segment) - rowOf(a.from.segment) || a.from.x - b.from.x || a.from.y - b.from.y);
  downByRow.forEach((o, g) => {
    const laneY = lane(o);
    const gx = left - 14 - (Math.min(down.length, MAX_LANES * 2) - 1 - (g % (MAX_LANES * 2))) * GUTTER_STEP - 4;
    const n = byTarget.get(o.to)!, k = entered.get(o.to) ?? 0;
    entered.set(o.to, k + 1);
    const step = n > 1 ? Math.min(9, (o.to.h * 0.6) / (n - 1)) : 0;
    const ty = o.to.y + o.to.h / 2 + (k - (n - 1) / 2) * step;
    const sx = o.from.x + o.from.w / 2 + (o.from.column === 0 ? -18 : 18);
    const route: [number, number][] = [[sx, o.from.y], [sx, laneY], [gx, laneY], [gx, ty], [leftSide(o.to, ty - o.to.y - o.to.h / 2) - 1, ty]];
    layout.edges.push({ ...o, d: rounded(route), route, label: { x: sx + 6, y: laneY - 4, anchor: 'start' } });
  });
  return { flow, x: 0, y: top, w, h };
}

const f = (n: number) => Math.round(n * 10) / 10;

/** An orthogonal route through `points`, its corners rounded. */
function rounded(points: readonly [number, number][]): string {
  const r = 8;
  let d = `M${f(points[0]![0])},${f(points[0]![1])}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1]!, [x, y] = points[i]!, [nx, ny] = points[i + 1]!;
    const inLen = Math.hypot(x - px, y - py), outLen = Math.hypot(nx - x, ny - y);
    const rr = Math.min(r, inLen / 2, outLen / 2);
    const ax = x - ((x - px) / (inLen || 1)) * rr, ay = y - ((y - py) / (inLen || 1)) * rr;
    const bx = x + ((nx - x) / (outLen || 1)) * rr, by = y + ((ny - y) / (outLen || 1)) * rr;
    d += `L${f(ax)},${f(ay)}Q${f(x)},${f(y)} ${f(bx)},${f(by)}`;
  }
  const [lx, ly] = points[points.length - 1]!;
  return `${d}L${f(lx)},${f(ly)}`;
}

/**
 * Where each edge between an anchor (column 0) and its operators and monitors (column 1) meets the
 * anchor: spread over its right side in the order of the other ends, so that edges never cross there.
 */
function anchorSlots(flow: FlowView, layout: GraphLayout): Map<string, number> {
  const byAnchor = new Map<string, { key: string; y: number; forward: boolean }[]>();
  for (const edge of flow.edges) {
    const from = layout.nodeByCallId.get(edge.from), to = layout.nodeByCallId.get(edge.to);
    if (!from || !to || from.segment !== to.segment || from.column === to.column || edge.field === 'master_call_id') continue;
    const [anchor, member] = from.column === 0 ? [from, to] : [to, from];
    let list = byAnchor.get(anchor.callId);
    if (!list) byAnchor.set(anchor.callId, (list = []));
    list.push({ key: `${edge.from}>${edge.to}:${edge.field}`, y: member.y, forward: from === anchor });
  }
  const slots = new Map<string, number>();
  for (const [id, list] of byAnchor) {
    const anchor = layout.nodeByCallId.get(id)!;
    list.sort((a, b) => a.y - b.y || Number(b.forward) - Number(a.forward));
    const step = list.length > 1 ? Math.min(9, (anchor.h * 0.64) / (list.length - 1)) : 0;
    list.forEach((slot, i) => slots.set(slot.key, (i - (list.length - 1) / 2) * step));
  }
  return slots;
}

/** The x of a node's right side at `dy` from its middle (entry points are pointed, direct calls round). */
function rightSide(node: LayoutNode, dy: number): number {
  const half = node.h / 2;
  if (node.kind === 'entry_point') return node.x + node.w - Math.min(14, node.w * 0.22) * (Math.abs(dy) / half);
  if (node.kind === 'direct') return node.x + node.w - half + Math.sqrt(Math.max(0, half * half - dy * dy));
  return node.x + node.w;
}

/** The x of a node's left side at `dy` from its middle (direct calls are round). */
function leftSide(node: LayoutNode, dy: number): number {
  const half = node.h / 2;
  if (node.kind === 'direct') return node.x + half - Math.sqrt(Math.max(0, half * half - dy * dy));
  return node.x;
}

/** Between the facing sides of two nodes: forward references arrive above the middle, backward ones leave below it. */
function sideways(from: LayoutNode, to: LayoutNode, slot: number | undefined): Pick<LayoutEdge, 'd' | 'label'> {
  const fromCy = from.y + from.h / 2, toCy = to.y + to.h / 2;
  if (from.segment === to.segment && from.column !== to.column) {
    if (from.column === 0) {
      const y1 = fromCy + (slot ?? 0), x1 = rightSide(from, y1 - fromCy), x2 = to.x, y2 = toCy - 8;
      return { d: curve(x1, y1, x2 - 1, y2), label: { x: x2 - 5, y: y2 - 5, anchor: 'end' } };
    }
    const x1 = from.x, y1 = fromCy + 8, y2 = toCy + (slot ?? 0), x2 = rightSide(to, y2 - toCy);
    return { d: curve(x1, y1, x2 + 1, y2), label: { x: x1 - 5, y: y1 + 14, anchor: 'end' } };
  }
  if (Math.abs(from.x - to.x) < 1) {
    const down = to.y > from.y;
    const x1 = from.x + from.w * 0.3, y1 = down ? from.y + from.h : from.y;
    const x2 = to.x + to.w * 0.3, y2 = down ? to.y : to.y + to.h;
    const my = (y1 + y2) / 2;
    return { d: `M${f(x1)},${f(y1)}C${f(x1)},${f(my)} ${f(x2)},${f(my)} ${f(x2)},${f(y2 + (down ? -1 : 1))}`, label: { x: x1 + 8, y: my + 4, anchor: 'start' } };
  }
  const forward = to.x > from.x;
  const x1 = forward ? from.x + from.w : from.x, x2 = forward ? to.x : to.x + to.w;
  return { d: curve(x1, fromCy, x2 + (forward ? -1 : 1), toCy), label: { x: (x1 + x2) / 2, y: (fromCy + toCy) / 2 - 6, anchor: 'middle' } };
}

function curve(x1: number, y1: number, x2: number, y2: number): string {
  const dx = Math.max(36, Math.abs(x2 - x1) * 0.45) * (x2 >= x1 ? 1 : -1);
  return `M${f(x1)},${f(y1)}C${f(x1 + dx)},${f(y1)} ${f(x2 - dx)},${f(y2)} ${f(x2)},${f(y2)}`;
}
