// The HTML report in a real Chromium, opened from disk: it makes no request at all, runs under its
// own CSP without a single violation, draws the same graph and timeline, lists every event with its
// diagnostics, keeps hostile payload text as text, and downloads its exports in the page.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { main } from '../../src/cli';
import { event, launch, openReport, lines, RESULTS, ROOT, screenshot, settled } from './helpers';

describe('the HTML report in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => ({ browser, close } = await launch()));
  after(async () => close?.());

  it('opens offline (no request at all), draws the graph, lists events with diagnostics, runs no payload', async () => {
    const evil = '<img src=x onerror=window.__pwned=1>';
    const hostile = path.join(RESULTS, 'report-hostile.jsonl');
    fs.writeFileSync(hostile, lines([
      event(901, 'connected', 1, { contact: { name: evil, phone: '555-0100', type: 'local', id: 1, email: '' } }),
      event(901, 'hangup', 30, { duration: -3 }),
    ]));
    const out = path.join(RESULTS, 'report-monitored-barge.html');
    const err: string[] = [];
    const code = await main(['report', path.join(ROOT, 'samples', 'monitored-barge.jsonl'), hostile, '--out', out], {}, () => {}, (s) => err.push(s));
    assert.equal(code, 0, err.join('\n'));

    const { page, url, requests, problems } = await openReport(browser, out, { width: 1440, height: 900 });
    await settled(page);

    // The report is one request: itself. Nothing else, not even a favicon or a source map.
    assert.deepEqual(requests, [url]);
    assert.deepEqual(problems, []);

    // The hostile capture's flow comes first in time; draw the monitored call.
    await page.click('.flow-item[data-flow-id="4708925536329728"]');
    await settled(page);
    const roles = await page.$$eval('g.node', (nodes) => nodes.map((n) => `${(n as SVGGElement).dataset.role}${(n as SVGGElement).dataset.monitorKind ? `/${(n as SVGGElement).dataset.monitorKind}` : ''}`).sort());
    assert.deepEqual(roles, ['entry_point', 'monitor/barge', 'monitor/takeover', 'operator']);
    assert.equal(await page.$$eval('.flow-item', (items) => items.length), 2);
    assert.equal(await page.$$eval('table.events-table', (tables) => tables.length), 2);
    assert.equal(await page.$$eval('table.events-table >> nth=0 >> tbody tr', (rows) => rows.length), 18);
    const diagnostics = await page.$$eval('table.events-table >> nth=1 >> .diagnostic .code', (codes) => codes.map((c) => c.textContent));
    assert.ok(diagnostics.includes('timing.negative-duration'), diagnostics.join(', '));
    assert.ok(diagnostics.includes('phone.not-e164'));

    // A click on a leg shows its first event in the list.
    await page.click('g.node[data-call-id="5460118907617280"]');
    await page.waitForFunction(() => document.activeElement?.id === 'event-0-3');
    assert.equal(await page.$eval('#event-0-3', (row) => row.classList.contains('flash')), true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'report-monitored-barge-light');

    // The hostile flow: its names are text.
    await page.click('.flow-item[data-flow-id="901"]');
    await settled(page);
    assert.match((await page.$eval('g.node[data-call-id="901"]', (g) => g.getAttribute('aria-label')))!, /call 901/);
    assert.match((await page.textContent('.flow-item[data-flow-id="901"] .fi-who'))!, /^<img src=x onerror=window\.__pwned=1> → Agent 901$/);
    assert.equal(await page.$$eval('img', (images) => images.length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    await screenshot(page, 'report-full-page-light', true);

    // Export downloads in the page, still without a request.
    const download = page.waitForEvent('download');
    await page.click('button:has-text("Export SVG")');
    const file = await download;
    assert.equal(file.suggestedFilename(), 'call-flow-901.svg');
    const saved = path.join(RESULTS, 'report-export.svg');
    await file.saveAs(saved);
    assert.match(fs.readFileSync(saved, 'utf8'), /^<svg/);
    assert.ok(requests.every((r) => r === url || r.startsWith('blob:')), requests.join('\n'));
    await page.context().close();
  });

  it('follows the reader\'s dark colour scheme', async () => {
    const out = path.join(RESULTS, 'report-transfer.html');
    const code = await main(['report', path.join(ROOT, 'samples', 'transfer.jsonl'), path.join(ROOT, 'samples', 'call-center.jsonl'), '--out', out], {}, () => {}, () => {});
    assert.equal(code, 0);
    const { page } = await openReport(browser, out, { width: 1280, height: 860, colorScheme: 'dark' });
    await page.click('.flow-item[data-flow-id="4611909857034240"]');
    await settled(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(13, 17, 23)');
    await screenshot(page, 'report-transfer-dark');
    await page.context().close();
  });
});
