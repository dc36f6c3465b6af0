// The call graph: legs as nodes shaped by role, references as labelled directed edges, transfer
// segments as bands; pan and zoom with d3-zoom; keyboard navigation between legs.
import { select, zoom, zoomIdentity, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { FlowView, LegView } from '../src/shared/viewModel';
import { legLabel, legTip } from './describe';
import { clip, formatClock, formatDateTime, formatDuration, legName, plural, roleCaption } from './format';
import { FIT_MARGIN, FIT_MAX, layoutGraph, type GraphLayout, type LayoutNode } from './graphLayout';
import { shapeDash, shapePath } from './shapes';
import type { TipLine, Tooltip } from './tooltip';

/** What the graph tells the application. */
export interface GraphCallbacks {
  /** A leg was clicked or activated with Enter. */
  activate(flow: FlowView, leg: LegView): void;
  /** Keyboard focus or a click moved to a leg. */
  focusLeg(callId: string): void;
}

const FIELD_CLASS = { master_call_id: 'master', entry_point_call_id: 'entry', operator_call_id: 'operator' } as const;
const NAME_CHAR = 7.6;
const MONO_CHAR = 7.9;

/** Items farther than this many viewport sizes from the view are not kept in the DOM. */
const WINDOW_MARGIN = 1;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type FlowBox = GraphLayout['flows'][number];
type SegmentBox = GraphLayout['segments'][number];
type EdgeBox = GraphLayout['edges'][number];

/**
 * The graph pane. The whole graph is laid out, but only the part in and around the view is kept in
 * the DOM (a window refreshed as the view pans and zooms), so 5,000 legs draw and pan at once.
 */
export class GraphView {
  readonly svg: SVGSVGElement;
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly viewport: Selection<SVGGElement, unknown, null, undefined>;
  private readonly zoomBehavior: ZoomBehavior<SVGSVGElement, unknown>;
  private layout: GraphLayout = layoutGraph([]);
  private focused: string | null = null;
  private hovered: string | null = null;
  private window: Rect | null = null;
  private transform: ZoomTransform = zoomIdentity;
  private readonly empty: HTMLElement;
  private tip: TipLine[] = [];
  private flows: readonly FlowView[] = [];
  /** The user zoomed or panned since the last fit: keep their view (and offer Fit) instead of fitting by itself. */
  private moved = false;
  private paneSize = { width: 0, height: 0 };

  constructor(private readonly container: HTMLElement, private readonly callbacks: GraphCallbacks, private readonly tooltip: Tooltip) {
    this.root = select(container).append('svg').attr('class', 'graph-svg').attr('role', 'group')
      .attr('aria-label', 'Call graph').attr('aria-roledescription', 'call graph');
    this.svg = this.root.node()!;
    this.defs();
    this.viewport = this.root.append('g').attr('class', 'viewport');
    for (const layer of ['flows', 'segments', 'edges', 'nodes']) this.viewport.append('g').attr('class', `layer-${layer}`);
    this.zoomBehavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 3])
      .clickDistance(4)
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        this.transform = event.transform;
        if (event.sourceEvent) this.setMoved(true);
        this.viewport.attr('transform', event.transform.toString());
        this.svg.classList.toggle('low-detail', event.transform.k < 0.45);
        this.tooltip.hide();
        this.cull(false);
      });
    this.root.call(this.zoomBehavior).on('dblclick.zoom', null);
    this.empty = container.appendChild(document.createElement('div'));
    this.empty.className = 'empty-note';
    this.empty.hidden = true;
    this.svg.addEventListener('keydown', (event) => this.onKey(event));
    this.svg.addEventListener('focus', (event) => {
      if (event.target === this.svg) this.focus();
    });
    this.listen();
    new ResizeObserver(() => this.resized()).observe(this.svg);
  }

  /** Whether the user has zoomed or panned since the graph was last fitted. */
  get viewMoved(): boolean {
    return this.moved;
  }

  /** The current layout (for tests and export). */
  get current(): GraphLayout {
    return this.layout;
  }

  /**
   * Lays out and draws the flows in the arrangement that suits the pane. With `keepView` (the same
   * flows, new events) the user's zoom is kept if they zoomed or panned; otherwise the graph is fitted.
   */
  render(flows: readonly FlowView[], keepView: boolean, emptyText: string): void {
    this.flows = flows;
    this.paneSize = this.measure();
    this.layout = layoutGraph(flows, this.paneSize);
    this.empty.hidden = flows.length > 0;
    this.empty.textContent = emptyText;
    this.svg.setAttribute('aria-label', `Call graph: ${plural(flows.length, 'flow')}, ${plural(this.layout.nodes.length, 'leg')}. Arrow keys move between legs, Enter shows a leg's first event.`);
    if (this.focused !== null && !this.layout.nodeByCallId.has(this.focused)) this.focused = null;
    for (const layer of ['flows', 'segments', 'edges', 'nodes']) this.viewport.select(`.layer-${layer}`).selectChildren().remove();
    this.window = null;
    if (keepView && this.moved) this.cull(true);
    else this.fit();
  }

  private measure(): { width: number; height: number } {
    const { width, height } = this.svg.getBoundingClientRect();
    return { width: Math.round(width), height: Math.round(height) };
  }

  /** The pane changed size: lay out again for its new shape and fit, unless the user has moved the view. */
  private resized(): void {
    const size = this.measure();
    if ((size.width === this.paneSize.width && size.height === this.paneSize.height) || this.moved) return this.cull(false);
    this.fit();
  }

  /** Lays the flows out again for a pane of `size` when that changes their arrangement. */
  private relayout(size: { width: number; height: number }): void {
    if (size.width === this.paneSize.width && size.height === this.paneSize.height) return;
    this.paneSize = size;
    if (this.flows.length === 0) return;
    const layout = layoutGraph(this.flows, size);
    if (layout.perRow === this.layout.perRow) return;
    this.layout = layout;
    for (const layer of ['flows', 'segments', 'edges', 'nodes']) this.viewport.select(`.layer-${layer}`).selectChildren().remove();
    this.window = null;
  }

  private setMoved(moved: boolean): void {
    if (moved === this.moved) return;
    this.moved = moved;
    this.container.closest('.pane')?.classList.toggle('view-moved', moved);
  }

  /** Marks a leg as the current one; `reveal` scrolls it into view. */
  setFocus(callId: string | null, reveal: boolean): void {
    this.focused = callId !== null && this.layout.nodeByCallId.has(callId) ? callId : null;
    this.updateFocus();
    if (reveal && this.focused !== null) this.scrollTo(this.layout.nodeByCallId.get(this.focused)!);
  }

  /** Fits the graph into the pane (large graphs: fit the width, start at the top). */
  fit(): void {
    this.setMoved(false);
    this.relayout(this.measure());
    const { width, height } = this.svg.getBoundingClientRect();
    const margin = FIT_MARGIN;
    const cw = this.layout.width + margin * 2, ch = this.layout.height + margin * 2;
    if (width <= 0 || height <= 0 || this.layout.nodes.length === 0) {
      this.root.call(this.zoomBehavior.transform, zoomIdentity);
      this.cull(true);
      return;
    }
    let k = Math.min(width / cw, height / ch);
    let tx: number, ty: number;
    if (k >= 0.55) {
      k = Math.min(k, FIT_MAX);
      tx = (width - this.layout.width * k) / 2;
      ty = (height - this.layout.height * k) / 2;
    } else {
      k = Math.max(0.3, Math.min(1, width / cw));
      tx = Math.max(margin * k, (width - this.layout.width * k) / 2);
      ty = margin;
    }
    this.window = null;
    this.root.call(this.zoomBehavior.transform, zoomIdentity.translate(tx, ty).scale(k));
  }

  /** Zooms around the pane's centre. */
  zoomBy(factor: number): void {
    this.setMoved(true);
    this.root.call(this.zoomBehavior.scaleBy, factor);
  }

  /** Focuses the current leg's element (or the first leg). */
  focus(): void {
    const key = this.focused ?? this.layout.nodes.find((n) => n.leg)?.callId;
    if (key === undefined) return;
    this.setFocus(key, true);
    this.nodeElement(key)?.focus();
  }

  /** Runs `action` with every item of the graph in the DOM (for the export), then trims back to the view. */
  withEverything<T>(action: () => T): T {
    this.window = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };
    this.draw(this.window);
    try {
      return action();
    } finally {
      this.window = null;
      this.cull(true);
    }
  }

  /** How many legs are in the DOM (the rest are laid out, drawn when scrolled to). */
  get renderedLegs(): number {
    return this.viewport.select<SVGGElement>('.layer-nodes').node()!.childElementCount;
  }

  private nodeElement(callId: string): SVGGElement | null {
    for (const node of this.viewport.select<SVGGElement>('.layer-nodes').node()!.children) {
      if ((node as SVGGElement).dataset.callId === callId) return node as SVGGElement;
    }
    return null;
  }

  /** The part of the layout in view, in layout coordinates. */
  private visible(): Rect {
    const { width, height } = this.svg.getBoundingClientRect();
    const t = this.transform;
    const x0 = -t.x / t.k, y0 = -t.y / t.k;
    return { x0, y0, x1: x0 + Math.max(width, 1) / t.k, y1: y0 + Math.max(height, 1) / t.k };
  }

  /** Keeps the DOM to the items in and around the view; redraws only when the view leaves the drawn window. */
  private cull(force: boolean): void {
    const view = this.visible();
    const w = this.window;
    if (!force && w && view.x0 >= w.x0 && view.y0 >= w.y0 && view.x1 <= w.x1 && view.y1 <= w.y1) return;
    const mx = (view.x1 - view.x0) * WINDOW_MARGIN, my = (view.y1 - view.y0) * WINDOW_MARGIN;
    this.window = { x0: view.x0 - mx, y0: view.y0 - my, x1: view.x1 + mx, y1: view.y1 + my };
    this.draw(this.window);
  }

  private draw(window: Rect): void {
    const flows = visibleFlows(this.layout.flows, window);
    const ids = new Set(flows.map((f) => f.flow.id));
    const nodes = this.layout.nodes.filter((n) => ids.has(n.flowId) && intersects(n.x, n.y, n.x + n.w, n.y + n.h, window));
    const shown = new Set(nodes.map((n) => n.callId));
    const edges = this.layout.edges.filter((e) => ids.has(e.from.flowId) && (shown.has(e.from.callId) || shown.has(e.to.callId) || edgeCrosses(e, window)));
    const segments = this.layout.segments.filter((s) => ids.has(s.flowId) && intersects(s.x, s.y, s.x + s.w, s.y + s.h, window));
    this.drawFlows(flows);
    this.drawSegments(segments);
    this.drawEdges(edges);
    this.drawNodes(nodes);
    this.updateFocus();
  }

  private defs(): void {
    const defs = this.root.append('defs');
    for (const field of Object.values(FIELD_CLASS)) {
      for (const state of ['', '-hl']) {
        defs.append('marker').attr('id', `ce-arrow-${field}${state}`).attr('class', `arrow arrow-${field}${state}`)
          .attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5).attr('markerWidth', 7).attr('markerHeight', 7)
          .attr('markerUnits', 'userSpaceOnUse').attr('orient', 'auto-start-reverse')
          .append('path').attr('d', 'M0,0L10,5L0,10Z');
      }
    }
    // Monitors are also told apart by a hatched fill (for colour-blind users and high contrast).
    const hatch = defs.append('pattern').attr('id', 'ce-hatch-monitor').attr('patternUnits', 'userSpaceOnUse')
      .attr('width', 7).attr('height', 7).attr('patternTransform', 'rotate(45)');
    hatch.append('rect').attr('class', 'hatch-bg').attr('width', 7).attr('height', 7);
    hatch.append('line').attr('class', 'hatch-line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 7);
  }

  private drawFlows(items: FlowBox[]): void {
    const multi = this.layout.flows.length > 1;
    this.viewport.select('.layer-flows').selectAll<SVGGElement, FlowBox>('g.flow')
      .data(items, (d) => d.flow.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'flow').attr('data-flow-id', (d) => d.flow.id).attr('transform', (d) => `translate(${d.x},${d.y})`);
        g.append('rect').attr('class', 'flow-box').attr('rx', 8).attr('width', (d) => d.w).attr('height', (d) => d.h).classed('single', !multi);
        g.append('text').attr('class', 'flow-title').attr('x', 22).attr('y', 27).text((d) => `Flow ${d.flow.id}`);
        g.append('text').attr('class', 'flow-meta').attr('x', (d) => 22 + (6 + d.flow.id.length) * 8.2 + 12).attr('y', 27).text((d) => flowMeta(d.flow));
        return g;
      });
  }

  private drawSegments(items: SegmentBox[]): void {
    this.viewport.select('.layer-segments').selectAll<SVGGElement, SegmentBox>('g.segment')
      .data(items, (d) => `${d.flowId}:${d.index}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'segment').classed('odd', (d) => d.index % 2 === 1)
          .attr('data-transfer-index', (d) => d.index).attr('transform', (d) => `translate(${d.x},${d.y})`);
        g.append('rect').attr('class', 'segment-band').attr('rx', 6).attr('width', (d) => d.w).attr('height', (d) => d.h);
        g.append('text').attr('class', 'segment-label').attr('x', 12).attr('y', 17)
          .text((d) => (d.index === 0 ? `Before transfer · ${formatClock(d.time)}` : `⇄ Transfer ${d.index} · ${formatClock(d.time)}`));
        return g;
      });
  }

  private drawEdges(items: EdgeBox[]): void {
    this.viewport.select('.layer-edges').selectAll<SVGGElement, EdgeBox>('g.edge')
      .data(items, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', (d) => `edge edge-${FIELD_CLASS[d.edge.field]}`)
          .attr('data-from', (d) => d.edge.from).attr('data-to', (d) => d.edge.to).attr('data-field', (d) => d.edge.field);
        g.append('path').attr('class', 'edge-line').attr('d', (d) => d.d).attr('marker-end', (d) => `url(#ce-arrow-${FIELD_CLASS[d.edge.field]})`);
        g.append('text').attr('class', 'edge-label').attr('x', (d) => d.label.x).attr('y', (d) => d.label.y).attr('text-anchor', (d) => d.label.anchor).text((d) => d.edge.field);
        return g;
      });
    if (this.hovered !== null) this.relate(this.hovered, true);
  }

  private drawNodes(items: LayoutNode[]): void {
    this.viewport.select('.layer-nodes').selectAll<SVGGElement, LayoutNode>('g.node')
      .data(items, (d) => d.callId)
      .join((enter) => enter.append('g')
        .attr('class', (d) => `node role-${d.kind}${d.leg?.severity ? ` severity-${d.leg.severity}` : ''}`)
        .attr('transform', (d) => `translate(${d.x},${d.y})`)
        .attr('data-call-id', (d) => d.callId)
        .attr('data-role', (d) => (d.leg ? d.leg.role : 'missing'))
        .attr('data-flow-id', (d) => d.flowId)
        .attr('data-transfer-index', (d) => d.leg?.transferIndex ?? d.segment)
        .attr('data-monitor-kind', (d) => d.leg?.monitorKind ?? null)
        .attr('tabindex', -1)
        .attr('role', (d) => (d.leg ? 'button' : 'img'))
        .attr('aria-label', (d) => (d.leg ? legLabel(d.leg) : `Call ${d.callId}, referenced in ${d.missing?.field} but not in the capture`))
        .each(function (d) { drawNode(this, d); }));
  }

  /** One set of listeners on the layer for every node (cheaper than listeners per node). */
  private listen(): void {
    const layer = this.viewport.select<SVGGElement>('.layer-nodes').node()!;
    const nodeOf = (target: EventTarget | null) => {
      const element = target instanceof Element ? target.closest<SVGGElement>('g.node') : null;
      return element ? { element, datum: select<SVGGElement, LayoutNode>(element).datum() } : null;
    };
    layer.addEventListener('click', (event) => {
      const hit = nodeOf(event.target);
      if (!hit?.datum.leg) return;
      const flow = this.flowOf(hit.datum);
      this.focused = hit.datum.callId;
      this.updateFocus();
      this.callbacks.focusLeg(hit.datum.callId);
      if (flow) this.callbacks.activate(flow, hit.datum.leg);
      event.stopPropagation();
    });
    layer.addEventListener('pointerover', (event) => {
      const hit = nodeOf(event.target);
      if (!hit || hit.datum.callId === this.hovered) return;
      if (this.hovered !== null) this.relate(this.hovered, false);
      this.hovered = hit.datum.callId;
      this.relate(this.hovered, true);
      this.tip = this.tipFor(hit.datum);
      this.tooltip.show(this.tip, event.clientX, event.clientY);
    });
    layer.addEventListener('pointermove', (event) => {
      if (this.hovered !== null) this.tooltip.show(this.tip, event.clientX, event.clientY);
    });
    layer.addEventListener('pointerout', (event) => {
      const to = nodeOf(event.relatedTarget);
      if (to && to.datum.callId === this.hovered) return;
      if (this.hovered !== null) this.relate(this.hovered, false);
      this.hovered = null;
      this.tooltip.hide();
    });
    layer.addEventListener('focusin', (event) => {
      const hit = nodeOf(event.target);
      if (hit) this.relate(hit.datum.callId, true);
    });
    layer.addEventListener('focusout', (event) => {
      const hit = nodeOf(event.target);
      if (hit && hit.datum.callId !== this.hovered) this.relate(hit.datum.callId, false);
    });
  }

  private flowOf(node: LayoutNode): FlowView | undefined {
    return this.layout.flows.find((f) => f.flow.id === node.flowId)?.flow;
  }

  private tipFor(d: LayoutNode): TipLine[] {
    const flow = this.flowOf(d);
    if (d.leg && flow) return [...legTip(flow, d.leg), { text: 'Click: show its first event', className: 'tip-hint' }];
    return [
      { text: `Call ${d.callId}`, className: 'tip-title' },
      { text: `Named in ${d.missing?.field ?? 'a reference'} by call ${d.missing?.from ?? '?'}, but no event of it is in the capture.` },
    ];
  }

  private relate(callId: string, on: boolean): void {
    const layer = this.viewport.select('.layer-edges');
    layer.selectAll<SVGGElement, EdgeBox>('g.edge')
      .filter((d) => d.edge.from === callId || d.edge.to === callId)
      .classed('related', on)
      .select('path')
      .attr('marker-end', (d) => `url(#ce-arrow-${FIELD_CLASS[d.edge.field]}${on ? '-hl' : ''})`);
  }

  private updateFocus(): void {
    const current = this.focused ?? this.layout.nodes.find((n) => n.leg)?.callId ?? null;
    let rendered = false;
    this.viewport.select('.layer-nodes').selectAll<SVGGElement, LayoutNode>('g.node')
      .classed('focused', (d) => d.callId === this.focused)
      .attr('tabindex', (d) => (d.callId === current ? ((rendered = true), 0) : -1))
      .attr('aria-pressed', (d) => (d.leg ? String(d.callId === this.focused) : null));
    // When the current leg is scrolled out of the DOM, the pane itself takes the tab stop and hands it on.
    this.svg.setAttribute('tabindex', rendered || current === null ? '-1' : '0');
  }

  private scrollTo(node: LayoutNode): void {
    const rect = this.svg.getBoundingClientRect();
    const t = this.transform;
    const x0 = t.x + node.x * t.k, y0 = t.y + node.y * t.k, x1 = x0 + node.w * t.k, y1 = y0 + node.h * t.k;
    if (x0 >= 0 && y0 >= 0 && x1 <= rect.width && y1 <= rect.height) return;
    this.root.call(this.zoomBehavior.translateTo, node.x + node.w / 2, node.y + node.h / 2);
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as Element;
    const current = target instanceof SVGGElement && target.dataset.callId ? this.layout.nodeByCallId.get(target.dataset.callId) : undefined;
    let next: LayoutNode | undefined;
    switch (event.key) {
      case 'ArrowRight': case 'ArrowLeft': case 'ArrowUp': case 'ArrowDown':
        next = current ? nearest(this.layout.nodes, current, event.key) : this.layout.nodes[0];
        break;
      case 'Home': next = this.layout.nodes[0]; break;
      case 'End': next = this.layout.nodes[this.layout.nodes.length - 1]; break;
      case 'Enter': case ' ':
        if (current?.leg) {
          const flow = this.flowOf(current);
          if (flow) this.callbacks.activate(flow, current.leg);
          event.preventDefault();
        }
        return;
      case '+': case '=': this.zoomBy(1.25); event.preventDefault(); return;
      case '-': case '_': this.zoomBy(0.8); event.preventDefault(); return;
      case '0': this.fit(); event.preventDefault(); return;
      default: return;
    }
    event.preventDefault();
    if (!next) return;
    this.focused = next.callId;
    this.scrollTo(next);
    this.updateFocus();
    this.nodeElement(next.callId)?.focus();
    if (next.leg) this.callbacks.focusLeg(next.callId);
  }
}

function intersects(x0: number, y0: number, x1: number, y1: number, r: Rect): boolean {
  return x1 >= r.x0 && x0 <= r.x1 && y1 >= r.y0 && y0 <= r.y1;
}

/** Flows whose box meets the window (flows are stacked top to bottom: a binary search finds the first). */
function visibleFlows(flows: readonly FlowBox[], r: Rect): FlowBox[] {
  let low = 0, high = flows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (flows[mid]!.y + flows[mid]!.h < r.y0) low = mid + 1;
    else high = mid;
  }
  const result: FlowBox[] = [];
  for (let i = low; i < flows.length && flows[i]!.y <= r.y1; i++) if (intersects(flows[i]!.x, flows[i]!.y, flows[i]!.x + flows[i]!.w, flows[i]!.y + flows[i]!.h, r)) result.push(flows[i]!);
  return result;
}

/** Whether an edge between two nodes outside the window may still cross it (its bounding box, lanes above included). */
function edgeCrosses(e: EdgeBox, r: Rect): boolean {
  const x0 = Math.min(e.from.x, e.to.x), x1 = Math.max(e.from.x + e.from.w, e.to.x + e.to.w);
  const y0 = Math.min(e.from.y, e.to.y) - 120, y1 = Math.max(e.from.y + e.from.h, e.to.y + e.to.h);
  return intersects(x0, y0, x1, y1, r);
}

/** The closest node in the direction of an arrow key (rows count more than columns across). */
function nearest(nodes: readonly LayoutNode[], from: LayoutNode, key: string): LayoutNode | undefined {
  const cx = from.x + from.w / 2, cy = from.y + from.h / 2;
  let best: LayoutNode | undefined, bestScore = Infinity;
  for (const node of nodes) {
    if (node === from) continue;
    const dx = node.x + node.w / 2 - cx, dy = node.y + node.h / 2 - cy;
    const [along, across] = key === 'ArrowRight' ? [dx, dy] : key === 'ArrowLeft' ? [-dx, dy] : key === 'ArrowDown' ? [dy, dx] : [-dy, dx];
    if (along <= 1) continue;
    const score = along + Math.abs(across) * 2.5;
    if (score < bestScore) {
      bestScore = score;
      best = node;
    }
  }
  return best;
}

function flowMeta(flow: FlowView): string {
  const parts = [formatDateTime(flow.start), plural(flow.legs.length, 'leg')];
  if (flow.transfers > 0) parts.push(plural(flow.transfers, 'transfer'));
  if (flow.start !== null && flow.end !== null && flow.end > flow.start) parts.push(formatDuration(flow.end - flow.start));
  if (flow.errors > 0) parts.push(plural(flow.errors, 'error'));
  if (flow.warnings > 0) parts.push(plural(flow.warnings, 'warning'));
  return parts.join('  ·  ');
}

/** Draws one node's shape and text into its group (text only through textContent). */
function drawNode(group: SVGGElement, d: LayoutNode): void {
  const g = select(group);
  const path = shapePath(d.kind, d.w, d.h);
  g.append('path').attr('class', 'shape').attr('d', path).attr('stroke-dasharray', shapeDash(d.kind));
  if (d.kind === 'monitor') g.append('path').attr('class', 'shape-pattern').attr('d', path);
  const tip = d.kind === 'entry_point' ? 14 : 0;
  const left = 14;
  const room = d.w - left - 10 - tip;
  if (d.leg) {
    const leg = d.leg;
    const badge = leg.severity === 'error' || leg.severity === 'warning';
    g.append('text').attr('class', 'caption').attr('x', left).attr('y', 17).text(roleCaption(leg.role, leg.monitorKind, leg.roleConfirmed));
    g.append('text').attr('class', 'name').attr('x', left).attr('y', 36).text(clip(legName(leg), Math.floor((room - (badge ? 20 : 0)) / NAME_CHAR)));
    const withDirection = `${leg.callId}${leg.direction ? ` · ${leg.direction === 'inbound' ? 'in' : 'out'}` : ''}`;
    // The call id whole rather than its direction (which the tooltip gives).
    const meta = withDirection.length <= Math.floor(room / MONO_CHAR) ? withDirection : leg.callId;
    g.append('text').attr('class', 'meta').attr('x', left).attr('y', 53).text(clip(meta, Math.floor(room / MONO_CHAR)));
    if (badge) {
      const problems = leg.events.reduce((sum, e) => sum + (e.severity === leg.severity ? 1 : 0), 0);
      const b = g.append('g').attr('class', `badge badge-${leg.severity}`).attr('transform', `translate(${d.w - tip - 16},16)`);
      if (leg.severity === 'error') b.append('circle').attr('r', 8);
      else b.append('path').attr('d', 'M0,-8L8.5,7H-8.5Z');
      b.append('text').attr('y', leg.severity === 'error' ? 3.5 : 5).text(problems > 9 ? '9+' : String(problems));
    }
  } else {
    g.append('text').attr('class', 'caption').attr('x', left).attr('y', 17).text('NOT IN CAPTURE');
    g.append('text').attr('class', 'name').attr('x', left).attr('y', 36).text(clip(`Call ${d.callId}`, Math.floor(room / NAME_CHAR)));
    g.append('text').attr('class', 'meta').attr('x', left).attr('y', 53).text(clip(`named in ${d.missing?.field ?? ''}`, Math.floor(room / MONO_CHAR)));
  }
}
