// The timeline's DOM-free layout in plain Node: lanes in the graph's order, each leg's state segments
// (a supervisor's listening and barge phases apart), aligned flows, the axis's ticks and text, lane
// labels, and what lies under a point. Expected values are worked out by hand from the captures.
import * as assert from 'node:assert/strict';
import { inspectDocument } from '../../src/core/inspect';
import { buildViewModel } from '../../src/core/buildViewModel';
import type { FlowView } from '../../src/shared/viewModel';
import { STATE_STYLES } from '../../webview/states';
import {
  axisTicks, baseScale, buildLanes, contentHeight, FLOW_ROW, hitTest, LANE_H, laneLabel, relativeTick, TOKENS, visibleLanes, type Lane,
} from '../../webview/timelineLayout';
import { scaleUtc } from 'd3';
import { event, lines, readableFlows } from '../fixtures/flows';

async function flowsOf(text: string): Promise<FlowView[]> {
  return buildViewModel([{ name: 'capture.jsonl', text, inspection: await inspectDocument(text) }], {}).flows;
}

/** A lane's segments as [state token, start, end, open], times in ms from `origin`. */
function segments(lane: Lane, origin: number): [string, number, number, boolean][] {
  return Array.from(lane.segStart, (start, s) => [TOKENS[lane.segToken[s]!]!, start - origin, lane.segEnd[s]! - origin, lane.segOpen[s] === 1]);
}

const laneOf = (lanes: Lane[], callId: string) => lanes.find((l) => l.leg?.callId === callId)!;
/** 09:00:00 UTC on 2026-05-14, second 0 of the fixtures' events. */
const DAY = Date.UTC(2026, 4, 14, 9, 0, 0);

describe('the timeline layout', () => {
  it('lays out a header row per flow, then a lane per leg: entry point before its operator, before the transfer first', async () => {
    const [flow] = await flowsOf(readableFlows()['transfer.jsonl']!);
    const lanes = buildLanes([flow!], false);
    assert.deepEqual(lanes.map((l) => l.leg ? `${l.leg.role} ${l.leg.transferIndex}` : 'flow'), [
      'flow', 'entry_point 0', 'operator 0', 'entry_point 1', 'operator 1',
    ]);
    // Rows touch; the next flow would start 6 px below the last lane.
    assert.deepEqual(lanes.map((l) => [l.y, l.h]), [[0, FLOW_ROW], [30, LANE_H], [68, LANE_H], [106, LANE_H], [144, LANE_H]]);
    assert.equal(contentHeight(lanes), 144 + 38 + 8);
    assert.deepEqual(lanes.map((l) => l.index), [0, 1, 2, 3, 4]);
  });

  it("cuts a leg into state segments: each state lasts until the next; post-call states and hangup end nothing new", async () => {
    const text = lines([
      event(1, 'ringing', 0), event(1, 'connected', 5), event(1, 'hold', 20), event(1, 'connected', 30),
      event(1, 'hangup', 60), event(1, 'recording', 70),
    ]);
    const lanes = buildLanes(await flowsOf(text), false);
    assert.deepEqual(segments(laneOf(lanes, '1'), DAY), [
      ['alerting', 0, 5_000, false], ['talking', 5_000, 20_000, false], ['held', 20_000, 30_000, false], ['talking', 30_000, 60_000, false],
    ]);
    // Every timed event is a tick, the recording too, in time order.
    assert.deepEqual(Array.from(laneOf(lanes, '1').times, (t) => (t - DAY) / 1000), [0, 5, 20, 30, 60, 70]);
  });

  it('a leg with no later state ends at the end of its flow, marked open', async () => {
    // An entry point whose hangup is not in the capture; its operator hangs up at second 40.
    const text = lines([
      event(1, 'connected', 0, { operator_call_id: 2 }), event(2, 'connected', 10, { entry_point_call_id: 1 }),
      event(2, 'hangup', 40, { entry_point_call_id: 1 }),
    ]);
    const flows = await flowsOf(text);
    assert.equal(flows.length, 1);
    const lanes = buildLanes(flows, false);
    assert.deepEqual(segments(laneOf(lanes, '1'), DAY), [['talking', 0, 40_000, true]]);
    assert.deepEqual(segments(laneOf(lanes, '2'), DAY), [['talking', 10_000, 40_000, false]]);
  });

  it("tells a supervisor's listening phase from the barge that follows, and the takeover (as the report's cards do)", async () => {
    const [flow] = await flowsOf(readableFlows()['monitored-barge.jsonl']!);
    const lanes = buildLanes([flow!], false);
    // Times from the sample: the barge leg connects at 16:21:40.360, listens from .460, barges at 16:23:11.870, hangs up at 16:24:14.787.
    const origin = Date.UTC(2026, 4, 14, 16, 21, 40, 360);
    assert.deepEqual(segments(laneOf(lanes, '6917402258563072'), origin).slice(1), [
      ['talking', 0, 100, false], ['monitoring', 100, 91_510, false], ['barging', 91_510, 154_427, false],
    ]);
    const takeover = segments(laneOf(lanes, '5034651187347456'), Date.UTC(2026, 4, 14, 16, 24, 45, 500));
    assert.deepEqual(takeover.at(-1), ['barging', 0, 247_724, false]);
    // Told apart without colour too: another pattern, and a colour token of its own.
    assert.notEqual(STATE_STYLES.monitoring.pattern, STATE_STYLES.barging.pattern);
    assert.notEqual(STATE_STYLES.monitoring.token, STATE_STYLES.barging.token);
  });

  it('aligned flows start at 0 each; on the shared clock they keep their times', async () => {
    // Two calls ten minutes apart (each starts when it is placed: date_started).
    const later = { date_started: DAY + 600_000 };
    const text = lines([event(1, 'connected', 0), event(1, 'hangup', 30), event(2, 'connected', 600, later), event(2, 'hangup', 620, later)]);
    const flows = await flowsOf(text);
    assert.equal(flows.length, 2);
    const firstTimes = (aligned: boolean) => buildLanes(flows, aligned).filter((l) => l.leg).map((l) => l.times[0]!);
    assert.deepEqual(firstTimes(true), [0, 0]);
    assert.deepEqual(firstTimes(false).map((t) => (t - DAY) / 1000).sort((a, b) => a - b), [0, 600]);
  });

  it('writes the axis as precisely as its step needs, with the date in the caption', () => {
    const x = scaleUtc().domain([new Date(Date.UTC(2026, 3, 21, 13, 5)), new Date(Date.UTC(2026, 3, 21, 13, 10))]).range([0, 600]);
    const axis = axisTicks(x, 600, false);
    assert.deepEqual(axis.ticks.map((t) => t.text), ['13:05', '13:06', '13:07', '13:08', '13:09', '13:10']);
    assert.deepEqual(axis.ticks.map((t) => t.x), [0, 120, 240, 360, 480, 600]);
    assert.equal(axis.caption, 'Time (UTC) · 2026-04-21');
    const seconds = axisTicks(scaleUtc().domain([new Date(Date.UTC(2026, 3, 21, 13, 5, 0)), new Date(Date.UTC(2026, 3, 21, 13, 5, 20))]).range([0, 600]), 600, false);
    assert.equal(seconds.ticks[1]!.text, '13:05:05');
    const aligned = axisTicks(scaleUtc().domain([new Date(0), new Date(300_000)]).range([0, 600]), 600, true);
    assert.deepEqual(aligned.ticks.map((t) => t.text), ['+0:00', '+1:00', '+2:00', '+3:00', '+4:00', '+5:00']);
    assert.equal(aligned.caption, 'Time from each flow’s start');
    assert.equal(relativeTick(65_000, 1000), '+1:05');
    assert.equal(relativeTick(5_250, 250), '+0:05.250');
    assert.equal(relativeTick(3_723_000, 1000), '+1:02:03');
    assert.equal(relativeTick(-5_000, 1000), '−0:05');
  });

  it("labels lanes with the leg's name, its role ('OPERATOR?' when unconfirmed) and call id; the flow row with its customer", async () => {
    const [flow] = await flowsOf(readableFlows()['monitored-barge.jsonl']!);
    const lanes = buildLanes([flow!], false);
    assert.equal(laneLabel(laneOf(lanes, '6917402258563072')).meta, 'MONITOR · BARGE · 6917402258563072');
    assert.match(laneLabel(lanes[0]!).name, /^Flow 4708925536329728 · /);
    assert.equal(laneLabel(lanes[0]!).meta, '');
    // An operator whose entry point has not named it yet.
    const unconfirmed = await flowsOf(lines([event(10, 'ringing', 0), event(11, 'connected', 5, { entry_point_call_id: 10 })]));
    const operator = laneOf(buildLanes(unconfirmed, false), '11');
    assert.equal(laneLabel(operator).meta, 'OPERATOR? · 11');
    assert.equal(laneLabel(operator).name, 'Agent 11');
    // A long payload name is clipped, not spilled over the plot.
    const long = await flowsOf(lines([event(1, 'connected', 0, { target: { name: 'N'.repeat(80), type: 'user' } })]));
    assert.ok(laneLabel(laneOf(buildLanes(long, false), '1')).name.length <= 30);
  });

  it('finds the event under a tick, the segment under a bar, and nothing in a header; visible lanes by binary search', async () => {
    const text = lines([event(1, 'ringing', 0), event(1, 'connected', 10), event(1, 'hangup', 100)]);
    const lanes = buildLanes(await flowsOf(text), false);
    const x = baseScale(lanes, 800);
    const lane = laneOf(lanes, '1');
    const mid = lane.y + lane.h / 2;
    const connected = lane.leg!.events.findIndex((e) => e.state === 'connected');
    assert.deepEqual(hitTest(lanes, x, x(DAY + 10_000) + 3, mid), { lane: lane.index, index: connected, kind: 'event' });
    assert.deepEqual(hitTest(lanes, x, x(DAY + 50_000), mid), { lane: lane.index, index: connected, kind: 'segment' });
    assert.equal(hitTest(lanes, x, x(DAY + 50_000), lane.y + 2), null, 'above the bar, away from a tick');
    assert.equal(hitTest(lanes, x, x(DAY + 10_000), FLOW_ROW / 2), null, 'the flow header');
    assert.deepEqual(visibleLanes(lanes, 31, 10).map((l) => l.index), [lane.index]);
    assert.deepEqual(visibleLanes(lanes, 0, 1000).map((l) => l.index), lanes.map((l) => l.index));
    assert.deepEqual(visibleLanes(lanes, 5000, 100), []);
  });
});
