// Export of the current view as one SVG (the upper pane's view, graph or ladder, above; a legend; the
// timeline below) and as PNG. The graph and the ladder are cloned from the page with their computed
// styles written as attributes, so the file looks the same outside VS Code; the timeline is redrawn
// through the SVG painter. Payload text is only ever text nodes and attribute values, which the
// serializer escapes.
import { svgEl, SVG_NS } from './dom';
import type { GraphView } from './graph';
import type { LadderView } from './ladder';
import { ladderKeys, ROLE_KEYS } from './legend';
import { SvgPainter } from './painter';
import { shapeDash, shapePath, roleToken } from './shapes';
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

/** The view of the upper pane to export: the one the user sees. */
export type UpperView = { kind: 'graph'; graph: GraphView } | { kind: 'ladder'; ladder: LadderView };

/** Builds the SVG of the current view. */
export function exportView(upper: UpperView, timeline: TimelineView, title: string): Exported {
  const t = theme();
  const svg = svgEl('svg', { xmlns: SVG_NS, version: '1.1' });
  const pad = 20;
  let y = pad;
  const body = svg.appendChild(svgEl('g'));
  const header = new SvgPainter(body.appendChild(svgEl('g')), 'ce-x-head');
  header.text(pad, y + 14, title, { color: t.fg, font: `600 ${t.fontSize + 2}px ${t.font}` });
  y += 30;

  const group = body.appendChild(svgEl('g', { transform: `translate(${pad},${y})` }));
  const drawn = upper.kind === 'graph' ? cloneGraph(upper.graph, group) : cloneLadder(upper.ladder, group);
  const upperWidth = drawn.width;
  if (drawn.height > 0) y += drawn.height + 28;
  else group.remove();

  // The legend of the view exported: the roles under the graph, the ladder's own key under the ladder.
  const legendGroup = body.appendChild(svgEl('g', { class: 'ce-x-legend' }));
  const legend = new SvgPainter(legendGroup, 'ce-x-legend');
  const labelFont = `${t.fontSize - 1}px ${t.font}`;
  let lx = pad;
  if (upper.kind === 'graph') {
    for (const { kind, label } of ROLE_KEYS) {
      const dash = shapeDash(kind);
      legend.path(shapePath(kind, 24, 14, lx, y), { color: t.widget }, { color: t.role[roleToken(kind)], width: 1.5, ...(dash ? { dash: dash.split(' ').map(Number) } : {}) });
      legend.text(lx + 30, y + 11, label, { color: t.fg, font: labelFont });
      lx += 30 + legend.measure(label, labelFont) + 22;
    }
  } else {
    for (const [i, key] of ladderKeys().entries()) {
      key.paint(legendGroup.appendChild(svgEl('g', { transform: `translate(${lx},${y - 1})` })), t, `ce-x-legend-${i}`);
      legend.text(lx + key.width + 6, y + 11, key.label, { color: t.fg, font: labelFont });
      lx += key.width + 6 + legend.measure(key.label, labelFont) + 18;
    }
  }
  y += 30;

  // The timeline, redrawn.
  const timelineGroup = body.appendChild(svgEl('g', { transform: `translate(${pad},${y})` }));
  const size = timeline.exportInto(new SvgPainter(timelineGroup, 'ce-x-tl'));
  y += size.height + pad;

  const width = Math.ceil(Math.max(upperWidth, size.width, lx) + pad * 2);
  const height = Math.ceil(y);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-family', t.font);
  svg.insertBefore(svgEl('rect', { width, height, fill: t.bg }), svg.firstChild);
  return { svg: new XMLSerializer().serializeToString(svg), width, height };
}

/** The graph, cloned with its computed styles into `group`; its size (0 × 0 without legs). */
function cloneGraph(graph: GraphView, group: SVGGElement): { width: number; height: number } {
  const layout = graph.current;
  if (layout.nodes.length === 0) return { width: 0, height: 0 };
  const source = graph.svg;
  const whole = layout.width <= MAX_WHOLE && layout.height <= MAX_WHOLE;
  const clone = (element: Element) => (whole ? graph.withEverything(() => inlineStyles(element)) : inlineStyles(element));
  const viewport = source.querySelector<SVGGElement>('g.viewport')!;
  const rect = source.getBoundingClientRect();
  const width = whole ? layout.width : rect.width;
  const height = whole ? layout.height : rect.height;
  const defs = source.querySelector('defs');
  if (defs) group.appendChild(inlineStyles(defs));
  const clipId = 'ce-x-graph-clip';
  const clip = group.appendChild(svgEl('clipPath', { id: clipId }));
  clip.appendChild(svgEl('rect', { x: -4, y: -4, width: width + 8, height: height + 8 }));
  const clipped = group.appendChild(svgEl('g', { 'clip-path': `url(#${clipId})` }));
  const content = clipped.appendChild(clone(viewport));
  if (whole) content.removeAttribute('transform');
  return { width, height };
}

/** The ladder, whole (its headers above its body, as drawn at the pane's size), cloned into `group`. */
function cloneLadder(ladder: LadderView, group: SVGGElement): { width: number; height: number } {
  const drawn = ladder.drawn;
  if (!drawn) return { width: 0, height: 0 };
  // The headers' svg holds them at the top; the body's content is in layout coordinates under the headers.
  const head = group.appendChild(svgEl('g'));
  for (const child of drawn.head.children) head.appendChild(inlineStyles(child));
  const body = group.appendChild(svgEl('g', { transform: `translate(0,${drawn.layout.headerHeight})` }));
  for (const child of drawn.body.children) body.appendChild(inlineStyles(child));
  return { width: drawn.layout.width, height: drawn.layout.height };
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
