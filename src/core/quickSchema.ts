import { KeyLookup } from './keyLookup';
import { isDecimalInteger } from './numbers';

/**
 * A fast path in front of the zod schema: true only when the event certainly passes it.
 * Most events are valid, and a handful of typeof checks cost a tenth of a zod parse; anything
 * unusual (or any field with a nested list) answers false and goes to zod, which stays the
 * single judge of what is wrong. A property test keeps this sound: true here implies zod accepts.
 */
export function certainlyValid(value: Record<string, unknown>): boolean {
  if (!isInt64(value.call_id) || typeof value.state !== 'string') return false;
  let position = 0;
  for (const key in value) {
    const field = value[key];
    const check = checks.get(key, position++);
    if (field === null || field === undefined) {
      if (key === 'call_id' || key === 'state') return false;
      continue;
    }
    if (check === undefined) continue; // unknown fields pass through the schema
    if (!check(field)) return false;
  }
  return true;
}

type Kind =
  | 'int64' | 'string' | 'number' | 'wholeMs' | 'numberOrString' | 'boolean' | 'direction' | 'target' | 'contact'
  | 'strings' | 'urls' | 'recordings' | 'recordingIds' | 'breadcrumbs' | 'object' | 'any' | 'complex';

/** An int64: a JSON integer, or a decimal string (how the REST API writes it). */
const isInt64 = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v)) || isDecimalInteger(v);
const isNullish = (v: unknown): boolean => v === null || v === undefined;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWholeMs = (v: unknown): boolean => typeof v === 'number' || isDecimalInteger(v);
const isText = (v: unknown): boolean => isNullish(v) || typeof v === 'string';

/** One entry of recording_details: every known field of its type, or blank. */
function recordingValid(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  return (isNullish(v.id) || typeof v.id === 'number' || typeof v.id === 'string') && isText(v.url) &&
    (isNullish(v.duration) || isWholeMs(v.duration)) && (isNullish(v.start_time) || isInt64(v.start_time)) && isText(v.recording_type);
}

/** One entry of routing_breadcrumbs (the spec's ApiCallRouterBreadcrumb). */
function breadcrumbValid(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  return isText(v.breadcrumb_type) && (isNullish(v.date) || isInt64(v.date)) && (isNullish(v.request) || isPlainObject(v.request)) &&
    (isNullish(v.response) || isPlainObject(v.response)) && isText(v.request_id) && (isNullish(v.target_id) || isInt64(v.target_id)) &&
    isText(v.target_type) && isText(v.url);
}

/** A target (`office_id` is one of its fields) or a contact (whose id may be any number or string). */
function entityValid(v: unknown, isTarget: boolean): boolean {
  if (!isPlainObject(v)) return false;
  if (!isText(v.phone) || !isText(v.type) || !isText(v.name) || !isText(v.email)) return false;
  if (isTarget) return (isNullish(v.id) || isInt64(v.id)) && (isNullish(v.office_id) || isInt64(v.office_id));
  return isNullish(v.id) || typeof v.id === 'number' || typeof v.id === 'string';
}

/** Every item of a list passes `check` (a loop: no closure per call). */
function everyItem(v: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
  return true;
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isNumberOrString = (v: unknown): boolean => typeof v === 'number' || typeof v === 'string';

const KIND_CHECKS: Record<Kind, (v: unknown) => boolean> = {
  int64: isInt64,
  string: isString,
  number: (v) => typeof v === 'number',
  wholeMs: isWholeMs,
  numberOrString: isNumberOrString,
  boolean: (v) => typeof v === 'boolean',
  direction: (v) => v === 'inbound' || v === 'outbound',
  target: (v) => entityValid(v, true),
  contact: (v) => entityValid(v, false),
  strings: (v) => everyItem(v, isString),
  urls: (v) => typeof v === 'string' || everyItem(v, isString),
  recordings: (v) => everyItem(v, recordingValid),
  recordingIds: (v) => everyItem(v, isNumberOrString),
  breadcrumbs: (v) => everyItem(v, breadcrumbValid),
  object: isPlainObject,
  any: () => true,
  complex: () => false,
};

const FIELD_KINDS = new Map<string, Kind>([
  ['call_id', 'int64'], ['master_call_id', 'int64'], ['entry_point_call_id', 'int64'], ['operator_call_id', 'int64'], ['voicemail_recording_id', 'int64'],
  ['state', 'string'], ['direction', 'direction'],
  ['date_started', 'int64'], ['date_rang', 'int64'], ['date_connected', 'int64'], ['date_ended', 'int64'], ['event_timestamp', 'int64'],
  ['date_first_rang', 'int64'], ['date_queued', 'int64'], ['talk_time', 'wholeMs'], ['hold_time', 'wholeMs'],
  ['duration', 'number'], ['total_duration', 'number'], ['csat_score', 'numberOrString'], ['pcsat_score', 'number'], ['mos_score', 'number'],
  ['external_number', 'string'], ['internal_number', 'string'], ['selected_caller_id', 'string'], ['group_id', 'string'], ['custom_data', 'string'],
  ['transcription_text', 'string'], ['voicemail_link', 'string'], ['voicemail_share_link', 'string'], ['recap_summary', 'string'], ['recap_outcome', 'string'],
  ['public_call_review_share_link', 'string'], ['company_call_review_share_link', 'string'], ['target_availability_status', 'string'],
  ['is_transferred', 'boolean'], ['was_recorded', 'boolean'], ['is_internal', 'boolean'], ['callback_requested', 'boolean'],
  ['target', 'target'], ['entry_point_target', 'target'], ['proxy_target', 'target'], ['contact', 'contact'],
  ['screen_recording_urls', 'strings'], ['call_recording_share_links', 'strings'], ['admin_call_recording_share_links', 'strings'],
  ['csat_recording_urls', 'strings'], ['csat_transcriptions', 'strings'], ['labels', 'strings'],
  ['recording_url', 'urls'], ['recording_details', 'recordings'], ['call_recording_ids', 'recordingIds'], ['routing_breadcrumbs', 'breadcrumbs'],
  ['transferred_from', 'object'], ['integrations', 'any'],
  ['call_dispositions', 'complex'], ['recap_purposes', 'complex'], ['recap_action_items', 'complex'], ['ai_playbook', 'complex'],
]);

/** Each field's check by its name (undefined for a field the schema passes through). */
const checks = new KeyLookup((key: string) => {
  const kind = FIELD_KINDS.get(key);
  return kind === undefined ? undefined : KIND_CHECKS[kind];
});

/** The fields the fast path knows; a unit test checks they are exactly the schema's. */
export const QUICK_FIELDS: ReadonlySet<string> = new Set(FIELD_KINDS.keys());
