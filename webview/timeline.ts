// The timeline pane: one lane per leg on a shared UTC time axis, state segments and event ticks,
// transfers marked. Lanes are painted on a canvas (only the visible lanes and, within them, only the
// visible events, at most one mark per pixel), so 100,000 events pan and zoom smoothly; lane labels
// are SVG (data-call-id, data-role) and the axis is d3-axis. Time zooms and pans with d3-zoom. This
// module owns the DOM and the input; where things go is timelineLayout.ts, how they look timelinePainter.ts.
import { scaleUtc, select, zoom, zoomIdentity, type ScaleTime, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { FlowView, LegView, ViewModel } from '../src/shared/viewModel';
import { eventTip } from './describe';
import { formatDuration, formatOffset, legName, roleCaption } from './format';
import { CanvasPainter, type Painter } from './painter';
import { theme } from './theme';
import {
  AXIS_H, baseScale, buildLanes, byTime, contentHeight, GUTTER, hitTest, laneTime, plotRange, visibleLanes, type Lane,
} from './timelineLayout';
import { drawAxis, drawLabel, paintAxis, paintGutter, paintLanes } from './timelinePainter';
import type { Tooltip } from './tooltip';

export { GUTTER } from './timelineLayout';

/** Above this many lanes the export keeps to the lanes in view. */
const EXPORT_LANES = 300;

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
    // Labels are joined by call id: a new model may give a call id another role or name (another capture, a later event).
    select(this.gutter).selectAll('g.lane-label').remove();
    this.laneByCallId.clear();
    this.lanes.forEach((lane, i) => lane.leg && this.laneByCallId.set(lane.leg.callId, i));
    this.contentHeight = contentHeight(this.lanes);
    this.base = baseScale(this.lanes, this.width);
    const [t0, t1] = this.base.domain().map((d) => d.getTime()) as [number, number];
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
    const lanes = this.lanes.length > EXPORT_LANES ? visibleLanes(this.lanes, this.scroller.scrollTop, this.height) : this.lanes;
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
    this.base.range(plotRange(this.width));
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
    const lanes = visibleLanes(this.lanes, top, this.height);
    paintLanes(new CanvasPainter(ctx), lanes, x, this.width, 0, top, t, this.focusState(), this.hoverState());
    drawAxis(this.axisSvg, x, this.width, this.aligned, this.lanes.length > 0);
    this.drawGutter(lanes, top);
  }

  private focusState(): { lane: Lane; index: number | null } | null {
    return this.focus ? { lane: this.lanes[this.focus.lane]!, index: this.focus.index } : null;
  }

  private hoverState(): { lane: Lane; index: number } | null {
    return this.hover ? { lane: this.lanes[this.hover.lane]!, index: this.hover.index } : null;
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
  private hit(px: number, py: number): ReturnType<typeof hitTest> {
    return hitTest(this.lanes, this.x(), px, py + this.scroller.scrollTop);
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
