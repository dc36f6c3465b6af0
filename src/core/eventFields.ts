// The call event's fields as lists, without the zod schema (schema.ts), which most readings never load.
import { isDecimalInteger } from './numbers';
import { QUICK_FIELDS } from './quickSchema';

/** Field names the schema knows (those of the quick check, held to the zod schema by a test), for the unknown-field hint. JWT registered claims are known too. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...QUICK_FIELDS,
  'iat', 'exp', 'nbf', 'iss', 'aud', 'sub', 'jti',
]);

/** Fields that hold call ids (int64). */
export const CALL_ID_FIELDS = ['call_id', 'master_call_id', 'entry_point_call_id', 'operator_call_id'] as const;

/** The int64 fields at fixed places of an event: a REST API record writes them all as strings, a webhook event as numbers. */
export const INT64_PATHS: readonly (readonly string[])[] = [
  ...CALL_ID_FIELDS.map((key) => [key]),
  ['date_started'], ['date_rang'], ['date_first_rang'], ['date_queued'], ['date_connected'], ['date_ended'], ['event_timestamp'],
  ['talk_time'], ['hold_time'], ['voicemail_recording_id'],
  ['target', 'id'], ['target', 'office_id'], ['entry_point_target', 'id'], ['entry_point_target', 'office_id'],
  ['proxy_target', 'id'], ['proxy_target', 'office_id'],
];

/** How an int64 field is written: 1 a JSON number, STRING_INT64 a decimal string, 0 neither (missing, null, other). */
const int64Kind = (value: unknown): number => (typeof value === 'number' ? 1 : isDecimalInteger(value) ? STRING_INT64 : 0);
/** One int64 string, in the count `int64Kinds` answers (the numbers are counted below it). */
export const STRING_INT64 = 64;
const entityKinds = (entity: unknown): number => {
  if (typeof entity !== 'object' || entity === null) return 0;
  const { id, office_id: office } = entity as { id?: unknown; office_id?: unknown };
  return int64Kind(id) + int64Kind(office);
};

/**
 * The int64 fields of `INT64_PATHS` in `value` written as numbers (the count modulo STRING_INT64) and as decimal
 * strings (the count divided by it). Each field read by name, not by a loop over the paths: this runs on every
 * event, and a read by a computed key costs several times more (a test holds it to INT64_PATHS).
 */
export function int64Kinds(value: Record<string, unknown>): number {
  return int64Kind(value.call_id) + int64Kind(value.master_call_id) + int64Kind(value.entry_point_call_id) + int64Kind(value.operator_call_id) +
    int64Kind(value.date_started) + int64Kind(value.date_rang) + int64Kind(value.date_first_rang) + int64Kind(value.date_queued) +
    int64Kind(value.date_connected) + int64Kind(value.date_ended) + int64Kind(value.event_timestamp) +
    int64Kind(value.talk_time) + int64Kind(value.hold_time) + int64Kind(value.voicemail_recording_id) +
    entityKinds(value.target) + entityKinds(value.entry_point_target) + entityKinds(value.proxy_target);
}

/** Fields that hold unix-ms timestamps, in the order a call passes them. */
export const TIMESTAMP_ORDER = ['date_started', 'date_rang', 'date_connected', 'date_ended'] as const;
