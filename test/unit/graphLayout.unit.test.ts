// The call graph's DOM-free layout in plain Node: the transfer segments wrap to suit the pane's
// shape (one row when wide, stacked when narrow) in reading order, and no edge label or
// master_call_id arc overlaps another, or a leg.
import * as assert from 'node:assert/strict';
import { inspectDocument } from '../../src/core/inspect';
import { buildViewModel } from '../../src/core/buildViewModel';
import type { FlowView } from '../../src/shared/viewModel';
import { fitScale, labelBox, layoutGraph, type GraphLayout, type LayoutNode } from '../../webview/graphLayout';
import { chain, readableFlows } from '../fixtures/flows';

interface Box { x0: number; y0: number; x1: number; y1: number; what: string }

async function flowsOf(name: string, text: string): Promise<FlowView[]> {
  return buildViewModel([{ name, text, inspection: await inspectDocument(text) }], {}).flows;
}

const NARROW = { width: 700, height: 470 };
const WIDE = { width: 1090, height: 390 };

/** The straight pieces of every master_call_id arc, each as a (zero-width) box. */
function arcPieces(layout: GraphLayout): (Box & { edge: string })[] {
  const pieces: (Box & { edge: string })[] = [];
  for (const edge of layout.edges) {
    if (edge.edge.field !== 'master_call_id') continue;
    assert.ok(edge.route, `${edge.key} has an orthogonal route`);
    for (let i = 1; i < edge.route.length; i++) {
      const [ax, ay] = edge.route[i - 1]!, [bx, by] = edge.route[i]!;
      assert.ok(ax === bx || ay === by, `${edge.key}: piece ${i} is horizontal or vertical`);
      pieces.push({ x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by), what: `${edge.key} piece ${i}`, edge: edge.key });
    }
  }
  return pieces;
}

const nodeBox = (n: LayoutNode): Box => ({ x0: n.x, y0: n.y, x1: n.x + n.w, y1: n.y + n.h, what: `leg ${n.callId}` });
/** Closed boxes meet (a line touching a box counts). */
const meet = (a: Box, b: Box) => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
/** Open boxes overlap (an arc may end on its target's outline). */
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function assertDisjoint(layout: GraphLayout, name: string): void {
  const labels: Box[] = layout.edges.map((e) => ({ ...labelBox(e), what: `label of ${e.key}` }));
  const nodes = layout.nodes.map(nodeBox);
  const pieces = arcPieces(layout);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) assert.ok(!meet(labels[i]!, labels[j]!), `${name}: ${labels[i]!.what} meets ${labels[j]!.what}`);
    for (const node of nodes) assert.ok(!meet(labels[i]!, node), `${name}: ${labels[i]!.what} meets ${node.what}`);
    for (const piece of pieces) assert.ok(!meet(labels[i]!, piece), `${name}: ${labels[i]!.what} meets ${piece.what}`);
  }
  for (const piece of pieces) {
    for (const node of nodes) assert.ok(!overlap(piece, node), `${name}: ${piece.what} crosses ${node.what}`);
  }
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      if (pieces[i]!.edge !== pieces[j]!.edge) assert.ok(!meet(pieces[i]!, pieces[j]!), `${name}: ${pieces[i]!.what} meets ${pieces[j]!.what}`);
    }
  }
}

/** The segments' bands in reading order: left to right within a row, rows top to bottom. */
function readingOrder(layout: GraphLayout): number[] {
  return [...layout.segments].sort((a, b) => (Math.abs(a.y - b.y) < 1 ? a.x - b.x : a.y - b.y)).map((s) => s.index);
}

describe('the call graph layout', () => {
  it('labels and master_call_id arcs never overlap each other or the legs, for every readable flow, narrow and wide', async () => {
    let arcs = 0;
    for (const [name, text] of Object.entries(readableFlows())) {
      const flows = await flowsOf(name, text);
      for (const pane of [NARROW, WIDE, undefined]) {
        const layout = layoutGraph(flows, pane);
        assertDisjoint(layout, `${name} in ${pane ? `${pane.width}×${pane.height}` : 'one row'}`);
        arcs += arcPieces(layout).length;
      }
    }
    // The chains and the transfer sample have master_call_id arcs: the check above was not vacuous.
    assert.ok(arcs > 40, `${arcs} arc pieces checked`);
  });

  it('a wide pane keeps a transfer left to right; a narrow pane stacks a long chain, in reading order', async () => {
    const transfer = await flowsOf('transfer.jsonl', readableFlows()['transfer.jsonl']!);
    const wide = layoutGraph(transfer, WIDE);
    assert.equal(wide.perRow, Infinity);
    const [before, after] = [wide.segments.find((s) => s.index === 0)!, wide.segments.find((s) => s.index === 1)!];
    assert.ok(after.x > before.x + before.w - 1 && Math.abs(after.y - before.y) < 1, 'the transfer is to the right');

    const long = await flowsOf('chain.jsonl', chain(3, true));
    const stacked = layoutGraph(long, NARROW);
    assert.equal(stacked.perRow, 1);
    assert.deepEqual(readingOrder(stacked), [0, 1, 2, 3]);
    const ys = [0, 1, 2, 3].map((i) => stacked.segments.find((s) => s.index === i)!.y);
    for (let i = 1; i < 4; i++) assert.ok(ys[i]! > ys[i - 1]!, `segment ${i} below segment ${i - 1}: ${ys.join(', ')}`);
    // Each leg stays in its own segment's band.
    for (const node of stacked.nodes) {
      const band = stacked.segments.find((s) => s.index === node.segment)!;
      assert.ok(node.x >= band.x && node.y >= band.y && node.x + node.w <= band.x + band.w && node.y + node.h <= band.y + band.h, `leg ${node.callId} inside band ${band.index}`);
    }
    // Stacking is chosen because it makes the flow larger in that pane.
    assert.ok(fitScale(stacked, NARROW) > fitScale(layoutGraph(long), NARROW) * 1.3);
    // In a wide, short pane the same chain wraps two segments to a row, still in reading order.
    const grid = layoutGraph(long, { width: 1090, height: 420 });
    assert.equal(grid.perRow, 2);
    assert.deepEqual(readingOrder(grid), [0, 1, 2, 3]);
  });

  it('without a pane (the export, very large selections) every flow is one row, as before', async () => {
    const flows = await flowsOf('chain.jsonl', chain(3));
    const layout = layoutGraph(flows);
    assert.equal(layout.perRow, Infinity);
    assert.equal(new Set(layout.segments.map((s) => s.y)).size, 1);
  });
});
