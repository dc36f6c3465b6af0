// Loaded only when an event fails the quick check (quickSchema.ts): zod costs every process ~13 MB and 20 ms
// at start (each worker thread too), and most captures never need it. The field lists live in eventFields.ts.
import { z } from 'zod';
import { DECIMAL_INTEGER } from './numbers';

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
