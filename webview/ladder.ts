// The ladder pane: one flow as sngrep and Wireshark draw VoIP flows (customer first, a column per leg,
// time downward). Drawn in SVG at its real size (it never scales text down): the layout refits the
// columns and rows to the pane on every resize, and a flow too wide or too long for the pane scrolls.
// Headers are a sticky SVG above the body; bars go through the timeline's SvgPainter (its patterns);
// marks are focusable elements (one tab stop, arrow keys move), payload text only through .text().
import { select } from 'd3';
import type { FlowView, LegView, ViewModel } from '../src/shared/viewModel';
import { eventTip } from './describe';
import { SvgPainter } from './painter';
import { shapeDash, shapePath } from './shapes';
import { STATE_STYLES } from './states';
import { theme } from './theme';
import { BAR_W, HEADER_ROW_H, ladderLayout, nextMark, TIME_W, type LadderLayout } from './ladderLayout';
import type { Tooltip } from './tooltip';

/** What the ladder tells the application. */
export interface LadderCallbacks {
  activate(flow: FlowView, leg: LegView, index: number): void;
  focusEvent(flow: FlowView, leg: LegView, index: number): void;
}

/** The ladder pane. */
export class LadderView {
  readonly scroller: HTMLDivElement;
  private readonly head: SVGSVGElement;
  private readonly body: SVGSVGElement;
  private readonly note: HTMLElement;
  private flow: FlowView | null = null;
  private model: ViewModel | null = null;
  private layout: LadderLayout | null = null;
  private focused: number | null = null;
  private size = { width: 0, height: 0 };
  /** Only drawn while shown (the app says when). */
  private visible = false;

  constructor(container: HTMLElement, private readonly callbacks: LadderCallbacks, private readonly tooltip: Tooltip) {
    this.scroller = container.appendChild(document.createElement('div'));
    this.scroller.className = 'ladder-scroll';
    const headRow = this.scroller.appendChild(document.createElement('div'));
    headRow.className = 'ladder-head';
    this.head = select(headRow).append('svg').attr('class', 'ladder-head-svg').attr('role', 'list').attr('aria-label', 'Ladder columns').node()!;
    this.body = select(this.scroller).append('svg').attr('class', 'ladder-svg').attr('role', 'group').attr('aria-roledescription', 'ladder').node()!;
    this.note = container.appendChild(document.createElement('div'));
    this.note.className = 'empty-note';
    this.note.hidden = true;
    this.body.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('focusin', (event) => {
      const mark = (event.target as Element).closest<SVGGElement>('g.ladder-mark');
      if (mark) this.setFocused(Number(mark.dataset.mark), false, false);
    });
    new ResizeObserver(() => this.resized()).observe(this.scroller);
  }

  /** The current layout (for the tests). */
  get current(): LadderLayout | null {
    return this.layout;
  }

  /** What is drawn (for the export): the headers' and the body's SVG with their layout; null when nothing is. */
  get drawn(): { head: SVGSVGElement; body: SVGSVGElement; layout: LadderLayout } | null {
    return this.layout ? { head: this.head, body: this.body, layout: this.layout } : null;
  }

  /** Shows or hides the pane's content (a hidden pane has no size to lay out for). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.resized(true);
  }

  /** Draws the first of the chosen flows (a ladder reads one flow at a time). */
  render(model: ViewModel | null, flows: readonly FlowView[], emptyText: string): void {
    this.model = model;
    const flow = flows[0] ?? null;
    if (flow?.id !== this.flow?.id) this.focused = null;
    this.flow = flow;
    this.draw(emptyText);
  }

  /** Marks the first (or given) event of a leg as the current one; `reveal` scrolls to it. */
  setFocus(callId: string | null, index: number | null, reveal: boolean): void {
    const marks = this.layout?.marks ?? [];
    let at = callId === null ? -1 : marks.findIndex((mark) => mark.leg.callId === callId && (index === null || mark.index === index));
    if (at < 0 && callId !== null && index !== null) at = marks.findIndex((mark) => mark.leg.callId === callId);
    this.setFocused(at < 0 ? null : at, reveal, false);
  }

  private resized(force = false): void {
    if (!this.visible) return;
    const rect = this.scroller.getBoundingClientRect();
    // The content's size inside the scroller's scroll bars (they appear when the flow does not fit).
    const size = { width: Math.floor(this.scroller.clientWidth || rect.width), height: Math.floor(rect.height) };
    if (!force && size.width === this.size.width && size.height === this.size.height) return;
    this.size = size;
    this.draw();
  }

  private emptyText = '';

  private draw(emptyText = this.emptyText): void {
    this.emptyText = emptyText;
    const flow = this.flow;
    const layout = flow && this.visible && this.size.width > 0 ? ladderLayout(flow, this.size.width, this.size.height) : null;
    this.layout = layout && !layout.tooLarge ? layout : null;
    this.note.hidden = this.layout !== null || !this.visible;
    this.note.textContent = layout?.tooLarge ?? emptyText;
    select(this.head).selectChildren().remove();
    select(this.body).selectChildren().remove();
    if (!this.layout) {
      this.head.setAttribute('width', '0');
      this.body.setAttribute('width', '0');
      return;
    }
    this.drawHead(this.layout);
    this.drawBody(this.layout);
    this.updateFocus();
  }

  private drawHead(layout: LadderLayout): void {
    const h = layout.headerHeight;
    const svg = select(this.head).attr('width', layout.width).attr('height', h);
    svg.append('rect').attr('class', 'ladder-head-bg').attr('width', layout.width).attr('height', h);
    svg.append('text').attr('class', 'ladder-time-caption').attr('x', 8).attr('y', h - 8).text('Time');
    const columns = svg.selectAll('g.ladder-column').data(layout.columns).join('g')
      .attr('class', (c) => `ladder-column ${c.kind === 'customer' ? 'customer' : `leg-label role-${c.leg!.role}`}`)
      .attr('role', 'listitem')
      .attr('data-call-id', (c) => c.leg?.callId ?? null)
      .attr('data-column', (c) => c.index)
      .attr('aria-label', (c) => c.aria)
      .attr('transform', (c) => `translate(${c.x},${c.headerRow * HEADER_ROW_H + 4})`);
    // A tick from a staggered header down to its column.
    columns.append('path').attr('class', 'ladder-head-tick').attr('d', (c) => `M0,${HEADER_ROW_H - 6}V${h - c.headerRow * HEADER_ROW_H - 4}`);
    columns.filter((c) => c.leg !== null).append('path').attr('class', 'glyph-shape')
      .attr('d', (c) => shapePath(c.leg!.role, 14, 9, -7, -1)).attr('stroke-dasharray', (c) => shapeDash(c.leg!.role));
    columns.append('text').attr('class', 'ladder-name').attr('y', 19).text((c) => c.name);
    columns.append('text').attr('class', (c) => `ladder-meta${c.kind === 'leg' ? ' mono' : ''}`).attr('y', 30).text((c) => c.meta);
    columns.append('text').attr('class', 'ladder-note').attr('y', 41).text((c) => c.note);
  }

  private drawBody(layout: LadderLayout): void {
    const t = theme();
    const top = layout.headerHeight;
    const height = layout.height - top;
    const svg = select(this.body).attr('width', layout.width).attr('height', height)
      .attr('aria-label', `Ladder of flow ${layout.flow.id}: ${layout.columns.length - 1} legs, ${layout.marks.length} state changes. Arrow keys move between state changes, Enter shows one.`);
    const root = svg.append('g').attr('transform', `translate(0,${-top})`);
    const p = new SvgPainter(root.append('g').attr('class', 'ladder-paint').node()!, 'ladder');
    const rows = layout.rows;
    const bottom = layout.height - 6;
    // Row rules, lifelines (the customer's heavier), the transfers, the bars, then the "spoke with" arrows.
    p.lines({ color: t.grid, width: 1 }, rows.flatMap((row) => [0, row.y + 0.5, layout.width, row.y + 0.5]));
    p.lines({ color: t.border, width: 1 }, layout.columns.slice(1).flatMap((c) => [c.x, top, c.x, bottom]));
    p.lines({ color: t.fg, width: 2, alpha: 0.55 }, [layout.columns[0]!.x, top, layout.columns[0]!.x, bottom]);
    p.lines({ color: t.fg, width: 1.5, dash: [5, 4], alpha: 0.8 }, layout.transfers.flatMap((tr) => [TIME_W - 4, tr.y, layout.width, tr.y]));
    for (const token of Object.keys(STATE_STYLES) as (keyof typeof STATE_STYLES)[]) {
      const style = STATE_STYLES[token];
      const bars = layout.bars.filter((bar) => bar.token === token);
      const w = (bar: (typeof bars)[number]) => Math.max(4, Math.round(BAR_W * (bar.column === 0 ? 0.75 : style.height === 1 ? 1 : 0.6)));
      const coords = (open: boolean) => bars.filter((bar) => bar.open === open).flatMap((bar) => [bar.x - w(bar) / 2, bar.y0, w(bar), Math.max(2, bar.y1 - bar.y0)]);
      p.rects({ color: t.state[token], pattern: style.pattern }, coords(false));
      p.rects({ color: t.state[token], pattern: style.pattern, alpha: 0.4 }, coords(true));
    }
    p.lines({ color: t.state.talking, width: 1.5 }, layout.links.flatMap((link) => [link.x0, link.y, link.x1 - 5, link.y]));
    p.path(layout.links.map((link) => `M${link.x1 - 7},${link.y - 4}L${link.x1},${link.y}L${link.x1 - 7},${link.y + 4}Z`).join(''), { color: t.state.talking }, null);

    // Text: time labels, bar durations, transfer labels (payload-free), each on a background so lines never cross it.
    const text = root.append('g').attr('class', 'ladder-text');
    text.selectAll('text.ladder-time').data(rows).join('text').attr('class', 'ladder-time').attr('x', TIME_W - 8).attr('y', (row) => row.y + 3.5).text((row) => row.label);
    text.selectAll('text.ladder-duration').data(layout.bars.filter((bar) => bar.label !== '')).join('text')
      .attr('class', 'ladder-duration').attr('x', (bar) => bar.x + BAR_W / 2 + 4).attr('y', (bar) => bar.labelY + 3.5).text((bar) => bar.label);
    const transfers = text.selectAll('g.ladder-transfer').data(layout.transfers).join('g').attr('class', 'ladder-transfer')
      .attr('transform', (tr) => `translate(${layout.width - 6},${tr.y})`);
    transfers.append('text').attr('class', 'ladder-transfer-label').attr('text-anchor', 'end').attr('y', -4).text((tr) => tr.label);

    const marks = root.append('g').attr('class', 'ladder-marks').selectAll('g.ladder-mark').data(layout.marks).join('g')
      .attr('class', (m) => `ladder-mark${m.severity ? ` severity-${m.severity}` : ''}`)
      .attr('data-mark', (_m, i) => i).attr('data-call-id', (m) => m.leg.callId).attr('data-event', (m) => m.index)
      .attr('role', 'button').attr('tabindex', -1)
      .attr('aria-label', (m) => `${m.leg.events[m.index]!.state}, ${rows[m.row]!.label}, ${layout.columns[m.column]!.aria}`)
      .attr('transform', (m) => `translate(${m.x},${m.y})`);
    marks.append('rect').attr('class', 'ladder-hit').attr('x', -8).attr('y', -layout.rowHeight / 2).attr('width', layout.columnWidth - 4).attr('height', layout.rowHeight);
    marks.append('circle').attr('class', 'ladder-dot').attr('r', 4);
    marks.append('text').attr('class', 'ladder-state').attr('x', BAR_W / 2 + 3).attr('y', 3.5).text((m) => m.label);
    marks.on('click', (event: MouseEvent, m) => {
      this.setFocused(layout.marks.indexOf(m), false, true);
      this.callbacks.activate(layout.flow, m.leg, m.index);
      event.stopPropagation();
    });
    marks.on('pointerenter', (event: PointerEvent, m) => {
      if (this.model) this.tooltip.show(eventTip(this.model, layout.flow, m.leg, m.leg.events[m.index]!, 'Click: show this event'), event.clientX, event.clientY);
    });
    marks.on('pointerleave', () => this.tooltip.hide());
  }

  private setFocused(at: number | null, reveal: boolean, announce: boolean): void {
    this.focused = at;
    this.updateFocus();
    const mark = at === null ? undefined : this.layout?.marks[at];
    if (!mark || !this.layout) return;
    if (reveal) this.body.querySelector<SVGGElement>(`g.ladder-mark[data-mark="${at}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (announce) this.callbacks.focusEvent(this.layout.flow, mark.leg, mark.index);
  }

  private updateFocus(): void {
    const nodes = this.body.querySelectorAll<SVGGElement>('g.ladder-mark');
    const current = this.focused ?? 0;
    nodes.forEach((node, i) => {
      node.setAttribute('tabindex', i === current ? '0' : '-1');
      node.classList.toggle('focused', i === this.focused);
    });
    select(this.head).selectAll<SVGGElement, unknown>('g.ladder-column')
      .classed('focused', (_d, i) => this.focused !== null && this.layout?.marks[this.focused]?.column === i);
  }

  private onKey(event: KeyboardEvent): void {
    const layout = this.layout;
    if (!layout) return;
    const key = event.key;
    if (key === 'Enter' || key === ' ') {
      const mark = this.focused === null ? undefined : layout.marks[this.focused];
      if (mark) this.callbacks.activate(layout.flow, mark.leg, mark.index);
      event.preventDefault();
      return;
    }
    if (key !== 'ArrowUp' && key !== 'ArrowDown' && key !== 'ArrowLeft' && key !== 'ArrowRight' && key !== 'Home' && key !== 'End') return;
    event.preventDefault();
    const at = nextMark(layout, this.focused, key);
    if (at === null) return;
    this.setFocused(at, true, true);
    this.body.querySelector<SVGGElement>(`g.ladder-mark[data-mark="${at}"]`)?.focus({ preventScroll: true });
  }
}
