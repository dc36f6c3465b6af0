/** Severity of a problem, in the order VS Code and the CLI name them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** One stable diagnostic code: its usual severity and the one-line explanation users search for. */
export interface CodeInfo {
  severity: Severity;
  summary: string;
}

/**
 * Every code the core can report. RULES.md is generated from this table
 * (`npm run rules`), and a unit test keeps the two in step.
 */
export const CODES = {
  'input.empty': { severity: 'information', summary: 'The file holds no events (it is empty or only white space).' },
  'input.binary': { severity: 'error', summary: 'The file is not text (it has NUL bytes or is not valid UTF-8); nothing after that point was read.' },
  'input.unrecognized': { severity: 'error', summary: 'Text that is neither JSON nor a compact JWT; reading resumes on the next line.' },
  'input.too-many-problems': { severity: 'information', summary: 'A file\'s problems are listed up to 10,000; the rest are counted, not listed (their count is in the message). Fix the first ones and validate again.' },
  'syntax.error': { severity: 'error', summary: 'Malformed JSON; the event is skipped and reading resumes with the next one.' },
  'syntax.trailing-comma': { severity: 'error', summary: 'A trailing comma, which JSON does not allow; the event is still read, since its meaning is unambiguous.' },
  'syntax.too-deep': { severity: 'error', summary: 'JSON nested deeper than any call event (more than 64 levels); the value is not read.' },
  'syntax.truncated': { severity: 'error', summary: 'The file ends inside a value (for example a capture cut short by a crash).' },
  'json.duplicate-key': { severity: 'warning', summary: 'A key written twice in one object: JSON.parse (a Node handler) keeps the last value, a handler in another language may take the first.' },
  'json.not-an-event': { severity: 'error', summary: 'A JSON value that is not an object, so it cannot be an event.' },
  'number.precision-loss': { severity: 'warning', summary: 'An integer that JavaScript\'s JSON.parse cannot hold exactly (it rounds it), so read such ids as strings.' },
  'jwt.unverified': { severity: 'information', summary: 'A JWT decoded without a secret: its signature was not verified.' },
  'jwt.bad-signature': { severity: 'error', summary: 'The JWT\'s HS256 signature does not match the webhook secret: the event is not trusted and stays out of the call graph.' },
  'jwt.alg-none': { severity: 'error', summary: 'An unsigned JWT (alg "none"): never accepted from a webhook.' },
  'jwt.alg-not-allowed': { severity: 'error', summary: 'A JWT signed with another algorithm than HS256, which Dialpad uses for webhooks.' },
  'jwt.malformed': { severity: 'error', summary: 'A token that looks like a JWT but cannot be decoded (bad base64url, header or structure), or whose header has crit or b64 (RFC 7797), which no webhook token has.' },
  'jwt.claims-invalid': { severity: 'error', summary: 'The JWT\'s claims are not a JSON object, so they cannot be an event.' },
  'capture.record-invalid': { severity: 'error', summary: 'A capture-file line that lacks the request body or has fields of the wrong type.' },
  'capture.rejected': { severity: 'information', summary: 'The listener answered this request with an error status; the body is kept for inspection.' },
  'capture.unknown-record': { severity: 'information', summary: 'A capture-file record of a kind this version does not know; it is skipped.' },
  'schema.missing-field': { severity: 'error', summary: 'A field every call event has (call_id, state) is missing.' },
  'schema.type': { severity: 'error', summary: 'A field has the wrong type (for example a string where the vendor sends a number).' },
  'schema.enum': { severity: 'error', summary: 'A field has a value outside its set (for example a direction other than inbound or outbound).' },
  'schema.state.unknown': { severity: 'warning', summary: 'A state the vendor does not document; the nearest known state is suggested.' },
  'schema.field.unknown': { severity: 'hint', summary: 'A field this tool does not know yet; the vendor adds fields, so this is never an error.' },
  'schema.id.string': { severity: 'information', summary: 'An id or other int64 sent as a string in an event that writes its other integers as numbers; accepted.' },
  'schema.api-record': { severity: 'information', summary: 'A record from Dialpad\'s REST API, which writes every int64 (ids, timestamps) as a decimal string; accepted and read exactly.' },
  'family.other': { severity: 'information', summary: 'An event of another Dialpad family (SMS, agent status, contact, change log) sent to the same webhook.' },
  'timing.order': { severity: 'warning', summary: 'Timestamps out of order: a call starts, then rings, then connects, then ends.' },
  'timing.negative-duration': { severity: 'error', summary: 'A negative duration or total_duration.' },
  'timing.duration-mismatch': { severity: 'warning', summary: 'duration differs from date_ended - date_connected by more than a second.' },
  'timing.total-duration-mismatch': { severity: 'warning', summary: 'total_duration exceeds date_ended - date_started by more than a second.' },
  'timing.total-less-than-duration': { severity: 'warning', summary: 'total_duration (ring time included) is smaller than duration.' },
  'phone.not-e164': { severity: 'warning', summary: 'A phone number that is not in E.164 form (+ then 8 to 15 digits).' },
  'phone.withheld': { severity: 'information', summary: 'A number field holding "blocked", Dialpad\'s stand-in for a withheld caller id: there is no number to check.' },
  'state.hangup-without-date-ended': { severity: 'warning', summary: 'A hangup event without date_ended.' },
  'state.connected-without-date-connected': { severity: 'warning', summary: 'A connected event without date_connected.' },
  'state.csat-without-score': { severity: 'warning', summary: 'A csat event without csat_score.' },
  'state.voicemail-uploaded-without-link': { severity: 'warning', summary: 'A voicemail_uploaded event without voicemail_link.' },
  'state.recording-without-recordings': { severity: 'warning', summary: 'A recording event with neither recording_url nor recording_details.' },
  'flow.direction-changed': { severity: 'warning', summary: 'The direction of one call changes between its events.' },
  'flow.start-changed': { severity: 'warning', summary: 'The date_started of one call changes between its events.' },
  'flow.event-after-hangup': { severity: 'warning', summary: 'A live state (ringing, connected, hold, …) after the call\'s hangup; only post-call events may follow it.' },
  'flow.missing-reference': { severity: 'information', summary: 'A reference to a call that is not in this capture.' },
  'answer.hold-time-mismatch': { severity: 'information', summary: 'Dialpad\'s hold_time for a call differs by more than a second from the hold its events show (ANSWERS.md defines hold).' },
  'answer.talk-time-mismatch': { severity: 'information', summary: 'Dialpad\'s talk_time for a call differs by more than a second from connected to hangup, less hold, as its events show (ANSWERS.md).' },
} as const satisfies Record<string, CodeInfo>;

/** A code the core may report. */
export type Code = keyof typeof CODES;
