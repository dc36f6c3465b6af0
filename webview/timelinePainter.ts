// The timeline's painter: lanes (backgrounds, grid, state segments, event ticks, diagnostics,
// transfers, focus) through a Painter (the canvas in the view, SVG in the export), the axis and the lane
// labels for the export, and the view's SVG lane labels. Where things go comes from timelineLayout.ts.
import { axisTop, select, type ScaleTime } from 'd3';
import type { EventView } from '../src/shared/viewModel';
import type { Painter } from './painter';
import { shapeDash, shapePath, roleToken } from './shapes';
import { STATE_STYLES } from './states';
import type { StateToken, Theme } from './theme';
import { AXIS_H, axisTicks, BAR_H, byTime, GUTTER, LANE_H, laneLabel, laneTime, TOKENS, tickCount, type Lane } from './timelineLayout';

/** The axis for the export (the view draws it with d3-axis, see drawAxis). */
export function paintAxis(p: Painter, x: ScaleTime<number, number>, width: number, ox: number, oy: number, t: Theme, aligned: boolean): void {
  const { ticks, caption } = axisTicks(x, width, aligned);
  const font = `${t.fontSize - 2}px ${t.font}`;
  const coords: number[] = [ox, oy + AXIS_H - 1, ox + width, oy + AXIS_H - 1];
  for (const tick of ticks) {
    const px = ox + tick.x;
    coords.push(px, oy + AXIS_H - 6, px, oy + AXIS_H - 1);
    p.text(px, oy + AXIS_H - 10, tick.text, { color: t.muted, font, anchor: 'middle' });
  }
  p.lines({ color: t.muted, width: 1 }, coords);
  p.text(ox - GUTTER + 12, oy + 19, caption, { color: t.muted, font });
}

/** The view's axis above the plot: d3-axis into its SVG, with the caption over the gutter. */
export function drawAxis(svgElement: SVGSVGElement, x: ScaleTime<number, number>, width: number, aligned: boolean, visible: boolean): void {
  const svg = select(svgElement);
  svg.style('visibility', visible ? 'visible' : 'hidden');
  const { ticks, caption } = axisTicks(x, width, aligned);
  let g = svg.select<SVGGElement>('g.axis');
  if (g.empty()) {
    g = svg.append('g').attr('class', 'axis');
    svg.append('text').attr('class', 'axis-caption').attr('x', 12).attr('y', 19);
  }
  const text = new Map(ticks.map((tick) => [tick.time, tick.text]));
  g.attr('transform', `translate(${GUTTER},${AXIS_H - 1})`)
    .call(axisTop<Date>(x).tickValues(ticks.map((tick) => new Date(tick.time))).tickFormat((d) => text.get(d.getTime()) ?? '').tickSizeOuter(0).tickSize(5));
  svg.select('text.axis-caption').text(caption);
}

/** Lane labels for the export (the view draws them as SVG elements, see drawLabel). */
export function paintGutter(p: Painter, lanes: readonly Lane[], top: number, t: Theme): void {
  for (const lane of lanes) {
    const y = lane.y - top;
    const label = laneLabel(lane);
    if (!lane.leg) {
      p.rects({ color: t.panel }, [0, y, GUTTER, lane.h]);
      p.text(12, y + lane.h / 2, label.name, { color: t.fg, font: `600 ${t.fontSize - 1}px ${t.font}`, baseline: 'middle' });
      continue;
    }
    const kind = lane.leg.role;
    const color = t.role[roleToken(kind)];
    const dash = shapeDash(kind);
    p.path(shapePath(kind, 22, 14, 12, y + 6), { color: t.widget }, { color, width: 1.5, ...(dash ? { dash: dash.split(' ').map(Number) } : {}) });
    p.text(42, y + 17, label.name, { color: t.fg, font: `${t.fontSize}px ${t.font}` });
    p.text(42, y + 31, label.meta, { color: t.muted, font: `${t.fontSize - 3}px ${t.mono}` });
    p.lines({ color: t.grid, width: 1 }, [0, y + lane.h - 0.5, GUTTER, y + lane.h - 0.5]);
  }
}

/** One lane label in the view's SVG gutter (text only through textContent). */
export function drawLabel(group: SVGGElement, lane: Lane): void {
  const g = select(group);
  const label = laneLabel(lane);
  if (!lane.leg) {
    g.attr('class', 'lane-label flow-label').attr('data-flow-id', lane.flow.id).attr('role', 'listitem').attr('aria-label', label.aria);
    g.append('rect').attr('class', 'flow-row').attr('width', GUTTER).attr('height', lane.h);
    g.append('text').attr('class', 'flow-name').attr('x', 12).attr('y', lane.h / 2 + 4).text(label.name);
    return;
  }
  const leg = lane.leg;
  g.attr('class', `lane-label leg-label role-${leg.role}`).attr('data-call-id', leg.callId).attr('data-role', leg.role)
    .attr('data-monitor-kind', leg.monitorKind).attr('role', 'listitem')
    .attr('aria-label', label.aria);
  g.append('rect').attr('class', 'lane-bg').attr('width', GUTTER).attr('height', lane.h);
  g.append('path').attr('class', 'glyph-shape').attr('d', shapePath(leg.role, 22, 14, 12, 6)).attr('stroke-dasharray', shapeDash(leg.role));
  g.append('text').attr('class', 'lane-name').attr('x', 42).attr('y', 17).text(label.name);
  g.append('text').attr('class', 'lane-meta').attr('x', 42).attr('y', 31).text(label.meta);
}

/** Paints lanes: backgrounds, grid, state segments, event ticks, diagnostics, transfers, focus. */
export function paintLanes(
  p: Painter, lanes: readonly Lane[], x: ScaleTime<number, number>, width: number, ox: number, top: number, t: Theme,
  focus: { lane: Lane; index: number | null } | null, hover: { lane: Lane; index: number } | null,
): void {
  const [d0, d1] = x.domain();
  const t0 = d0!.getTime(), t1 = d1!.getTime();
  const px = (time: number) => ox + x(time);
  const grid: number[] = [];
  const bottom = lanes.length > 0 ? lanes[lanes.length - 1]!.y + lanes[lanes.length - 1]!.h - top : 0;
  for (const tick of x.ticks(tickCount(width))) grid.push(px(tick.getTime()), 0, px(tick.getTime()), bottom);

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
