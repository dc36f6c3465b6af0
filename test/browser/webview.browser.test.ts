// The webview bundle in a real Chromium: roles drawn by shape with the right data attributes, a
// transfer chain read left to right, typed messages to and from the host, payload text kept as text,
// keyboard use, and the export; screenshots in test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseWebviewMessage } from '../../src/shared/protocol';
import type { ViewModel } from '../../src/shared/viewModel';
import { event, launch, lines, modelOf, openWebview, posted, postToWebview, RESULTS, sample, screenshot, settled } from './helpers';

interface NodeInfo {
  callId: string;
  role: string;
  kind: string | null;
  transferIndex: number;
  x: number;
  shape: string;
}

async function nodes(page: Page): Promise<NodeInfo[]> {
  return page.$$eval('.graph-svg g.node', (elements) => elements.map((element) => {
    const g = element as SVGGElement;
    const box = g.getBoundingClientRect();
    return {
      callId: g.dataset.callId!, role: g.dataset.role!, kind: g.dataset.monitorKind ?? null, transferIndex: Number(g.dataset.transferIndex),
      x: box.x, shape: g.querySelector('path.shape')!.getAttribute('d')!,
    };
  }));
}

async function show(page: Page, model: ViewModel, focus: { source: number; event: number } | null = null): Promise<void> {
  await postToWebview(page, { type: 'update', model, focus });
  await page.waitForSelector('.graph-svg g.node');
  await settled(page);
}

describe('the webview in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => ({ browser, close } = await launch()));
  after(async () => close?.());

  it('monitored barge: entry point, operator, monitor (barge) and monitor (takeover), each with its own shape', async () => {
    const { page, blocked, problems } = await openWebview(browser, { theme: 'dark' });
    await show(page, await modelOf({ 'monitored-barge.jsonl': sample('monitored-barge.jsonl') }));
    const drawn = await nodes(page);
    assert.deepEqual(drawn.map((n) => [n.callId, n.role, n.kind]).sort(), [
      ['4708925536329728', 'entry_point', null],
      ['5034651187347456', 'monitor', 'takeover'],
      ['5460118907617280', 'operator', null],
      ['6917402258563072', 'monitor', 'barge'],
    ]);
    // Told apart by silhouette, not colour alone: three different outlines, and monitors dashed and hatched.
    const shapeOf = (role: string) => drawn.find((n) => n.role === role)!.shape.replace(/[\d.,-]+/g, '#');
    assert.equal(new Set([shapeOf('entry_point'), shapeOf('operator'), shapeOf('monitor')]).size, 3);
    const monitor = await page.$eval('g.node[data-role="monitor"]', (g) => ({
      dash: getComputedStyle(g.querySelector('path.shape')!).strokeDasharray, pattern: g.querySelector('path.shape-pattern') !== null,
    }));
    assert.notEqual(monitor.dash, 'none');
    assert.ok(monitor.pattern);
    assert.equal(await page.$eval('g.node[data-role="operator"] path.shape', (p) => getComputedStyle(p).strokeDasharray), 'none');
    // Labelled, directed references.
    const edges = await page.$$eval('g.edge', (list) => list.map((g) => `${(g as SVGGElement).dataset.from} ${g.querySelector('text')!.textContent} ${(g as SVGGElement).dataset.to}`).sort());
    assert.deepEqual(edges, [
      '4708925536329728 operator_call_id 5460118907617280',
      '5034651187347456 entry_point_call_id 4708925536329728',
      '5460118907617280 entry_point_call_id 4708925536329728',
      '6917402258563072 entry_point_call_id 4708925536329728',
    ]);
    // The timeline has one lane per leg, labelled with the same attributes.
    const lanes = await page.$$eval('.tl-gutter g.leg-label', (list) => list.map((g) => `${(g as SVGGElement).dataset.callId} ${(g as SVGGElement).dataset.role}`));
    assert.equal(lanes.length, 4);
    assert.ok(lanes.includes('6917402258563072 monitor'));
    // Accessible names.
    assert.match(await page.$eval('g.node[data-monitor-kind="barge"]', (g) => g.getAttribute('aria-label')!), /^Monitor · barge leg Renée Dubois, call 6917402258563072/);
    await screenshot(page, 'webview-monitored-barge-dark');
    assert.deepEqual(blocked, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a transfer chain reads left to right in time, in the graph and the timeline', async () => {
    // 1 (direct) is transferred to 2 (direct), then to entry point 3 with operator 4; the sample adds a call-center transfer.
    const chain = lines([
      event(1, 'connected', 10), event(1, 'hangup', 60, { is_transferred: true }),
      event(2, 'connected', 70, { master_call_id: 1 }), event(2, 'hangup', 120, { is_transferred: true, master_call_id: 1 }),
      event(3, 'ringing', 125, { master_call_id: 1 }), event(4, 'connected', 130, { master_call_id: 1, entry_point_call_id: 3 }),
      event(3, 'connected', 131, { master_call_id: 1, operator_call_id: 4 }), event(4, 'hangup', 300, { master_call_id: 1, entry_point_call_id: 3 }),
      event(3, 'hangup', 301, { master_call_id: 1, operator_call_id: 4 }),
    ]);
    const { page, problems } = await openWebview(browser, { theme: 'light' });
    for (const [name, text, transfers] of [['chain.jsonl', chain, 2], ['transfer.jsonl', sample('transfer.jsonl'), 1]] as const) {
      const model = await modelOf({ [name]: text });
      assert.equal(model.flows[0]!.transfers, transfers);
      await show(page, model);
      const drawn = await nodes(page);
      for (let k = 1; k <= transfers; k++) {
        const before = Math.max(...drawn.filter((n) => n.transferIndex === k - 1).map((n) => n.x));
        const after = Math.min(...drawn.filter((n) => n.transferIndex === k).map((n) => n.x));
        assert.ok(after > before, `${name}: transfer ${k} starts right of the legs before it (${after} > ${before})`);
      }
      // In the timeline, each later segment's first event is further right.
      const xs = await page.evaluate((legs) => {
        const app = window.callEvents!;
        return legs.map((id) => app.timeline.eventX(id, 0));
      }, model.flows[0]!.legs.filter((l) => l.role === 'entry_point' || l.role === 'direct').map((l) => l.callId));
      for (let i = 1; i < xs.length; i++) assert.ok(xs[i]! > xs[i - 1]!, `${name}: timeline x ${xs.join(', ')}`);
      assert.equal(await page.$$eval('g.segment', (s) => s.length), transfers + 1);
      await screenshot(page, `webview-${name.replace('.jsonl', '')}-light`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("the timeline tells the supervisor's listening phase from the barge, on the canvas and in the legend (700 px panel)", async () => {
    const { page, problems } = await openWebview(browser, { theme: 'dark', width: 700, height: 900 });
    const model = await modelOf({ 'monitored-barge.jsonl': sample('monitored-barge.jsonl') });
    await show(page, model);
    const leg = model.flows[0]!.legs.find((l) => l.monitorKind === 'barge')!;
    const at = (state: string) => leg.events.findIndex((e) => e.state === state);
    // Each phase's fill: listening (monitor → barge) and speaking (barge → hangup).
    // (No named functions inside evaluate: the test runner's transpiler would wrap them in a helper the page lacks.)
    const blocks = await page.evaluate(({ id, ranges }) => {
      const timeline = window.callEvents!.timeline;
      const canvas = timeline.plot.querySelector('canvas')!;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const y = timeline.laneY(id)!;
      return ranges.map(([from, to]) => {
        const x0 = timeline.eventX(id, from!)!, x1 = timeline.eventX(id, to!)!;
        // 12 × 8 px at the phase's end: its state label is written at its start.
        const w = Math.round(12 * ratio), h = Math.round(8 * ratio);
        const data = canvas.getContext('2d')!.getImageData(Math.round((x1 - 15) * ratio), Math.round((y - 4) * ratio), w, h).data;
        // The canvas is transparent where nothing is painted: brightness as seen over the page's background.
        const bg = (/(\d+), (\d+), (\d+)/.exec(getComputedStyle(document.body).backgroundColor) ?? ['', '0', '0', '0']).slice(1).map(Number);
        const luma: number[] = [];
        for (let i = 0; i < data.length; i += 4) {
          const a = data[i + 3]! / 255;
          const [r, g, b] = [0, 1, 2].map((c) => a * data[i + c]! + (1 - a) * bg[c]!) as [number, number, number];
          luma.push(0.2126 * r + 0.7152 * g + 0.0722 * b);
        }
        // How much the brightness changes from a pixel to the next one down, and to the next one right.
        let down = 0, right = 0;
        for (let r = 0; r < h; r++) {
          for (let c = 0; c < w; c++) {
            if (r + 1 < h) down += Math.abs(luma[(r + 1) * w + c]! - luma[r * w + c]!);
            if (c + 1 < w) right += Math.abs(luma[r * w + c + 1]! - luma[r * w + c]!);
          }
        }
        return { width: x1 - x0, down: down / ((h - 1) * w), right: right / (h * (w - 1)) };
      });
    }, { id: leg.callId, ranges: [[at('monitor'), at('barge')], [at('barge'), at('hangup')]] });
    const phases = { listening: blocks[0]!, barging: blocks[1]! };
    await screenshot(page, 'webview-monitored-barge-700-dark');
    assert.ok(phases.listening.width > 20 && phases.barging.width > 20, `both phases are wide enough to see: ${JSON.stringify(phases)}`);
    // Told apart without colour: the listening phase is cross-hatched (its brightness changes down and across),
    // the barge striped upright (it changes across only).
    assert.ok(phases.listening.down > 5 && phases.listening.right > 5, `listening is cross-hatched: ${JSON.stringify(phases)}`);
    assert.ok(phases.barging.right > 5 && phases.barging.down < phases.barging.right / 4, `the barge is striped upright: ${JSON.stringify(phases)}`);
    // The legend names both (the one-line key shows them when opened in full).
    await page.click('button.legend-toggle');
    const legend = await page.$$eval('.timeline-legend .legend-item', (items) => items.map((i) => i.textContent));
    assert.ok(legend.includes('Listening in') && legend.includes('Barge / takeover'), legend.join(', '));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a click on a leg or an event posts a typed reveal message that the host accepts', async () => {
    const { page } = await openWebview(browser);
    const model = await modelOf({ 'monitored-barge.jsonl': sample('monitored-barge.jsonl') });
    await show(page, model);
    const first = await posted(page);
    assert.deepEqual(first[0], { type: 'ready' });

    await page.click('g.node[data-call-id="5460118907617280"]');
    const operator = model.flows[0]!.legs.find((l) => l.callId === '5460118907617280')!;
    let last = (await posted(page)).at(-1)!;
    assert.deepEqual(last, { type: 'reveal', source: 0, event: operator.events[0]!.event, line: operator.events[0]!.line, callId: '5460118907617280' });
    assert.deepEqual(last, { type: 'reveal', source: 0, event: 3, line: 4, callId: '5460118907617280' });
    assert.ok(parseWebviewMessage(last).ok);

    // The barge event on the timeline's canvas.
    const monitor = model.flows[0]!.legs.find((l) => l.monitorKind === 'barge')!;
    const index = monitor.events.findIndex((e) => e.state === 'barge');
    const point = await page.evaluate(({ id, i }) => {
      const app = window.callEvents!;
      const rect = app.timeline.plot.getBoundingClientRect();
      return { x: rect.left + app.timeline.eventX(id, i)!, y: rect.top + app.timeline.laneY(id)! };
    }, { id: monitor.callId, i: index });
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.tooltip:not([hidden])');
    const tip = await page.textContent('.tooltip');
    assert.match(tip!, /^barge/);
    assert.match(tip!, /Line 11/);
    await screenshot(page, 'webview-timeline-tooltip-dark');
    await page.mouse.click(point.x, point.y);
    last = (await posted(page)).at(-1)!;
    assert.deepEqual(last, { type: 'reveal', source: 0, event: monitor.events[index]!.event, line: 11, callId: monitor.callId });
    assert.ok(parseWebviewMessage(last).ok);
    await page.close();
  });

  it('the host highlights the event under the editor cursor, drawing its flow if needed', async () => {
    const { page } = await openWebview(browser);
    const model = await modelOf({ 'calls.jsonl': sample('call-center.jsonl') + sample('transfer.jsonl') });
    assert.equal(model.flows.length, 2);
    await postToWebview(page, { type: 'update', model, document: 'file:///captures/calls.jsonl' });
    await page.waitForSelector('.graph-svg g.node');
    await settled(page);
    const drawnFlow = () => page.$$eval('g.flow', (flows) => flows.map((f) => (f as SVGGElement).dataset.flowId));
    assert.deepEqual(await drawnFlow(), [model.flows[0]!.id]);
    const target = model.flows[1]!.legs[1]!;
    await postToWebview(page, { type: 'highlight', target: { source: 0, event: target.events[0]!.event } });
    await settled(page);
    assert.deepEqual(await drawnFlow(), [model.flows[1]!.id]);
    assert.equal(await page.$eval('g.node.focused', (g) => (g as SVGGElement).dataset.callId), target.callId);
    assert.equal(await page.$eval('.flow-item[aria-selected="true"]', (li) => (li as HTMLElement).dataset.flowId), model.flows[1]!.id);
    // The state the panel restores after a restart: the flow the host chose is also the one remembered for this capture.
    const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    assert.deepEqual(state, {
      selected: [model.flows[1]!.id], query: '', sort: { key: 'start', descending: false }, document: 'file:///captures/calls.jsonl',
      flowsByDocument: { 'file:///captures/calls.jsonl': [model.flows[1]!.id] },
    });
    await page.close();
  });

  it('search picks flows by call id, phone number, name, state or time', async () => {
    const { page } = await openWebview(browser);
    const model = await modelOf({
      'all.jsonl': sample('call-center.jsonl') + sample('transfer.jsonl') + sample('monitored-barge.jsonl') + sample('voicemail.jsonl') + sample('direct-call.jsonl'),
    });
    await show(page, model);
    const count = async (query: string) => {
      await page.fill('.search-input', query);
      await page.waitForTimeout(200);
      return page.$$eval('.flow-item', (items) => items.map((i) => (i as HTMLElement).dataset.flowId));
    };
    assert.equal((await count('')).length, 6);
    assert.deepEqual(await count('5460118907617280'), ['4708925536329728']);
    assert.deepEqual(await count('(503) 555-0176'), ['4708925536329728']);
    assert.deepEqual(await count('aiko'), ['4611909857034240']);
    assert.deepEqual(await count('barge'), ['4708925536329728']);
    assert.equal((await count('voicemail')).length, 1);
    assert.deepEqual(await count('2026-04-21 13:05'), ['4611909857034240']);
    assert.deepEqual(await count('nobody-here'), []);
    // Click draws one flow; Ctrl-click adds another.
    await count('');
    await page.click('.flow-item[data-flow-id="4708925536329728"]');
    await page.click('.flow-item[data-flow-id="4611909857034240"]', { modifiers: ['Control'] });
    await settled(page);
    assert.equal(await page.$$eval('g.flow', (f) => f.length), 2);
    await screenshot(page, 'webview-two-flows-dark');
    // Flows weeks apart: "Align starts" puts both at 0 to compare them.
    const firstX = () => page.evaluate(() => {
      const app = window.callEvents!;
      return [app.timeline.eventX('4611909857034240', 0)!, app.timeline.eventX('4708925536329728', 0)!];
    });
    const [a, b] = await firstX();
    assert.ok(Math.abs(a! - b!) > 100);
    await page.click('button:has-text("Align starts")');
    await settled(page);
    const [c, d] = await firstX();
    assert.ok(Math.abs(c! - d!) < 2, `${c} ${d}`);
    assert.equal(await page.getAttribute('button:has-text("Align starts")', 'aria-pressed'), 'true');
    assert.match((await page.textContent('.axis-caption'))!, /from each flow/);
    await screenshot(page, 'webview-two-flows-aligned-dark');
    await page.close();
  });

  it('payload text is only ever text: a name like <img onerror> is shown, never run', async () => {
    const evil = '<img src=x onerror=window.__pwned=1>';
    const text = lines([
      event(77, 'connected', 5, { contact: { name: evil, phone: '+14155550123', type: 'local', id: 1, email: '' }, target: { name: evil, phone: '+14155550100', type: 'user', id: 2, email: '' } }),
      event(77, `<b onmouseover=window.__pwned=2>hold</b>`, 9),
      event(77, 'hangup', 20),
    ]);
    const { page, problems } = await openWebview(browser, { theme: 'high-contrast' });
    await show(page, await modelOf({ [`${evil}.jsonl`]: text }));
    await page.hover('g.node[data-call-id="77"]');
    await page.waitForSelector('.tooltip:not([hidden])');
    assert.match((await page.$eval('g.node[data-call-id="77"] .name', (t) => t.textContent))!, /^<img src=x onerror=\S*…$/);
    assert.match((await page.textContent('.tooltip'))!, /<img src=x onerror=window.__pwned=1>/);
    assert.match((await page.textContent('.flow-item .fi-who'))!, /^<img src=x onerror=window\.__pwned=1> → <img/);
    assert.match((await page.textContent('.status'))!, /<img src=x onerror=window.__pwned=1>\.jsonl/);
    assert.equal(await page.$$eval('img, b', (list) => list.length), 0);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    await screenshot(page, 'webview-hostile-names-high-contrast');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('keyboard: arrows move between legs and events, Enter reveals, and each is announced', async () => {
    const { page } = await openWebview(browser);
    await show(page, await modelOf({ 'monitored-barge.jsonl': sample('monitored-barge.jsonl') }));
    await page.focus('g.node[tabindex="0"]');
    assert.equal(await page.evaluate(() => (document.activeElement as SVGGElement).dataset.role), 'entry_point');
    await page.keyboard.press('ArrowRight');
    const right = await page.evaluate(() => (document.activeElement as SVGGElement).dataset.role);
    assert.ok(right === 'operator' || right === 'monitor', right);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const reveal = (await posted(page)).at(-1)!;
    assert.equal(reveal.type, 'reveal');
    assert.ok(parseWebviewMessage(reveal).ok);
    await page.focus('.tl-plot');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.match((await page.textContent('.sr-only'))!, /, event \d+ of \d+ on (Operator|Monitor)/);
    await page.keyboard.press('Enter');
    assert.equal((await posted(page)).at(-1)!.type, 'reveal');
    await page.close();
  });

  it('exports the current view as SVG and PNG, posted to the host in shapes it accepts', async () => {
    const { page } = await openWebview(browser, { theme: 'light' });
    await show(page, await modelOf({ 'transfer.jsonl': sample('transfer.jsonl') }));
    await page.click('button:has-text("Export SVG")');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
    await page.click('button:has-text("Export PNG")');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length === 2);
    const exports = (await posted(page)).filter((m) => m.type === 'export');
    for (const message of exports) {
      const parsed = parseWebviewMessage(message);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    }
    const svg = exports.find((m) => m.format === 'svg')!;
    assert.equal(svg.name, 'call-flow-4611909857034240.svg');
    const text = svg.data as string;
    assert.match(text, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(text, /Aiko Tanaka/);
    assert.match(text, /master_call_id/);
    assert.doesNotMatch(text, /var\(--/);
    fs.writeFileSync(path.join(RESULTS, 'export-transfer.svg'), text);
    const png = exports.find((m) => m.format === 'png')!.data as string;
    const bytes = Buffer.from(png.slice('data:image/png;base64,'.length), 'base64');
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    fs.writeFileSync(path.join(RESULTS, 'export-transfer.png'), bytes);
    // The SVG stands alone: it renders in a page of its own.
    const view = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await view.setContent(`<body style="margin:0">${text}</body>`);
    assert.equal(await view.$$eval('svg text', (t) => t.some((x) => x.textContent === 'Aiko Tanaka')), true);
    await view.close();
    await page.close();
  });
});
