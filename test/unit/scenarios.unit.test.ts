// The sample flows of `call-events simulate` (src/core/scenarios.ts), read back by our own validator,
// graph and answers: clean, with the roles and the story each scenario tells (written here by hand).
import * as assert from 'node:assert/strict';
import { answersOf } from '../../src/core/answers';
import { buildCallGraph } from '../../src/core/graph';
import { graphEventsOf, inspectDocument } from '../../src/core/inspect';
import { buildScenario, jsonText, scenarioNamed, SCENARIOS } from '../../src/core/scenarios';

async function readBack(name: string, bigIds = false, seed = 5) {
  const events = buildScenario(scenarioNamed(name)!, { seed, bigIds });
  const text = `${events.map((e) => e.json).join('\n')}\n`;
  const inspection = await inspectDocument(text);
  const graph = buildCallGraph(graphEventsOf([inspection]));
  return { events, text, inspection, graph, answers: graph.flows.map((f) => answersOf(f, graph)) };
}

/** What each scenario is meant to be, by hand: roles of the legs in order, transfers, agents who spoke, outcome. */
const STORIES: Record<string, { roles: string[]; transfers: number; agents: number; outcome: string; events?: number }> = {
  direct: { roles: ['direct'], transfers: 0, agents: 1, outcome: 'answered', events: 4 },
  outbound: { roles: ['direct'], transfers: 0, agents: 1, outcome: 'answered' },
  missed: { roles: ['direct'], transfers: 0, agents: 0, outcome: 'missed' },
  voicemail: { roles: ['direct'], transfers: 0, agents: 0, outcome: 'voicemail' },
  'call-center': { roles: ['entry_point', 'operator'], transfers: 0, agents: 1, outcome: 'answered' },
  transfer: { roles: ['entry_point', 'operator', 'entry_point', 'operator'], transfers: 1, agents: 2, outcome: 'answered', events: 16 },
  'transfer-chain': { roles: ['entry_point', 'operator', 'direct', 'entry_point', 'operator'], transfers: 2, agents: 3, outcome: 'answered' },
  monitor: { roles: ['entry_point', 'operator', 'monitor/monitor'], transfers: 0, agents: 1, outcome: 'answered' },
  barge: { roles: ['entry_point', 'operator', 'monitor/barge'], transfers: 0, agents: 2, outcome: 'answered' },
  takeover: { roles: ['entry_point', 'operator', 'monitor/takeover'], transfers: 0, agents: 2, outcome: 'answered' },
};

describe('sample scenarios', () => {
  it('the library is the ten flows of the issue', () => {
    assert.deepEqual(SCENARIOS.map((s) => s.name).sort(), Object.keys(STORIES).sort());
  });

  for (const [name, story] of Object.entries(STORIES)) {
    it(`${name}: no errors or warnings, one flow with the intended roles, transfers and agents`, async () => {
      for (const seed of [1, 5, 99]) {
        const { events, inspection, graph, answers } = await readBack(name, false, seed);
        assert.deepEqual(inspection.problems.map((p) => `${p.code}: ${p.message}`), [], `seed ${seed}`);
        if (story.events) assert.equal(events.length, story.events);
        assert.equal(graph.flows.length, 1);
        assert.deepEqual(graph.flows[0]!.legs.map((l) => l.role + (l.monitorKind ? `/${l.monitorKind}` : '')), story.roles);
        assert.equal(answers[0]!.transfers, story.transfers);
        assert.equal(answers[0]!.agents.length, story.agents);
        assert.equal(answers[0]!.outcome, story.outcome);
        assert.equal(answers[0]!.complete, true);
        assert.equal(new Set(answers[0]!.agents.map((a) => a.name)).size, story.agents, 'each agent a different person');
        const times = events.map((e) => e.timestamp);
        assert.deepEqual(times, [...times].sort((a, b) => a - b), 'events in time order');
        for (const e of events) assert.equal((JSON.parse(e.json) as { event_timestamp: number }).event_timestamp, e.timestamp);
      }
    });
  }

  it('every event carries today\'s field set', async () => {
    const { events } = await readBack('transfer');
    for (const field of ['event_timestamp', 'date_first_rang', 'date_queued', 'talk_time', 'hold_time', 'callback_requested', 'target_availability_status',
      'call_recording_ids', 'voicemail_recording_id', 'voicemail_share_link', 'selected_caller_id', 'is_internal', 'transferred_from', 'integrations',
      'mos_score', 'labels', 'routing_breadcrumbs', 'recording_details', 'call_recording_share_links', 'admin_call_recording_share_links']) {
      for (const e of events) assert.ok(field in (JSON.parse(e.json) as object), `${field} in ${e.state}`);
    }
  });

  it('the transfer is the vendor\'s example: the second call center\'s legs name the first entry point as master', async () => {
    const { events } = await readBack('transfer');
    const parsed = events.map((e) => JSON.parse(e.json) as Record<string, unknown>);
    const first = parsed[0]!.call_id;
    assert.deepEqual(parsed.map((p) => p.state), ['preanswer', 'ringing', 'preanswer', 'ringing', 'connected', 'connected', 'hangup', 'hangup',
      'preanswer', 'ringing', 'preanswer', 'ringing', 'connected', 'connected', 'hangup', 'hangup']);
    assert.equal(parsed[7]!.is_transferred, true);
    assert.ok(parsed.slice(8).every((p) => p.master_call_id === first));
    assert.ok(parsed.slice(0, 8).every((p) => p.master_call_id === null));
  });

  it('--seed: the same seed gives the same flow, another seed another', () => {
    const s = scenarioNamed('call-center')!;
    assert.deepEqual(buildScenario(s, { seed: 4 }), buildScenario(s, { seed: 4 }));
    assert.notDeepEqual(buildScenario(s, { seed: 4 }).map((e) => e.json), buildScenario(s, { seed: 5 }).map((e) => e.json));
  });

  it('--big-ids: every id above 2^53, written digit for digit, and the only warnings say so', async () => {
    const { events, inspection, graph } = await readBack('transfer', true);
    assert.deepEqual([...new Set(inspection.problems.map((p) => p.code))], ['number.precision-loss']);
    for (const e of events) {
      const ids = [...e.json.matchAll(/"(?:call_id|master_call_id|entry_point_call_id|operator_call_id|id|office_id)":(\d+)/g)].map((m) => BigInt(m[1]!));
      assert.ok(ids.length >= 4);
      assert.ok(ids.every((id) => id > 2n ** 53n), e.json);
      assert.equal(BigInt(e.callId).toString(), e.callId);
      assert.ok(e.json.includes(`"call_id":${e.callId},`));
    }
    // The graph reads ids exactly, so the flow still holds together.
    assert.equal(graph.flows.length, 1);
    assert.equal(graph.flows[0]!.legs.length, 4);
  });

  it('writes bigints as their digits and everything else as JSON does', () => {
    assert.equal(jsonText({ a: 9007199254740993n, b: [1, 'x"y', null, true], c: {} }), '{"a":9007199254740993,"b":[1,"x\\"y",null,true],"c":{}}');
  });
});
