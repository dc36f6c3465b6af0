import * as assert from 'node:assert/strict';
import type { CallLeg } from '../../src/core/graph';
import { callEvent, inspect, jsonLines, sample } from './helpers';

function roles(legs: Iterable<CallLeg>): Record<string, string> {
  return Object.fromEntries([...legs].map((leg) => [leg.callId, leg.monitorKind ? `${leg.role}/${leg.monitorKind}` : leg.role]));
}

/** An event of leg `id` entering `state` at minute `t`, with the given references. */
function at(id: number, state: string, t: number, refs: Record<string, unknown> = {}): Record<string, unknown> {
  const start = 1764000000000;
  return callEvent({
    call_id: id, state, event_timestamp: start + t * 60000,
    date_started: start, date_rang: null, date_connected: null, date_ended: state === 'hangup' ? start + t * 60000 : null,
    duration: null, total_duration: null, ...refs,
  });
}

describe('the call graph', () => {
  it('call-center sample: entry point and operator in one flow', async () => {
    const { graph } = await inspect(sample('call-center.jsonl'));
    assert.equal(graph.flows.length, 1);
    assert.deepEqual(roles(graph.flows[0]!.legs), { '4863570291802112': 'entry_point', '6210744583716864': 'operator' });
    assert.equal(graph.flows[0]!.id, '4863570291802112');
    assert.equal(graph.flows[0]!.transfers, 0);
  });

  it('monitored sample: monitor legs are told apart from the operator, with their kind', async () => {
    const { graph } = await inspect(sample('monitored-barge.jsonl'));
    assert.equal(graph.flows.length, 1);
    assert.deepEqual(roles(graph.flows[0]!.legs), {
      '4708925536329728': 'entry_point',
      '5460118907617280': 'operator',
      '6917402258563072': 'monitor/barge',
      '5034651187347456': 'monitor/takeover',
    });
  });

  it('transfer sample: one flow named after the master call, one transfer, legs numbered', async () => {
    const { graph } = await inspect(sample('transfer.jsonl'));
    assert.equal(graph.flows.length, 1);
    const flow = graph.flows[0]!;
    assert.equal(flow.id, '4611909857034240');
    assert.equal(flow.transfers, 1);
    assert.deepEqual(Object.fromEntries(flow.legs.map((l) => [l.callId, l.transferIndex])), {
      '4611909857034240': 0, '5318860042543104': 0, '5993174620258304': 1, '6742083395420160': 1,
    });
  });

  it('a chain of transfers is one flow, transfers counted in time order', async () => {
    // 1 direct call, transferred to 2, then to entry point 3 with operator 4; all later legs name 1 as master.
    const events = [
      at(4, 'connected', 9, { entry_point_call_id: 3, master_call_id: 1 }),
      at(3, 'hangup', 10, { operator_call_id: 4, master_call_id: 1 }),
      at(2, 'connected', 5, { master_call_id: 1 }),
      at(1, 'hangup', 4, { is_transferred: true }),
      at(1, 'connected', 1),
      at(2, 'hangup', 8, { is_transferred: true, master_call_id: 1 }),
      at(3, 'ringing', 8.5, { master_call_id: 1 }),
    ];
    const { graph } = await inspect(jsonLines(...events));
    assert.equal(graph.flows.length, 1);
    const flow = graph.flows[0]!;
    assert.equal(flow.id, '1');
    assert.equal(flow.transfers, 2);
    assert.deepEqual(roles(flow.legs), { 1: 'direct', 2: 'direct', 3: 'entry_point', 4: 'operator' });
    assert.deepEqual(flow.legs.map((l) => [l.callId, l.transferIndex]), [['1', 0], ['2', 1], ['3', 2], ['4', 2]]);
    assert.deepEqual(graph.legs.get('1')!.states, ['connected', 'hangup']);
  });

  it('roles come from all events, not the first: the entry point names its operator only once answered', async () => {
    const events = [
      at(10, 'ringing', 0),
      at(11, 'ringing', 1, { entry_point_call_id: 10 }),
      at(12, 'connected', 2, { entry_point_call_id: 10 }),
      at(10, 'connected', 3, { operator_call_id: 11 }),
    ];
    const { graph } = await inspect(jsonLines(...events));
    assert.deepEqual(roles(graph.legs.values()), { 10: 'entry_point', 11: 'operator', 12: 'monitor/monitor' });
  });

  describe('roles the data cannot yet prove', () => {
    /** Role, monitor kind and whether the capture proves it, per leg. */
    function proven(legs: Iterable<CallLeg>): Record<string, string> {
      return Object.fromEntries([...legs].map((leg) => [leg.callId, `${leg.role}/${leg.monitorKind}/${leg.roleConfirmed ? 'confirmed' : 'unconfirmed'}`]));
    }

    it('mid-call: a leg answering an entry point that has not connected yet is its operator, unconfirmed', async () => {
      // The vendor's order of events: the operator connects before its entry point does (and names it).
      const events = [
        at(30, 'preanswer', 0),
        at(30, 'ringing', 0.5),
        at(31, 'ringing', 1, { entry_point_call_id: 30 }),
        at(31, 'connected', 2, { entry_point_call_id: 30 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), { 30: 'entry_point/null/confirmed', 31: 'operator/null/unconfirmed' });
      assert.deepEqual(graph.flows.map((f) => f.id), ['30']);
    });

    it('the entry point\'s connected event naming the leg confirms it', async () => {
      const events = [
        at(30, 'ringing', 0.5),
        at(31, 'connected', 2, { entry_point_call_id: 30 }),
        at(30, 'connected', 3, { operator_call_id: 31 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), { 30: 'entry_point/null/confirmed', 31: 'operator/null/confirmed' });
    });

    it('entry point missing from the capture: operator, unconfirmed; the flow is named after the missing entry point', async () => {
      const events = [
        at(41, 'connected', 2, { entry_point_call_id: 40 }),
        at(41, 'hangup', 5, { entry_point_call_id: 40 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), { 41: 'operator/null/unconfirmed' });
      assert.equal(graph.flows.length, 1);
      assert.equal(graph.flows[0]!.id, '40');
      assert.deepEqual(graph.missing.map((m) => [m.field, m.callId]), [['entry_point_call_id', '40']]);
    });

    it('entry point missing, an operator and a monitor joining it: one flow named after it, the monitor confirmed by its state', async () => {
      const events = [
        at(51, 'connected', 2, { entry_point_call_id: 50 }),
        at(52, 'connected', 3, { entry_point_call_id: 50 }),
        at(52, 'monitor', 3.5, { entry_point_call_id: 50 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), { 51: 'operator/null/unconfirmed', 52: 'monitor/monitor/confirmed' });
      assert.deepEqual(graph.flows.map((f) => f.id), ['50']);
    });

    it('a monitor state makes a monitor, confirmed, however little the entry point has said', async () => {
      // The entry point has named no operator yet (mid-call): barge settles the leg's role on its own.
      const events = [
        at(60, 'ringing', 0),
        at(61, 'connected', 1, { entry_point_call_id: 60 }),
        at(61, 'barge', 2, { entry_point_call_id: 60 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), { 60: 'entry_point/null/confirmed', 61: 'monitor/barge/confirmed' });
    });

    it('a monitor state wins even over the entry point naming the leg', async () => {
      const events = [
        at(62, 'connected', 1, { operator_call_id: 63 }),
        at(63, 'connected', 1, { entry_point_call_id: 62 }),
        at(63, 'takeover', 2, { entry_point_call_id: 62 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), { 62: 'entry_point/null/confirmed', 63: 'monitor/takeover/confirmed' });
    });

    it('a leg joining an entry point that names another operator is a monitor, confirmed, even without a monitor state', async () => {
      const events = [
        at(70, 'ringing', 0),
        at(71, 'connected', 1, { entry_point_call_id: 70 }),
        at(70, 'connected', 2, { operator_call_id: 71 }),
        at(72, 'connected', 3, { entry_point_call_id: 70 }),
      ];
      const { graph } = await inspect(jsonLines(...events));
      assert.deepEqual(proven(graph.legs.values()), {
        70: 'entry_point/null/confirmed', 71: 'operator/null/confirmed', 72: 'monitor/monitor/confirmed',
      });
    });

    it('direct calls, entry points and the samples\' legs are all confirmed', async () => {
      for (const name of ['direct-call.jsonl', 'call-center.jsonl', 'monitored-barge.jsonl', 'transfer.jsonl']) {
        const { graph } = await inspect(sample(name));
        for (const leg of graph.legs.values()) assert.equal(leg.roleConfirmed, true, `${name}: ${leg.callId}`);
      }
    });
  });

  it('separate calls are separate flows, ordered by start time', async () => {
    const later = at(21, 'connected', 0, { date_started: 1764000900000, event_timestamp: 1764000900000 });
    const earlier = at(22, 'connected', 0);
    const { graph } = await inspect(jsonLines(later, earlier));
    assert.deepEqual(graph.flows.map((f) => f.id), ['22', '21']);
  });

  it('ids above 2^53 stay exact and distinct', async () => {
    const text = '{"call_id": 9007199254740993, "state": "connected"}\n{"call_id": 9007199254740992, "state": "connected", "entry_point_call_id": 9007199254740993}\n';
    const { graph, view } = await inspect(text);
    assert.deepEqual([...graph.legs.keys()].sort(), ['9007199254740992', '9007199254740993']);
    assert.equal(graph.legs.get('9007199254740992')!.entryPointCallId, '9007199254740993');
    // 9007199254740992 is 2^53 itself, which a double holds exactly: only the literals JSON.parse rounds are flagged.
    assert.deepEqual(view.filter((p) => p.code === 'number.precision-loss').map((p) => p.text), ['9007199254740993', '9007199254740993']);
    assert.equal(view.find((p) => p.code === 'number.precision-loss')!.severity, 'warning');
  });
});
