// One tooltip for the whole page, filled with text nodes only.
import { add, el } from './dom';

/** A line of a tooltip: text and an optional class (title, muted, error, warning, …). */
export interface TipLine {
  text: string;
  className?: string;
}

/** The page's tooltip. */
export class Tooltip {
  private readonly node: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.node = el('div', 'tooltip');
    this.node.setAttribute('role', 'tooltip');
    this.node.hidden = true;
    parent.appendChild(this.node);
  }

  /** Shows the lines next to a point in client coordinates, kept inside the window. */
  show(lines: readonly TipLine[], clientX: number, clientY: number): void {
    this.node.replaceChildren();
    for (const line of lines) add(this.node, 'div', line.className ? `tip-line ${line.className}` : 'tip-line', line.text);
    this.node.hidden = false;
    const { width, height } = this.node.getBoundingClientRect();
    const margin = 12;
    let x = clientX + margin, y = clientY + margin;
    if (x + width > window.innerWidth - 4) x = Math.max(4, clientX - width - margin);
    if (y + height > window.innerHeight - 4) y = Math.max(4, clientY - height - margin);
    this.node.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  hide(): void {
    this.node.hidden = true;
  }
}
