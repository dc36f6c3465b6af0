// What a person sees of the call graph: the rendered size of each leg's name and call id (font size
// times the graph's scale, read from the page) and whether every leg is inside the graph's pane.
import type { Page } from 'playwright-core';

/** Rendered sizes and placement of the graph's legs. */
export interface Readability {
  /** The graph's current zoom scale. */
  scale: number;
  /** The smallest rendered font size (px) of a leg's name, and of its call id line. */
  minName: number;
  minCallId: number;
  /** Legs whose box is not wholly inside the graph pane. */
  offScreen: string[];
  legs: number;
}

/** Measures the graph as drawn now. */
export async function readability(page: Page): Promise<Readability> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('.graph-svg')!;
    const pane = svg.getBoundingClientRect();
    const viewport = svg.querySelector<SVGGElement>('g.viewport')!;
    const scale = viewport.getCTM()?.a ?? 1;
    let minName = Infinity, minCallId = Infinity;
    const offScreen: string[] = [];
    const nodes = [...svg.querySelectorAll<SVGGElement>('g.node')];
    for (const node of nodes) {
      // (No helper functions in here: the test runner's transpiler would name them with a function the page lacks.)
      for (const [cls, isName] of [['text.name', true], ['text.meta', false]] as const) {
        const text = node.querySelector<SVGTextElement>(cls)!;
        const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(text.getCTM()!.a, text.getCTM()!.b);
        if (isName) minName = Math.min(minName, px);
        else minCallId = Math.min(minCallId, px);
      }
      const box = node.getBoundingClientRect();
      if (box.left < pane.left - 0.5 || box.top < pane.top - 0.5 || box.right > pane.right + 0.5 || box.bottom > pane.bottom + 0.5) offScreen.push(node.dataset.callId!);
    }
    return { scale, minName, minCallId, offScreen, legs: nodes.length };
  });
}
