// Where the graph's nodes, edges and bands go: a layered layout with no DOM, so that 5,000 legs
// are placed in linear time and the layout can be tested on its own. Within a flow, time reads
// left to right: one column group per transfer segment (before the first transfer, then each
// transfer), entry points and direct calls on the left of their group, their operators and
// monitors on the right, one row each. Flows are stacked top to bottom.
import type { EdgeView, FlowView, LegView, MissingView } from '../src/shared/viewModel';
import type { ShapeKind } from './shapes';

export const NODE_W = 196;
export const NODE_H = 62;
export const COL_GAP = 136;
export const ROW_H = 88;
export const SEG_GAP = 52;
export const FLOW_HEADER = 44;
export const SEGMENT_LABEL = 24;
export const FLOW_GAP = 24;
export const FLOW_PAD = 22;
const LANE_STEP = 15;
const MAX_LANES = 6;

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
}

/** Lays out the given flows, stacked top to bottom. */
export function layoutGraph(flows: readonly FlowView[]): GraphLayout {
  const layout: GraphLayout = { flows: [], segments: [], nodes: [], edges: [], width: 0, height: 0, nodeByCallId: new Map() };
  let top = 0;
  for (const flow of flows) {
    const box = layoutFlow(flow, top, layout);
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

function layoutFlow(flow: FlowView, top: number, layout: GraphLayout): LayoutFlow {
  let segmentCount = flow.transfers + 1;
  for (const leg of flow.legs) segmentCount = Math.max(segmentCount, leg.transferIndex + 1);
  const anchors: Slot[][] = Array.from({ length: segmentCount }, () => []);
  const attached: Slot[][] = Array.from({ length: segmentCount }, () => []);
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

  const masterEdges = flow.edges.filter((edge) => edge.field === 'master_call_id').length;
  const lanes = Math.min(masterEdges, MAX_LANES);
  const lanesHeight = lanes > 0 ? 10 + lanes * LANE_STEP : 0;
  const contentTop = top + FLOW_HEADER + (flow.transfers > 0 ? SEGMENT_LABEL : 0) + lanesHeight;

  const flowNodes: LayoutNode[] = [];
  let x = FLOW_PAD;
  let maxRows = 1;
  const segmentBoxes: { x: number; w: number }[] = [];
  for (let segment = 0; segment < segmentCount; segment++) {
    const groups: { anchor: Slot | null; members: Slot[] }[] = anchors[segment]!.map((anchor) => ({ anchor, members: [] }));
    const byAnchor = new Map(groups.map((group) => [group.anchor!.callId, group]));
    let orphans: { anchor: Slot | null; members: Slot[] } | undefined;
    for (const slot of attached[segment]!) {
      const group = slot.parent !== null ? byAnchor.get(slot.parent) : undefined;
      if (group) group.members.push(slot);
      else (orphans ??= { anchor: null, members: [] }).members.push(slot);
    }
    if (orphans) groups.push(orphans);
    const hasSecondColumn = attached[segment]!.length > 0;
    const width = NODE_W + (hasSecondColumn ? COL_GAP + NODE_W : 0);
    let row = 0;
    const place = (slot: Slot, column: 0 | 1, at: number) => {
      const node: LayoutNode = {
        callId: slot.callId, flowId: flow.id, leg: slot.leg, missing: slot.missing, kind: slot.kind,
        x: x + column * (NODE_W + COL_GAP), y: contentTop + at * ROW_H, w: NODE_W, h: NODE_H, segment, column,
      };
      flowNodes.push(node);
      layout.nodes.push(node);
      layout.nodeByCallId.set(slot.callId, node);
    };
    for (const group of groups) {
      const rows = Math.max(1, group.members.length);
      if (group.anchor) place(group.anchor, 0, row + (rows - 1) / 2);
      group.members.forEach((member, i) => place(member, 1, row + i));
      row += rows;
    }
    maxRows = Math.max(maxRows, row);
    segmentBoxes.push({ x, w: width });
    x += width + SEG_GAP;
  }
  const w = x - SEG_GAP + FLOW_PAD;
  const h = contentTop - top + maxRows * ROW_H - (ROW_H - NODE_H) + FLOW_PAD;
  if (flow.transfers > 0) {
    segmentBoxes.forEach((box, index) => layout.segments.push({
      flowId: flow.id, index, x: box.x - 12, y: top + FLOW_HEADER - 6, w: box.w + 24, h: h - FLOW_HEADER - 6 - 8,
      time: index === 0 ? flow.start : flow.transferTimes[index - 1] ?? null,
    }));
  }

  const slots = anchorSlots(flow, layout);
  // References back to the master call run over the top, nested: the nearest source on the lowest lane.
  const over: { key: string; edge: EdgeView; from: LayoutNode; to: LayoutNode }[] = [];
  for (const edge of flow.edges) {
    const from = layout.nodeByCallId.get(edge.from);
    const to = layout.nodeByCallId.get(edge.to);
    if (!from || !to) continue;
    const key = `${edge.from}>${edge.to}:${edge.field}`;
    if (edge.field === 'master_call_id' && to.segment < from.segment) over.push({ key, edge, from, to });
    else layout.edges.push({ key, edge, from, to, ...sideways(from, to, slots.get(key)) });
  }
  over.sort((a, b) => a.from.x - b.from.x || a.from.y - b.from.y);
  over.forEach(({ key, edge, from, to }, i) => {
    const lane = i % MAX_LANES;
    const laneY = contentTop - 10 - lane * LANE_STEP;
    const sx = from.x + from.w / 2 + (from.column === 0 ? -18 : 18);
    const tx = to.x + to.w / 2 + 14 + (Math.min(over.length, MAX_LANES) - 1 - lane) * 12;
    layout.edges.push({ key, edge, from, to, d: overTheTop(sx, from.y, tx, to.y, laneY), label: { x: sx - 8, y: laneY - 4, anchor: 'end' } });
  });
  return { flow, x: 0, y: top, w, h };
}

const f = (n: number) => Math.round(n * 10) / 10;

/** Up from the source's top to a lane above the nodes, along it, and down onto the target's top. */
function overTheTop(sx: number, sy: number, tx: number, ty: number, laneY: number): string {
  const r = 8;
  const dir = tx < sx ? -1 : 1;
  return `M${f(sx)},${f(sy)}V${f(laneY + r)}Q${f(sx)},${f(laneY)} ${f(sx + dir * r)},${f(laneY)}H${f(tx - dir * r)}`
    + `Q${f(tx)},${f(laneY)} ${f(tx)},${f(laneY + r)}V${f(ty - 1)}`;
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

/** Between the facing sides of two nodes: forward references arrive above the middle, backward ones leave below it. */
function sideways(from: LayoutNode, to: LayoutNode, slot: number | undefined): Pick<LayoutEdge, 'd' | 'label'> {
  const fromCy = from.y + from.h / 2, toCy = to.y + to.h / 2;
  if (from.segment === to.segment && from.column !== to.column) {
    if (from.column === 0) {
      const y1 = fromCy + (slot ?? 0), x1 = rightSide(from, y1 - fromCy), x2 = to.x, y2 = toCy - 8;
      return { d: curve(x1, y1, x2 - 1, y2), label: { x: x2 - 10, y: y2 - 5, anchor: 'end' } };
    }
    const x1 = from.x, y1 = fromCy + 8, y2 = toCy + (slot ?? 0), x2 = rightSide(to, y2 - toCy);
    return { d: curve(x1, y1, x2 + 1, y2), label: { x: x1 - 10, y: y1 + 14, anchor: 'end' } };
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
