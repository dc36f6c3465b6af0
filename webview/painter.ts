// One drawing interface, two back ends: the canvas the timeline is drawn on (fast for 100,000
// events) and SVG elements for the export (the same drawing code, so the export matches the view).
// Primitives are batched by style: one path per colour and pattern, not one element per event.
import { svgEl } from './dom';
import type { Pattern } from './states';

/** How an area is filled: a colour at some opacity, optionally with a pattern over a lighter tint. */
export interface Fill {
  color: string;
  alpha?: number;
  pattern?: Pattern;
}

/** How a line is stroked. */
export interface Stroke {
  color: string;
  width: number;
  alpha?: number;
  dash?: number[];
}

/** Text style. */
export interface TextStyle {
  color: string;
  font: string;
  anchor?: 'start' | 'middle' | 'end';
  baseline?: 'middle' | 'alphabetic';
  alpha?: number;
}

/** What the timeline draws with. */
export interface Painter {
  /** Rectangles as x, y, w, h quadruples. */
  rects(fill: Fill, coords: readonly number[]): void;
  /** Line segments as x1, y1, x2, y2 quadruples. */
  lines(stroke: Stroke, coords: readonly number[]): void;
  /** A closed or open path in SVG path syntax. */
  path(d: string, fill: Fill | null, stroke: Stroke | null): void;
  text(x: number, y: number, text: string, style: TextStyle): void;
  measure(text: string, font: string): number;
  /** Runs `draw` clipped to a rectangle. */
  clip(x: number, y: number, w: number, h: number, draw: () => void): void;
}

const TILE = 8;
let measureContext: CanvasRenderingContext2D | null = null;

function measureWith(text: string, font: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

/** Paints onto a 2D canvas context (already scaled for the device pixel ratio). */
export class CanvasPainter implements Painter {
  private readonly patterns = new Map<string, CanvasPattern | null>();
  private readonly widths = new Map<string, number>();

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  rects(fill: Fill, coords: readonly number[]): void {
    if (coords.length === 0) return;
    const ctx = this.ctx;
    const path = new Path2D();
    for (let i = 0; i < coords.length; i += 4) path.rect(coords[i]!, coords[i + 1]!, coords[i + 2]!, coords[i + 3]!);
    ctx.globalAlpha = fill.alpha ?? 1;
    if (!fill.pattern || fill.pattern === 'solid') {
      ctx.fillStyle = fill.color;
      ctx.fill(path);
    } else {
      ctx.globalAlpha = (fill.alpha ?? 1) * 0.35;
      ctx.fillStyle = fill.color;
      ctx.fill(path);
      ctx.globalAlpha = fill.alpha ?? 1;
      const pattern = this.pattern(fill.color, fill.pattern);
      if (pattern) {
        ctx.fillStyle = pattern;
        ctx.fill(path);
      }
    }
    ctx.globalAlpha = 1;
  }

  lines(stroke: Stroke, coords: readonly number[]): void {
    if (coords.length === 0) return;
    const ctx = this.ctx;
    ctx.beginPath();
    for (let i = 0; i < coords.length; i += 4) {
      ctx.moveTo(coords[i]!, coords[i + 1]!);
      ctx.lineTo(coords[i + 2]!, coords[i + 3]!);
    }
    this.applyStroke(stroke);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }

  path(d: string, fill: Fill | null, stroke: Stroke | null): void {
    const ctx = this.ctx;
    const path = new Path2D(d);
    if (fill) {
      ctx.globalAlpha = fill.alpha ?? 1;
      ctx.fillStyle = fill.color;
      ctx.fill(path);
    }
    if (stroke) {
      this.applyStroke(stroke);
      ctx.stroke(path);
      ctx.setLineDash([]);
    }
    ctx.globalAlpha = 1;
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const ctx = this.ctx;
    ctx.globalAlpha = style.alpha ?? 1;
    ctx.font = style.font;
    ctx.fillStyle = style.color;
    ctx.textAlign = style.anchor === 'middle' ? 'center' : style.anchor === 'end' ? 'right' : 'left';
    ctx.textBaseline = style.baseline ?? 'alphabetic';
    ctx.fillText(text, x, y);
    ctx.globalAlpha = 1;
  }

  measure(text: string, font: string): number {
    const key = `${font}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      this.ctx.font = font;
      width = this.ctx.measureText(text).width;
      if (this.widths.size > 5000) this.widths.clear();
      this.widths.set(key, width);
    }
    return width;
  }

  clip(x: number, y: number, w: number, h: number, draw: () => void): void {
    this.ctx.save();
    this.ctx.beginPath();
    this.ctx.rect(x, y, w, h);
    this.ctx.clip();
    draw();
    this.ctx.restore();
  }

  private applyStroke(stroke: Stroke): void {
    const ctx = this.ctx;
    ctx.globalAlpha = stroke.alpha ?? 1;
    ctx.strokeStyle = stroke.color;
    ctx.lineWidth = stroke.width;
    ctx.setLineDash(stroke.dash ?? []);
  }

  private pattern(color: string, kind: Pattern): CanvasPattern | null {
    const key = `${kind}:${color}`;
    if (this.patterns.has(key)) return this.patterns.get(key)!;
    const tile = document.createElement('canvas');
    const ratio = this.ctx.getTransform().a || 1;
    tile.width = tile.height = TILE * ratio;
    const t = tile.getContext('2d');
    let pattern: CanvasPattern | null = null;
    if (t) {
      t.scale(ratio, ratio);
      t.strokeStyle = t.fillStyle = color;
      t.lineWidth = 1.5;
      drawTile(kind, (x1, y1, x2, y2) => { t.beginPath(); t.moveTo(x1, y1); t.lineTo(x2, y2); t.stroke(); }, (cx, cy, r) => { t.beginPath(); t.arc(cx, cy, r, 0, Math.PI * 2); t.fill(); });
      pattern = this.ctx.createPattern(tile, 'repeat');
      pattern?.setTransform(new DOMMatrix().scale(1 / ratio, 1 / ratio));
    }
    this.patterns.set(key, pattern);
    return pattern;
  }
}

/** The marks of one pattern tile (TILE×TILE), for both back ends. */
function drawTile(kind: Pattern, line: (x1: number, y1: number, x2: number, y2: number) => void, dot: (cx: number, cy: number, r: number) => void): void {
  switch (kind) {
    case 'hatch':
      line(-2, TILE + 2, TILE + 2, -2);
      line(-2, 2, 2, -2);
      line(TILE - 2, TILE + 2, TILE + 2, TILE - 2);
      break;
    case 'cross':
      line(-2, TILE + 2, TILE + 2, -2);
      line(-2, -2, TILE + 2, TILE + 2);
      break;
    case 'stripes':
      // Upright bars, apart from every other pattern's diagonals and dots.
      line(2, -2, 2, TILE + 2);
      line(6, -2, 6, TILE + 2);
      break;
    case 'dots':
      dot(2, 2, 1.3);
      dot(6, 6, 1.3);
      break;
    case 'solid':
      break;
  }
}

/** Builds SVG elements into a group (for the export). */
export class SvgPainter implements Painter {
  private readonly defs: SVGDefsElement;
  private readonly patternIds = new Map<string, string>();
  private target: SVGGElement;

  constructor(readonly group: SVGGElement, private readonly idPrefix: string) {
    this.defs = group.appendChild(svgEl('defs'));
    this.target = group;
  }

  rects(fill: Fill, coords: readonly number[]): void {
    if (coords.length === 0) return;
    let d = '';
    for (let i = 0; i < coords.length; i += 4) {
      d += `M${r(coords[i]!)},${r(coords[i + 1]!)}h${r(coords[i + 2]!)}v${r(coords[i + 3]!)}h${r(-coords[i + 2]!)}Z`;
    }
    if (!fill.pattern || fill.pattern === 'solid') {
      this.add('path', { d, fill: fill.color, 'fill-opacity': fill.alpha ?? 1 });
    } else {
      this.add('path', { d, fill: fill.color, 'fill-opacity': (fill.alpha ?? 1) * 0.35 });
      this.add('path', { d, fill: `url(#${this.pattern(fill.color, fill.pattern)})`, 'fill-opacity': fill.alpha ?? 1 });
    }
  }

  lines(stroke: Stroke, coords: readonly number[]): void {
    if (coords.length === 0) return;
    let d = '';
    for (let i = 0; i < coords.length; i += 4) d += `M${r(coords[i]!)},${r(coords[i + 1]!)}L${r(coords[i + 2]!)},${r(coords[i + 3]!)}`;
    this.add('path', { d, fill: 'none', ...strokeAttrs(stroke) });
  }

  path(d: string, fill: Fill | null, stroke: Stroke | null): void {
    this.add('path', {
      d,
      fill: fill ? fill.color : 'none',
      ...(fill?.alpha !== undefined ? { 'fill-opacity': fill.alpha } : {}),
      ...(stroke ? strokeAttrs(stroke) : {}),
    });
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const node = this.add('text', {
      x: r(x), y: r(y), fill: style.color, 'text-anchor': style.anchor ?? 'start',
      'dominant-baseline': style.baseline === 'middle' ? 'central' : 'auto', ...(style.alpha !== undefined ? { 'fill-opacity': style.alpha } : {}),
    });
    applyFont(node, style.font);
    node.textContent = text;
  }

  measure(text: string, font: string): number {
    return measureWith(text, font);
  }

  clip(x: number, y: number, w: number, h: number, draw: () => void): void {
    const id = `${this.idPrefix}-clip-${this.defs.childElementCount}`;
    const clip = this.defs.appendChild(svgEl('clipPath', { id }));
    clip.appendChild(svgEl('rect', { x: r(x), y: r(y), width: r(w), height: r(h) }));
    const previous = this.target;
    this.target = previous.appendChild(svgEl('g', { 'clip-path': `url(#${id})` }));
    try {
      draw();
    } finally {
      this.target = previous;
    }
  }

  private add<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
    return this.target.appendChild(svgEl(tag, attrs));
  }

  private pattern(color: string, kind: Pattern): string {
    const key = `${kind}:${color}`;
    let id = this.patternIds.get(key);
    if (id) return id;
    id = `${this.idPrefix}-pattern-${this.patternIds.size}`;
    this.patternIds.set(key, id);
    const pattern = this.defs.appendChild(svgEl('pattern', { id, patternUnits: 'userSpaceOnUse', width: TILE, height: TILE }));
    drawTile(kind,
      (x1, y1, x2, y2) => pattern.appendChild(svgEl('line', { x1, y1, x2, y2, stroke: color, 'stroke-width': 1.5 })),
      (cx, cy, radius) => pattern.appendChild(svgEl('circle', { cx, cy, r: radius, fill: color })));
    return id;
  }
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function strokeAttrs(stroke: Stroke): Record<string, string | number> {
  return {
    stroke: stroke.color, 'stroke-width': stroke.width,
    ...(stroke.alpha !== undefined ? { 'stroke-opacity': stroke.alpha } : {}),
    ...(stroke.dash && stroke.dash.length > 0 ? { 'stroke-dasharray': stroke.dash.join(' ') } : {}),
  };
}

/** Splits a CSS font shorthand (`600 12px "Segoe UI", sans-serif`) into SVG attributes. */
function applyFont(node: SVGTextElement, font: string): void {
  const match = /^\s*(?:(italic)\s+)?(?:(bold|[1-9]00)\s+)?([\d.]+)px\s+(.+)$/.exec(font);
  if (!match) return;
  if (match[1]) node.setAttribute('font-style', 'italic');
  if (match[2]) node.setAttribute('font-weight', match[2]);
  node.setAttribute('font-size', match[3]!);
  node.setAttribute('font-family', match[4]!);
}

