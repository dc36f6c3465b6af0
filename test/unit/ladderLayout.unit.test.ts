// The ladder's DOM-free layout in plain Node: the customer's column first and a column per leg in the
// timeline's order, one row per moment a state changed, the customer's waiting, talk and hold mirrored in
// their column, a "spoke with" arrow to each agent the answers name, the transfer's line, headers that
// alternate in a narrow pane, and keyboard moves. Expected values are worked out by hand from the captures.
import * as assert from 'node:assert/strict';
import { inspectDocument } from '../../src/core/inspect';
import { buildViewModel } from '../../src/core/buildViewModel';
import type { FlowView } from '../../src/shared/viewModel';
import { HEADER_ROW_H, ladderLayout, MAX_ROWS, MIN_COL, nextMark, RIGHT_PAD, ROW_MIN, shortOffset, TIME_W, timeY } from '../../webview/ladderLayout';
import { chain, event, lines, readableFlows } from '../fixtures/flows';

async function flowOf(text: string): Promise<FlowView> {
  return buildViewModel([{ name: 'capture.jsonl', text, inspection: await inspectDocument(text) }], {}).flows[0]!;
}

/** transfer.jsonl's event times (ms), in time order, as in the file. */
const T = {
  salesPreanswer: 1776776748940, marcusConnected: 1776776759958, marcusHold: 1776776820407, billingPreanswer: 1776776843954,
  aikoConnected: 1776776857700,
};

describe('the ladder layout', () => {
  it('transfer sample: the customer first, then each leg in the timeline\'s order, with what the answers say', async () => {
    const flow = await flowOf(readableFlows()['transfer.jsonl']!);
    const ladder = ladderLayout(flow, 1400, 700);
    assert.equal(ladder.tooLarge, null);
    assert.deepEqual(ladder.columns.map((c) => [c.kind, c.name, c.meta, c.note]), [
      ['customer', 'Hannah Schmidt', '+13035550161', 'waited 11.1 s · held 23.4 s'],
      ['leg', 'Sales', '4611909857034240', 'entry point'],
      // Marcus Reed talked from 16:59:19.958 to his hold at 17:00:20.407 (60.4 s); Aiko Tanaka 247.5 s.
      ['leg', 'Marcus Reed', '5318860042543104', '1st · talked 1 min 00 s'],
      ['leg', 'Billing', '5993174620258304', 'entry point'],
      ['leg', 'Aiko Tanaka', '6742083395420160', '2nd · talked 4 min 07 s'],
    ]);
    // Wide: one header row, columns of (1400 − 62 − 40) / 5 px.
    assert.deepEqual(ladder.columns.map((c) => c.headerRow), [0, 0, 0, 0, 0]);
    assert.equal(ladder.columnWidth, Math.floor((1400 - TIME_W - RIGHT_PAD) / 5));
    assert.equal(ladder.width, 1400);
  });

  it('a row per moment a state changed, time downward, labelled from the flow\'s start; a mark per state change', async () => {
    const flow = await flowOf(readableFlows()['transfer.jsonl']!);
    const ladder = ladderLayout(flow, 1400, 900);
    // 17 events at 17 distinct times.
    assert.equal(ladder.rows.length, 17);
    assert.equal(ladder.marks.length, 17);
    // From the flow's start, Sales's date_started 16:59:08.907: its preanswer 33 ms later, its ringing 529 ms, …
    assert.deepEqual(ladder.rows.slice(0, 5).map((r) => r.label), ['+0:00.0', '+0:00.5', '+0:06.1', '+0:06.3', '+0:11.0']);
    // … Billing's hangup at 17:05:05.214, 356.307 s.
    assert.equal(ladder.rows[16]!.label, '+5:56.3');
    for (let i = 1; i < ladder.rows.length; i++) assert.equal(ladder.rows[i]!.y - ladder.rows[i - 1]!.y, ladder.rowHeight);
    const marcus = ladder.marks.filter((m) => m.leg.callId === '5318860042543104');
    assert.deepEqual(marcus.map((m) => [m.label, m.row, m.column]), [['preanswer', 2, 2], ['ringing', 3, 2], ['connected', 4, 2], ['hold', 6, 2], ['hangup', 7, 2]]);
  });

  it('the customer\'s column: waiting from the entry points, talk and hold from the agents; an arrow to each agent where they spoke', async () => {
    const flow = await flowOf(readableFlows()['transfer.jsonl']!);
    const ladder = ladderLayout(flow, 700, 900);
    const customer = ladder.bars.filter((b) => b.column === 0);
    assert.deepEqual(customer.map((b) => b.token), ['alerting', 'alerting', 'alerting', 'alerting', 'talking', 'held', 'talking']);
    const held = customer.find((b) => b.token === 'held')!;
    assert.equal(held.duration, 23_410); // 17:00:20.407 to the hangup at 17:00:43.817
    assert.deepEqual(ladder.links.map((l) => [l.column, l.y]), [
      [2, ladder.rows[4]!.y], // Marcus Reed connected at row 4
      [4, ladder.rows[13]!.y], // Aiko Tanaka at row 13
    ]);
    assert.equal(ladder.rows[4]!.time, T.marcusConnected);
    assert.equal(ladder.rows[13]!.time, T.aikoConnected);
    // The transfer began with Billing's preanswer (row 9): its line is half a row above.
    assert.deepEqual(ladder.transfers, [{ y: ladder.rows[9]!.y - ladder.rowHeight / 2, label: '⇄ Transfer 1' }]);
    assert.equal(ladder.rows[9]!.time, T.billingPreanswer);
    // A bar of two rows or more says how long it lasted: Aiko Tanaka's 247.5 s.
    assert.ok(ladder.bars.some((b) => b.column === 4 && b.token === 'talking' && b.label === '4 min 07 s'));
  });

  it('a 700 px pane: headers alternate between two rows; a chain of three transfers keeps every column in the pane', async () => {
    const transfer = ladderLayout(await flowOf(readableFlows()['transfer.jsonl']!), 700, 900);
    assert.deepEqual(transfer.columns.map((c) => c.headerRow), [0, 1, 0, 1, 0]);
    assert.equal(transfer.headerHeight, 2 * HEADER_ROW_H + 8);
    const chained = ladderLayout(await flowOf(chain(3, true)), 700, 500);
    assert.equal(chained.columns.length, 9); // the customer and 4 × (entry point, operator)
    assert.equal(chained.columnWidth, Math.floor((700 - TIME_W - RIGHT_PAD) / 9));
    assert.equal(chained.width, 700, 'no horizontal scroll');
    for (const c of chained.columns) assert.ok(c.x + chained.columnWidth / 2 + RIGHT_PAD <= 700, `column ${c.index} inside, with room for its states`);
    // 20 state changes at 20 px rows do not fit 500 px under the headers: the rows keep their size and scroll.
    assert.equal(chained.rowHeight, ROW_MIN);
    assert.ok(chained.height > 500);
  });

  it('a flow too wide for the pane scrolls sideways at the narrowest column; one too long for a ladder says so', async () => {
    const wide = ladderLayout(await flowOf(chain(6, true)), 700, 900);
    assert.equal(wide.columns.length, 15);
    assert.equal(wide.columnWidth, MIN_COL);
    assert.equal(wide.width, TIME_W + 15 * MIN_COL + RIGHT_PAD);
    const many = Array.from({ length: MAX_ROWS + 1 }, (_, i) => event(1, i % 2 ? 'hold' : 'connected', i));
    const long = ladderLayout(await flowOf(lines(many)), 700, 900);
    assert.match(long.tooLarge ?? '', /^1,501 state changes: too many for the ladder/);
    assert.deepEqual(long.marks, []);
  });

  it('arrow keys: down and up through time, left and right to the nearest state change of the next column with any', async () => {
    const ladder = ladderLayout(await flowOf(readableFlows()['transfer.jsonl']!), 1400, 900);
    const at = (i: number | null) => (i === null ? null : [ladder.marks[i]!.leg.callId, ladder.marks[i]!.label]);
    assert.deepEqual(at(nextMark(ladder, null, 'ArrowDown')), ['4611909857034240', 'preanswer']);
    assert.deepEqual(at(nextMark(ladder, 0, 'ArrowDown')), ['4611909857034240', 'ringing']);
    assert.deepEqual(at(nextMark(ladder, 0, 'ArrowRight')), ['5318860042543104', 'preanswer']);
    assert.equal(nextMark(ladder, 0, 'ArrowLeft'), 0, 'the customer\'s column has no marks');
    assert.equal(nextMark(ladder, 0, 'ArrowUp'), 0);
    assert.deepEqual(at(nextMark(ladder, 0, 'End')), ['5993174620258304', 'hangup']);
  });

  it('times between rows fall between them in proportion; offsets read +m:ss.s', () => {
    const rows = [{ time: 0, y: 100, label: '' }, { time: 1000, y: 120, label: '' }];
    assert.equal(timeY(rows, 500, 20), 110);
    assert.equal(timeY(rows, 1000, 20), 120);
    assert.equal(timeY(rows, 5000, 20), 130);
    assert.equal(shortOffset(0), '+0:00.0');
    assert.equal(shortOffset(65_250), '+1:05.2');
    assert.equal(shortOffset(3_723_000), '+1:02:03');
  });
});
