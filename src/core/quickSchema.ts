/**
 * A fast path in front of the zod schema: true only when the event certainly passes it.
 * Most events are valid, and a handful of typeof checks cost a tenth of a zod parse; anything
 * unusual (or any field with a nested list) answers false and goes to zod, which stays the
 * single judge of what is wrong. A property test keeps this sound: true here implies zod accepts.
 */
export function certainlyValid(value: Record<string, unknown>): boolean {
  if (!isId(value.call_id) || typeof value.state !== 'string') return false;
  for (const key in value) {
    const field = value[key];
    if (field === null || field === undefined) {
      if (key === 'call_id' || key === 'state') return false;
      continue;
    }
    const kind = FIELD_KINDS.get(key);
    if (kind === undefined) continue; // unknown fields pass through the schema
    if (!KIND_CHECKS[kind](field)) return false;
  }
  return true;
}

type Kind = 'id' | 'string' | 'integer' | 'number' | 'boolean' | 'direction' | 'target' | 'contact' | 'strings' | 'urls' | 'recordings' | 'complex';

const isId = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
const isNullish = (v: unknown): boolean => v === null || v === undefined;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One entry of recording_details: every known field of its type, or blank. */
function recordingValid(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const ok = (key: string, check: (x: unknown) => boolean) => isNullish(v[key]) || check(v[key]);
  return ok('id', (x) => typeof x === 'number' || typeof x === 'string') && ok('url', (x) => typeof x === 'string') &&
    ok('duration', (x) => typeof x === 'number') && ok('start_time', (x) => typeof x === 'number' && Number.isInteger(x)) &&
    ok('recording_type', (x) => typeof x === 'string');
}

/** A target (`office_id` is one of its fields) or a contact (whose id may be any number or string). */
function entityValid(v: unknown, isTarget: boolean): boolean {
  if (!isPlainObject(v)) return false;
  for (const field of ['phone', 'type', 'name', 'email'] as const) {
    if (!isNullish(v[field]) && typeof v[field] !== 'string') return false;
  }
  if (isTarget) return (isNullish(v.id) || isId(v.id)) && (isNullish(v.office_id) || isId(v.office_id));
  return isNullish(v.id) || typeof v.id === 'number' || typeof v.id === 'string';
}

const KIND_CHECKS: Record<Kind, (v: unknown) => boolean> = {
  id: isId,
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  direction: (v) => v === 'inbound' || v === 'outbound',
  target: (v) => entityValid(v, true),
  contact: (v) => entityValid(v, false),
  strings: (v) => Array.isArray(v) && v.every((item) => typeof item === 'string'),
  urls: (v) => typeof v === 'string' || (Array.isArray(v) && v.every((item) => typeof item === 'string')),
  recordings: (v) => Array.isArray(v) && v.every(recordingValid),
  complex: () => false,
};

const FIELD_KINDS = new Map<string, Kind>([
  ['call_id', 'id'], ['master_call_id', 'id'], ['entry_point_call_id', 'id'], ['operator_call_id', 'id'], ['voicemail_recording_id', 'id'],
  ['state', 'string'], ['direction', 'direction'],
  ['date_started', 'integer'], ['date_rang', 'integer'], ['date_connected', 'integer'], ['date_ended', 'integer'], ['event_timestamp', 'integer'],
  ['duration', 'number'], ['total_duration', 'number'], ['csat_score', 'number'], ['pcsat_score', 'number'], ['mos_score', 'number'],
  ['external_number', 'string'], ['internal_number', 'string'], ['group_id', 'string'], ['custom_data', 'string'],
  ['transcription_text', 'string'], ['voicemail_link', 'string'], ['recap_summary', 'string'], ['recap_outcome', 'string'],
  ['is_transferred', 'boolean'], ['was_recorded', 'boolean'],
  ['target', 'target'], ['entry_point_target', 'target'], ['proxy_target', 'target'], ['contact', 'contact'],
  ['screen_recording_urls', 'strings'], ['call_recording_share_links', 'strings'], ['admin_call_recording_share_links', 'strings'],
  ['csat_recording_urls', 'strings'], ['csat_transcriptions', 'strings'], ['labels', 'strings'],
  ['recording_url', 'urls'], ['recording_details', 'recordings'], ['call_dispositions', 'complex'], ['recap_purposes', 'complex'],
  ['recap_action_items', 'complex'], ['ai_playbook', 'complex'], ['routing_breadcrumbs', 'complex'], ['integrations', 'complex'],
]);

/** The fields the fast path knows; a unit test checks they are exactly the schema's. */
export const QUICK_FIELDS: ReadonlySet<string> = new Set(FIELD_KINDS.keys());
