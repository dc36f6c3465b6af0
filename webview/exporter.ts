// Export of the current view as one SVG (graph above, timeline below, a legend) and as PNG. The
// graph is cloned from the page with its computed styles written as attributes, so the file looks
// the same outside VS Code; the timeline is redrawn through the SVG painter.
import { svgEl, SVG_NS } from './dom';
import type { GraphView } from './graph';
import { SvgPainter } from './painter';
import { shapeDash, shapePath, roleToken, type ShapeKind } from './shapes';
import { theme } from './theme';
import type { TimelineView } from './timeline';

const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linejoin', 'stroke-linecap',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'text-anchor', 'dominant-baseline', 'paint-order',
];
/** Larger graphs export the part in view rather than the whole graph at full size. */
const MAX_WHOLE = 4000;

/** An export ready to save. */
export interface Exported {
  svg: string;
  width: number;
  height: number;
}

/** Builds the SVG of the current view. */
export function exportView(graph: GraphView, timeline: TimelineView, title: string): Exported {
  const t = theme();
  const svg = svgEl('svg', { xmlns: SVG_NS, version: '1.1' });
  const pad = 20;
  let y = pad;
  const body = svg.appendChild(svgEl('g'));
  const header = new SvgPainter(body.appendChild(svgEl('g')), 'ce-x-head');
  header.text(pad, y + 14, title, { color: t.fg, font: `600 ${t.fontSize + 2}px ${t.font}` });
  y += 30;

  // The graph, cloned with its computed styles.
  const layout = graph.current;
  let graphWidth = 0;
  if (layout.nodes.length > 0) {
    const source = graph.svg;
    const whole = layout.width <= MAX_WHOLE && layout.height <= MAX_WHOLE;
    const clone = (element: Element) => (whole ? graph.withEverything(() => inlineStyles(element)) : inlineStyles(element));
    const viewport = source.querySelector<SVGGElement>('g.viewport')!;
    const rect = source.getBoundingClientRect();
    const width = whole ? layout.width : rect.width;
    const height = whole ? layout.height : rect.height;
    const group = body.appendChild(svgEl('g', { transform: `translate(${pad},${y})` }));
    const defs = source.querySelector('defs');
    if (defs) group.appendChild(inlineStyles(defs));
    const clipId = 'ce-x-graph-clip';
    const clip = group.appendChild(svgEl('clipPath', { id: clipId }));
    clip.appendChild(svgEl('rect', { x: -4, y: -4, width: width + 8, height: height + 8 }));
    const clipped = group.appendChild(svgEl('g', { 'clip-path': `url(#${clipId})` }));
    const content = clipped.appendChild(clone(viewport));
    if (whole) content.removeAttribute('transform');
    graphWidth = width;
    y += height + 28;
  }

  // The legend of roles.
  const legend = new SvgPainter(body.appendChild(svgEl('g')), 'ce-x-legend');
  let lx = pad;
  const roles: [ShapeKind, string][] = [['entry_point', 'Entry point'], ['operator', 'Operator'], ['monitor', 'Monitor'], ['direct', 'Direct call'], ['missing', 'Not in capture']];
  for (const [kind, label] of roles) {
    const dash = shapeDash(kind);
    legend.path(shapePath(kind, 24, 14, lx, y), { color: t.widget }, { color: t.role[roleToken(kind)], width: 1.5, ...(dash ? { dash: dash.split(' ').map(Number) } : {}) });
    legend.text(lx + 30, y + 11, label, { color: t.fg, font: `${t.fontSize - 1}px ${t.font}` });
    lx += 30 + legend.measure(label, `${t.fontSize - 1}px ${t.font}`) + 22;
  }
  y += 30;

  // The timeline, redrawn.
  const timelineGroup = body.appendChild(svgEl('g', { transform: `translate(${pad},${y})` }));
  const size = timeline.exportInto(new SvgPainter(timelineGroup, 'ce-x-tl'));
  y += size.height + pad;

  const width = Math.ceil(Math.max(graphWidth, size.width, lx) + pad * 2);
  const height = Math.ceil(y);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-family', t.font);
  svg.insertBefore(svgEl('rect', { width, height, fill: t.bg }), svg.firstChild);
  return { svg: new XMLSerializer().serializeToString(svg), width, height };
}

/** Clones an element with the computed styles of it and its descendants written as attributes. */
function inlineStyles<T extends Element>(source: T): T {
  const clone = source.cloneNode(true) as T;
  const from = [source, ...source.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  for (let i = 0; i < from.length; i++) {
    const original = from[i]!, copy = to[i]!;
    const style = getComputedStyle(original);
    if (style.display === 'none' && original.tagName !== 'defs' && !original.closest('defs')) {
      copy.setAttribute('display', 'none');
      continue;
    }
    for (const property of STYLE_PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value && value !== 'normal' && !(property === 'stroke-dasharray' && value === 'none')) copy.setAttribute(property, value);
    }
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
  }
  return clone;
}

/** Renders an SVG to a PNG data URL (twice the size, within what a canvas can hold). */
export async function toPng(exported: Exported): Promise<string> {
  const scale = Math.max(0.25, Math.min(2, Math.sqrt(40e6 / (exported.width * exported.height)), 16000 / Math.max(exported.width, exported.height)));
  const image = new Image();
  const bytes = new TextEncoder().encode(exported.svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(exported.width * scale);
  canvas.height = Math.round(exported.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(image, 0, 0, exported.width, exported.height);
  return canvas.toDataURL('image/png');
}

/** Saves data in the page (the report): a download link, clicked. */
export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
