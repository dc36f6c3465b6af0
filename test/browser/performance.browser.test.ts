// Speed in a real Chromium: the graph of 5,000 legs, and the timeline of 100,000 events (many flows,
// and a few very dense lanes), drawn, zoomed and panned. The figures are printed and written to
// test-results/performance.json; only loose bounds are asserted (CI machines vary).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ViewModel } from '../../src/shared/viewModel';
import { event, launch, lines, modelOf, openWebview, postToWebview, RESULTS, screenshot, settled } from './helpers';

const figures: Record<string, number | string> = {};

function record(name: string, value: number | string): void {
  figures[name] = typeof value === 'number' ? Math.round(value * 10) / 10 : value;
  console.log(`      ${name}: ${typeof value === 'number' ? `${figures[name]} ms` : value}`);
}

const STATES = ['preanswer', 'ringing', 'queued', 'connected', 'hold', 'connected', 'hold', 'connected', 'hold', 'connected'];

/** `flows` call-center flows, each an entry point and `extra` other legs (operator, then monitors), `perLeg` events each. */
function callCenter(flows: number, extra: number, perLeg: number): string {
  const events: Record<string, unknown>[] = [];
  for (let f = 0; f < flows; f++) {
    const entry = 10_000_000 + f * 10, base = f * 30;
    for (let i = 0; i < perLeg; i++) {
      const state = i === perLeg - 1 ? 'hangup' : STATES[i % STATES.length]!;
      events.push(event(entry, state, base + i * 2, { operator_call_id: i >= 3 ? entry + 1 : null }));
    }
    for (let l = 1; l <= extra; l++) {
      for (let i = 0; i < perLeg; i++) {
        const state = i === perLeg - 1 ? 'hangup' : l === 1 ? STATES[(i + 3) % STATES.length]! : i === 1 ? (l === 2 ? 'barge' : 'monitor') : 'connected';
        events.push(event(entry + l, state, base + 4 + l + i * 1.5, { entry_point_call_id: entry }));
      }
    }
  }
  return lines(events);
}

/** One flow whose `legs` legs have `perLeg` events each, 100 ms apart. */
function dense(legs: number, perLeg: number): string {
  const events: Record<string, unknown>[] = [];
  for (let l = 0; l < legs; l++) {
    const id = 20_000_000 + l;
    for (let i = 0; i < perLeg; i++) {
      const state = i === perLeg - 1 ? 'hangup' : i === 0 ? 'ringing' : i % 7 === 0 ? 'hold' : 'connected';
      events.push(event(id, state, l * 3 + i * 0.1, l === 0 ? { operator_call_id: 20_000_001 } : { entry_point_call_id: 20_000_000 }));
    }
  }
  return lines(events);
}

async function show(page: Page, model: ViewModel): Promise<void> {
  await postToWebview(page, { type: 'update', model });
  await page.waitForSelector('.graph-svg g.node');
  await settled(page);
}

/** Clicks "Draw all" and measures until the next frame has been painted. */
async function drawAll(page: Page): Promise<{ click: number; frame: number; graph: number; timeline: number; legs: number; rendered: number }> {
  return page.evaluate(async () => {
    const app = window.callEvents!;
    const button = document.querySelector<HTMLButtonElement>('.list-meta .link-button')!;
    const t0 = performance.now();
    button.click();
    const click = performance.now() - t0;
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const frame = performance.now() - t0;
    return {
      click, frame, graph: app.timings.graph, timeline: app.timings.timeline,
      legs: app.graph.current.nodes.length, rendered: document.querySelectorAll('.graph-svg g.node').length,
    };
  });
}

/** Zooms the timeline in and out, and pans it, timing each synchronous redraw. */
async function zoomTimeline(page: Page, steps: number): Promise<{ first: number; average: number; worst: number; wheel: number; wheelFrame: number }> {
  const inPage = await page.evaluate(async (count) => {
    const timeline = window.callEvents!.timeline;
    const times: number[] = [];
    let t = performance.now();
    timeline.fit();
    timeline.draw();
    const first = performance.now() - t;
    for (let i = 0; i < count; i++) {
      timeline.zoomBy(i < count / 2 ? 1.6 : 1 / 1.6);
      t = performance.now();
      timeline.draw();
      times.push(performance.now() - t);
    }
    return { first, average: times.reduce((a, b) => a + b, 0) / times.length, worst: Math.max(...times) };
  }, steps);
  // Wheel events dispatched in the page, each followed by the frame it causes.
  const wheel = await page.evaluate(async () => {
    const plot = document.querySelector<HTMLElement>('.tl-plot')!;
    const rect = plot.getBoundingClientRect();
    const steps: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      plot.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 10 ? -240 : 240, clientX: rect.left + rect.width / 2, clientY: rect.top + 40, bubbles: true, cancelable: true }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      steps.push(performance.now() - t);
    }
    return steps.reduce((a, b) => a + b, 0) / steps.length;
  });
  // Real wheel and drag input through the browser: the time from the first event to the frame after the last.
  const box = (await page.locator('.tl-plot').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  const started = await page.evaluate(() => performance.now());
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -120);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 300, box.y + 60, { steps: 10 });
  await page.mouse.up();
  const ended = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  return { ...inPage, wheel, wheelFrame: (ended - started) / 20 };
}

describe('performance in Chromium (figures printed, loose bounds)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => ({ browser, close } = await launch()));
  after(async () => {
    fs.writeFileSync(path.join(RESULTS, 'performance.json'), `${JSON.stringify(figures, null, 2)}\n`);
    await close?.();
  });

  it('draws a graph of 5,000 legs (1,250 flows of 4 legs) in under a second', async () => {
    const model = await modelOf({ 'legs.jsonl': callCenter(1250, 3, 4) });
    assert.equal(model.flows.reduce((sum, f) => sum + f.legs.length, 0), 5000);
    const { page } = await openWebview(browser);
    await show(page, model);
    const drawn = await drawAll(page);
    assert.equal(drawn.legs, 5000);
    assert.ok(drawn.rendered > 0);
    record('graph 5,000 legs: layout + SVG of the legs in and around view (JS)', drawn.graph);
    record('graph 5,000 legs: click to painted frame (graph + timeline)', drawn.frame);
    record('graph 5,000 legs: legs in the DOM after the first draw', String(drawn.rendered));
    const moves = await page.evaluate(async () => {
      const graph = window.callEvents!.graph;
      let t0 = performance.now();
      for (let i = 0; i < 10; i++) {
        graph.zoomBy(i < 5 ? 1.3 : 1 / 1.3);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      const zoom = (performance.now() - t0) / 10;
      // Pan down through the flows, 600 px a step, as a drag would (d3-zoom's translateBy).
      const view = graph as unknown as { root: { call(f: unknown, x: number, y: number): void }; zoomBehavior: { translateBy: unknown } };
      t0 = performance.now();
      let worst = 0;
      for (let i = 0; i < 40; i++) {
        const s = performance.now();
        view.root.call(view.zoomBehavior.translateBy, 0, -600);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        worst = Math.max(worst, performance.now() - s);
      }
      return { zoom, pan: (performance.now() - t0) / 40, worst, rendered: document.querySelectorAll('.graph-svg g.node').length };
    });
    record('graph 5,000 legs: zoom step to frame', moves.zoom);
    record('graph 5,000 legs: pan step (600 px) to frame, average of 40', moves.pan);
    record('graph 5,000 legs: pan step to frame, worst', moves.worst);
    assert.ok(drawn.frame < 3000, `${drawn.frame} ms`);
    await screenshot(page, 'performance-5000-legs');
    await page.close();
  });

  it('renders, zooms and pans a timeline of 100,000 events over 5,000 lanes (2,500 flows)', async () => {
    const model = await modelOf({ 'events.jsonl': callCenter(2500, 1, 20) });
    assert.equal(model.eventCount, 100_000);
    const { page } = await openWebview(browser);
    await show(page, model);
    const drawn = await drawAll(page);
    record('timeline 100,000 events / 5,000 lanes: lanes + first draw (JS)', drawn.timeline);
    record('timeline 100,000 events / 5,000 lanes: click to painted frame (graph + timeline)', drawn.frame);
    const zoom = await zoomTimeline(page, 30);
    record('timeline 100,000 events / 5,000 lanes: redraw, average of 30 zoom steps', zoom.average);
    record('timeline 100,000 events / 5,000 lanes: redraw, worst zoom step', zoom.worst);
    record('timeline 100,000 events / 5,000 lanes: wheel event to painted frame (in page), average of 20', zoom.wheel);
    record('timeline 100,000 events / 5,000 lanes: wheel/drag input through Playwright, per event (round trips included)', zoom.wheelFrame);
    // Scrolling the lanes.
    const scroll = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.tl-scroll')!;
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) {
        scroller.scrollTop += 2000;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      }
      return (performance.now() - t0) / 20;
    });
    record('timeline 100,000 events / 5,000 lanes: scroll step to frame', scroll);
    assert.ok(zoom.average < 200, `${zoom.average} ms`);
    await screenshot(page, 'performance-100k-events-many-lanes');
    await page.close();
  });

  it('renders, zooms and pans a timeline of 100,000 events in 10 dense lanes', async () => {
    const model = await modelOf({ 'dense.jsonl': dense(10, 10_000) });
    assert.equal(model.eventCount, 100_000);
    const { page } = await openWebview(browser);
    const started = Date.now();
    await show(page, model);
    record('dense 100,000 events / 10 lanes: update to drawn, test harness included', Date.now() - started);
    const timings = await page.evaluate(() => window.callEvents!.timings);
    record('dense 100,000 events / 10 lanes: update message handled: indexes, list, graph, timeline (JS)', timings.model);
    record('dense 100,000 events / 10 lanes: lanes + first draw (JS)', timings.timeline);
    const zoom = await zoomTimeline(page, 30);
    record('dense 100,000 events / 10 lanes: redraw at full extent', zoom.first);
    record('dense 100,000 events / 10 lanes: redraw, average of 30 zoom steps', zoom.average);
    record('dense 100,000 events / 10 lanes: redraw, worst zoom step', zoom.worst);
    record('dense 100,000 events / 10 lanes: wheel event to painted frame (in page), average of 20', zoom.wheel);
    record('dense 100,000 events / 10 lanes: wheel/drag input through Playwright, per event (round trips included)', zoom.wheelFrame);
    assert.ok(zoom.average < 200, `${zoom.average} ms`);
    await screenshot(page, 'performance-100k-events-dense');
    record('browser', await browser.version());
    await page.close();
  });
});
