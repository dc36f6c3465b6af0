// The timeline: one lane per leg on a shared UTC time axis, state segments and event ticks,
// transfers marked. Lanes are painted on a canvas (only the visible lanes and, within them, only the
// visible events, at most one mark per pixel), so 100,000 events pan and zoom smoothly; lane labels
// are SVG (data-call-id, data-role) and the axis is d3-axis. Time zooms and pans with d3-zoom.
import { axisTop, bisector, scaleUtc, select, utcFormat, zoom, zoomIdentity, type ScaleTime, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { EventView, FlowView, LegView } from '../src/shared/viewModel';
import { eventTip } from './describe';
import { clip, formatDuration, formatOffset, legName, roleCaption } from './format';
import { CanvasPainter, type Painter } from './painter';
import { shapeDash, shapePath, roleToken } from './shapes';
import { categoryOf, STATE_STYLES, type StateCategory } from './states';
import { theme, type StateToken, type Theme } from './theme';
import type { Tooltip } from './tooltip';
import type { ViewModel } from '../src/shared/viewModel';

export const GUTTER = 272;
const FLOW_ROW = 30;
const LANE_H = 38;
const BAR_H = 18;
const AXIS_H = 30;
const HIT = 6;
/** Above this many lanes the export keeps to the lanes in view. */
const EXPORT_LANES = 300;

const TOKENS: StateToken[] = ['alerting', 'queued', 'talking', 'held', 'monitoring', 'voicemail', 'other'];

/** One row of the timeline: a flow's header or a leg's lane. */
interface Lane {
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

/** What the timeline tells the application. */
export interface TimelineCallbacks {
  /** An event was clicked or activated with Enter. */
  activate(flow: FlowView, leg: LegView, index: number): void;
  /** Keyboard focus moved to an event. */
  focusEvent(flow: FlowView, leg: LegView, index: number): void;
}

interface Focus {
  lane: number;
  index: number | null;
}

const byTime = bisector((t: number) => t);

/** The timeline pane. */
export class TimelineView {
  private readonly axisSvg: SVGSVGElement;
  private readonly scroller: HTMLDivElement;
  private readonly stage: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly gutter: SVGSVGElement;
  readonly plot: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly zoomBehavior: ZoomBehavior<HTMLDivElement, unknown>;
  private lanes: Lane[] = [];
  private contentHeight = 0;
  private base: ScaleTime<number, number> = scaleUtc();
  private transform: ZoomTransform = zoomIdentity;
  private width = 0;
  private height = 0;
  private frame = 0;
  private focus: Focus | null = null;
  private hover: { lane: number; index: number } | null = null;
  private model: ViewModel | null = null;
  private readonly laneByCallId = new Map<string, number>();
  private flows: readonly FlowView[] = [];
  private emptyText = '';
  private aligned = false;
  private readonly empty: HTMLElement;

  constructor(container: HTMLElement, private readonly callbacks: TimelineCallbacks, private readonly tooltip: Tooltip) {
    const axisRow = container.appendChild(document.createElement('div'));
    axisRow.className = 'tl-axis-row';
    this.axisSvg = select(axisRow).append('svg').attr('class', 'tl-axis').attr('aria-hidden', 'true').node()!;
    this.scroller = container.appendChild(document.createElement('div'));
    this.scroller.className = 'tl-scroll';
    this.stage = this.scroller.appendChild(document.createElement('div'));
    this.stage.className = 'tl-stage';
    this.spacer = this.scroller.appendChild(document.createElement('div'));
    this.spacer.className = 'tl-spacer';
    this.gutter = select(this.stage).append('svg').attr('class', 'tl-gutter').attr('role', 'list').attr('aria-label', 'Lanes').node()!;
    this.plot = this.stage.appendChild(document.createElement('div'));
    this.plot.className = 'tl-plot';
    this.plot.tabIndex = 0;
    this.plot.setAttribute('role', 'application');
    this.plot.setAttribute('aria-roledescription', 'timeline');
    this.canvas = this.plot.appendChild(document.createElement('canvas'));
    this.canvas.setAttribute('aria-hidden', 'true');
    this.empty = container.appendChild(document.createElement('div'));
    this.empty.className = 'empty-note';
    this.empty.hidden = true;

    this.zoomBehavior = zoom<HTMLDivElement, unknown>()
      .scaleExtent([1, 1e6])
      .clickDistance(4)
      // Shift+wheel scrolls the lanes instead of zooming time.
      .filter((event: Event) => (event.type === 'wheel' ? !(event as WheelEvent).shiftKey : !(event as MouseEvent).ctrlKey && !(event as MouseEvent).button))
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        this.transform = event.transform;
        const source = event.sourceEvent;
        // Dragging also scrolls the lanes vertically.
        if (source && source.type === 'mousemove') this.scroller.scrollTop -= (source as MouseEvent).movementY;
        this.tooltip.hide();
        this.schedule();
      });
    select(this.plot).call(this.zoomBehavior).on('dblclick.zoom', null);
    this.plot.addEventListener('wheel', (event) => {
      if (!event.shiftKey) return;
      this.scroller.scrollTop += event.deltaY || event.deltaX;
      event.preventDefault();
    }, { passive: false });
    this.scroller.addEventListener('scroll', () => {
      this.tooltip.hide();
      this.schedule();
    }, { passive: true });
    this.plot.addEventListener('pointermove', (event) => this.onPointer(event));
    this.plot.addEventListener('pointerleave', () => {
      this.hover = null;
      this.plot.style.cursor = '';
      this.tooltip.hide();
      this.schedule();
    });
    this.plot.addEventListener('click', (event) => this.onClick(event));
    this.plot.addEventListener('keydown', (event) => this.onKey(event));
    this.gutter.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<SVGGElement>('[data-lane]');
      if (!row) return;
      const lane = this.lanes[Number(row.dataset.lane)];
      if (lane?.leg && lane.leg.events.length > 0) {
        this.setFocusLane(Number(row.dataset.lane), 0, false);
        this.callbacks.activate(lane.flow, lane.leg, 0);
      }
    });
    new ResizeObserver(() => this.resize()).observe(this.scroller);
  }

  /** Lays out lanes for the flows; keeps the visible time window when `keepView` and the user has zoomed or panned. */
  render(model: ViewModel, flows: readonly FlowView[], keepView: boolean, emptyText: string): void {
    // New events of the same flows: a view the user zoomed or panned stays; a fitted one grows with the capture.
    const fitted = this.transform.k === 1 && this.transform.x === 0;
    const previous = keepView && this.lanes.length > 0 && !fitted ? this.visibleDomain() : null;
    this.model = model;
    this.flows = flows;
    this.emptyText = emptyText;
    this.lanes = buildLanes(flows, this.aligned);
    this.laneByCallId.clear();
    this.lanes.forEach((lane, i) => lane.leg && this.laneByCallId.set(lane.leg.callId, i));
    const last = this.lanes[this.lanes.length - 1];
    this.contentHeight = last ? last.y + last.h + 8 : 0;
    const [t0, t1] = timeExtent(this.lanes);
    this.base = scaleUtc().domain([new Date(t0), new Date(t1)]);
    this.zoomBehavior.scaleExtent([1, Math.max(2, (t1 - t0) / 20)]);
    if (this.focus && !this.lanes[this.focus.lane]) this.focus = null;
    this.hover = null;
    this.empty.hidden = flows.length > 0;
    this.empty.textContent = emptyText;
    const events = flows.reduce((sum, flow) => sum + flow.events, 0);
    this.plot.setAttribute('aria-label', `Timeline of ${flows.length} flow(s), ${this.lanes.filter((l) => l.leg).length} lane(s), ${events} event(s). `
      + 'Left and right arrows move between events, up and down between lanes, Enter shows the event, plus and minus zoom, 0 fits.');
    this.resize();
    if (previous) this.showDomain(previous[0], previous[1]);
    else this.fit();
  }

  /** Aligns every flow's start at 0 (to compare flows), or puts them back on the shared clock. */
  setAligned(aligned: boolean): void {
    if (aligned === this.aligned) return;
    this.aligned = aligned;
    if (this.model) this.render(this.model, this.flows, false, this.emptyText);
  }

  /** Shows the whole time range. */
  fit(): void {
    select(this.plot).call(this.zoomBehavior.transform, zoomIdentity);
  }

  /** Zooms time around the focused event, else the centre. */
  zoomBy(factor: number): void {
    const x = this.focusX() ?? this.width / 2;
    select(this.plot).call(this.zoomBehavior.scaleBy, factor, [x, 0]);
  }

  /** Highlights a leg's lane (and one of its events); `reveal` scrolls and pans it into view. */
  setFocusLeg(callId: string | null, index: number | null, reveal: boolean): void {
    const lane = callId === null ? undefined : this.laneByCallId.get(callId);
    if (lane === undefined) {
      this.focus = null;
      this.schedule();
      return;
    }
    this.setFocusLane(lane, index, reveal);
  }

  /** Focuses the timeline for the keyboard. */
  focusPlot(): void {
    this.plot.focus();
  }

  /** The x of an event in the plot's coordinates (for tests and the tooltip). */
  eventX(callId: string, index: number): number | null {
    const lane = this.laneByCallId.get(callId);
    const time = lane === undefined ? null : laneTime(this.lanes[lane]!, index);
    return time === null ? null : this.x()(time);
  }

  /** The y of a leg's lane centre in the plot's coordinates, if it is laid out. */
  laneY(callId: string): number | null {
    const lane = this.laneByCallId.get(callId);
    return lane === undefined ? null : this.lanes[lane]!.y + this.lanes[lane]!.h / 2 - this.scroller.scrollTop;
  }

  /** Draws the current view into an SVG group (gutter, axis and lanes); returns its size. */
  exportInto(painter: Painter): { width: number; height: number } {
    const t = theme();
    const x = this.x();
    // A long list exports what is in view; a short one exports every lane.
    const lanes = this.lanes.length > EXPORT_LANES ? this.visibleLanes(this.scroller.scrollTop, this.height) : this.lanes;
    const first = lanes[0], lastLane = lanes[lanes.length - 1];
    const y0 = first ? first.y : 0;
    const height = lastLane ? lastLane.y + lastLane.h - y0 : 0;
    const width = GUTTER + this.width;
    painter.rects({ color: t.bg }, [0, 0, width, AXIS_H + height]);
    paintAxis(painter, x, this.width, GUTTER, 0, t, this.aligned);
    painter.clip(0, AXIS_H, width, height, () => {
      paintGutter(painter, lanes, y0 - AXIS_H, t);
      painter.clip(GUTTER, AXIS_H, this.width, height, () => {
        paintLanes(painter, lanes, x, this.width, GUTTER, y0 - AXIS_H, t, this.focusState(), null);
      });
    });
    return { width, height: AXIS_H + height };
  }

  /** The visible time window. */
  visibleDomain(): [number, number] {
    const [a, b] = this.x().domain();
    return [a!.getTime(), b!.getTime()];
  }

  private x(): ScaleTime<number, number> {
    return this.transform.rescaleX(this.base);
  }

  private showDomain(t0: number, t1: number): void {
    const [b0, b1] = this.base.range();
    const x0 = this.base(t0), x1 = this.base(t1);
    if (!(x1 > x0)) return this.fit();
    const k = (b1! - b0!) / (x1 - x0);
    select(this.plot).call(this.zoomBehavior.transform, zoomIdentity.translate(b0! - x0 * k, 0).scale(k));
  }

  private resize(): void {
    const rect = this.scroller.getBoundingClientRect();
    this.width = Math.max(0, Math.floor(rect.width - GUTTER));
    this.height = Math.max(0, Math.floor(rect.height));
    this.stage.style.height = `${this.height}px`;
    this.spacer.style.height = `${Math.max(0, this.contentHeight - this.height)}px`;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(this.width * ratio));
    this.canvas.height = Math.max(1, Math.round(this.height * ratio));
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.base.range([10, Math.max(11, this.width - 14)]);
    this.zoomBehavior.extent([[0, 0], [Math.max(1, this.width), Math.max(1, this.height)]])
      .translateExtent([[0, -Infinity], [Math.max(1, this.width), Infinity]]);
    select(this.axisSvg).attr('width', GUTTER + this.width).attr('height', AXIS_H);
    this.gutter.setAttribute('width', String(GUTTER));
    this.gutter.setAttribute('height', String(this.height));
    this.draw();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws synchronously (the tests time this). */
  draw(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const t = theme();
    const x = this.x();
    const top = this.scroller.scrollTop;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const lanes = this.visibleLanes(top, this.height);
    paintLanes(new CanvasPainter(ctx), lanes, x, this.width, 0, top, t, this.focusState(), this.hoverState());
    this.drawAxis(x);
    this.drawGutter(lanes, top);
  }

  private focusState(): { lane: Lane; index: number | null } | null {
    return this.focus ? { lane: this.lanes[this.focus.lane]!, index: this.focus.index } : null;
  }

  private hoverState(): { lane: Lane; index: number } | null {
    return this.hover ? { lane: this.lanes[this.hover.lane]!, index: this.hover.index } : null;
  }

  private visibleLanes(top: number, height: number): Lane[] {
    const lanes = this.lanes;
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

  private drawAxis(x: ScaleTime<number, number>): void {
    const svg = select(this.axisSvg);
    svg.style('visibility', this.lanes.length > 0 ? 'visible' : 'hidden');
    const count = Math.max(2, Math.floor(this.width / 120));
    const ticks = x.ticks(count);
    const format = tickFormat(ticks, this.aligned);
    let g = svg.select<SVGGElement>('g.axis');
    if (g.empty()) {
      g = svg.append('g').attr('class', 'axis');
      svg.append('text').attr('class', 'axis-caption').attr('x', 12).attr('y', 19);
    }
    g.attr('transform', `translate(${GUTTER},${AXIS_H - 1})`)
      .call(axisTop<Date>(x).tickValues(ticks).tickFormat((d) => format(d)).tickSizeOuter(0).tickSize(5));
    const [d0] = x.domain();
    svg.select('text.axis-caption').text(axisCaption(d0, this.aligned));
  }

  private drawGutter(lanes: readonly Lane[], top: number): void {
    const rows = select(this.gutter).selectAll<SVGGElement, Lane>('g.lane-label')
      .data(lanes, (lane) => (lane.leg ? lane.leg.callId : `flow:${lane.flow.id}`))
      .join((enter) => enter.append('g').each(function (lane) { drawLabel(this, lane); }));
    rows.attr('transform', (lane) => `translate(0,${lane.y - top})`)
      .attr('data-lane', (lane) => lane.index)
      .classed('focused', (lane) => this.focus !== null && this.focus.lane === lane.index);
  }

  private setFocusLane(lane: number, index: number | null, reveal: boolean): void {
    this.focus = { lane, index };
    if (reveal) this.reveal(lane, index);
    this.schedule();
  }

  private reveal(laneIndex: number, index: number | null): void {
    const lane = this.lanes[laneIndex]!;
    const top = this.scroller.scrollTop;
    if (lane.y < top || lane.y + lane.h > top + this.height) this.scroller.scrollTop = Math.max(0, lane.y - this.height / 3);
    const time = laneTime(lane, index);
    if (time !== null) {
      const px = this.x()(time);
      if (px < 0 || px > this.width) {
        select(this.plot).call(this.zoomBehavior.translateBy, (this.width / 2 - px) / this.transform.k, 0);
      }
    }
  }

  private focusX(): number | null {
    const focus = this.focusState();
    const time = focus ? laneTime(focus.lane, focus.index) : null;
    return time === null ? null : this.x()(time);
  }

  /** The event (or segment) under a point of the plot. */
  private hit(px: number, py: number): { lane: number; index: number; kind: 'event' | 'segment' } | null {
    const y = py + this.scroller.scrollTop;
    let laneIndex = -1;
    for (const lane of this.visibleLanes(y, 1)) if (y >= lane.y && y < lane.y + lane.h) laneIndex = lane.index;
    const lane = this.lanes[laneIndex];
    if (!lane?.leg || lane.times.length === 0) return null;
    const x = this.x();
    const time = x.invert(px).getTime();
    const i = byTime.center(lane.times, time);
    if (Math.abs(x(lane.times[i]!) - px) <= HIT) return { lane: laneIndex, index: lane.order[i]!, kind: 'event' };
    const mid = lane.y + lane.h / 2;
    if (Math.abs(y - mid) <= BAR_H / 2 + 2) {
      for (let s = 0; s < lane.segStart.length; s++) {
        if (time >= lane.segStart[s]! && time < lane.segEnd[s]!) return { lane: laneIndex, index: lane.segEvent[s]!, kind: 'segment' };
      }
    }
    return null;
  }

  private onPointer(event: PointerEvent): void {
    if (event.buttons) return;
    const rect = this.plot.getBoundingClientRect();
    const hit = this.hit(event.clientX - rect.left, event.clientY - rect.top);
    const before = this.hover;
    this.hover = hit && hit.kind === 'event' ? { lane: hit.lane, index: hit.index } : null;
    this.plot.style.cursor = hit ? 'pointer' : '';
    if (hit && this.model) {
      const lane = this.lanes[hit.lane]!;
      const lines = hit.kind === 'event'
        ? eventTip(this.model, lane.flow, lane.leg!, lane.leg!.events[hit.index]!, this.actionText())
        : this.segmentTip(lane, hit.index);
      this.tooltip.show(lines, event.clientX, event.clientY);
    } else {
      this.tooltip.hide();
    }
    if (before?.lane !== this.hover?.lane || before?.index !== this.hover?.index) this.schedule();
  }

  /** What a click does, for the tooltip's last line. */
  actionText = (): string => 'Click: show this event';

  private segmentTip(lane: Lane, index: number): ReturnType<typeof eventTip> {
    const leg = lane.leg!;
    const s = Array.prototype.indexOf.call(lane.segEvent, index) as number;
    const start = lane.segStart[s]! + lane.offset, end = lane.segEnd[s]! + lane.offset;
    const event = leg.events[index]!;
    const lines = [
      { text: event.state, className: 'tip-title' },
      { text: `${legName(leg)} · ${roleCaption(leg.role, leg.monitorKind, leg.roleConfirmed).toLowerCase()}`, className: 'tip-role' },
      { text: lane.segOpen[s] ? `From ${formatOffsetFrom(lane.flow, start)}, no later state in the capture` : `${formatDuration(end - start)}, from ${formatOffsetFrom(lane.flow, start)} to ${formatOffsetFrom(lane.flow, end)}` },
      { text: `Began at line ${event.line}`, className: 'tip-muted' },
      { text: this.actionText().replace('this event', 'the event that began it'), className: 'tip-hint' },
    ];
    return lines;
  }

  private onClick(event: MouseEvent): void {
    const rect = this.plot.getBoundingClientRect();
    const hit = this.hit(event.clientX - rect.left, event.clientY - rect.top);
    if (!hit) return;
    const lane = this.lanes[hit.lane]!;
    this.setFocusLane(hit.lane, hit.index, false);
    this.callbacks.focusEvent(lane.flow, lane.leg!, hit.index);
    this.callbacks.activate(lane.flow, lane.leg!, hit.index);
  }

  private onKey(event: KeyboardEvent): void {
    const legLanes = this.lanes.map((lane, i) => (lane.leg && lane.times.length > 0 ? i : -1)).filter((i) => i >= 0);
    if (legLanes.length === 0) return;
    let focus = this.focus && this.lanes[this.focus.lane]?.leg ? this.focus : null;
    const position = (f: Focus) => {
      const lane = this.lanes[f.lane]!;
      const k = f.index === null ? -1 : Array.prototype.indexOf.call(lane.order, f.index) as number;
      return { lane, k };
    };
    const move = (laneIndex: number, k: number) => {
      const lane = this.lanes[laneIndex]!;
      const clamped = Math.max(0, Math.min(lane.times.length - 1, k));
      focus = { lane: laneIndex, index: lane.order[clamped]! };
    };
    switch (event.key) {
      case 'ArrowRight': case 'ArrowLeft': {
        if (!focus) { move(legLanes[0]!, 0); break; }
        const { k } = position(focus);
        move(focus.lane, k < 0 ? 0 : k + (event.key === 'ArrowRight' ? 1 : -1));
        break;
      }
      case 'ArrowDown': case 'ArrowUp': {
        if (!focus) { move(legLanes[0]!, 0); break; }
        const at = legLanes.indexOf(focus.lane);
        const next = legLanes[Math.max(0, Math.min(legLanes.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]!;
        const { lane, k } = position(focus);
        const time = k >= 0 ? lane.times[k]! : this.visibleDomain()[0];
        move(next, byTime.center(this.lanes[next]!.times, time));
        break;
      }
      case 'Home': case 'End': {
        const laneIndex = focus ? focus.lane : legLanes[0]!;
        move(laneIndex, event.key === 'Home' ? 0 : this.lanes[laneIndex]!.times.length - 1);
        break;
      }
      case 'PageDown': case 'PageUp':
        this.scroller.scrollTop += (event.key === 'PageDown' ? 1 : -1) * this.height * 0.9;
        event.preventDefault();
        return;
      case 'Enter': case ' ':
        if (focus && focus.index !== null) {
          const lane = this.lanes[focus.lane]!;
          this.callbacks.activate(lane.flow, lane.leg!, focus.index);
        }
        event.preventDefault();
        return;
      case '+': case '=': this.zoomBy(1.5); event.preventDefault(); return;
      case '-': case '_': this.zoomBy(1 / 1.5); event.preventDefault(); return;
      case '0': this.fit(); event.preventDefault(); return;
      default: return;
    }
    event.preventDefault();
    if (!focus) return;
    this.setFocusLane(focus.lane, focus.index, true);
    const lane = this.lanes[focus.lane]!;
    this.callbacks.focusEvent(lane.flow, lane.leg!, focus.index!);
    this.showKeyboardTip();
  }

  private showKeyboardTip(): void {
    const focus = this.focusState();
    if (!focus || focus.index === null || !this.model || !focus.lane.leg) return;
    const x = this.focusX();
    if (x === null) return;
    const rect = this.plot.getBoundingClientRect();
    const y = focus.lane.y + focus.lane.h - this.scroller.scrollTop;
    this.tooltip.show(eventTip(this.model, focus.lane.flow, focus.lane.leg, focus.lane.leg.events[focus.index]!, 'Enter: show this event'), rect.left + x, rect.top + y);
  }
}

function formatOffsetFrom(flow: FlowView, time: number): string {
  return flow.start === null ? new Date(time).toISOString() : formatOffset(time - flow.start);
}

/** Lanes for the flows: a header row per flow, then one lane per leg in the graph's order. */
function buildLanes(flows: readonly FlowView[], aligned: boolean): Lane[] {
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
function laneTime(lane: Lane, index: number | null): number | null {
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

function timeExtent(lanes: readonly Lane[]): [number, number] {
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

function axisCaption(start: Date | undefined, aligned: boolean): string {
  if (aligned) return 'Time from each flow’s start';
  return start ? `Time (UTC) · ${utcFormat('%Y-%m-%d')(start)}` : 'Time (UTC)';
}

function tickFormat(ticks: readonly Date[], aligned: boolean): (d: Date) => string {
  const step = ticks.length > 1 ? ticks[1]!.getTime() - ticks[0]!.getTime() : 1000;
  if (aligned) return (d) => relativeTick(d.getTime(), step);
  const day = 86_400_000;
  const format = utcFormat(step < 1000 ? '%H:%M:%S.%L' : step < 60_000 ? '%H:%M:%S' : step < day ? '%H:%M'
    : step < 28 * day ? '%b %d' : step < 365 * day ? '%Y-%m' : '%Y');
  return (d) => format(d);
}

/** `+1:05`, `+0:05.250`, `+1:02:03` from the flow's start. */
function relativeTick(ms: number, step: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000), m = Math.floor((abs % 3_600_000) / 60_000), s = (abs % 60_000) / 1000;
  const seconds = step < 1000 ? s.toFixed(3).padStart(6, '0') : String(Math.round(s) % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${seconds}` : `${sign}${m}:${seconds}`;
}

/** The axis for the export (the view uses d3-axis). */
function paintAxis(p: Painter, x: ScaleTime<number, number>, width: number, ox: number, oy: number, t: Theme, aligned: boolean): void {
  const ticks = x.ticks(Math.max(2, Math.floor(width / 120)));
  const format = tickFormat(ticks, aligned);
  const font = `${t.fontSize - 2}px ${t.font}`;
  const coords: number[] = [ox, oy + AXIS_H - 1, ox + width, oy + AXIS_H - 1];
  for (const tick of ticks) {
    const px = ox + x(tick);
    coords.push(px, oy + AXIS_H - 6, px, oy + AXIS_H - 1);
    p.text(px, oy + AXIS_H - 10, format(tick), { color: t.muted, font, anchor: 'middle' });
  }
  p.lines({ color: t.muted, width: 1 }, coords);
  const [d0] = x.domain();
  p.text(ox - GUTTER + 12, oy + 19, axisCaption(d0, aligned), { color: t.muted, font });
}

/** Lane labels for the export (the view draws them as SVG elements, see drawLabel). */
function paintGutter(p: Painter, lanes: readonly Lane[], top: number, t: Theme): void {
  for (const lane of lanes) {
    const y = lane.y - top;
    if (!lane.leg) {
      p.rects({ color: t.panel }, [0, y, GUTTER, lane.h]);
      p.text(12, y + lane.h / 2, clip(flowLabel(lane.flow), 34), { color: t.fg, font: `600 ${t.fontSize - 1}px ${t.font}`, baseline: 'middle' });
      continue;
    }
    const kind = lane.leg.role;
    const color = t.role[roleToken(kind)];
    const dash = shapeDash(kind);
    p.path(shapePath(kind, 22, 14, 12, y + 6), { color: t.widget }, { color, width: 1.5, ...(dash ? { dash: dash.split(' ').map(Number) } : {}) });
    p.text(42, y + 17, clip(legName(lane.leg), 30), { color: t.fg, font: `${t.fontSize}px ${t.font}` });
    p.text(42, y + 31, `${roleCaption(kind, lane.leg.monitorKind, lane.leg.roleConfirmed)} · ${lane.leg.callId}`, { color: t.muted, font: `${t.fontSize - 3}px ${t.mono}` });
    p.lines({ color: t.grid, width: 1 }, [0, y + lane.h - 0.5, GUTTER, y + lane.h - 0.5]);
  }
}

function flowLabel(flow: FlowView): string {
  const contact = flow.legs.find((leg) => leg.contact?.name || leg.contact?.phone)?.contact;
  const who = contact ? contact.name ?? contact.phone : null;
  return `Flow ${flow.id}${who ? ` · ${who}` : ''}`;
}

/** One lane label in the view's SVG gutter (text only through textContent). */
function drawLabel(group: SVGGElement, lane: Lane): void {
  const g = select(group);
  if (!lane.leg) {
    g.attr('class', 'lane-label flow-label').attr('data-flow-id', lane.flow.id).attr('role', 'listitem').attr('aria-label', flowLabel(lane.flow));
    g.append('rect').attr('class', 'flow-row').attr('width', GUTTER).attr('height', lane.h);
    g.append('text').attr('class', 'flow-name').attr('x', 12).attr('y', lane.h / 2 + 4).text(clip(flowLabel(lane.flow), 34));
    return;
  }
  const leg = lane.leg;
  g.attr('class', `lane-label leg-label role-${leg.role}`).attr('data-call-id', leg.callId).attr('data-role', leg.role)
    .attr('data-monitor-kind', leg.monitorKind).attr('role', 'listitem')
    .attr('aria-label', `${roleCaption(leg.role, leg.monitorKind, leg.roleConfirmed).toLowerCase()} ${legName(leg)}, call ${leg.callId}`);
  g.append('rect').attr('class', 'lane-bg').attr('width', GUTTER).attr('height', lane.h);
  g.append('path').attr('class', 'glyph-shape').attr('d', shapePath(leg.role, 22, 14, 12, 6)).attr('stroke-dasharray', shapeDash(leg.role));
  g.append('text').attr('class', 'lane-name').attr('x', 42).attr('y', 17).text(clip(legName(leg), 30));
  g.append('text').attr('class', 'lane-meta').attr('x', 42).attr('y', 31).text(`${roleCaption(leg.role, leg.monitorKind, leg.roleConfirmed)} · ${leg.callId}`);
}

/** Paints lanes: backgrounds, grid, state segments, event ticks, diagnostics, transfers, focus. */
function paintLanes(
  p: Painter, lanes: readonly Lane[], x: ScaleTime<number, number>, width: number, ox: number, top: number, t: Theme,
  focus: { lane: Lane; index: number | null } | null, hover: { lane: Lane; index: number } | null,
): void {
  const [d0, d1] = x.domain();
  const t0 = d0!.getTime(), t1 = d1!.getTime();
  const px = (time: number) => ox + x(time);
  const grid: number[] = [];
  const bottom = lanes.length > 0 ? lanes[lanes.length - 1]!.y + lanes[lanes.length - 1]!.h - top : 0;
  for (const tick of x.ticks(Math.max(2, Math.floor(width / 120)))) grid.push(px(tick.getTime()), 0, px(tick.getTime()), bottom);

  const flowRows: number[] = [], laneLines: number[] = [], focusRows: number[] = [];
  for (const lane of lanes) {
    const y = lane.y - top;
    if (lane.kind === 'flow') flowRows.push(ox, y, width, lane.h);
    else laneLines.push(ox, y + lane.h - 0.5, ox + width, y + lane.h - 0.5);
    if (focus && focus.lane === lane) focusRows.push(ox, y, width, lane.h);
  }
  p.rects({ color: t.panel }, flowRows);
  p.rects({ color: t.highlight }, focusRows);
  p.lines({ color: t.grid, width: 1 }, grid);
  p.lines({ color: t.grid, width: 1 }, laneLines);

  const segments = TOKENS.map(() => [] as number[]);
  const openSegments = TOKENS.map(() => [] as number[]);
  const ticks: number[] = [];
  const warnings: string[] = [], errors: string[] = [];
  const labels: { x: number; y: number; w: number; text: string; token: StateToken }[] = [];
  const transfers: number[] = [];
  const transferLabels: { x: number; y: number; text: string }[] = [];
  const spans: number[] = [];

  for (const lane of lanes) {
    const y = lane.y - top;
    if (lane.kind === 'flow') {
      const start = lane.flow.start === null ? null : lane.flow.start - lane.offset;
      const end = lane.flow.end === null ? null : lane.flow.end - lane.offset;
      if (start !== null && end !== null) {
        const a = Math.max(ox, px(start)), b = Math.min(ox + width, px(end));
        if (b > a) spans.push(a, y + lane.h - 6, b, y + lane.h - 6);
      }
      const legLanes = lane.flow.legs.length;
      lane.flow.transferTimes.forEach((at, i) => {
        const time = at === null ? null : at - lane.offset;
        if (time === null || time < t0 || time > t1) return;
        const tx = px(time);
        transfers.push(tx, y + 4, tx, y + lane.h + legLanes * LANE_H);
        transferLabels.push({ x: tx + 5, y: y + lane.h / 2 - 1, text: `⇄ Transfer ${i + 1}` });
      });
      continue;
    }
    const mid = y + lane.h / 2;
    // Segments overlapping the window, at most about one per pixel.
    let s = byTime.left(lane.segEnd, t0);
    let covered = -Infinity;
    for (; s < lane.segStart.length && lane.segStart[s]! <= t1; s++) {
      const a = Math.max(px(lane.segStart[s]!), ox - 2, covered);
      let b = Math.min(px(lane.segEnd[s]!), ox + width + 2);
      if (b <= covered) continue;
      if (b - a < 1) b = a + 1;
      covered = b;
      const token = lane.segToken[s]!;
      const style = STATE_STYLES[TOKENS[token]!];
      const h = Math.round(BAR_H * style.height);
      const list = (lane.segOpen[s] ? openSegments : segments)[token]!;
      const n = list.length;
      // Adjacent segments of one kind become one rectangle (dense lanes would otherwise paint thousands).
      if (n > 0 && list[n - 3] === mid - h / 2 && list[n - 4]! + list[n - 2]! >= a - 0.5) list[n - 2] = b - list[n - 4]!;
      else list.push(a, mid - h / 2, b - a, h);
      if (b - a > 44) labels.push({ x: a, y: mid, w: b - a, text: lane.leg!.events[lane.segEvent[s]!]!.state, token: TOKENS[token]! });
    }
    // Event ticks, one per pixel column; diagnostics get a marker above the bar.
    const i0 = Math.max(0, byTime.left(lane.times, t0 - 1) - 1);
    const i1 = Math.min(lane.times.length, byTime.right(lane.times, t1 + 1) + 1);
    let lastPx = -Infinity, lastMarkPx = -Infinity;
    for (let i = i0; i < i1; i++) {
      const xi = Math.round(px(lane.times[i]!)) + 0.5;
      if (xi < ox - 1 || xi > ox + width + 1) continue;
      // At most one tick every 2 pixels: denser events read as a solid run of ticks anyway.
      if (xi - lastPx >= 2) {
        ticks.push(xi, mid - BAR_H / 2 - 4, xi, mid + BAR_H / 2 + 4);
        lastPx = xi;
      }
      const event: EventView = lane.leg!.events[lane.order[i]!]!;
      if ((event.severity === 'error' || event.severity === 'warning') && Math.abs(xi - lastMarkPx) >= 3) {
        const my = mid - BAR_H / 2 - 5;
        (event.severity === 'error' ? errors : warnings).push(`M${xi - 4.5},${my - 7}L${xi + 4.5},${my - 7}L${xi},${my}Z`);
        lastMarkPx = xi;
      }
    }
  }

  p.lines({ color: t.muted, width: 2, alpha: 0.6 }, spans);
  TOKENS.forEach((token, i) => {
    const style = STATE_STYLES[token];
    p.rects({ color: t.state[token], pattern: style.pattern }, segments[i]!);
    p.rects({ color: t.state[token], pattern: style.pattern, alpha: 0.4 }, openSegments[i]!);
  });
  const labelFont = `${t.fontSize - 3}px ${t.font}`;
  for (const label of labels) {
    const textWidth = p.measure(label.text, labelFont);
    if (textWidth + 10 > label.w) continue;
    const solid = STATE_STYLES[label.token].pattern === 'solid' && STATE_STYLES[label.token].height === 1;
    const tx = Math.max(label.x, ox) + 5;
    if (!solid) p.rects({ color: t.bg, alpha: 0.85 }, [tx - 2, label.y - 6, textWidth + 4, 12]);
    p.text(tx, label.y + 0.5, label.text, { color: solid ? t.bg : t.fg, font: labelFont, baseline: 'middle' });
  }
  p.lines({ color: t.fg, width: 1, alpha: t.highContrast ? 1 : 0.55 }, ticks);
  if (warnings.length > 0) p.path(warnings.join(''), { color: t.warning }, null);
  if (errors.length > 0) p.path(errors.join(''), { color: t.error }, null);
  p.lines({ color: t.fg, width: 1.5, dash: [5, 4], alpha: 0.8 }, transfers);
  for (const label of transferLabels) p.text(label.x, label.y, label.text, { color: t.fg, font: `600 ${t.fontSize - 2}px ${t.font}`, baseline: 'middle' });

  for (const mark of [hover, focus]) {
    if (!mark || mark.index === null || !mark.lane.leg) continue;
    const time = laneTime(mark.lane, mark.index);
    if (time === null || time < t0 || time > t1) continue;
    const mx = Math.round(px(time)) + 0.5, my = mark.lane.y - top + mark.lane.h / 2;
    const isFocus = mark === focus;
    p.path(`M${mx},${my - BAR_H / 2 - 6}V${my + BAR_H / 2 + 6}`, null, { color: isFocus ? t.focus : t.fg, width: isFocus ? 3 : 2 });
    p.path(`M${mx - 5},${my - BAR_H / 2 - 8}h10v${BAR_H + 16}h-10Z`, null, { color: isFocus ? t.focus : t.fg, width: 1.5 });
  }
}
