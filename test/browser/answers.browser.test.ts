// The answers where the user sees them, in a real Chromium: the card of the chosen flow in the panel
// (figures checked by hand against samples/transfer.jsonl), the flow list sorted by the answers and
// the sort kept in the webview state, hostile names and URLs kept inert, and the report's card and
// sortable table of all flows. Screenshots in test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../src/cli';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { event, launch, openReport, lines, modelOf, openWebview, posted, postToWebview, RESULTS, ROOT, sample, screenshot, settled } from './helpers';

/** The card's figures by their data-answer key. */
async function figures(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.flow-card .fc-figure', (items) => Object.fromEntries(items.map((item) => [
    (item as HTMLElement).dataset.answer!, item.querySelector('dd')!.textContent!,
  ])));
}

async function listOrder(page: Page): Promise<string[]> {
  return page.$$eval('.flow-item', (items) => items.map((item) => (item as HTMLElement).dataset.flowId!));
}

/**
 * Four direct calls that all start at 09:00:00 (date_started) and are answered after 30 s, 5 s and
 * 12 s, and one that rings and is never answered (its wait is unknown).
 */
function waits(): string {
  return lines([
    event(201, 'connected', 30), event(201, 'hangup', 80),
    event(202, 'connected', 5), event(202, 'hangup', 60),
    event(203, 'ringing', 2), event(203, 'hangup', 40),
    event(204, 'connected', 12), event(204, 'hangup', 70),
  ]);
}

describe('the answers in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => ({ browser, close } = await launch()));
  after(async () => close?.());

  it('card: samples/transfer.jsonl answered by Marcus Reed, transferred once to Aiko Tanaka, with the figures checked by hand', async () => {
    for (const [width, theme] of [[700, 'dark'], [1400, 'light']] as const) {
      const { page, blocked, problems } = await openWebview(browser, { width, height: 900, theme });
      await postToWebview(page, { type: 'update', model: await modelOf({ 'transfer.jsonl': sample('transfer.jsonl') }) });
      await page.waitForSelector('.flow-card .fc-figure');
      await settled(page);
      // By hand from the sample: the flow starts at date_started 1776776748907; Marcus Reed connects at
      // 1776776759958 (wait 11.051 s), holds from 1776776820407 to his hangup at 1776776843817 (23.410 s);
      // he talks 83.859 − 23.410 = 60.449 s and Aiko Tanaka 1776777105158 − 1776776857700 = 247.458 s: 307.907 s in all.
      assert.deepEqual(await figures(page), {
        'first-agent': 'Marcus Reed', 'last-agent': 'Aiko Tanaka', transfers: '1',
        wait: '11.1 s', hold: '23.4 s', talk: '5 min 08 s', csat: '—',
      });
      assert.equal(await page.$eval('.fc-outcome', (e) => `${e.textContent} ${(e as HTMLElement).dataset.outcome}`), 'Answered answered');
      assert.equal(await page.$eval('.fc-who', (e) => e.textContent), 'Marcus Reed → Aiko Tanaka');
      assert.equal(await page.$$eval('.fc-partial', (e) => e.length), 0);
      assert.equal(await page.$eval('.flow-card', (e) => e.getAttribute('aria-label')), 'Answers for flow 4611909857034240');
      // The details open from the keyboard (a disclosure button): agents with their talk and hold, and the ring time.
      assert.equal(await page.isVisible('.fc-agents'), false);
      await page.focus('.fc-toggle');
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('.fc-toggle', 'aria-expanded'), 'true');
      const agents = await page.$$eval('.fc-agents tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent).join(' | ')));
      assert.deepEqual(agents, ['Marcus Reed | Operator | 1 min 00 s | 23.4 s', 'Aiko Tanaka | Operator | 4 min 07 s | 0 s']);
      // Marcus Reed's ringing event is at 1776776755286: 4.672 s before he connected.
      assert.match(await page.$eval('.fc-more', (e) => e.textContent!), /Ring4\.67 s/);
      // Readable at this width: no figure is cut, the card does not overflow the panel.
      const fit = await page.$$eval('.fc-figure dd', (dds) => dds.every((dd) => dd.scrollWidth <= dd.clientWidth));
      assert.ok(fit, 'a figure of the card is cut');
      const card = await page.$eval('.flow-card', (e) => ({ width: e.scrollWidth, client: e.clientWidth }));
      assert.ok(card.width <= card.client, JSON.stringify(card));
      await screenshot(page, `answers-card-${width}`);
      assert.deepEqual(blocked, []);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  it('the flow list sorts by wait (unknown last, either way), and the webview state keeps the sort', async () => {
    const { page, problems } = await openWebview(browser, { width: 1400, height: 900 });
    const model = await modelOf({ 'waits.jsonl': waits() });
    await postToWebview(page, { type: 'update', model });
    await page.waitForSelector('.flow-item');
    const timeOrder = await listOrder(page);
    assert.deepEqual([...timeOrder].sort(), ['201', '202', '203', '204']);
    await page.selectOption('.sort-key', 'wait');
    assert.deepEqual(await listOrder(page), ['202', '204', '201', '203']);
    await page.click('.sort-order');
    assert.deepEqual(await listOrder(page), ['201', '204', '202', '203']);
    assert.match(await page.$eval('.flow-item[data-flow-id="201"]', (e) => e.textContent!), /Answered · wait 30\.0 s/);
    assert.match(await page.$eval('.flow-item[data-flow-id="203"]', (e) => e.getAttribute('aria-label')!), /Abandoned · wait unknown/);
    const state = await page.evaluate(() => (window as unknown as { __state: { sort?: unknown } }).__state);
    assert.deepEqual(state.sort, { key: 'wait', descending: true });
    await page.close();

    // A webview reopened with that state lists the flows in the same order, the menu showing it.
    const reopened = await openWebview(browser, { width: 1400, height: 900 });
    await reopened.page.evaluate((saved) => ((window as unknown as { __state: unknown }).__state = saved), { selected: [], query: '', sort: { key: 'wait', descending: true } });
    await postToWebview(reopened.page, { type: 'update', model });
    await reopened.page.waitForSelector('.flow-item');
    assert.deepEqual(await listOrder(reopened.page), ['201', '204', '202', '203']);
    assert.equal(await reopened.page.$eval('.sort-key', (e) => (e as HTMLSelectElement).value), 'wait');
    assert.deepEqual(problems, []);
    assert.deepEqual(reopened.problems, []);
    await reopened.page.close();
  });

  it('a hostile name and URLs stay inert: text, no markup, no bidi override; only a plain https: URL opens, through the host', async () => {
    const { page, problems } = await openWebview(browser, { width: 700, height: 900 });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const evil = '<img src=x onerror=alert(1)>';
    const target = { phone: '+14155550199', type: 'user', id: 1, name: `${evil}\u202eevil`, email: '', office_id: 1 };
    const text = lines([
      event(301, 'connected', 4, { target }),
      event(301, 'hangup', 64, { target, recording_url: ['javascript:alert(1)', 'https://dialpad.example/r/1?t=a', 'https://bank.example@evil.example/'] }),
    ]);
    await postToWebview(page, { type: 'update', model: await modelOf({ 'hostile.jsonl': text }) });
    await page.waitForSelector('.flow-card .fc-figure');
    await page.click('.fc-toggle');
    const card = await page.$eval('.flow-card', (e) => ({ text: e.textContent!, images: e.querySelectorAll('img').length, html: e.innerHTML }));
    assert.equal(card.images, 0);
    assert.ok(card.text.includes(`${evil} evil`), card.text);
    assert.ok(!card.text.includes('\u202e'));
    assert.equal((await figures(page))['first-agent'], `${evil} evil`);
    // Every URL is shown whole, as text; only the plain https: one gets an Open button.
    assert.deepEqual(await page.$$eval('.fc-url', (codes) => codes.map((c) => c.textContent)),
      ['javascript:alert(1)', 'https://dialpad.example/r/1?t=a', 'https://bank.example@evil.example/']);
    assert.equal(await page.$$eval('.flow-card a', (links) => links.length), 0);
    const buttons = await page.$$('.fc-open');
    assert.equal(buttons.length, 1);
    await buttons[0]!.click();
    const open = (await posted(page)).filter((m) => m.type === 'openLink');
    assert.deepEqual(open, [{ type: 'openLink', url: 'https://dialpad.example/r/1?t=a' }]);
    assert.ok(parseWebviewMessage(open[0]).ok);
    await screenshot(page, 'answers-hostile-700');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('report: the card of the chosen flow and a table of all flows, sortable offline, payload text inert', async () => {
    const hostile = path.join(RESULTS, 'answers-hostile.jsonl');
    const evil = '<img src=x onerror=window.__pwned=1>';
    const target = { phone: '+14155550199', type: 'user', id: 1, name: `${evil}\u202e`, email: '', office_id: 1 };
    fs.writeFileSync(hostile, lines([event(401, 'connected', 9, { target }), event(401, 'hangup', 40, { target })]));
    const waitsFile = path.join(RESULTS, 'answers-waits.jsonl');
    fs.writeFileSync(waitsFile, waits());
    const out = path.join(RESULTS, 'report-answers.html');
    const err: string[] = [];
    const code = await main(['report', path.join(ROOT, 'samples', 'transfer.jsonl'), waitsFile, hostile, '--out', out], {}, () => {}, (s) => err.push(s));
    assert.equal(code, 0, err.join('\n'));

    const { page, url, requests, problems } = await openReport(browser, out, { width: 1400, height: 900, colorScheme: 'dark', selector: '.answers-table tbody tr' });
    await settled(page);

    // One row per flow.
    const column = (key: string) => page.$$eval(`.answers-table tbody [data-column="${key}"]`, (cells) => cells.map((c) => c.textContent));
    assert.equal((await column('flow')).length, 6);
    // Sort by wait: shortest first, unknown last; a second click reverses (unknown still last).
    await page.click('.answers-table th[data-column="wait"] button');
    assert.deepEqual(await column('flow'), ['202', '401', '4611909857034240', '204', '201', '203']);
    assert.deepEqual(await column('wait'), ['5.00 s', '9.00 s', '11.1 s', '12.0 s', '30.0 s', 'unknown']);
    assert.equal(await page.$eval('.answers-table th[data-column="wait"]', (th) => th.getAttribute('aria-sort')), 'ascending');
    await page.click('.answers-table th[data-column="wait"] button');
    assert.deepEqual(await column('flow'), ['201', '204', '4611909857034240', '401', '202', '203']);
    const transfer = await page.$$eval('.answers-table tbody tr[data-flow-id="4611909857034240"] > *', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(transfer.slice(1), ['4611909857034240', 'Hannah Schmidt', 'Answered', 'Marcus Reed', 'Aiko Tanaka', '1', '11.1 s', '23.4 s', '5 min 08 s', '4.67 s', '—', 'yes']);
    // The hostile name is text in the table and in the card; nothing ran.
    assert.equal(await page.$$eval('.answers img, .flow-card img', (images) => images.length), 0);
    assert.deepEqual(await page.$eval('.answers-table tbody tr[data-flow-id="401"] [data-column="first-agent"]', (c) => c.textContent), evil);

    // A flow id in the table draws that flow, with its card.
    await page.click('.answers-table button[data-flow-id="4611909857034240"]');
    await settled(page);
    assert.deepEqual(await figures(page), {
      'first-agent': 'Marcus Reed', 'last-agent': 'Aiko Tanaka', transfers: '1', wait: '11.1 s', hold: '23.4 s', talk: '5 min 08 s', csat: '—',
    });
    await screenshot(page, 'report-answers-1400');
    await page.click('.answers-table button[data-flow-id="401"]');
    assert.equal((await figures(page))['first-agent'], evil);
    await page.evaluate(() => document.querySelector('.answers')!.scrollIntoView());
    await screenshot(page, 'report-answers-table-1400');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(requests, [url]);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
