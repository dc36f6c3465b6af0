// What a person sees of the call graph in the panel beside the editor (700 px, half of a 1400 px
// window) and in a wide one (1400 px), 900 px tall: every leg of every sample flow and of chains of
// up to three transfers on screen, names at least 11 px and call ids at least 10 px as rendered,
// without zooming; a resize and new events refit unless the user moved the view.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { chain, readableFlows } from '../fixtures/flows';
import { event, launch, lines, modelOf, openWebview, posted, postToWebview, screenshot, settled } from './helpers';
import { readability } from './readability';

async function show(page: Page, files: Record<string, string>, document?: string): Promise<void> {
  await postToWebview(page, { type: 'update', model: await modelOf(files), focus: null, ...(document ? { document } : {}) });
  await page.waitForSelector('.graph-svg g.node');
  await settled(page);
  await settled(page);
}

/** The y of each transfer band's top, by segment index. */
async function bandTops(page: Page): Promise<number[]> {
  return page.$$eval('g.segment', (list) => list.map((g) => [Number((g as SVGGElement).dataset.transferIndex), Math.round(g.getBoundingClientRect().top)])
    .sort((a, b) => a[0]! - b[0]!).map((p) => p[1]!));
}

const timeDomain = (page: Page) => page.evaluate(() => window.callEvents!.timeline.visibleDomain());

describe('the call graph read at the panel\'s size', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => ({ browser, close } = await launch()));
  after(async () => close?.());

  for (const width of [700, 1400]) {
    it(`${width}×900: every leg of every sample flow and chain is on screen, names ≥ 11 px and call ids ≥ 10 px as rendered`, async () => {
      const { page, problems } = await openWebview(browser, { width, height: 900 });
      for (const [name, text] of Object.entries(readableFlows())) {
        const model = await modelOf({ [name]: text });
        await show(page, { [name]: text });
        const seen = await readability(page);
        const flow = model.flows[0]!;
        assert.equal(seen.legs, flow.legs.length + flow.missing.length, `${name}: every leg drawn`);
        assert.deepEqual(seen.offScreen, [], `${name}: legs off screen at scale ${seen.scale}`);
        assert.ok(seen.minName >= 11, `${name}: names ${seen.minName.toFixed(2)} px at scale ${seen.scale.toFixed(3)}`);
        assert.ok(seen.minCallId >= 10, `${name}: call ids ${seen.minCallId.toFixed(2)} px at scale ${seen.scale.toFixed(3)}`);
        if (/^(transfer|chain-3-call-centers)\./.test(name)) await screenshot(page, `readable-${width}-${name.replace('.jsonl', '')}`);
      }
      // The legends are a one-line key until asked for; then the whole legend shows.
      const legendHeight = () => page.$eval('.graph-legend', (ul) => ul.getBoundingClientRect().height);
      assert.ok(await legendHeight() <= 22, `one-line key: ${await legendHeight()} px`);
      const items = await page.$$eval('.graph-legend .legend-item', (li) => li.filter((i) => {
        const box = i.getBoundingClientRect(), list = i.parentElement!.getBoundingClientRect();
        return box.right <= list.right + 0.5 && box.bottom <= list.bottom + 0.5;
      }).length);
      await page.click('button.legend-toggle');
      assert.equal(await page.getAttribute('button.legend-toggle', 'aria-expanded'), 'true');
      const allItems = await page.$$eval('.graph-legend .legend-item', (li) => li.length);
      const shown = await page.$$eval('.graph-legend .legend-item', (li) => li.filter((i) => {
        const box = i.getBoundingClientRect(), list = i.parentElement!.getBoundingClientRect();
        return box.right <= list.right + 0.5 && box.bottom <= list.bottom + 0.5 && box.height > 0;
      }).length);
      assert.equal(shown, allItems);
      if (width === 700) assert.ok(items < allItems, `the key shows ${items} of ${allItems} items`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it('a resize from narrow to wide lays the flow out again and refits, unless the user zoomed; Fit then refits', async () => {
    const { page } = await openWebview(browser, { width: 700, height: 900 });
    await show(page, { 'chain.jsonl': chain(3, true) });
    const narrow = await bandTops(page);
    assert.equal(new Set(narrow).size, 4, `stacked in the narrow panel: ${narrow.join(', ')}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await settled(page);
    await settled(page);
    const wide = await bandTops(page);
    assert.ok(new Set(wide).size < 4, `fewer rows when wide: ${wide.join(', ')}`);
    let seen = await readability(page);
    assert.deepEqual(seen.offScreen, []);
    assert.ok(seen.minName >= 11, `names ${seen.minName}`);

    // The user zooms in: a resize keeps their view, and Fit is offered.
    await page.click('.graph-pane button[aria-label="Zoom in (+)"]');
    await settled(page);
    const zoomed = (await readability(page)).scale;
    await page.setViewportSize({ width: 700, height: 900 });
    await settled(page);
    await settled(page);
    assert.equal((await readability(page)).scale, zoomed);
    assert.ok(await page.$eval('.graph-pane', (p) => p.classList.contains('view-moved')));
    await page.click('.graph-pane button.fit-button');
    await settled(page);
    seen = await readability(page);
    assert.deepEqual(seen.offScreen, []);
    assert.equal(new Set(await bandTops(page)).size, 4, 'Fit lays it out for the narrow pane again');
    assert.ok(!(await page.$eval('.graph-pane', (p) => p.classList.contains('view-moved'))));
    await page.close();
  });

  it('live capture: as events arrive the timeline\'s axis and the graph\'s fit follow; a zoomed view stays', async () => {
    const { page } = await openWebview(browser, { width: 700, height: 900 });
    const all = [
      event(1, 'ringing', 10), event(2, 'connected', 15, { entry_point_call_id: 1 }), event(1, 'connected', 16, { operator_call_id: 2 }),
      event(2, 'hangup', 70, { entry_point_call_id: 1 }), event(1, 'hangup', 71, { operator_call_id: 2, is_transferred: true }),
      event(3, 'ringing', 80, { master_call_id: 1 }), event(4, 'connected', 85, { master_call_id: 1, entry_point_call_id: 3 }),
      event(3, 'connected', 86, { master_call_id: 1, operator_call_id: 4 }), event(4, 'hangup', 400, { master_call_id: 1, entry_point_call_id: 3 }),
      event(3, 'hangup', 401, { master_call_id: 1, operator_call_id: 4 }),
    ];
    const start = Date.UTC(2026, 4, 14, 9, 0, 0);
    const doc = 'file:///captures/live.jsonl';
    await show(page, { 'live.jsonl': lines(all.slice(0, 3)) }, doc);
    const [, end1] = await timeDomain(page);
    assert.ok(end1 < start + 70_000, `the axis ends near the first events (${(end1 - start) / 1000} s)`);
    for (const count of [5, 8, all.length]) {
      await show(page, { 'live.jsonl': lines(all.slice(0, count)) }, doc);
      const [, end] = await timeDomain(page);
      const last = all[count - 1]!.event_timestamp as number;
      assert.ok(end >= last, `after ${count} events the axis reaches the last one (${(end - start) / 1000} s ≥ ${(last - start) / 1000} s)`);
      const seen = await readability(page);
      assert.deepEqual(seen.offScreen, [], `after ${count} events every leg is in view`);
      assert.ok(seen.minName >= 11);
    }
    await screenshot(page, 'readable-700-live');
    // The user zooms both panes: the next events keep their views.
    await page.click('.graph-pane button[aria-label="Zoom in (+)"]');
    await page.click('.timeline-pane button[aria-label="Zoom in (+)"]');
    await settled(page);
    const graphScale = (await readability(page)).scale;
    const domain = await timeDomain(page);
    await show(page, { 'live.jsonl': lines([...all, event(3, 'recording', 460, { master_call_id: 1 })]) }, doc);
    assert.equal((await readability(page)).scale, graphScale);
    assert.deepEqual(await timeDomain(page), domain);
    await page.close();
  });

  it('a benign ResizeObserver notice is not reported to the host as an error; a real error is', async () => {
    const { page } = await openWebview(browser, { width: 700, height: 900 });
    await page.evaluate(() => {
      window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }));
      window.dispatchEvent(new ErrorEvent('error', { message: 'TypeError: something real' }));
    });
    const logs = (await posted(page)).filter((m) => m.type === 'log');
    assert.deepEqual(logs, [{ type: 'log', level: 'error', message: 'TypeError: something real' }]);
    await page.close();
  });
});
