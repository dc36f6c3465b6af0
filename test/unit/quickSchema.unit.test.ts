import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { certainlyValid, QUICK_FIELDS } from '../../src/core/quickSchema';
import { callEventSchema, callEventShape } from '../../src/core/schema';
import { callEvent } from './helpers';

describe('the schema fast path', () => {
  it('knows exactly the fields of the zod schema', () => {
    assert.deepEqual([...QUICK_FIELDS].sort(), Object.keys(callEventShape).sort());
  });

  it('accepts the usual valid event, and refuses what zod refuses', () => {
    assert.equal(certainlyValid(callEvent()), true);
    for (const bad of [{ call_id: 'x' }, { state: 3 }, { direction: 'up' }, { date_started: 1.5 }, { target: { id: 'a' } }, { contact: [] }, { labels: [1] },
      { date_started: '1.5' }, { talk_time: 'x' }, { is_internal: 'false' }, { transferred_from: [] }, { routing_breadcrumbs: [{ request: 'x' }] }, { call_recording_ids: [true] }]) {
      const event = callEvent(bad);
      assert.equal(callEventSchema.safeParse(event).success, false, JSON.stringify(bad));
      assert.equal(certainlyValid(event), false, JSON.stringify(bad));
    }
  });

  it('answers true for the real shapes it exists for: REST API records with string integers, breadcrumbs, today\'s fields', () => {
    const record = callEvent({
      call_id: '1002', date_started: '1356998400000', date_ended: null, event_timestamp: '1356998400000', target: { id: '2', office_id: '124' },
      csat_score: '5', talk_time: '380472', hold_time: 0, date_first_rang: null, is_internal: false, transferred_from: {}, integrations: {},
      call_recording_ids: ['5379425683963904'], routing_breadcrumbs: [{ breadcrumb_type: 'callrouter', date: '1356998400120', target_id: '124', request: {}, response: null }],
      recording_details: [{ id: '1', duration: '391980', start_time: '1356998400000' }],
    });
    assert.equal(callEventSchema.safeParse(record).success, true);
    assert.equal(certainlyValid(record), true);
  });

  it('is sound: whenever it says valid, zod agrees (random field values)', () => {
    const recording = fc.dictionary(fc.constantFrom('id', 'url', 'duration', 'start_time', 'recording_type', 'x'),
      fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxKeys: 4 });
    // routing_breadcrumbs items: objects, strings, decimal strings where an int64 goes.
    const breadcrumb = fc.dictionary(fc.constantFrom('breadcrumb_type', 'date', 'request', 'response', 'target_id', 'target_type', 'url', 'request_id', 'x'),
      fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.constantFrom('1764000000000', '12a'), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant({}), fc.constant([])), { maxKeys: 4 });
    const anyValue = fc.oneof(
      fc.constantFrom('1764000000000', '-0', '1.5', '', ' 1', {}, []),
      fc.array(breadcrumb, { maxLength: 2 }),
      fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 6 }), fc.constantFrom('inbound', 'outbound', '123', '-5'),
      fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 2 }),
      fc.array(recording, { maxLength: 2 }),
      fc.dictionary(fc.constantFrom('phone', 'type', 'id', 'name', 'email', 'office_id', 'x'), fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer(), fc.double({ noNaN: true }), fc.constant({})), { maxKeys: 3 }),
    );
    const keys = fc.constantFrom(...Object.keys(callEventShape), 'unknown_field');
    fc.assert(
      fc.property(fc.dictionary(keys, anyValue, { maxKeys: 8 }), (overrides) => {
        const event = callEvent(overrides);
        if (certainlyValid(event)) assert.equal(callEventSchema.safeParse(event).success, true, JSON.stringify(overrides));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });
});
