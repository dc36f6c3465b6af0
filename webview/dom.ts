// Tiny DOM helpers. Text is only ever set through textContent: payload strings are untrusted.

/** Creates an element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Appends a child element and returns it. */
export function add<K extends keyof HTMLElementTagNameMap>(parent: Element, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  return parent.appendChild(el(tag, className, text));
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A small inline SVG showing a role's shape, for lists and legends. */
export function glyph(pathData: string, className: string, width: number, height: number, dash?: string | null): SVGSVGElement {
  const svg = svgEl('svg', { width, height, viewBox: `-1 -1 ${width + 2} ${height + 2}`, class: `glyph ${className}`, 'aria-hidden': 'true', focusable: 'false' });
  const path = svgEl('path', { d: pathData, class: 'glyph-shape' });
  if (dash) path.setAttribute('stroke-dasharray', dash);
  svg.appendChild(path);
  return svg;
}
