import * as assert from 'node:assert/strict';
import { callEvent, codes, inspect, jsonLines } from './helpers';
import { PHONE_PATHS, phonesPlain } from '../../src/core/eventRules';
import { INT64_PATHS, int64Kinds, STRING_INT64 } from '../../src/core/eventFields';

/** Inspects one event and returns its problems other than the given code families. */
async function problemsOf(overrides: Record<string, unknown>) {
  const result = await inspect(jsonLines(callEvent(overrides)));
  return result.view;
}

describe('validating one call event', () => {
  it('a complete event has no problems', async () => {
    assert.deepEqual(await problemsOf({}), []);
  });

  it('wrong types are errors on the very value', async () => {
    const view = await problemsOf({ duration: '60000', date_started: 1.5, direction: 'sideways', target: { id: 'abc' } });
    assert.deepEqual(view.map((p) => [p.code, p.severity, p.text]), [
      ['schema.enum', 'error', '"sideways"'],
      ['schema.type', 'error', '1.5'],
      ['schema.type', 'error', '"60000"'],
      ['schema.type', 'error', '"abc"'],
    ]);
  });

  it('a missing call_id or state is an error, and such an event stays out of the graph', async () => {
    const event = callEvent();
    delete event.call_id;
    const result = await inspect(jsonLines(event));
    assert.deepEqual(codes(result.view), ['schema.missing-field']);
    assert.equal(result.view[0]!.text, '{');
    assert.equal(result.graph.legs.size, 0);
  });

  it('an unknown state is a warning with the nearest known one', async () => {
    const [problem] = await problemsOf({ state: 'ringin' });
    assert.equal(problem!.code, 'schema.state.unknown');
    assert.equal(problem!.severity, 'warning');
    assert.match(problem!.text, /ringin/);
    const result = await inspect(jsonLines(callEvent({ state: 'ringin' })));
    assert.match(result.problems[0]!.message, /Did you mean "ringing"\?/);
  });

  it('unknown fields are hints on the key; string ids are accepted with a note', async () => {
    const view = await problemsOf({ brand_new_field: 1, call_id: '5747322335264768' });
    assert.deepEqual(view.map((p) => [p.code, p.severity, p.text]), [
      ['schema.id.string', 'information', '"5747322335264768"'],
      ['schema.field.unknown', 'hint', '"brand_new_field"'],
    ]);
  });

  it('timestamps out of order', async () => {
    const view = await problemsOf({ date_connected: 1764000000500, duration: 64500.25 });
    assert.deepEqual(view.map((p) => [p.code, p.text]), [['timing.order', '1764000000500']]);
  });

  it('negative durations are errors; durations that disagree with the timestamps are warnings', async () => {
    assert.deepEqual(codes(await problemsOf({ duration: -5 })), ['timing.negative-duration']);
    assert.deepEqual(codes(await problemsOf({ duration: 30000 })), ['timing.duration-mismatch']);
    assert.deepEqual(codes(await problemsOf({ total_duration: 90000 })), ['timing.total-duration-mismatch']);
    assert.deepEqual(codes(await problemsOf({ total_duration: 59000, date_started: 1764000004500, date_rang: 1764000004600 })), ['timing.total-less-than-duration']);
    // Within the tolerance of a second, the vendor's rounding is no problem.
    assert.deepEqual(await problemsOf({ duration: 60900.5 }), []);
  });

  it('phone numbers not in E.164', async () => {
    const view = await problemsOf({ external_number: '(415) 555-0123', contact: { phone: '+0123', name: 'x' } });
    assert.deepEqual(view.map((p) => [p.code, p.text]), [['phone.not-e164', '"(415) 555-0123"'], ['phone.not-e164', '"+0123"']]);
  });

  it('what each state implies', async () => {
    assert.deepEqual(codes(await problemsOf({ state: 'hangup', date_ended: null, duration: null, total_duration: null })), ['state.hangup-without-date-ended']);
    assert.deepEqual(codes(await problemsOf({ state: 'connected', date_connected: null, date_ended: null, duration: null, total_duration: null })), ['state.connected-without-date-connected']);
    assert.deepEqual(codes(await problemsOf({ state: 'csat', csat_score: null })), ['state.csat-without-score']);
    assert.deepEqual(codes(await problemsOf({ state: 'voicemail_uploaded', voicemail_link: null })), ['state.voicemail-uploaded-without-link']);
    assert.deepEqual(codes(await problemsOf({ state: 'recording', recording_url: [] })), ['state.recording-without-recordings']);
    assert.deepEqual(await problemsOf({ state: 'recording', recording_details: [{ id: 1, url: 'https://x', duration: 1000, start_time: 1764000005000, recording_type: 'callrecording' }] }), []);
  });

  it('other Dialpad event families are named, not reported as broken call events', async () => {
    const sms = { id: 1, direction: 'inbound', from_number: '+14155550123', to_number: ['+14155550199'], text: 'hi', created_date: 1764000000000 };
    const agent = { user_id: 1, availability_status: 'available', on_duty_status: 'on_duty' };
    const result = await inspect(jsonLines(sms, agent));
    assert.deepEqual(result.view.map((p) => [p.code, p.severity]), [['family.other', 'information'], ['family.other', 'information']]);
    assert.match(result.problems[0]!.message, /SMS/);
    assert.deepEqual(result.events.map((e) => e.family), ['sms', 'agent-status']);
  });
});

describe('flow rules across the events of one call', () => {
  const leg = (state: string, overrides: Record<string, unknown> = {}) => callEvent({ state, ...overrides });

  it('direction must stay the same within a call', async () => {
    const result = await inspect(jsonLines(leg('connected', { date_ended: null, duration: null, total_duration: null }), leg('hangup', { direction: 'outbound' })));
    assert.deepEqual(result.view.map((p) => [p.code, p.line, p.text]), [['flow.direction-changed', 2, '"outbound"']]);
    assert.match(result.problems[0]!.message, /line 1/);
  });

  it('only post-call states may follow a hangup, judged in time order not file order', async () => {
    const hangup = leg('hangup');
    const late = leg('hold', { event_timestamp: 1764000070000 });
    const recording = leg('recording', { recording_url: ['https://example.com/r/1'], event_timestamp: 1764000080000 });
    const result = await inspect(jsonLines(late, recording, hangup));
    assert.deepEqual(result.view.map((p) => [p.code, p.line]), [['flow.event-after-hangup', 1]]);
  });

  it('references to calls not in the capture are information', async () => {
    const result = await inspect(jsonLines(leg('hangup', { entry_point_call_id: 777 })));
    assert.deepEqual(result.view.map((p) => [p.code, p.severity, p.text]), [['flow.missing-reference', 'information', '777']]);
  });
});

describe('fields read by name agree with their lists', () => {
  // The per-event checks read fields by name for speed; these lists stay the one statement of which fields they are.
  const withPath = (path: readonly string[], value: unknown): Record<string, unknown> =>
    path.length === 1 ? { [path[0]!]: value } : { [path[0]!]: { [path[1]!]: value } };

  it('int64Kinds counts exactly the fields of INT64_PATHS, numbers and decimal strings apart', () => {
    for (const path of INT64_PATHS) {
      assert.equal(int64Kinds(withPath(path, 5)), 1, path.join('.'));
      assert.equal(int64Kinds(withPath(path, '5')), STRING_INT64, path.join('.'));
      assert.equal(int64Kinds(withPath(path, null)), 0, path.join('.'));
      assert.equal(int64Kinds(withPath(path, 'five')), 0, path.join('.'));
    }
    const all: Record<string, unknown> = {};
    for (const path of INT64_PATHS) {
      if (path.length === 1) all[path[0]!] = 7;
      else ((all[path[0]!] ??= {}) as Record<string, unknown>)[path[1]!] = '7';
    }
    const entityFields = INT64_PATHS.filter((p) => p.length === 2).length;
    assert.equal(int64Kinds(all), INT64_PATHS.length - entityFields + entityFields * STRING_INT64);
    // Other numbers, and entities written as lists, count for nothing.
    assert.equal(int64Kinds({ duration: 5, csat_score: '5', contact: { id: 5 }, target: [5] }), 0);
  });

  it('phonesPlain is false exactly when a field of PHONE_PATHS holds something other than an E.164 number', () => {
    for (const path of PHONE_PATHS) {
      assert.equal(phonesPlain(withPath(path, '020 7946 0000')), false, path.join('.'));
      assert.equal(phonesPlain(withPath(path, 'blocked')), false, path.join('.'));
      assert.equal(phonesPlain(withPath(path, '+442079460000')), true, path.join('.'));
      assert.equal(phonesPlain(withPath(path, '')), true, path.join('.'));
      assert.equal(phonesPlain(withPath(path, 4420)), true, path.join('.'));
    }
    assert.equal(phonesPlain({ target: { name: '020 7946 0000' }, group_id: 'abc', contact: null }), true);
  });
});
