// The legends: role shapes and reference lines above the graph, state fills and marks above the
// timeline. Swatches are drawn with the same painter and shapes as the views they explain.
import type { ViewRole } from '../src/shared/viewModel';
import { add, glyph, svgEl } from './dom';
import { SvgPainter } from './painter';
import { shapeDash, shapePath, type ShapeKind } from './shapes';
import { STATE_STYLES } from './states';
import { theme, type StateToken, type Theme } from './theme';

/** The roles' keys, in the order of every legend of roles (the graph's, and its export's). */
export const ROLE_KEYS: readonly { kind: ShapeKind; label: string; title: string }[] = [
  { kind: 'entry_point', label: 'Entry point', title: 'Entry point: the call center or department the customer called; an operator hangs off it (points onward)' },
  { kind: 'operator', label: 'Operator', title: 'Operator: the agent leg its entry point names in operator_call_id (rounded card)' },
  { kind: 'monitor', label: 'Monitor', title: 'Monitor: a supervisor leg (eavesdrop, monitor, barge or takeover: its kind is on the card) that names the entry point but is not named back (cut corners, dashed, hatched)' },
  { kind: 'direct', label: 'Direct call', title: 'Direct: a call with no entry point or operator (capsule)' },
  { kind: 'missing', label: 'Not in capture', title: 'A call named by a reference but with no event in the capture (dotted)' },
];

const EDGES: { field: string; cls: string; title: string }[] = [
  { field: 'operator_call_id', cls: 'operator', title: 'The entry point names its operator (solid arrow to the operator)' },
  { field: 'entry_point_call_id', cls: 'entry', title: 'An operator or monitor names its entry point (dashed arrow back)' },
  { field: 'master_call_id', cls: 'master', title: 'A leg after a transfer names the first call of the flow (long dashes over the top)' },
];

/** The graph's legend: role shapes and reference lines. */
export function graphLegend(parent: HTMLElement): void {
  const list = add(parent, 'ul', 'legend graph-legend');
  list.setAttribute('aria-label', 'Graph legend');
  for (const role of ROLE_KEYS) {
    const item = add(list, 'li', `legend-item role-${role.kind}`);
    item.title = role.title;
    item.appendChild(glyph(shapePath(role.kind, 26, 16), `glyph-${role.kind as ViewRole}`, 26, 16, shapeDash(role.kind)));
    add(item, 'span', undefined, role.label);
  }
  add(list, 'li', 'legend-sep').setAttribute('aria-hidden', 'true');
  for (const edge of EDGES) {
    const item = add(list, 'li', `legend-item edge-${edge.cls}`);
    item.title = edge.title;
    const svg = item.appendChild(svgEl('svg', { width: 34, height: 12, viewBox: '0 0 34 12', class: 'legend-edge', 'aria-hidden': 'true' }));
    svg.appendChild(svgEl('path', { d: 'M1,6H26', class: 'edge-line' }));
    svg.appendChild(svgEl('path', { d: 'M25,2L33,6L25,10Z', class: 'edge-head' }));
    add(item, 'span', 'mono', edge.field);
  }
}

/** The timeline's legend: state fills (colour, pattern and height) and the marks. */
export function timelineLegend(parent: HTMLElement): () => void {
  const list = add(parent, 'ul', 'legend timeline-legend');
  list.setAttribute('aria-label', 'Timeline legend');
  const draw = () => {
    list.replaceChildren();
    const t = theme();
    (Object.keys(STATE_STYLES) as StateToken[]).forEach((token, i) => {
      const style = STATE_STYLES[token];
      const item = add(list, 'li', 'legend-item');
      item.title = `${style.label}: ${style.states}`;
      const svg = item.appendChild(svgEl('svg', { width: 26, height: 16, viewBox: '0 0 26 16', 'aria-hidden': 'true' }));
      const g = svg.appendChild(svgEl('g'));
      const h = Math.round(14 * style.height);
      new SvgPainter(g, `legend-${i}`).rects({ color: t.state[token], pattern: style.pattern }, [1, 8 - h / 2, 24, h]);
      add(item, 'span', undefined, style.label);
    });
    add(list, 'li', 'legend-sep').setAttribute('aria-hidden', 'true');
    const marks: [string, string, (g: SVGGElement) => void][] = [
      ['Event', 'A tick per event (click it to see its line)', (g) => g.appendChild(svgEl('path', { d: 'M8.5,1V15', stroke: t.fg, 'stroke-width': 1.5 }))],
      ['Warning / error', 'A marker over an event with a warning (amber) or an error (red)', (g) => {
        g.appendChild(svgEl('path', { d: 'M1,3H10L5.5,10Z', fill: t.warning }));
        g.appendChild(svgEl('path', { d: 'M12,3H21L16.5,10Z', fill: t.error }));
      }],
      ['Transfer', 'A dashed line where a transfer began', (g) => g.appendChild(svgEl('path', { d: 'M8.5,0V16', stroke: t.fg, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }))],
      ['No later state', 'A faded segment: the capture has no later state for this leg', (g) => {
        new SvgPainter(g, 'legend-open').rects({ color: t.state.talking, alpha: 0.4 }, [1, 3, 20, 10]);
      }],
    ];
    for (const [label, title, paint] of marks) {
      const item = add(list, 'li', 'legend-item');
      item.title = title;
      const svg = item.appendChild(svgEl('svg', { width: 22, height: 16, viewBox: '0 0 22 16', 'aria-hidden': 'true' }));
      paint(svg.appendChild(svgEl('g')));
      add(item, 'span', undefined, label);
    }
  };
  draw();
  return draw;
}

/** One key of a legend drawn as SVG: a swatch `width` × 16 px, its label and its longer title. */
export interface LegendKey {
  label: string;
  title: string;
  width: number;
  /** Draws the swatch into `g` at 0,0 (`idPrefix` keeps the ids of its patterns apart from others in the same SVG). */
  paint(g: SVGGElement, t: Theme, idPrefix: string): void;
}

/** The ladder's keys: the customer's lifeline, the bars (the timeline's fills), the marks and links; the legend above the ladder and its export draw these. */
export function ladderKeys(): LegendKey[] {
  const keys: LegendKey[] = [{
    label: 'Spoke with', title: 'An arrow from the customer to an agent where their conversation began (the agents in the order of the answers)', width: 22,
    paint: (g, t) => {
      g.appendChild(svgEl('path', { d: 'M1,8H15', stroke: t.state.talking, 'stroke-width': 1.5 }));
      g.appendChild(svgEl('path', { d: 'M14,4L21,8L14,12Z', fill: t.state.talking }));
    },
  }];
  for (const token of ['talking', 'held', 'alerting', 'queued', 'barging'] as const) {
    const style = STATE_STYLES[token];
    keys.push({
      label: style.label, width: 14,
      title: `${style.label}: ${style.states}${token === 'alerting' || token === 'queued' ? ' (the customer waits: also drawn in the customer\'s column)' : ''}`,
      paint: (g, t, idPrefix) => new SvgPainter(g, `${idPrefix}-${token}`).rects({ color: t.state[token], pattern: style.pattern }, [3, 1, 8, 14]),
    });
  }
  keys.push(
    { label: 'Transfer', title: 'A dashed line across the ladder where a transfer began', width: 22,
      paint: (g, t) => g.appendChild(svgEl('path', { d: 'M1,8H21', stroke: t.fg, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' })) },
    { label: 'State change', title: 'A dot per event that changed a leg\'s state, with the state beside it (click it to see its line)', width: 22,
      paint: (g, t) => g.appendChild(svgEl('circle', { cx: 8, cy: 8, r: 4, fill: t.fg })) },
  );
  return keys;
}

/** The ladder's legend (see `ladderKeys`). */
export function ladderLegend(parent: HTMLElement): () => void {
  const list = add(parent, 'ul', 'legend ladder-legend');
  list.setAttribute('aria-label', 'Ladder legend');
  const draw = () => {
    list.replaceChildren();
    const t = theme();
    for (const key of ladderKeys()) {
      const li = add(list, 'li', 'legend-item');
      li.title = key.title;
      const svg = li.appendChild(svgEl('svg', { width: key.width, height: 16, viewBox: `0 0 ${key.width} 16`, 'aria-hidden': 'true' }));
      key.paint(svg.appendChild(svgEl('g')), t, 'ladder-legend');
      add(li, 'span', undefined, key.label);
    }
  };
  draw();
  return draw;
}
