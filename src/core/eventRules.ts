import { INT64_PATHS, int64Kinds, KNOWN_FIELDS, STRING_INT64, TIMESTAMP_ORDER } from './eventFields';
import type { Code } from './codes';
import { KeyLookup } from './keyLookup';
import { int64Number, isDecimalInteger } from './numbers';
import { excerpt, type PendingProblem, type Severity } from './problems';
import { isKnownState, suggestState } from './states';

/** Durations and timestamps agree when they differ by at most this much (the vendor rounds). */
export const TIMING_TOLERANCE_MS = 1000;

export const PHONE_PATHS: readonly (readonly string[])[] = [
  ['external_number'], ['internal_number'], ['selected_caller_id'], ['contact', 'phone'], ['target', 'phone'],
  ['entry_point_target', 'phone'], ['proxy_target', 'phone'],
];

/**
 * What Dialpad writes in a number field when the caller id is withheld. Only "blocked" is attested (in
 * integrators' published captures); neither the API spec nor the vendor's docs name another such value.
 */
const WITHHELD_NUMBERS: ReadonlySet<string> = new Set(['blocked']);

/** True when a number field holds the vendor's stand-in for a withheld caller id rather than a number. */
export function isWithheldNumber(phone: string): boolean {
  return WITHHELD_NUMBERS.has(phone);
}

type Path = readonly (string | number)[];

const knownFields = new KeyLookup((key: string) => KNOWN_FIELDS.has(key));

/** An E.164 number: +, a country code's first digit 1-9, 8 to 15 digits in all (/^\+[1-9]\d{7,14}$/ as a loop: it runs on every phone field of every event). */
function isE164(phone: string): boolean {
  const length = phone.length;
  if (length < 9 || length > 16 || phone.charCodeAt(0) !== 0x2b) return false;
  const first = phone.charCodeAt(1);
  if (first < 0x31 || first > 0x39) return false;
  for (let i = 2; i < length; i++) {
    const c = phone.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Checks one call event for what a schema cannot say: timing, phone numbers, what a state implies. */
export function checkCallEvent(event: number, value: Record<string, unknown>): PendingProblem[] {
  const problems: PendingProblem[] = [];
  const add = (path: Path, severity: Severity, code: Code, message: string, part?: 'key') =>
    problems.push({ at: { kind: 'path', event, path, ...(part ? { part } : {}) }, severity, code, message });

  let position = 0;
  for (const key in value) {
    if (!knownFields.get(key, position++)) add([key], 'hint', 'schema.field.unknown', `Field "${excerpt(key)}" is not in the vendor's documentation; it is passed through unchecked.`, 'key');
  }
  // A REST API record writes every int64 as a string: one note for the record. In a webhook event
  // (which writes numbers) a string is the exception, and each one gets its own note.
  const kinds = int64Kinds(value);
  const stringInts = Math.floor(kinds / STRING_INT64), numberInts = kinds % STRING_INT64;
  if (stringInts > 0 && numberInts === 0) {
    add([], 'information', 'schema.api-record', 'REST API record: integers as strings. Dialpad\'s REST API writes every int64 (ids, timestamps) as a decimal string; each is read exactly, as a webhook event\'s number would be.');
  } else if (stringInts > 0) {
    for (const path of INT64_PATHS) {
      if (isDecimalInteger(at(value, path))) add(path, 'information', 'schema.id.string', `${path.join('.')} is a string; accepted, though webhook events send integers as JSON numbers.`);
    }
  }

  const state = value.state;
  if (typeof state === 'string' && !isKnownState(state)) {
    const suggestion = suggestState(state);
    add(['state'], 'warning', 'schema.state.unknown',
      `Unknown state "${excerpt(state)}".${suggestion ? ` Did you mean "${suggestion}"?` : ' It is not in the vendor\'s list of call states.'}`);
    if (suggestion) problems[problems.length - 1]!.suggestion = suggestion;
  }

  // Time order: each present timestamp is not before the ones a call passes earlier (TIMESTAMP_ORDER, read by name).
  // Timestamps are int64s: numbers in webhook events, decimal strings in REST API records.
  const started = int64Number(value.date_started), rang = int64Number(value.date_rang);
  const connected = int64Number(value.date_connected), ended = int64Number(value.date_ended);
  let previousKey = '';
  let previousTime = -Infinity;
  for (let i = 0; i < TIMESTAMP_ORDER.length; i++) {
    const t = i === 0 ? started : i === 1 ? rang : i === 2 ? connected : ended;
    if (t === null) continue;
    const key = TIMESTAMP_ORDER[i]!;
    if (t < previousTime) {
      add([key], 'warning', 'timing.order', `${key} (${iso(t)}) is before ${previousKey} (${iso(previousTime)}): a call starts, rings, connects, then ends.`);
    }
    previousKey = key;
    previousTime = t;
  }

  const duration = typeof value.duration === 'number' ? value.duration : null;
  const total = typeof value.total_duration === 'number' ? value.total_duration : null;
  if (duration !== null && duration < 0) add(['duration'], 'error', 'timing.negative-duration', `duration is negative (${duration} ms).`);
  if (total !== null && total < 0) add(['total_duration'], 'error', 'timing.negative-duration', `total_duration is negative (${total} ms).`);
  if (duration !== null && duration >= 0 && connected !== null && ended !== null && ended >= connected &&
      Math.abs(duration - (ended - connected)) > TIMING_TOLERANCE_MS) {
    add(['duration'], 'warning', 'timing.duration-mismatch', `duration is ${seconds(duration)} but date_ended - date_connected is ${seconds(ended - connected)}.`);
  }
  if (total !== null && total >= 0 && started !== null && ended !== null && ended >= started &&
      total - (ended - started) > TIMING_TOLERANCE_MS) {
    add(['total_duration'], 'warning', 'timing.total-duration-mismatch', `total_duration is ${seconds(total)}, longer than the call itself (date_ended - date_started = ${seconds(ended - started)}).`);
  }
  if (total !== null && duration !== null && total >= 0 && duration >= 0 && total + 1 < duration) {
    add(['total_duration'], 'warning', 'timing.total-less-than-duration', `total_duration (${seconds(total)}) is less than duration (${seconds(duration)}), though it includes ring time.`);
  }

  // Every phone field blank or E.164 (read by name, the usual event) needs no walk over PHONE_PATHS.
  if (!phonesPlain(value)) for (const path of PHONE_PATHS) {
    const phone = at(value, path);
    if (typeof phone !== 'string' || phone === '' || isE164(phone)) continue;
    if (isWithheldNumber(phone)) {
      add(path, 'information', 'phone.withheld', `${path.join('.')} is "${excerpt(phone)}": the caller id was withheld, so there is no number here (not an error).`);
    } else {
      add(path, 'warning', 'phone.not-e164', `${path.join('.')} "${excerpt(phone)}" is not an E.164 number (+, country code, 8 to 15 digits).`);
    }
  }

  const blank = (key: string) => value[key] === null || value[key] === undefined || value[key] === '';
  const empty = (key: string) => blank(key) || (Array.isArray(value[key]) && (value[key] as unknown[]).length === 0);
  if (state === 'hangup' && blank('date_ended')) add(['state'], 'warning', 'state.hangup-without-date-ended', 'A hangup event without date_ended.');
  if (state === 'connected' && blank('date_connected')) add(['state'], 'warning', 'state.connected-without-date-connected', 'A connected event without date_connected.');
  if (state === 'csat' && blank('csat_score')) add(['state'], 'warning', 'state.csat-without-score', 'A csat event without csat_score.');
  if (state === 'voicemail_uploaded' && blank('voicemail_link')) add(['state'], 'warning', 'state.voicemail-uploaded-without-link', 'A voicemail_uploaded event without voicemail_link.');
  if (state === 'recording' && empty('recording_url') && empty('recording_details')) {
    add(['state'], 'warning', 'state.recording-without-recordings', 'A recording event with neither recording_url nor recording_details.');
  }
  return problems;
}

/** A phone field that needs no note: missing, not a string (the schema's business), empty, or E.164. */
const plainPhone = (phone: unknown): boolean => typeof phone !== 'string' || phone === '' || isE164(phone);
const plainEntityPhone = (entity: unknown): boolean => typeof entity !== 'object' || entity === null || plainPhone((entity as { phone?: unknown }).phone);

/** True when no field of PHONE_PATHS needs a note (each read by name: this runs on every event; a test holds it to PHONE_PATHS). */
export function phonesPlain(value: Record<string, unknown>): boolean {
  return plainPhone(value.external_number) && plainPhone(value.internal_number) && plainPhone(value.selected_caller_id) &&
    plainEntityPhone(value.contact) && plainEntityPhone(value.target) && plainEntityPhone(value.entry_point_target) && plainEntityPhone(value.proxy_target);
}

/** The value at a path of one or two keys (all this module needs), without allocating. */
function at(value: Record<string, unknown>, path: readonly string[]): unknown {
  const first = value[path[0]!];
  if (path.length === 1) return first;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[path[1]!] : undefined;
}

/** A unix-ms timestamp as ISO 8601 UTC, or the number when it is out of range. */
export function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}
