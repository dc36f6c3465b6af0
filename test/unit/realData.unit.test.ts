// Real Dialpad data as integrators have it (issue 8, section 2): REST API records with integers as
// strings, the API's list envelope, today's fields, withheld caller ids, precision, booleans as strings.
// The corpus under test/fixtures/ is written from the vendor's API spec and published captures; every
// expected diagnostic here is written by hand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeCapture } from '../../src/core/detect';
import { fieldDoc } from '../../src/core/fieldDocs';
import { hoverAt, type HoverContent } from '../../src/core/hover';
import { inspectDocument, type Inspection } from '../../src/core/inspect';
import { literalInteger } from '../../src/core/numbers';
import { certainlyValid } from '../../src/core/quickSchema';
import { readCapture } from '../../src/core/reader';
import { KNOWN_FIELDS } from '../../src/core/eventFields';
import { callEventSchema } from '../../src/core/schema';
import { answerDetails, answersOf } from '../../src/core/answers';
import { buildViewModel } from '../../src/core/buildViewModel';
import { callEvent, codes, inspect, jsonLines, ROOT, type ProblemView } from './helpers';

function fixture(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');
}

const FIXTURES = ['webhook-current-fields.jsonl', 'withheld-caller-id.jsonl', 'api-call-get.json', 'api-call-list.json'];

/** Code, severity, covered text and line of each problem. */
function table(view: readonly ProblemView[]): [string, string, string, number][] {
  return view.map((p) => [p.code, p.severity, p.text, p.line]);
}

function hoverOn(text: string, inspection: Inspection, needle: string, into = 1): HoverContent {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const hover = hoverAt(text, inspection, at + into, { timeZone: 'UTC' });
  assert.ok(hover, `a hover on ${needle}`);
  return hover;
}

function kvs(hover: HoverContent): Record<string, string> {
  return Object.fromEntries(hover.lines.filter((l) => l.kind === 'kv').map((l) => [l.key!, l.value!]));
}

function texts(hover: HoverContent): string[] {
  return hover.lines.filter((l) => l.kind === 'text').map((l) => l.text!);
}

/** The same event with every int64 written as a decimal string, as Dialpad's REST API writes it. */
function asApiRecord(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...event };
  for (const key of ['call_id', 'master_call_id', 'entry_point_call_id', 'operator_call_id', 'date_started', 'date_rang', 'date_first_rang',
    'date_queued', 'date_connected', 'date_ended', 'event_timestamp', 'talk_time', 'hold_time', 'voicemail_recording_id']) {
    if (typeof out[key] === 'number') out[key] = String(out[key]);
  }
  for (const party of ['target', 'entry_point_target', 'proxy_target']) {
    const entity = out[party] as Record<string, unknown> | undefined;
    if (!entity) continue;
    out[party] = Object.fromEntries(Object.entries(entity).map(([k, v]) => [k, (k === 'id' || k === 'office_id') && typeof v === 'number' ? String(v) : v]));
  }
  return out;
}

/** A value without its diagnostics: what the graph and timeline draw. */
function withoutDiagnostics(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (['diagnostics', 'problems', 'severity', 'counts'].includes(key) ? undefined : v)));
}

describe('real Dialpad data', () => {
  describe('the real-shaped corpus', () => {
    it('has no errors, no warnings and no unknown-field hints; the notes it has are the expected ones', async () => {
      const expected: Record<string, [string, string, string, number][]> = {
        'webhook-current-fields.jsonl': [],
        'withheld-caller-id.jsonl': [
          ['phone.withheld', 'information', '"blocked"', 1], ['phone.withheld', 'information', '"blocked"', 1],
          ['phone.withheld', 'information', '"blocked"', 2], ['phone.withheld', 'information', '"blocked"', 2],
          ['phone.withheld', 'information', '"blocked"', 3], ['phone.withheld', 'information', '"blocked"', 3],
          ['phone.withheld', 'information', '"blocked"', 4],
        ],
        'api-call-get.json': [
          ['schema.api-record', 'information', '{', 1],
          // The spec's example is an operator leg whose entry point (call 1000) is not in the file.
          ['flow.missing-reference', 'information', '"1000"', 15],
        ],
        'api-call-list.json': [['schema.api-record', 'information', '{', 4], ['schema.api-record', 'information', '{', 84]],
      };
      for (const name of FIXTURES) {
        const result = await inspect(fixture(name));
        assert.deepEqual(table(result.view), expected[name], name);
      }
    });

    it('every event of it passes the schema, and its fast path, without a detour through zod', () => {
      for (const name of FIXTURES) {
        const read = readCapture(fixture(name));
        assert.ok(read.events.length > 0, name);
        for (const event of read.events) {
          const value = event.value as Record<string, unknown>;
          assert.equal(callEventSchema.safeParse(value).success, true, `${name} event ${event.index}`);
          assert.equal(certainlyValid(value), true, `${name} event ${event.index}`);
          for (const key of Object.keys(value)) assert.ok(KNOWN_FIELDS.has(key), `${name}: ${key} is known`);
        }
      }
    });

    it('the webhook events graph as the call-center flow they are', async () => {
      const { graph } = await inspect(fixture('webhook-current-fields.jsonl'));
      const legs = [...graph.legs.values()].map((leg) => [leg.callId, leg.role, leg.states.join(' ')]);
      assert.deepEqual(legs, [
        ['4863570291802112', 'entry_point', 'preanswer ringing queued connected hold connected hangup'],
        ['6210744583716864', 'operator', 'preanswer ringing connected hold connected hangup recording'],
        ['5635304278851584', 'direct', 'calling ringing connected hangup'],
      ]);
    });

    it('Dialpad\'s own hold_time and talk_time agree with the answers computed from the events', async () => {
      const { graph } = await inspect(fixture('webhook-current-fields.jsonl'));
      const flow = graph.flows.find((f) => f.id === '4863570291802112')!;
      const [agent] = answersOf(flow, graph).agents;
      // The hold: 1773134300000 to 1773134312000. Talk from the states' event_timestamps (connected 1773134142059,
      // hangup 1773134534528) less the hold: 380469, within a second of Dialpad's 380472 (from date_connected/date_ended).
      assert.deepEqual([agent!.callId, agent!.holdMs, agent!.talkMs, agent!.dialpadHoldMs, agent!.dialpadTalkMs],
        ['6210744583716864', 12000, 380469, 12000, 380472]);
      // The tooltip of the CodeLens and the Flows view shows both figures.
      assert.ok(answerDetails(answersOf(flow, graph)).some((line) => /talked 6 min 20 s \(Dialpad: 6 min 20 s\), held 12 s \(Dialpad: 12 s\)/.test(line)),
        answerDetails(answersOf(flow, graph)).join('\n'));
    });

    it('a REST API record (no live events) leaves hold and talk unknown instead of 0, and no false disagreement', async () => {
      const result = await inspect(fixture('api-call-list.json'));
      assert.deepEqual(result.problems.filter((p) => p.code.startsWith('answer.')), []);
      const flow = result.graph.flows.find((f) => f.id === '4863570291802112')!;
      const answers = answersOf(flow, result.graph);
      assert.deepEqual([answers.holdMs, answers.agents[0]!.holdMs, answers.agents[0]!.talkMs, answers.agents[0]!.dialpadHoldMs], [null, null, null, 12000]);
      assert.equal(answers.complete, false);
      assert.match(answers.notes.join('\n'), /connected event is not in the capture, so its hold and talk are unknown/);
    });
  });

  describe('1. REST API records: integers as strings', () => {
    it('the spec\'s GET /api/v2/call/{id} example: one note for the record, exact ids, timestamps as numbers', async () => {
      const text = fixture('api-call-get.json');
      const result = await inspect(text);
      assert.equal(result.format, 'json-object');
      assert.match(result.problems[0]!.message, /^REST API record: integers as strings\./);
      const summary = result.events[0]!.summary!;
      assert.deepEqual([summary.callId, summary.entryPointCallId, summary.operatorCallId], ['1002', '1000', null]);
      assert.deepEqual([summary.dateStarted, summary.dateRang, summary.dateConnected, summary.dateEnded, summary.eventTimestamp, summary.time],
        [1356998400000, 1356998400000, 1356998400000, null, 1356998400000, 1356998400000]);
    });

    it('a string id in an otherwise numeric webhook event keeps its own note; every string int64 of a mixed event gets one', async () => {
      const target = { ...(callEvent().target as object), office_id: '4632479632575683' };
      const one = await inspect(jsonLines(callEvent({ target })));
      assert.deepEqual(table(one.view), [['schema.id.string', 'information', '"4632479632575683"', 1]]);
      assert.equal(one.problems[0]!.message, 'target.office_id is a string; accepted, though webhook events send integers as JSON numbers.');
      const mixed = await inspect(jsonLines(callEvent({ date_started: '1764000000000', event_timestamp: '1764000065100' })));
      assert.deepEqual(table(mixed.view), [
        ['schema.id.string', 'information', '"1764000000000"', 1],
        ['schema.id.string', 'information', '"1764000065100"', 1],
      ]);
    });

    it('a string id beyond 2^53 is kept exactly and not flagged', async () => {
      const record = asApiRecord(callEvent({ state: 'calling', date_connected: null, date_ended: null, duration: null, total_duration: null }));
      const result = await inspect(jsonLines({ ...record, call_id: '9007199254740993' }));
      assert.deepEqual(codes(result.view), ['schema.api-record']);
      assert.equal(result.events[0]!.summary!.callId, '9007199254740993');
      assert.deepEqual([...result.graph.legs.keys()], ['9007199254740993']);
    });

    it('string timestamps give the same timing diagnostics, at the same places, as numbers', async () => {
      const overrides = { date_connected: 1764000000500, duration: 64500.25, total_duration: 99000 };
      const numbers = await inspect(jsonLines(callEvent(overrides)));
      const strings = await inspect(jsonLines(asApiRecord(callEvent(overrides))));
      assert.deepEqual(table(numbers.view), [
        ['timing.order', 'warning', '1764000000500', 1],
        ['timing.total-duration-mismatch', 'warning', '99000', 1],
      ]);
      assert.deepEqual(table(strings.view), [
        ['schema.api-record', 'information', '{', 1],
        ['timing.order', 'warning', '"1764000000500"', 1],
        ['timing.total-duration-mismatch', 'warning', '99000', 1],
      ]);
      assert.deepEqual(strings.problems.slice(1).map((p) => p.message), numbers.problems.map((p) => p.message));
      assert.equal(strings.problems[1]!.message, 'date_connected (2025-11-24T16:00:00.500Z) is before date_rang (2025-11-24T16:00:01.000Z): a call starts, rings, connects, then ends.');
    });

    it('string timestamps build the same call graph and timeline as numbers', async () => {
      const webhook = fixture('webhook-current-fields.jsonl');
      const api = webhook.trimEnd().split('\n').map((line) => JSON.stringify(asApiRecord(JSON.parse(line) as Record<string, unknown>))).join('\n') + '\n';
      const numbers = await inspectDocument(webhook);
      const strings = await inspectDocument(api);
      assert.equal(strings.problems.filter((p) => p.code !== 'schema.api-record').length, 0);
      assert.equal(strings.problems.length, 18); // one record note per event
      assert.deepEqual(strings.graph, numbers.graph);
      const entryPoint = strings.graph.legs.get('4863570291802112')!;
      assert.deepEqual([entryPoint.start, entryPoint.end], [1773134122118, 1773134534539]);
      const view = (text: string, inspection: Inspection) => withoutDiagnostics(buildViewModel([{ name: 'x', text, inspection }]));
      assert.deepEqual(view(api, strings), view(webhook, numbers));
    });

    it('hovers read string timestamps and durations as they read numbers', async () => {
      const text = fixture('api-call-list.json');
      const inspection = await inspectDocument(text);
      const started = hoverOn(text, inspection, '"date_started": "1773134122118"', 17);
      assert.equal(started.title, 'date_started');
      assert.equal(kvs(started).UTC, '2026-03-10T09:15:22.118Z');
      const connected = hoverOn(text, inspection, '"date_connected": "1773134142204"', 19);
      assert.equal(kvs(connected)['Since start'], '+20.086 s after date_started');
      const talk = hoverOn(text, inspection, '"talk_time": "380472"', 14);
      assert.deepEqual([talk.title, kvs(talk).Duration], ['talk_time', '6 min 20.472 s']);
      const get = fixture('api-call-get.json');
      const single = await inspectDocument(get);
      assert.equal(kvs(hoverOn(get, single, '"event_timestamp": "1356998400000"', 20)).UTC, '2013-01-01T00:00:00.000Z');
    });

    it('csat_score may be a string (as in the spec); a string that is not an integer is still no timestamp', async () => {
      assert.deepEqual(codes((await inspect(jsonLines(callEvent({ state: 'csat', csat_score: '4' })))).view), []);
      const bad = await inspect(jsonLines(callEvent({ date_started: '2025-11-24T16:00:00Z' })));
      assert.deepEqual(table(bad.view), [['schema.type', 'error', '"2025-11-24T16:00:00Z"', 1]]);
      assert.equal(bad.problems[0]!.message, 'date_started should be an integer timestamp in unix milliseconds, not the string "2025-11-24T16:00:00Z".');
    });
  });

  describe('2. the API\'s list envelope', () => {
    // Offsets counted by hand: the first item is 27..62, the second 64..100, "ringin" is 53..61.
    const text = '{"cursor": null, "items": [{"call_id": "1", "state": "ringin"}, {"call_id": "2", "state": "calling"}]}';

    it('is read as its items, each at its exact place, with every rule', async () => {
      const result = await inspectDocument(text);
      assert.equal(result.format, 'json-array');
      assert.deepEqual(result.events.map((e) => [e.start, e.end, e.summary?.callId]), [[27, 62, '1'], [64, 100, '2']]);
      assert.deepEqual(result.problems.map((p) => [p.code, p.start, p.end]), [
        ['schema.api-record', 27, 28], ['schema.state.unknown', 53, 61], ['schema.api-record', 64, 65],
      ]);
      assert.deepEqual(result.itemStarts, [0]);
    });

    it('gives the same events, problems and graph as a JSON array of the same items', async () => {
      const list = fixture('api-call-list.json');
      const items = (JSON.parse(list) as { items: unknown[] }).items;
      const array = await inspectDocument(JSON.stringify(items));
      const envelope = await inspectDocument(list);
      assert.equal(envelope.events.length, 2);
      assert.deepEqual(envelope.graph, array.graph);
      assert.deepEqual(envelope.problems.map((p) => [p.code, p.message]), array.problems.map((p) => [p.code, p.message]));
      assert.deepEqual([...envelope.graph.legs.values()].map((l) => [l.callId, l.role]), [['4863570291802112', 'entry_point'], ['6210744583716864', 'operator']]);
      // Each problem sits on its own item's opening brace.
      assert.deepEqual(envelope.problems.map((p) => list.slice(p.start, p.start + 6)), ['{\n    ', '{\n    ']);
      assert.deepEqual(envelope.problems.map((p) => envelope.lines.positionAt(p.start).line + 1), [4, 84]);
    });

    it('in either key order, one page per line, and with an empty page', async () => {
      const item = '{"call_id": "7", "state": "calling"}';
      const pages = `{"items": [${item}], "cursor": "Cj8K"}\n{"cursor": "Cj9L", "items": [${item.replace('"7"', '"8"')}]}\n{"cursor": null, "items": []}\n`;
      const result = await inspectDocument(pages);
      assert.deepEqual(result.events.map((e) => [e.summary?.callId, pages.slice(e.start, e.end)]), [['7', item], ['8', item.replace('"7"', '"8"')]]);
      assert.deepEqual(result.problems.map((p) => p.code), ['schema.api-record', 'schema.api-record']);
    });

    it('a list cut short reads the items it has and says where it ends; a non-object item is named', async () => {
      const cut = '{"cursor": null, "items": [{"call_id": "1", "state": "calling"}, 5, {"call_id": "2", "st';
      const result = await inspect(cut);
      assert.deepEqual(result.events.filter((e) => e.summary).map((e) => e.summary!.callId), ['1']);
      assert.deepEqual(table(result.view).map(([code, , text]) => [code, text]), [
        ['schema.api-record', '{'],
        ['json.not-an-event', '5'],
        ['syntax.error', '"st'],
        ['syntax.truncated', 't'],
      ]);
    });

    it('objects that only look like one are read as events', async () => {
      for (const text of ['{"items": [{"call_id": 1}], "total": 1}', '{"cursor": null, "items": 3}', '{"items": [], "items": []}', '{"items": [],}']) {
        const read = readCapture(text);
        assert.equal(read.format, 'json-object', text);
        assert.equal(read.events.length + read.problems.length > 0, true, text);
      }
    });

    it('is recognised as a capture by its content', () => {
      assert.equal(looksLikeCapture(fixture('api-call-list.json')), true);
      assert.equal(looksLikeCapture(fixture('api-call-get.json')), true);
      // A REST API record may have a null state: the envelope and a call key are enough.
      assert.equal(looksLikeCapture('{"cursor": null, "items": [{"call_id": "1002", "state": null}]}'), true);
      assert.equal(looksLikeCapture('{"cursor": null, "items": [{"name": "Support", "id": "5120391472365568"}]}'), false);
    });
  });

  describe('3. today\'s fields', () => {
    const FIELDS = ['date_first_rang', 'date_queued', 'talk_time', 'hold_time', 'callback_requested', 'target_availability_status', 'call_recording_ids',
      'voicemail_recording_id', 'public_call_review_share_link', 'company_call_review_share_link', 'voicemail_share_link', 'selected_caller_id',
      'is_internal', 'transferred_from', 'integrations'];

    it('each is known, typed and documented', () => {
      for (const field of FIELDS) {
        assert.ok(KNOWN_FIELDS.has(field), field);
        assert.ok(fieldDoc(field)!.summary.length > 10, field);
      }
      assert.equal(fieldDoc('date_first_rang')!.value, 'timestamp-ms');
      assert.equal(fieldDoc('date_queued')!.value, 'timestamp-ms');
      assert.equal(fieldDoc('talk_time')!.value, 'duration-ms');
      assert.equal(fieldDoc('hold_time')!.value, 'duration-ms');
      assert.equal(fieldDoc('selected_caller_id')!.value, 'phone');
      assert.match(fieldDoc('routing_breadcrumbs[].breadcrumb_type')!.type, /callrouter \| external_api/);
      assert.ok(fieldDoc('routing_breadcrumbs[].request') && fieldDoc('routing_breadcrumbs[].response'));
    });

    it('wrong types are errors on the value', async () => {
      const result = await inspect(jsonLines(callEvent({
        date_queued: 'soon', hold_time: [], callback_requested: 1, call_recording_ids: [true], transferred_from: 'x',
        routing_breadcrumbs: [{ breadcrumb_type: 'callrouter', request: 'GET /route' }],
      })));
      assert.deepEqual(table(result.view).map(([code, severity, text]) => [code, severity, text]), [
        ['schema.type', 'error', '"soon"'],
        ['schema.type', 'error', '[]'],
        ['schema.type', 'error', '1'],
        ['schema.type', 'error', 'true'],
        ['schema.type', 'error', '"x"'],
        ['schema.type', 'error', '"GET /route"'],
      ]);
    });

    it('hovers render their times and durations', async () => {
      const text = fixture('webhook-current-fields.jsonl');
      const inspection = await inspectDocument(text);
      const firstRang = hoverOn(text, inspection, '"date_first_rang":1773134122730', 19);
      assert.deepEqual([firstRang.title, kvs(firstRang).UTC, kvs(firstRang)['Since start']], ['date_first_rang', '2026-03-10T09:15:22.730Z', '+0.612 s after date_started']);
      const queued = hoverOn(text, inspection, '"date_queued":1773134123618', 15);
      assert.deepEqual([queued.title, kvs(queued).UTC], ['date_queued', '2026-03-10T09:15:23.618Z']);
      const hold = hoverOn(text, inspection, '"hold_time":12000', 13);
      assert.deepEqual([hold.title, kvs(hold).Duration, kvs(hold).Milliseconds], ['hold_time', '12 s', '12000 ms']);
      const key = hoverOn(text, inspection, '"callback_requested"');
      assert.deepEqual([key.title, kvs(key).Type], ['callback_requested', 'boolean']);
      const caller = hoverOn(text, inspection, '"selected_caller_id":"+14155550140"', 22);
      assert.deepEqual([caller.title, kvs(caller)['E.164']], ['selected_caller_id', 'valid']);
      const request = hoverOn(text, inspection, '"request":{');
      assert.equal(request.title, 'routing_breadcrumbs[].request');
    });
  });

  describe('4. withheld caller ids', () => {
    it('"blocked" in a number field is information, not a phone warning', async () => {
      const result = await inspect(jsonLines(callEvent({ external_number: 'blocked', contact: { phone: 'blocked', name: 'Blocked' }, selected_caller_id: 'blocked' })));
      assert.deepEqual(table(result.view), [
        ['phone.withheld', 'information', '"blocked"', 1],
        ['phone.withheld', 'information', '"blocked"', 1],
        ['phone.withheld', 'information', '"blocked"', 1],
      ]);
      assert.equal(result.problems[0]!.message, 'external_number is "blocked": the caller id was withheld, so there is no number here (not an error).');
      // Other text in a number field is still a warning.
      assert.deepEqual(codes((await inspect(jsonLines(callEvent({ external_number: 'unavailable' })))).view), ['phone.not-e164']);
    });

    it('the hover says what it means', async () => {
      const text = fixture('withheld-caller-id.jsonl');
      const inspection = await inspectDocument(text);
      const hover = hoverOn(text, inspection, '"external_number":"blocked"', 20);
      assert.equal(hover.title, 'external_number');
      assert.equal(kvs(hover).Number, 'blocked');
      assert.equal(kvs(hover)['E.164'], undefined);
      assert.match(texts(hover).join(' '), /Caller id withheld/);
    });
  });

  describe('5. precision: only when JSON.parse changes the value', () => {
    const precision = async (literal: string) => {
      const result = await inspect(`{"call_id": ${literal}, "state": "calling"}\n`);
      return result.view.filter((p) => p.code === 'number.precision-loss').map((p) => p.text);
    };

    it('flags the integers JSON.parse rounds, not those it holds exactly', async () => {
      assert.deepEqual(await precision('9007199254740993'), ['9007199254740993']);
      assert.deepEqual(await precision('-9007199254740993'), ['-9007199254740993']);
      assert.deepEqual(await precision('18014398509481985'), ['18014398509481985']);
      assert.deepEqual(await precision('9007199254740994'), []);
      assert.deepEqual(await precision('18014398509481984'), []);
      assert.deepEqual(await precision('9007199254740992'), []);
      assert.deepEqual(await precision('1.8014398509481984e16'), []);
      assert.deepEqual(await precision('9.007199254740993e15'), ['9.007199254740993e15']);
    });

    it('says what the value becomes, and keeps the exact id', async () => {
      const result = await inspect('{"call_id": 9007199254740993, "state": "calling"}\n');
      const warning = result.problems.find((p) => p.code === 'number.precision-loss')!;
      assert.equal(warning.message, '9007199254740993 is not exact as a JavaScript number: JSON.parse reads it as 9007199254740992. Read ids as strings (this tool keeps the exact value).');
      assert.equal(result.events[0]!.summary!.callId, '9007199254740993');
    });

    it('an integer beyond every double is flagged as Infinity, without a crash', async () => {
      const huge = '9'.repeat(400);
      const result = await inspect(`{"call_id": 1, "state": "calling", "custom_number": ${huge}}\n`);
      const warning = result.problems.find((p) => p.code === 'number.precision-loss')!;
      assert.match(warning.message, /JSON\.parse reads it as Infinity/);
    });

    it('the call id hover warns only when the digits do not survive', async () => {
      const text = '{"call_id": 9007199254740994, "state": "calling", "master_call_id": 9007199254740993}\n';
      const inspection = await inspectDocument(text);
      assert.equal(texts(hoverOn(text, inspection, '9007199254740994', 0)).some((t) => /Beyond 2\^53/.test(t)), false);
      assert.equal(texts(hoverOn(text, inspection, '9007199254740993', 0)).some((t) => /JSON\.parse would read it as 9007199254740992/.test(t)), true);
    });

    it('reads the exact integer of a literal', () => {
      const cases: [string, string | undefined][] = [
        ['12', '12'], ['-0', '0'], ['0e5', '0'], ['1.5e1', '15'], ['100e-2', '1'], ['1E21', '1000000000000000000000'],
        ['0.5', undefined], ['5e-1', undefined], ['1.25e1', undefined], ['-12.000', '-12'],
      ];
      for (const [literal, exact] of cases) assert.equal(literalInteger(literal), exact, literal);
    });
  });

  describe('7. booleans as strings', () => {
    it('stay errors, with a message that says what happened', async () => {
      const result = await inspect(jsonLines(callEvent({ is_transferred: 'FALSE', was_recorded: 'true', is_internal: 'no' })));
      assert.deepEqual(table(result.view).map(([code, severity, text]) => [code, severity, text]), [
        ['schema.type', 'error', '"FALSE"'], ['schema.type', 'error', '"true"'], ['schema.type', 'error', '"no"'],
      ]);
      assert.deepEqual(result.problems.map((p) => p.message), [
        'is_transferred is a boolean that arrived as a string (the string "FALSE"): JSON true and false have no quotes. Was the payload rewritten on its way?',
        'was_recorded is a boolean that arrived as a string (the string "true"): JSON true and false have no quotes. Was the payload rewritten on its way?',
        'is_internal should be a boolean, not the string "no".',
      ]);
    });
  });
});
