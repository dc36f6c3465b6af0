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
    for (const bad of [{ call_id: 'x' }, { state: 3 }, { direction: 'up' }, { date_started: 1.5 }, { target: { id: 'a' } }, { contact: [] }, { labels: [1] }]) {
      const event = callEvent(bad);
      assert.equal(callEventSchema.safeParse(event).success, false, JSON.stringify(bad));
      assert.equal(certainlyValid(event), false, JSON.stringify(bad));
    }
  });

  it('is sound: whenever it says valid, zod agrees (random field values)', () => {
    const recording = fc.dictionary(fc.constantFrom('id', 'url', 'duration', 'start_time', 'recording_type', 'x'),
      fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxKeys: 4 });
    const anyValue = fc.oneof(
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
