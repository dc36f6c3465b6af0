// The ladder (the upper pane's second tab) read at the panel's size: 700 px beside the editor and 1400 px,
// 900 px tall. Every leg's column is on screen with names at least 11 px and call ids at least 10 px as
// rendered; payload text stays text; the keyboard reaches every state change. Also the one-line legend key
// at 500 px (no item shown cut), and the flow chosen in each capture remembered when the panel switches captures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../src/cli';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { chain, event, lines, readableFlows } from '../fixtures/flows';
import { launch, openReport, modelOf, openWebview, posted, postToWebview, RESULTS, ROOT, sample, screenshot, settled } from './helpers';

async function show(page: Page, files: Record<string, string>, uri?: string): Promise<void> {
  const model = await modelOf(files);
  await postToWebview(page, { type: 'update', model, focus: null, ...(uri ? { document: uri } : {}) });
  // The graph's legs, or (with the ladder's tab chosen, the graph hidden) the ladder of this flow.
  await page.waitForFunction((id) => document.querySelector('.graph-svg g.node') !== null && !document.body.classList.contains('view-ladder')
    || (document.querySelector('.ladder-svg')?.getAttribute('aria-label') ?? '').includes(`flow ${id}:`), model.flows[0]!.id);
  await settled(page);
  await settled(page);
}

async function showLadder(page: Page): Promise<void> {
  if (await page.getAttribute('button.view-tab[data-view="ladder"]', 'aria-selected') !== 'true') await page.click('button.view-tab[data-view="ladder"]');
  await page.waitForSelector('.ladder-svg g.ladder-mark');
  await settled(page);
}

/** Clicks Export SVG and Export PNG and returns the two messages posted to the host (checked against the protocol). */
async function exportBoth(page: Page): Promise<{ svg: { name: string; data: string }; png: { name: string; data: string } }> {
  const count = () => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length);
  const before = await count();
  await page.click('button:has-text("Export SVG")');
  await page.waitForFunction((n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length > n, before);
  await page.click('button:has-text("Export PNG")');
  await page.waitForFunction((n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length > n + 1, before);
  const exports = (await posted(page)).filter((m) => m.type === 'export').slice(before);
  for (const message of exports) {
    const parsed = parseWebviewMessage(message);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  }
  const of = (format: string) => exports.find((m) => m.format === format) as { name: string; data: string };
  return { svg: of('svg'), png: of('png') };
}

/** The width and height in a PNG's header (IHDR, bytes 16 to 24). */
function pngSize(dataUrl: string): { width: number; height: number; bytes: number } {
  const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: bytes.length };
}

/** What the ladder shows: rendered sizes of the column headers' names and call ids, and columns outside the pane. */
async function ladderSeen(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.ladder-scroll')!.getBoundingClientRect();
    let minName = Infinity, minCallId = Infinity;
    const offScreen: string[] = [];
    const columns = [...document.querySelectorAll<SVGGElement>('g.ladder-column')];
    for (const column of columns) {
      // (No helper functions in here: the test runner's transpiler would name them with a function the page lacks.)
      const name = column.querySelector<SVGTextElement>('text.ladder-name')!;
      for (const text of [name, column.querySelector<SVGTextElement>('text.ladder-meta.mono')]) {
        if (!text) continue;
        const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(text.getCTM()!.a, text.getCTM()!.b);
        if (text === name) minName = Math.min(minName, px);
        else minCallId = Math.min(minCallId, px);
      }
      // The column's line (its header's tick) and its name must be inside the pane.
      for (const part of [column.querySelector('path.ladder-head-tick')!, name]) {
        const box = part.getBoundingClientRect();
        if (box.left < pane.left - 0.5 || box.right > pane.right + 0.5 || box.width + box.height === 0) offScreen.push(`${column.dataset.column}:${part.getAttribute('class')}`);
      }
    }
    const marks = [...document.querySelectorAll<SVGGElement>('g.ladder-mark circle')].filter((dot) => {
      const box = dot.getBoundingClientRect();
      return box.left < pane.left || box.right > pane.right;
    }).length;
    const names = columns.map((c) => c.querySelector('text.ladder-name')!.textContent);
    return { minName, minCallId, offScreen, marksOff: marks, columns: columns.length, names, scrollsSideways: document.querySelector('.ladder-scroll')!.scrollWidth > document.querySelector('.ladder-scroll')!.clientWidth };
  });
}

describe('the ladder view', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => ({ browser, close } = await launch()));
  after(async () => close?.());

  for (const width of [700, 1400]) {
    it(`${width}×900: the customer and every leg a column on screen, names ≥ 11 px and call ids ≥ 10 px as rendered`, async () => {
      const { page, problems } = await openWebview(browser, { width, height: 900 });
      const flows: Record<string, string> = { 'transfer.jsonl': readableFlows()['transfer.jsonl']!, 'chain-3.jsonl': chain(3), 'chain-3-call-centers.jsonl': chain(3, true) };
      for (const [name, text] of Object.entries(flows)) {
        const model = await modelOf({ [name]: text });
        await show(page, { [name]: text });
        await showLadder(page);
        const seen = await ladderSeen(page);
        assert.equal(seen.columns, model.flows[0]!.legs.length + 1, `${name}: the customer and each leg`);
        assert.deepEqual(seen.offScreen, [], `${name}: columns off screen`);
        assert.equal(seen.marksOff, 0, `${name}: state changes off screen`);
        assert.equal(seen.scrollsSideways, false, `${name}: no sideways scroll`);
        assert.ok(seen.minName >= 11, `${name}: names ${seen.minName} px`);
        assert.ok(seen.minCallId >= 10, `${name}: call ids ${seen.minCallId} px`);
        if (name !== 'chain-3.jsonl') await screenshot(page, `ladder-${width}-${name.replace('.jsonl', '')}`);
      }
      // The customer's column is first, named as the answers name them.
      assert.equal((await ladderSeen(page)).names[0], 'Daniel Okafor');
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it('a flow wider than the pane (six transfers) scrolls sideways, its columns at full size', async () => {
    const { page } = await openWebview(browser, { width: 700, height: 900 });
    await show(page, { 'chain-6.jsonl': chain(6, true) });
    await showLadder(page);
    const seen = await ladderSeen(page);
    assert.equal(seen.scrollsSideways, true);
    assert.ok(seen.minName >= 11 && seen.minCallId >= 10);
    // The last column comes into view with the scroll.
    await page.$eval('.ladder-scroll', (s) => { s.scrollLeft = s.scrollWidth; });
    const last = await page.$eval('g.ladder-column:last-of-type text.ladder-name', (t) => {
      const box = t.getBoundingClientRect(), pane = document.querySelector('.ladder-scroll')!.getBoundingClientRect();
      return box.left >= pane.left && box.right <= pane.right;
    });
    assert.ok(last, 'the last column in view after scrolling');
    await page.close();
  });

  it('keyboard: Tab reaches a state change, arrows move through time and across columns, Enter reveals; the tab is kept', async () => {
    const { page } = await openWebview(browser, { width: 700, height: 900 });
    await show(page, { 'transfer.jsonl': readableFlows()['transfer.jsonl']! });
    await page.focus('button.view-tab[data-view="graph"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('button.view-tab[data-view="ladder"]', 'aria-selected'), 'true');
    await page.waitForSelector('.ladder-svg g.ladder-mark');
    await page.focus('g.ladder-mark[tabindex="0"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => [document.activeElement?.getAttribute('data-call-id'), document.activeElement?.querySelector('text')?.textContent]);
    assert.deepEqual(focused, ['5318860042543104', 'preanswer'], 'from Sales\'s ringing to the nearest state of Marcus Reed');
    await page.keyboard.press('Enter');
    const reveal = (await posted(page)).filter((m) => m.type === 'reveal').pop();
    assert.equal(reveal?.callId, '5318860042543104');
    assert.equal(reveal?.line, 3, 'Marcus Reed\'s preanswer is line 3 of transfer.jsonl');
    const state = await page.evaluate(() => (window as unknown as { __state: { view?: string } }).__state);
    assert.equal(state.view, 'ladder');
    // Back to the graph: drawn again, fitted to the pane it has again.
    await page.click('button.view-tab[data-view="graph"]');
    await page.waitForSelector('.graph-svg g.node[data-call-id="5318860042543104"]', { state: 'visible' });
    await page.close();
  });

  it('payload text is only text in the ladder: a name like <img onerror> is shown, never run', async () => {
    const { page, problems } = await openWebview(browser, { width: 700, height: 900 });
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const text = lines([
      event(1, 'connected', 0, { contact: { phone: '+14155550123', type: 'local', id: 1, name: hostile, email: '' }, target: { phone: '+1', type: 'user', id: 2, name: hostile, email: '', office_id: 1 } }),
      event(1, 'hangup', 30, { contact: { phone: '+14155550123', type: 'local', id: 1, name: hostile, email: '' } }),
    ]);
    await show(page, { 'hostile.jsonl': text });
    await showLadder(page);
    const names = (await ladderSeen(page)).names;
    assert.ok(names.every((name) => name!.startsWith('<img')), JSON.stringify(names));
    assert.equal(await page.$$eval('.ladder-body img', (imgs) => imgs.length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('Export SVG/PNG with the ladder shown exports the ladder (its columns and names) and the timeline, named as such', async () => {
    const { page, problems } = await openWebview(browser, { width: 700, height: 900 });
    await show(page, { 'transfer.jsonl': sample('transfer.jsonl') });
    await showLadder(page);
    const ladderWidth = Number(await page.getAttribute('.ladder-svg', 'width'));
    const { svg, png } = await exportBoth(page);
    assert.equal(svg.name, 'call-flow-4611909857034240-ladder.svg');
    assert.equal(png.name, 'call-flow-4611909857034240-ladder.png');
    fs.writeFileSync(path.join(RESULTS, 'export-ladder.svg'), svg.data);
    fs.writeFileSync(path.join(RESULTS, 'export-ladder.png'), Buffer.from(png.data.slice('data:image/png;base64,'.length), 'base64'));
    assert.doesNotMatch(svg.data, /var\(--/);
    // The SVG stands alone: in a page of its own, the customer's column and each leg's, with their names.
    const view = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
    await view.setContent(`<body style="margin:0">${svg.data}</body>`);
    const seen = await view.evaluate(() => {
      const root = document.querySelector('svg')!;
      const columns = [...root.querySelectorAll('g[data-column]')].map((c) => [c.getAttribute('data-column'), c.getAttribute('data-call-id'), [...c.querySelectorAll('text')].map((t) => t.textContent)]);
      const title = root.querySelector('text')!.textContent;
      const legend = [...root.querySelectorAll('g.ce-x-legend text')].map((t) => t.textContent);
      return { width: Number(root.getAttribute('width')), height: Number(root.getAttribute('height')), columns, title, legend, timeline: root.querySelectorAll('g.ladder-mark, g[data-mark]').length };
    });
    // The ladder's own key, as above the ladder in the panel (not the graph's roles).
    assert.deepEqual(seen.legend, ['Spoke with', 'Connected', 'On hold / parked', 'Ringing', 'Queued', 'Barge / takeover', 'Transfer', 'State change']);
    assert.match(seen.title!, /^Call flow 4611909857034240 · ladder · transfer\.jsonl$/);
    assert.deepEqual(seen.columns.map((c) => c[0]), ['0', '1', '2', '3', '4'], 'the customer and four legs');
    assert.equal(seen.columns[0]![1], null, 'the customer has no call id');
    assert.deepEqual(seen.columns.map((c) => (c[2] as string[])[0]), ['Hannah Schmidt', 'Sales', 'Marcus Reed', 'Billing', 'Aiko Tanaka']);
    assert.ok(seen.timeline > 10, `the state changes (${seen.timeline})`);
    assert.match(svg.data, /ce-x-tl/, 'the timeline below');
    assert.ok(seen.width >= ladderWidth + 40, `the whole ladder (${ladderWidth} px) and the margins in ${seen.width} px`);
    // The PNG: the SVG's size at twice the scale (a small image), not empty.
    const size = pngSize(png.data);
    assert.deepEqual([size.width, size.height], [seen.width * 2, seen.height * 2]);
    assert.ok(size.bytes > 20_000, `${size.bytes} bytes`);
    await view.close();
    // Back on the graph, the export is the graph's again.
    await page.click('button.view-tab[data-view="graph"]');
    await settled(page);
    const graph = await exportBoth(page);
    assert.equal(graph.svg.name, 'call-flow-4611909857034240.svg');
    assert.doesNotMatch(graph.svg.data, /data-column=/);
    assert.ok(graph.svg.data.includes('>Entry point</text>') && !graph.svg.data.includes('>Spoke with</text>'), 'the graph\'s export keeps the roles');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the exported ladder keeps hostile names as text: no <script> or onerror becomes markup', async () => {
    const { page, problems } = await openWebview(browser, { width: 700, height: 900 });
    const script = '<script>window.__pwned=1</script>';
    const img = '<img src=x onerror="window.__pwned=2">';
    const text = lines([
      event(1, 'connected', 0, { contact: { phone: '+14155550123', type: 'local', id: 1, name: script, email: '' }, target: { phone: '+1', type: 'user', id: 2, name: img, email: '', office_id: 1 } }),
      event(1, 'hangup', 30, { contact: { phone: '+14155550123', type: 'local', id: 1, name: script, email: '' }, target: { phone: '+1', type: 'user', id: 2, name: img, email: '', office_id: 1 } }),
    ]);
    await show(page, { 'hostile.jsonl': text });
    await showLadder(page);
    const { svg } = await exportBoth(page);
    assert.doesNotMatch(svg.data, /<script/i);
    assert.doesNotMatch(svg.data, /<img/i);
    assert.match(svg.data, /&lt;script&gt;window\.__pwned=1&lt;\/script&gt;/);
    // Opened as a document (an SVG file in a browser) and inside a page: the names are text, nothing runs.
    const view = await browser.newPage();
    await view.goto(`data:image/svg+xml;base64,${Buffer.from(svg.data).toString('base64')}`);
    const asFile = await view.evaluate(() => ({
      scripts: document.querySelectorAll('script, img, [onerror]').length,
      texts: [...document.querySelectorAll('text')].map((t) => t.textContent),
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    assert.equal(asFile.scripts, 0);
    assert.equal(asFile.pwned, undefined);
    assert.ok(asFile.texts.includes(script) && asFile.texts.includes(img), JSON.stringify(asFile.texts));
    await view.goto('about:blank');
    await view.setContent(`<body>${svg.data}</body>`);
    await settled(view);
    assert.equal(await view.evaluate(() => document.querySelectorAll('script, img, [onerror]').length + ((window as unknown as { __pwned?: number }).__pwned ?? 0)), 0);
    await view.close();
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('500 px: the one-line legend keys show whole items only (no "Monitor (ar…"), the rest in the full legend', async () => {
    const { page } = await openWebview(browser, { width: 500, height: 900 });
    await show(page, { 'monitored-barge.jsonl': sample('monitored-barge.jsonl') });
    const cut = () => page.$$eval('.pane-head .legend', (lists) => lists.flatMap((list) => {
      const box = list.getBoundingClientRect();
      if (box.height === 0) return [];
      return [...list.querySelectorAll<HTMLElement>('.legend-item')].filter((item) => {
        const r = item.getBoundingClientRect();
        const visible = r.top < box.bottom && r.bottom > box.top && r.left < box.right;
        const whole = r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5 && item.scrollWidth <= item.clientWidth + 0.5;
        return visible && !whole;
      }).map((item) => `${list.className}: ${item.textContent}`);
    }));
    const shown = () => page.$$eval('.pane-head .legend .legend-item', (items) => items.filter((item) => {
      const r = item.getBoundingClientRect(), box = item.parentElement!.getBoundingClientRect();
      return r.height > 0 && r.bottom <= box.bottom + 0.5;
    }).length);
    assert.deepEqual(await cut(), [], 'the graph and timeline keys');
    const keyItems = await shown();
    assert.ok(keyItems >= 4, `the keys show ${keyItems} whole items`);
    assert.ok(await page.$eval('.graph-legend', (ul) => ul.getBoundingClientRect().height) <= 22);
    await screenshot(page, 'legend-500');
    await showLadder(page);
    assert.deepEqual(await cut(), [], 'the ladder key');
    await page.click('button.legend-toggle');
    assert.deepEqual(await cut(), [], 'the full legends');
    assert.ok(await shown() > keyItems, 'the full legends show more');
    await page.close();
  });

  it('the HTML report has the ladder too (the same bundle), under its own CSP', async () => {
    const out = path.join(RESULTS, 'report-ladder.html');
    assert.equal(await main(['report', path.join(ROOT, 'samples', 'transfer.jsonl'), '--out', out], {}, () => {}, () => {}), 0);
    const { page, requests, url, problems } = await openReport(browser, out, { width: 1280, height: 860 });
    await showLadder(page);
    const seen = await ladderSeen(page);
    assert.deepEqual(seen.names, ['Hannah Schmidt', 'Sales', 'Marcus Reed', 'Billing', 'Aiko Tanaka']);
    assert.deepEqual(seen.offScreen, []);
    assert.ok(seen.minName >= 11 && seen.minCallId >= 10);
    await screenshot(page, 'report-ladder');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url], 'offline: the report is its only request');
    await page.context().close();
  });

  it('switching captures and back shows the flow picked in each, not its first flow; a reload keeps them', async () => {
    const { page } = await openWebview(browser, { width: 1400, height: 900 });
    const two = { 'two.jsonl': sample('call-center.jsonl') + sample('transfer.jsonl') };
    const model = await modelOf(two);
    assert.equal(model.flows.length, 2);
    const second = model.flows[1]!.id;
    await show(page, two, 'file:///a/two.jsonl');
    await page.click(`li.flow-item[data-flow-id="${second}"]`);
    await settled(page);
    const chosen = () => page.$$eval('li.flow-item[aria-selected="true"]', (items) => items.map((i) => (i as HTMLElement).dataset.flowId));
    assert.deepEqual(await chosen(), [second]);
    await show(page, { 'chain.jsonl': chain(2) }, 'file:///a/chain.jsonl');
    assert.match(await page.$eval('.subtitle', (s) => s.textContent ?? ''), /^Flow 100$/);
    await show(page, two, 'file:///a/two.jsonl');
    assert.deepEqual(await chosen(), [second], 'back on two.jsonl, its second flow as picked');
    const state = await page.evaluate(() => (window as unknown as { __state: { flowsByDocument?: Record<string, string[]> } }).__state);
    assert.deepEqual(state.flowsByDocument, { 'file:///a/chain.jsonl': ['100'], 'file:///a/two.jsonl': [second] });

    // A reload (the panel hidden and shown, or a window reload) starts from the saved state.
    const saved = await page.evaluate(() => JSON.stringify((window as unknown as { __state: unknown }).__state));
    const { page: again } = await openWebview(browser, { width: 1400, height: 900 });
    await again.evaluate((json) => { (window as unknown as { __state: unknown }).__state = JSON.parse(json); }, saved);
    await show(again, { 'chain.jsonl': chain(2) }, 'file:///a/chain.jsonl');
    await show(again, two, 'file:///a/two.jsonl');
    assert.deepEqual(await again.$$eval('li.flow-item[aria-selected="true"]', (items) => items.map((i) => (i as HTMLElement).dataset.flowId)), [second]);
    await page.close();
    await again.close();
  });
});
