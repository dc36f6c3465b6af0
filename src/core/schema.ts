import { z } from 'zod';
import { DECIMAL_INTEGER, isDecimalInteger } from './numbers';

// Types as real payloads have them: every field may be missing or null ("may appear blank"),
// ids are int64 numbers, timestamps integer unix ms, durations float ms. Dialpad's REST API
// writes every int64 (ids and timestamps alike) as a decimal string, so an int64 is either.
// Types follow the CallProto model of dialpad_api_spec.json in dialpad/dialpad-python-sdk (the file as last
// changed in 7e5dbba1, 2025-06-11; read at 4beb560f); fields it lacks follow the payloads integrators have published.

const integer = z.number().refine(Number.isInteger, { message: 'integer' });
/** An int64: a JSON integer, or a string of decimal digits as the REST API writes it. */
const int64 = z.union([integer, z.string().regex(DECIMAL_INTEGER)], { message: 'int64' });
/** An int64 id. */
const id = int64;
const timestamp = int64.nullish();
const milliseconds = z.number().nullish();
/** A duration the vendor counts in whole milliseconds (an int64, so a string in the REST API); floats are tolerated. */
const wholeMilliseconds = z.union([z.number(), z.string().regex(DECIMAL_INTEGER)]).nullish();
const text = z.string().nullish();
const flag = z.boolean().nullish();
const strings = z.array(z.string()).nullish();
/** An object whose content the vendor does not specify. */
const anyObject = z.looseObject({}).nullish();

/** A Dialpad entity on one side of a call: `{}` when empty. */
const target = z.looseObject({
  phone: text,
  type: text,
  id: id.nullish(),
  name: text,
  email: text,
  office_id: id.nullish(),
}).nullish();

/** The external party; its id may be a number or an opaque string (a Google contact URL, say). */
const contact = z.looseObject({
  phone: text,
  type: text,
  id: z.union([z.number(), z.string()]).nullish(),
  name: text,
  email: text,
}).nullish();

const recordingDetail = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  url: text,
  duration: wholeMilliseconds,
  start_time: timestamp,
  recording_type: text,
});

/** One routing step (the spec's ApiCallRouterBreadcrumb); its type is "callrouter" or "external_api" in the spec, others pass. */
const breadcrumb = z.looseObject({
  breadcrumb_type: text,
  date: timestamp,
  request: anyObject,
  response: anyObject,
  request_id: text,
  target_id: id.nullish(),
  target_type: text,
  url: text,
});

const playbookTopic = z.looseObject({
  ai_detection_desc: text,
  ai_detection_start: timestamp,
  ai_detection_end: timestamp,
  is_ai_detected: flag,
  is_covered: flag,
  topic: text,
});

const aiPlaybook = z.looseObject({
  playbook_applied_name: text,
  playbook_item_detection_count: z.number().nullish(),
  playbook_item_total_count: z.number().nullish(),
  playbook_adherence_rate: z.number().nullish(),
  topic_summary: z.array(playbookTopic).nullish(),
}).nullish();

/** Field shapes of a call event; unknown fields pass through (the vendor adds fields). */
export const callEventShape = {
  call_id: id,
  state: z.string(),
  direction: z.enum(['inbound', 'outbound']).nullish(),
  master_call_id: id.nullish(),
  entry_point_call_id: id.nullish(),
  operator_call_id: id.nullish(),
  date_started: timestamp,
  date_rang: timestamp,
  date_connected: timestamp,
  date_ended: timestamp,
  event_timestamp: timestamp,
  date_first_rang: timestamp,
  date_queued: timestamp,
  duration: milliseconds,
  total_duration: milliseconds,
  talk_time: wholeMilliseconds,
  hold_time: wholeMilliseconds,
  external_number: text,
  internal_number: text,
  selected_caller_id: text,
  contact,
  target,
  entry_point_target: target,
  proxy_target: target,
  group_id: text,
  custom_data: text,
  is_transferred: flag,
  transferred_from: anyObject,
  is_internal: flag,
  callback_requested: flag,
  target_availability_status: text,
  was_recorded: flag,
  transcription_text: text,
  voicemail_link: text,
  voicemail_share_link: text,
  voicemail_recording_id: id.nullish(),
  call_recording_ids: z.array(z.union([z.number(), z.string()])).nullish(),
  public_call_review_share_link: text,
  company_call_review_share_link: text,
  recording_url: z.union([z.array(z.string()), z.string()]).nullish(),
  recording_details: z.array(recordingDetail).nullish(),
  screen_recording_urls: strings,
  call_recording_share_links: strings,
  admin_call_recording_share_links: strings,
  // A number in webhook events, a string in the spec's CallProto.
  csat_score: z.union([z.number(), z.string()]).nullish(),
  pcsat_score: z.number().nullish(),
  csat_recording_urls: strings,
  csat_transcriptions: strings,
  call_dispositions: z.array(z.union([z.looseObject({}), z.string()])).nullish(),
  mos_score: z.number().nullish(),
  labels: strings,
  recap_summary: text,
  recap_outcome: text,
  recap_purposes: z.array(z.union([z.string(), z.looseObject({})])).nullish(),
  recap_action_items: z.array(z.union([z.string(), z.looseObject({})])).nullish(),
  ai_playbook: aiPlaybook,
  routing_breadcrumbs: z.array(breadcrumb).nullish(),
  integrations: z.unknown().optional(),
};

/** The zod schema of one call event. */
export const callEventSchema = z.looseObject(callEventShape);

/** A call event as far as the schema guarantees it. */
export type CallEventFields = z.infer<typeof callEventSchema>;

/** Field names the schema knows, for the unknown-field hint. JWT registered claims are known too. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(callEventShape),
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
