// The peer a user would write instead of `call-events validate`: read the lines, JSON.parse each, and check it
// with a compiled ajv validator of a JSON Schema equivalent to the top level of the zod schema (src/core/schema.ts):
// call_id and state required, the typed top-level fields checked by type, unknown fields allowed.
// Usage: node bench/ajvPeer.js FILE   (prints events and how many failed)
'use strict';
const fs = require('node:fs');
const Ajv = require('ajv');

const int64 = { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?[0-9]+$' }] };
const nullable = (schema) => ({ anyOf: [{ type: 'null' }, schema] });
const text = nullable({ type: 'string' });
const party = nullable({ type: 'object', properties: { phone: text, type: text, name: text, email: text, id: nullable({ type: ['integer', 'string'] }) } });
const schema = {
  type: 'object',
  required: ['call_id', 'state'],
  properties: {
    call_id: int64,
    state: { type: 'string' },
    master_call_id: nullable(int64), entry_point_call_id: nullable(int64), operator_call_id: nullable(int64),
    date_started: nullable(int64), date_rang: nullable(int64), date_connected: nullable(int64), date_ended: nullable(int64), event_timestamp: nullable(int64),
    direction: nullable({ enum: ['inbound', 'outbound'] }),
    external_number: text, internal_number: text, group_id: text, proxy_target_id: nullable(int64),
    duration: nullable({ type: 'number' }), total_duration: nullable({ type: 'number' }), talk_time: nullable({ type: 'number' }), hold_time: nullable({ type: 'number' }),
    is_transferred: nullable({ type: 'boolean' }), was_recorded: nullable({ type: 'boolean' }),
    target: party, contact: party, entry_point_target: party,
    labels: nullable({ type: 'array', items: { type: 'string' } }),
    recording_url: nullable({ type: 'array', items: { type: 'string' } }),
    csat_score: nullable({ type: ['number', 'string'] }),
  },
};
const validate = new Ajv({ allErrors: false, allowUnionTypes: true }).compile(schema);

const input = fs.readFileSync(process.argv[2], 'utf8');
let events = 0, invalid = 0;
for (const line of input.split('\n')) {
  if (line.trim() === '') continue;
  if (!validate(JSON.parse(line))) invalid++;
  events++;
}
process.stdout.write(`${events} ${invalid}\n`);
