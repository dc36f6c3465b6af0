// The answers about each flow (ANSWERS.md), on flows built for each question. Every expected value is
// worked out by hand from the events written here (times in seconds after T0, so the sums are easy to check).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { answerLine, answersOfGraph, type FlowAnswers } from '../../src/core/answers';
import { ANSWER_DEFINITIONS, renderAnswersPage } from '../../src/core/answerDefinitions';
import { answersToJson } from '../../src/core/answersOutput';
import { callEvent, inspect, jsonLines, ROOT, sample } from './helpers';

const T0 = 1764000000000;
const s = (seconds: number) => T0 + seconds * 1000;

/** An event of call `id` entering `state` at `sec` seconds, sent with event_timestamp; the leg started at `start`. */
function ev(id: number, state: string, sec: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return callEvent({
    call_id: id, state, event_timestamp: s(sec), date_started: s(0), date_rang: null, date_connected: null,
    date_ended: state === 'hangup' ? s(sec) : null, duration: null, total_duration: null, ...over,
  });
}

const person = (name: string, phone = '+14155550100') => ({ target: { phone, type: 'user', id: 1, name, email: '', office_id: 2 } });
const center = (name: string) => ({
  target: { phone: '+14155550111', type: 'callcenter', id: 3, name, email: '', office_id: 2 },
  entry_point_target: { phone: '+14155550111', type: 'callcenter', id: 3, name, email: '', office_id: 2 },
});

async function answersOf(events: Record<string, unknown>[]): Promise<FlowAnswers[]> {
  const { graph } = await inspect(jsonLines(...events));
  return answersOfGraph(graph);
}

async function onlyFlow(events: Record<string, unknown>[]): Promise<FlowAnswers> {
  const flows = await answersOf(events);
  assert.equal(flows.length, 1);
  return flows[0]!;
}

/** A direct call to Alice, transferred to Bob, then to the Billing call center where Carol answers. */
const TRANSFER_CHAIN = [
  ev(1, 'ringing', 2, { ...person('Alice'), date_rang: s(2) }),
  ev(1, 'connected', 10, { ...person('Alice'), date_connected: s(10) }),
  ev(1, 'hold', 40, person('Alice')),
  ev(1, 'connected', 70, { ...person('Alice'), date_connected: s(10) }),
  ev(1, 'hangup', 100, { ...person('Alice'), date_connected: s(10), is_transferred: true }),
  ev(2, 'ringing', 101, { ...person('Bob'), master_call_id: 1, date_started: s(100.5) }),
  ev(2, 'connected', 105, { ...person('Bob'), master_call_id: 1, date_started: s(100.5), date_connected: s(105) }),
  ev(2, 'hangup', 200, { ...person('Bob'), master_call_id: 1, date_started: s(100.5), is_transferred: true }),
  ev(3, 'ringing', 201, { ...center('Billing'), master_call_id: 1, date_started: s(200.5) }),
  ev(4, 'ringing', 205, { ...center('Billing'), ...person('Carol'), master_call_id: 1, entry_point_call_id: 3, date_started: s(204) }),
  ev(4, 'connected', 214, { ...person('Carol'), master_call_id: 1, entry_point_call_id: 3, date_started: s(204), date_connected: s(214) }),
  ev(3, 'connected', 215, { ...center('Billing'), master_call_id: 1, operator_call_id: 4, date_started: s(200.5) }),
  ev(4, 'hangup', 300, { ...person('Carol'), master_call_id: 1, entry_point_call_id: 3, date_started: s(204) }),
  ev(3, 'hangup', 300.5, { ...center('Billing'), master_call_id: 1, operator_call_id: 4, date_started: s(200.5) }),
];

/** Entry point 30 (Support) with operator 31 (Frank); `extra` adds monitor legs. */
function supportCall(extra: Record<string, unknown>[] = []): Record<string, unknown>[] {
  return [
    ev(30, 'ringing', 1, center('Support')),
    ev(30, 'queued', 2, center('Support')),
    ev(31, 'ringing', 5, { ...person('Frank'), entry_point_call_id: 30, date_started: s(4) }),
    ev(31, 'connected', 10, { ...person('Frank'), entry_point_call_id: 30, date_started: s(4) }),
    ev(30, 'connected', 10.2, { ...center('Support'), operator_call_id: 31 }),
    ev(31, 'hangup', 100, { ...person('Frank'), entry_point_call_id: 30, date_started: s(4) }),
    ev(30, 'hangup', 100.1, { ...center('Support'), operator_call_id: 31 }),
    ...extra,
  ];
}

describe('the answers about a flow', () => {
  it('a transfer chain: first and last agent, transfers, wait, hold, talk, ring', async () => {
    const a = await onlyFlow(TRANSFER_CHAIN);
    assert.equal(a.id, '1');
    assert.equal(a.outcome, 'answered');
    assert.equal(a.transferred, true);
    assert.equal(a.transfers, 2);
    assert.deepEqual(a.agents.map((x) => [x.callId, x.name, x.role, x.connectedAt, x.talkMs, x.holdMs]), [
      ['1', 'Alice', 'direct', s(10), 60000, 30000], // 10 → 100, on hold 40 → 70
      ['2', 'Bob', 'direct', s(105), 95000, 0],
      ['4', 'Carol', 'operator', s(214), 86000, 0],
    ]);
    assert.deepEqual(a.firstAgent, { callId: '1', name: 'Alice' });
    assert.deepEqual(a.lastAgent, { callId: '4', name: 'Carol' });
    assert.equal(a.start, s(0));
    assert.equal(a.end, s(300.5));
    assert.equal(a.waitMs, 10000);
    assert.equal(a.holdMs, 30000);
    assert.equal(a.talkMs, 241000);
    assert.equal(a.ringMs, 8000); // Alice's phone rang at 2, she answered at 10
    assert.equal(a.enteredVia, null, 'the customer called Alice directly; Billing only received a transfer');
    assert.deepEqual(a.customer, { number: '+14155550123', name: 'Daniel Okafor' });
    assert.equal(a.complete, true);
    assert.deepEqual(a.notes, []);
    assert.equal(answerLine(a), 'answered by Alice, transferred twice to Carol · waited 10 s · held 30 s');
  });

  it('a queue wait: the wait runs until the operator connects; the entry point is where the customer came in', async () => {
    const a = await onlyFlow(supportCall());
    assert.deepEqual(a.agents.map((x) => [x.callId, x.name, x.role]), [['31', 'Frank', 'operator']]);
    assert.equal(a.waitMs, 10000);
    assert.equal(a.ringMs, 5000);
    assert.equal(a.talkMs, 90000);
    assert.deepEqual(a.enteredVia, { name: 'Support', type: 'callcenter' });
    assert.equal(a.end, s(100.1));
    assert.equal(answerLine(a), 'answered by Frank · waited 10 s');
  });

  it('holds on several legs: each agent less its own hold; the customer\'s hold counted once where legs overlap', async () => {
    const a = await onlyFlow([
      ev(20, 'ringing', 1, center('Support')),
      ev(21, 'connected', 10, { ...person('Dana'), entry_point_call_id: 20 }),
      ev(20, 'connected', 10.5, { ...center('Support'), operator_call_id: 21 }),
      ev(21, 'hold', 50, { ...person('Dana'), entry_point_call_id: 20 }),
      ev(20, 'hold', 52, { ...center('Support'), operator_call_id: 21 }),
      ev(21, 'connected', 80, { ...person('Dana'), entry_point_call_id: 20 }),
      ev(20, 'connected', 81, { ...center('Support'), operator_call_id: 21 }),
      ev(21, 'hold', 90, { ...person('Dana'), entry_point_call_id: 20 }),
      ev(21, 'hold', 90, { ...person('Dana'), entry_point_call_id: 20 }), // delivered twice
      ev(21, 'hangup', 100, { ...person('Dana'), entry_point_call_id: 20, hold_time: 40000, talk_time: 50000 }),
      ev(20, 'hangup', 100.5, { ...center('Support'), operator_call_id: 21 }),
    ]);
    // Dana: on hold 50 → 80 and 90 → hangup at 100; connected 10 → 100 less 40 s.
    assert.deepEqual(a.agents.map((x) => [x.holdMs, x.talkMs, x.dialpadHoldMs, x.dialpadTalkMs]), [[40000, 50000, 40000, 50000]]);
    // The customer: [50, 81] (both legs) and [90, 100].
    assert.equal(a.holdMs, 41000);
    assert.equal(answerLine(a), 'answered by Dana · waited 10 s · held 41 s');
  });

  it('Dialpad\'s hold_time and talk_time: both figures shown; a disagreement is an answer.*-mismatch note on the value', async () => {
    const hangup = ev(21, 'hangup', 100, { ...person('Dana'), hold_time: 30000, talk_time: 90000 });
    const result = await inspect(jsonLines(
      ev(21, 'connected', 10, { ...person('Dana'), talk_time: 0 }),
      ev(21, 'hold', 50, person('Dana')),
      ev(21, 'connected', 80, person('Dana')),
      hangup,
    ));
    // Ours: hold 50 → 80 = 30 s (agrees); talk 10 → 100 less 30 s = 60 s (Dialpad says 90 s). talk_time 0 on connected is not judged.
    const answerProblems = result.problems.filter((p) => p.code.startsWith('answer.'));
    assert.deepEqual(result.view.filter((p) => p.code.startsWith('answer.')).map((p) => [p.code, p.severity, p.text, p.line]), [['answer.talk-time-mismatch', 'information', '90000', 4]]);
    assert.match(answerProblems[0]!.message, /90\.000 s.*60\.000 s/);
    const [a] = answersOfGraph(result.graph);
    assert.deepEqual(a!.agents.map((x) => [x.talkMs, x.dialpadTalkMs, x.holdMs, x.dialpadHoldMs]), [[60000, 90000, 30000, 30000]]);
  });

  it('a silent monitor that outlasts everyone is not an agent, and not the last agent', async () => {
    const a = await onlyFlow(supportCall([
      ev(32, 'connected', 20, { ...person('Grace'), entry_point_call_id: 30, date_started: s(19) }),
      ev(32, 'monitor', 21, { ...person('Grace'), entry_point_call_id: 30, date_started: s(19) }),
      ev(32, 'hangup', 150, { ...person('Grace'), entry_point_call_id: 30, date_started: s(19) }),
    ]));
    assert.deepEqual(a.agents.map((x) => x.name), ['Frank']);
    assert.deepEqual(a.lastAgent, { callId: '31', name: 'Frank' });
    assert.equal(a.talkMs, 90000);
    assert.equal(a.end, s(150), 'the flow ends with its last leg, the monitor');
  });

  it('a barge is an agent from the moment it joins; the operator stays the first agent', async () => {
    const a = await onlyFlow(supportCall([
      ev(33, 'connected', 20, { ...person('Hank'), entry_point_call_id: 30, date_started: s(19) }),
      ev(33, 'monitor', 21, { ...person('Hank'), entry_point_call_id: 30, date_started: s(19) }),
      ev(33, 'barge', 60, { ...person('Hank'), entry_point_call_id: 30, date_started: s(19) }),
      ev(33, 'hangup', 120, { ...person('Hank'), entry_point_call_id: 30, date_started: s(19) }),
    ]));
    assert.deepEqual(a.agents.map((x) => [x.callId, x.name, x.role, x.monitorKind, x.connectedAt, x.talkMs]), [
      ['31', 'Frank', 'operator', null, s(10), 90000],
      ['33', 'Hank', 'monitor', 'barge', s(60), 60000],
    ]);
    assert.deepEqual(a.firstAgent, { callId: '31', name: 'Frank' });
    assert.deepEqual(a.lastAgent, { callId: '33', name: 'Hank' });
    assert.equal(a.talkMs, 150000);
    assert.equal(answerLine(a), 'answered by Frank, ended with Hank · waited 10 s');
  });

  it('a voicemail: no agent, the link, the recording and the transcription', async () => {
    const link = 'https://dialpad.com/v/40';
    const a = await onlyFlow([
      ev(40, 'ringing', 1, person('Ivy')),
      ev(40, 'voicemail', 20, { ...person('Ivy'), voicemail_link: link }),
      ev(40, 'hangup', 50, { ...person('Ivy'), voicemail_link: link }),
      ev(40, 'voicemail_uploaded', 52, { ...person('Ivy'), voicemail_link: link, date_ended: s(50), recording_details: [{ id: 7, url: link, duration: 25000, start_time: s(20), recording_type: 'voicemail' }] }),
      ev(40, 'transcription', 60, { ...person('Ivy'), voicemail_link: link, date_ended: s(50), transcription_text: 'Please call me back.' }),
    ]);
    assert.equal(a.outcome, 'voicemail');
    assert.deepEqual(a.agents, []);
    assert.equal(a.firstAgent, null);
    assert.equal(a.lastAgent, null);
    assert.equal(a.waitMs, null);
    assert.equal(a.ringMs, null);
    assert.equal(a.talkMs, 0);
    assert.equal(a.voicemailLink, link);
    assert.deepEqual(a.recordings, [link]);
    assert.equal(a.transcription, 'Please call me back.');
    assert.equal(a.complete, true);
    assert.equal(answerLine(a), 'voicemail left');
  });

  it('an abandoned call and a missed one', async () => {
    const [abandoned, missed] = await answersOf([
      ev(50, 'ringing', 1, center('Support')),
      ev(50, 'queued', 2, center('Support')),
      ev(50, 'hangup', 45, center('Support')),
      ev(51, 'ringing', 1, { ...person('Jo'), date_started: s(500), event_timestamp: s(501) }),
      ev(51, 'missed', 530, { ...person('Jo'), date_started: s(500) }),
      ev(51, 'hangup', 530, { ...person('Jo'), date_started: s(500) }),
    ]);
    assert.equal(abandoned!.outcome, 'abandoned');
    assert.equal(abandoned!.end, s(45));
    assert.equal(abandoned!.waitMs, null);
    assert.equal(answerLine(abandoned!), 'abandoned after 45 s');
    assert.equal(missed!.outcome, 'missed');
    assert.equal(answerLine(missed!), 'missed');
  });

  it('an outbound call: the wait lasts until the customer answered, and no ring time is known', async () => {
    const a = await onlyFlow([
      ev(60, 'calling', 0, { ...person('Kim'), direction: 'outbound' }),
      ev(60, 'connected', 12, { ...person('Kim'), direction: 'outbound', date_connected: s(12) }),
      ev(60, 'hangup', 100, { ...person('Kim'), direction: 'outbound', date_connected: s(12) }),
    ]);
    assert.equal(a.direction, 'outbound');
    assert.deepEqual(a.agents.map((x) => [x.name, x.talkMs]), [['Kim', 88000]]);
    assert.equal(a.waitMs, 12000);
    assert.equal(a.ringMs, null);
  });

  it('a flow whose hangups never came: not complete, notes say why, and nothing that depends on the end is guessed', async () => {
    const a = await onlyFlow([
      ev(70, 'ringing', 1, center('Support')),
      ev(71, 'connected', 10, { ...person('Lee'), entry_point_call_id: 70, master_call_id: 99 }),
      ev(70, 'connected', 10.2, { ...center('Support'), operator_call_id: 71 }),
      ev(71, 'hold', 30, { ...person('Lee'), entry_point_call_id: 70 }),
    ]);
    assert.equal(a.outcome, 'answered');
    assert.equal(a.complete, false);
    assert.deepEqual(a.notes, [
      'call 70 (entry point): no hangup yet, so its end is unknown',
      'call 71 (operator): no hangup yet, so its end is unknown',
      'call 99 (named in master_call_id of call 71) is not in the capture',
    ]);
    assert.deepEqual(a.agents.map((x) => [x.connectedAt, x.endedAt, x.talkMs, x.holdMs]), [[s(10), null, null, null]]);
    assert.deepEqual(a.firstAgent, { callId: '71', name: 'Lee' });
    assert.equal(a.lastAgent, null);
    assert.equal(a.end, null);
    assert.equal(a.waitMs, 10000);
    assert.equal(a.holdMs, null);
    assert.equal(a.talkMs, null);
    assert.equal(answerLine(a), 'answered by Lee · waited 10 s · incomplete');
  });

  it('a lost hangup whose end a later event still carries: the end is known, the flow is still not complete', async () => {
    const a = await onlyFlow([
      ev(80, 'connected', 10, { ...person('Max'), date_connected: s(10) }),
      ev(80, 'recording', 200, { ...person('Max'), date_connected: s(10), date_ended: s(90), recording_url: ['https://dialpad.com/r/1'] }),
    ]);
    assert.equal(a.end, s(90));
    assert.deepEqual(a.agents.map((x) => x.talkMs), [80000]);
    assert.equal(a.complete, false);
    assert.deepEqual(a.notes, ['call 80 (direct): no hangup event; its end is taken from date_ended']);
    assert.deepEqual(a.recordings, ['https://dialpad.com/r/1']);
  });

  it('a hangup marked transferred without the receiving call in the capture is noted', async () => {
    const a = await onlyFlow([
      ev(90, 'connected', 10, person('Ned')),
      ev(90, 'hangup', 20, { ...person('Ned'), is_transferred: true }),
    ]);
    assert.equal(a.transfers, 0);
    assert.deepEqual(a.notes, ['1 call(s) hung up as transferred but 0 transfer recipient(s) are in the capture']);
  });

  it('post-call facts: the latest score, string scores, every recording and disposition once', async () => {
    const a = await onlyFlow([
      ev(95, 'connected', 10, person('Oz')),
      ev(95, 'hangup', 20, person('Oz')),
      ev(95, 'recording', 30, { ...person('Oz'), date_ended: s(20), recording_url: 'https://r/1', recording_details: [{ url: 'https://r/1' }, { url: 'https://r/2' }] }),
      ev(95, 'dispositions', 31, { ...person('Oz'), date_ended: s(20), call_dispositions: [{ name: 'Sale' }, 'Follow-up'] }),
      ev(95, 'dispositions', 32, { ...person('Oz'), date_ended: s(20), call_dispositions: ['Follow-up'] }),
      ev(95, 'pcsat', 33, { ...person('Oz'), date_ended: s(20), pcsat_score: 3 }),
      ev(95, 'csat', 34, { ...person('Oz'), date_ended: s(20), csat_score: '5' }),
      ev(95, 'recap_outcome', 35, { ...person('Oz'), date_ended: s(20), recap_outcome: 'Resolved' }),
    ]);
    assert.deepEqual(a.recordings, ['https://r/1', 'https://r/2']);
    assert.deepEqual(a.dispositions, ['Sale', 'Follow-up']);
    assert.equal(a.csatScore, 5);
    assert.equal(a.pcsatScore, 3);
    assert.equal(a.recapOutcome, 'Resolved');
  });

  it('an agent without a name is named by its number', async () => {
    const a = await onlyFlow([
      ev(96, 'connected', 10, { target: { phone: '+14155550177', type: 'user', id: 1 } }),
      ev(96, 'hangup', 20, { target: { phone: '+14155550177', type: 'user', id: 1 } }),
    ]);
    assert.deepEqual(a.firstAgent, { callId: '96', name: '+14155550177' });
  });

  it('payload names in the one-line answer lose their control characters', async () => {
    const a = await onlyFlow([
      ev(97, 'connected', 10, person('Eve\u001b[31m\nRed')),
      ev(97, 'hangup', 20, person('Eve\u001b[31m\nRed')),
    ]);
    assert.equal(answerLine(a), 'answered by Eve [31m Red · waited 10 s');
  });

  it('shuffled lines and duplicated deliveries give the same answers', async () => {
    const expected = (await answersOf(TRANSFER_CHAIN)).map(answersToJson);
    const shuffled = [...TRANSFER_CHAIN].reverse();
    shuffled.splice(3, 0, TRANSFER_CHAIN[2]!, TRANSFER_CHAIN[12]!, TRANSFER_CHAIN[4]!);
    assert.deepEqual((await answersOf(shuffled)).map(answersToJson), expected);
  });

  it('property: shuffling and duplicating the lines never changes a summary', async () => {
    const all = [...TRANSFER_CHAIN, ...supportCall([
      ev(33, 'connected', 20, { ...person('Hank'), entry_point_call_id: 30 }),
      ev(33, 'barge', 60, { ...person('Hank'), entry_point_call_id: 30 }),
      ev(33, 'hold', 70, { ...person('Hank'), entry_point_call_id: 30 }),
      ev(33, 'connected', 75, { ...person('Hank'), entry_point_call_id: 30 }),
    ])];
    const lines = all.map((e) => JSON.stringify(e));
    const summary = async (text: string) => JSON.stringify(answersOfGraph((await inspect(text)).graph).map(answersToJson));
    const expected = await summary(`${lines.join('\n')}\n`);
    await fc.assert(fc.asyncProperty(
      fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 10 }).chain((dups) => {
        const withDups = [...lines, ...dups.map((i) => lines[i]!)];
        return fc.shuffledSubarray(withDups, { minLength: withDups.length, maxLength: withDups.length });
      }),
      async (order) => assert.equal(await summary(`${order.join('\n')}\n`), expected),
    ), { numRuns: 40 });
  });
});

describe('ANSWERS.md', () => {
  it('is generated from the definitions (run `npm run answers` after changing them)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'ANSWERS.md'), 'utf8'), renderAnswersPage());
  });

  it('defines every field of the summary JSON', async () => {
    const [a] = await answersOf(TRANSFER_CHAIN);
    const defined = new Set(ANSWER_DEFINITIONS.flatMap((d) => d.field.split(', ').map((f) => (d.field.startsWith('agents[].') && !f.startsWith('agents[]') ? `agents[].${f}` : f))));
    const json = answersToJson(a!);
    // call_id and role are the graph's own (README's graph contract).
    const agentKeys = Object.keys(json.agents[0]!).filter((k) => k !== 'call_id' && k !== 'role').map((k) => `agents[].${k}`);
    for (const key of [...Object.keys(json), ...agentKeys]) assert.ok(defined.has(key), `${key} has no definition`);
  });
});

describe('the answers about the bundled samples (checked by hand against samples/README.md and the lines)', () => {
  const flowsOf = async (name: string) => answersOfGraph((await inspect(sample(name))).graph);

  it('direct-call.jsonl: Maya Chen answered after 9.9 s', async () => {
    const [a] = await flowsOf('direct-call.jsonl');
    assert.deepEqual(a!.firstAgent, { callId: '5747322335264768', name: 'Maya Chen' });
    assert.deepEqual(a!.customer, { number: '+13125550147', name: 'Daniel Okafor' });
    assert.equal(a!.waitMs, 9900); // connected 1770133337212 − date_started 1770133327312
    assert.equal(a!.ringMs, 9310); // connected 1770133337212 − ringing 1770133327902
    assert.equal(a!.talkMs, 240573); // hangup 1770133577785 − connected 1770133337212
    assert.equal(a!.complete, true);
  });

  it('call-center.jsonl: José Núñez answered the Customer Support queue', async () => {
    const [a] = await flowsOf('call-center.jsonl');
    assert.deepEqual(a!.agents.map((x) => [x.callId, x.name, x.role]), [['6210744583716864', 'José Núñez', 'operator']]);
    assert.deepEqual(a!.enteredVia, { name: 'Customer Support', type: 'callcenter' });
    assert.equal(a!.waitMs, 19941); // operator connected 1773134142059 − date_started 1773134122118
    assert.equal(a!.talkMs, 392469); // operator hangup 1773134534528 − 1773134142059
  });

  it('transfer.jsonl: Marcus Reed first, Aiko Tanaka last, one transfer, 23.41 s on hold', async () => {
    const [a] = await flowsOf('transfer.jsonl');
    assert.equal(a!.id, '4611909857034240');
    assert.deepEqual(a!.firstAgent, { callId: '5318860042543104', name: 'Marcus Reed' });
    assert.deepEqual(a!.lastAgent, { callId: '6742083395420160', name: 'Aiko Tanaka' });
    assert.equal(a!.transfers, 1);
    assert.equal(a!.transferred, true);
    assert.deepEqual(a!.enteredVia, { name: 'Sales', type: 'callcenter' });
    assert.equal(a!.waitMs, 11051); // 1776776759958 − 1776776748907
    assert.equal(a!.holdMs, 23410); // hold 1776776820407 → hangup 1776776843817
    // Marcus 1776776759958 → 1776776843817 less the hold (60449); Aiko 1776776857700 → 1776777105158 (247458).
    assert.deepEqual(a!.agents.map((x) => x.talkMs), [60449, 247458]);
    assert.equal(a!.talkMs, 307907);
    assert.equal(answerLine(a!), 'answered by Marcus Reed, transferred once to Aiko Tanaka · waited 11 s · held 23 s');
  });

  it('monitored-barge.jsonl: the barge and the takeover are agents, the takeover spoke last', async () => {
    const [a] = await flowsOf('monitored-barge.jsonl');
    assert.deepEqual(a!.agents.map((x) => [x.name, x.monitorKind, x.connectedAt, x.talkMs]), [
      ['Tyler Brooks', null, 1778775640532, 245037], // to his hangup at 1778775885569
      ['Renée Dubois', 'barge', 1778775791870, 62917], // barge → hangup 1778775854787
      ['Samuel Osei', 'takeover', 1778775885500, 247724], // takeover → hangup 1778776133224
    ]);
    assert.deepEqual(a!.lastAgent, { callId: '5034651187347456', name: 'Samuel Osei' });
    assert.equal(a!.waitMs, 37082); // 1778775640532 − 1778775603450
  });

  it('voicemail.jsonl: a voicemail, then the callback with its recording, recap and CSAT', async () => {
    const [voicemail, callback] = await flowsOf('voicemail.jsonl');
    assert.equal(voicemail!.outcome, 'voicemail');
    assert.equal(voicemail!.voicemailLink, 'https://dialpad.com/v/6295318437462016');
    assert.match(voicemail!.transcription!, /^Hi Olivia, this is Ahmed Karimi/);
    assert.equal(callback!.direction, 'outbound');
    assert.equal(callback!.waitMs, 7993); // customer answered 1780405364574 − date_started 1780405356581
    assert.equal(callback!.csatScore, 4);
    assert.deepEqual(callback!.recordings, ['https://dialpad.com/r/6091743825928192']);
    assert.match(callback!.recapSummary!, /^Olivia returned Ahmed's voicemail/);
  });
});
