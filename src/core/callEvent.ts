import { exactId, int64Number } from './numbers';

/** What the call graph and the flow rules need of one call event: small, so 100,000 of them stay cheap. */
export interface CallEventSummary {
  /** Which input document the event is in (0 unless several documents are graphed together). */
  source: number;
  /** Index of the event in its document. */
  event: number;
  callId: string;
  state: string;
  direction: 'inbound' | 'outbound' | null;
  masterCallId: string | null;
  entryPointCallId: string | null;
  operatorCallId: string | null;
  dateStarted: number | null;
  dateRang: number | null;
  dateConnected: number | null;
  dateEnded: number | null;
  eventTimestamp: number | null;
  isTransferred: boolean | null;
  /** Who is on the call, as the payload says (untrusted text: show it only as plain text). */
  targetName: string | null;
  contactName: string | null;
  externalNumber: string | null;
  /** When the state was entered: event_timestamp, else the latest call timestamp the event carries. */
  time: number | null;
  /** The internal party's number (target.phone, else internal_number), when sent: an agent without a name. */
  targetNumber?: string;
  /** target.type (user, callcenter, office, …), contact.phone and contact.type, when sent (untrusted text). */
  targetType?: string;
  contactPhone?: string;
  contactType?: string;
  /** The entry_point_target's name and type, when it is not empty (untrusted text). */
  entryPointName?: string;
  entryPointType?: string;
  /** What only some events carry (post-call data, Dialpad's own timings); absent on most events, so they stay small. */
  facts?: EventFacts;
}

/** The answers' inputs that only some events carry (see answers.ts); each is set only when the event sends it. */
export interface EventFacts {
  csatScore?: number;
  pcsatScore?: number;
  voicemailLink?: string;
  /** URLs of recording_url and recording_details, in the order sent. */
  recordings?: string[];
  transcription?: string;
  recapSummary?: string;
  recapOutcome?: string;
  dispositions?: string[];
  /** Dialpad's own hold_time and talk_time of the leg (ms). */
  holdTime?: number;
  talkTime?: number;
}

// Timestamps are int64s: JSON numbers in webhook events, decimal strings in REST API records.
const num = int64Number;

/**
 * Extracts the summary of a call event, or undefined when it has no usable call_id or state. Every text it keeps
 * (ids aside: digits by construction) passes through `own`: `intern`, or `internFromBytes` for a payload read one
 * byte per character (chunkedInspection.ts `ByteReading`). Without `texts`, the parties' names, numbers and types
 * are left out (null, or not set): what the flow rules read is all there is (InspectOptions.summaries).
 */
export function summarizeCallEvent(event: number, value: Record<string, unknown>, unsafe?: ReadonlyMap<string, string>, own: (text: string) => string = intern, texts = true): CallEventSummary | undefined {
  const callId = exactId(value.call_id, unsafe, 'call_id');
  if (callId === undefined || typeof value.state !== 'string') return undefined;
  const dateStarted = num(value.date_started), dateRang = num(value.date_rang);
  const dateConnected = num(value.date_connected), dateEnded = num(value.date_ended);
  const eventTimestamp = num(value.event_timestamp);
  // The latest timestamp the event carries (no list made: this runs for every event of a capture).
  const latest = later(later(later(dateStarted, dateRang), dateConnected), dateEnded);
  const summary: CallEventSummary = {
    source: 0,
    event,
    callId,
    state: own(value.state),
    direction: value.direction === 'inbound' || value.direction === 'outbound' ? value.direction : null,
    // Each read by name (a read by a computed key costs several times more, on every event).
    masterCallId: refOf(value.master_call_id, unsafe, 'master_call_id'),
    entryPointCallId: refOf(value.entry_point_call_id, unsafe, 'entry_point_call_id'),
    operatorCallId: refOf(value.operator_call_id, unsafe, 'operator_call_id'),
    dateStarted, dateRang, dateConnected, dateEnded, eventTimestamp,
    isTransferred: typeof value.is_transferred === 'boolean' ? value.is_transferred : null,
    targetName: texts ? nameOf(value.target, own) : null,
    contactName: texts ? nameOf(value.contact, own) : null,
    externalNumber: texts && typeof value.external_number === 'string' ? own(value.external_number) : null,
    time: eventTimestamp ?? latest,
  };
  if (!texts) {
    if (hasFacts(value)) summary.facts = factsOf(value, own);
    return summary;
  }
  // The optional fields are set only when sent (always in this order): 8 bytes each saved on the many events
  // without them (a million tiny events: 56 MB).
  const targetNumber = owned(text(partyOf(value.target)?.phone), own) ?? owned(text(value.internal_number), own);
  if (targetNumber !== undefined) summary.targetNumber = targetNumber;
  const targetType = owned(text(partyOf(value.target)?.type), own);
  if (targetType !== undefined) summary.targetType = targetType;
  const contactPhone = owned(text(partyOf(value.contact)?.phone), own);
  if (contactPhone !== undefined) summary.contactPhone = contactPhone;
  const contactType = owned(text(partyOf(value.contact)?.type), own);
  if (contactType !== undefined) summary.contactType = contactType;
  const entryPointName = owned(text(partyOf(value.entry_point_target)?.name), own);
  if (entryPointName !== undefined) summary.entryPointName = entryPointName;
  const entryPointType = owned(text(partyOf(value.entry_point_target)?.type), own);
  if (entryPointType !== undefined) summary.entryPointType = entryPointType;
  if (hasFacts(value)) summary.facts = factsOf(value, own);
  return summary;
}

/** A linking call id: null when blank or not an id. */
function refOf(raw: unknown, unsafe: ReadonlyMap<string, string> | undefined, key: string): string | null {
  return raw === null || raw === undefined ? null : exactId(raw, unsafe, key) ?? null;
}

function later(a: number | null, b: number | null): number | null {
  return b !== null && (a === null || b > a) ? b : a;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

// The same few numbers and names recur on every event of a capture: keep one copy of each (bounded).
const interned = new Map<string, string>();
/** One shared copy of a short text (the summaries' names, numbers and states), from a bounded table. */
export function intern(value: string): string;
export function intern(value: string | undefined): string | undefined;
export function intern(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 200) return value;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= 4096) interned.clear();
  interned.set(value, value);
  return value;
}

// ignoreBOM: a text that starts with U+FEFF keeps it (the decoder would drop it as a byte order mark).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
// Texts beyond ASCII read one byte per character, by that text: their UTF-16 text, interned (bounded, as `intern` is).
const fromBytes = new Map<string, string>();

/**
 * `intern` of a text read one byte per character (from UTF-8 bytes): its UTF-16 text. An ASCII text is itself (most
 * are: ids, numbers, states); another costs one lookup once seen (the same few names recur on every event).
 */
export function internFromBytes(value: string): string {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) < 0x80) i++;
  if (i === value.length) return intern(value);
  const known = fromBytes.get(value);
  if (known !== undefined) return known;
  const bytes = new Uint8Array(value.length);
  for (let j = 0; j < value.length; j++) bytes[j] = value.charCodeAt(j);
  const decoded = intern(utf8.decode(bytes));
  if (value.length <= 200) {
    if (fromBytes.size >= 4096) fromBytes.clear();
    fromBytes.set(value, decoded);
  }
  return decoded;
}

/** A party (target, contact, entry point) whose fields are read by name. */
function partyOf(value: unknown): { name?: unknown; type?: unknown; phone?: unknown } | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

/** A fact field that is sent: not blank, not an empty list. */
const sent = (v: unknown): boolean => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** True when the event carries any fact that `factsOf` reads (each field read by name: this runs for every event). */
function hasFacts(value: Record<string, unknown>): boolean {
  return sent(value.csat_score) || sent(value.pcsat_score) || sent(value.voicemail_link) || sent(value.recording_url) ||
    sent(value.recording_details) || sent(value.transcription_text) || sent(value.recap_summary) || sent(value.recap_outcome) ||
    sent(value.call_dispositions) || sent(value.hold_time) || sent(value.talk_time);
}

/**
 * A score sent as a number or (as the API spec types csat_score) a decimal string, JSON's white space around it
 * allowed. Only ASCII counts here: what a summary makes of a payload's strings is the same whether the capture
 * was read as UTF-16 text or one byte per character (chunkedInspection.ts `ByteReading`).
 */
function score(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^[ \t\r\n]*-?\d+(\.\d+)?[ \t\r\n]*$/.test(value)) return Number(value);
  return undefined;
}

function factsOf(value: Record<string, unknown>, own: (text: string) => string): EventFacts {
  const facts: EventFacts = {};
  const csat = score(value.csat_score), pcsat = score(value.pcsat_score);
  if (csat !== undefined) facts.csatScore = csat;
  if (pcsat !== undefined) facts.pcsatScore = pcsat;
  const voicemail = text(value.voicemail_link);
  if (voicemail !== undefined) facts.voicemailLink = own(voicemail);
  const recordings: string[] = [];
  const urls = value.recording_url;
  for (const url of Array.isArray(urls) ? urls : [urls]) if (text(url) !== undefined && !recordings.includes(url as string)) recordings.push(url as string);
  if (Array.isArray(value.recording_details)) {
    for (const detail of value.recording_details) {
      const url = typeof detail === 'object' && detail !== null ? text((detail as { url?: unknown }).url) : undefined;
      if (url !== undefined && !recordings.includes(url)) recordings.push(url);
    }
  }
  if (recordings.length > 0) facts.recordings = recordings.map(own);
  const transcription = text(value.transcription_text), summary = text(value.recap_summary), outcome = text(value.recap_outcome);
  if (transcription !== undefined) facts.transcription = own(transcription);
  if (summary !== undefined) facts.recapSummary = own(summary);
  if (outcome !== undefined) facts.recapOutcome = own(outcome);
  if (Array.isArray(value.call_dispositions)) {
    const dispositions = value.call_dispositions.map(dispositionName).filter((d): d is string => d !== undefined);
    if (dispositions.length > 0) facts.dispositions = dispositions.map(own);
  }
  const hold = num(value.hold_time), talk = num(value.talk_time);
  if (hold !== null) facts.holdTime = hold;
  if (talk !== null) facts.talkTime = talk;
  return facts;
}

/**
 * A disposition as text: a string as sent, an object by its name (or label, or value), else its JSON when that is
 * short (a cut would fall elsewhere in text read one byte per character: see `score`).
 */
function dispositionName(item: unknown): string | undefined {
  if (typeof item === 'string') return text(item);
  if (typeof item !== 'object' || item === null) return undefined;
  const o = item as Record<string, unknown>;
  const named = text(o.name) ?? text(o.label) ?? text(o.value);
  if (named !== undefined) return named;
  const json = JSON.stringify(item);
  return json.length <= 200 && !NOT_ASCII.test(json) ? json : '(a disposition without a name)';
}

const NOT_ASCII = /[^\x00-\x7f]/;

function nameOf(party: unknown, own: (text: string) => string): string | null {
  if (typeof party !== 'object' || party === null) return null;
  const name = (party as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? own(name) : null;
}

const owned = (value: string | undefined, own: (text: string) => string): string | undefined => (value === undefined ? undefined : own(value));
