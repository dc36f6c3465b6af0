import type { Code } from './codes';
import { readJsonValue } from './jsonText';
import { brokenJwtMessage, jwtShapeOf } from './jwtShape';
import { excerpt, type PendingProblem } from './problems';
import type { ReadEvent } from './reader';
import { MAX_DEPTH, measureValue, scanValue, skipString } from './scan';

/**
 * The capture file the listener writes: one JSON object per line, one line per request received.
 * The raw body is kept verbatim as a JSON string (or base64 when it is not UTF-8 text), so
 * nothing a webhook sent is ever rewritten.
 */
export const CAPTURE_RECORD_TYPE = 'call-events/capture';

/** One request as the listener recorded it. */
export interface CaptureRecord {
  type: typeof CAPTURE_RECORD_TYPE;
  /** Format version of the record. */
  v: 1;
  /** Sequence number of the request within the listener's run. */
  seq?: number;
  /** ISO 8601 time the request was received. */
  received_at: string;
  method?: string;
  path?: string;
  content_type?: string | null;
  /** Size of the body in bytes. */
  size?: number;
  /** HTTP status the listener answered with. */
  status?: number;
  /** The listener's verdict: accepted, invalid, unsigned, forged, too-large, … */
  verdict?: string;
  /** Short reason given with a 4xx answer. */
  reason?: string | null;
  /**
   * The request headers, names in lower case (repeated ones joined by ", "), credential values
   * (Authorization, Cookie, X-Api-Key, …) replaced by "[masked]" before they are written. Absent in
   * records written before headers were kept: readers take a record without them as it is.
   */
  headers?: Record<string, string>;
  /** The raw body, when it is UTF-8 text. */
  body?: string;
  /** The raw body in base64, when it is not UTF-8 text. */
  body_base64?: string;
}

/** The record the listener appends after forwarding a request to the user's own handler. */
export const FORWARD_RECORD_TYPE = 'call-events/forward';

/**
 * What the user's handler answered to one forwarded request; `seq` is the capture record's.
 * The reader attaches it to that request's event as `record.forward` (without type, v and seq).
 */
export interface ForwardRecord {
  type: typeof FORWARD_RECORD_TYPE;
  v: 1;
  seq: number;
  /** ISO 8601 time the request was forwarded. */
  forwarded_at: string;
  /** The handler's origin and path (never its credentials or query). */
  url: string;
  /** The handler's HTTP status, or null when it did not answer. */
  status: number | null;
  /** Milliseconds until the handler's response headers, or null when it did not answer. */
  latency_ms: number | null;
  /** The first 200 bytes of the handler's response body, as text. */
  response_start: string | null;
  /** Why the request was not forwarded or not answered, else null. */
  error: string | null;
  /** Set when the user replayed the request from the editor, as captured or as edited; absent for the listener's own forwards. */
  replay?: ReplayMode;
  /**
   * The request's own `received_at`, written by replays: with `seq` it names the request even in a
   * file a restarted listener numbered from 1 again. Without it the latest request with `seq` is meant.
   */
  received_at?: string;
}

/** How a request is sent again: its captured bytes unchanged, or the event as the user edited it (re-signed when a secret is set). */
export type ReplayMode = 'as-captured' | 'as-edited';

/** Builds the line the listener appends for one forward result (no trailing newline). */
export function formatForwardRecord(record: Omit<ForwardRecord, 'type' | 'v'>): string {
  return JSON.stringify({ type: FORWARD_RECORD_TYPE, v: 1, ...record });
}

/** True when a parsed JSON value is a capture-file record (of any version). */
export function isCaptureRecordLike(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('call-events/');
}

/** Builds the line the listener appends for one request (no trailing newline). */
export function formatCaptureRecord(record: Omit<CaptureRecord, 'type' | 'v'>): string {
  return JSON.stringify({ type: CAPTURE_RECORD_TYPE, v: 1, ...record });
}

/** Problems with a record's own fields, or undefined when it is usable. */
export function checkCaptureRecord(value: Record<string, unknown>): string | undefined {
  if (value.type !== CAPTURE_RECORD_TYPE) return undefined;
  if (typeof value.body !== 'string' && typeof value.body_base64 !== 'string') return 'the record has no "body" (or "body_base64") string';
  if (typeof value.received_at !== 'string') return 'the record has no "received_at" time';
  if (value.status !== undefined && typeof value.status !== 'number') return '"status" must be a number';
  return undefined;
}

/**
 * Maps offsets in the decoded content of a JSON string literal back to offsets in the literal's
 * source, so a problem inside a captured body lands on the right character of the capture line.
 * `literal` includes its quotes. Returns an array with one entry per decoded UTF-16 unit, plus one
 * for the end.
 */
export function stringLiteralOffsets(literal: string): Uint32Array {
  const map: number[] = [];
  let i = 1;
  const end = literal.length - 1;
  while (i < end) {
    if (literal.charCodeAt(i) === 0x5c) {
      map.push(i);
      i += literal.charAt(i + 1) === 'u' ? 6 : 2;
    } else {
      map.push(i);
      i++;
    }
  }
  map.push(Math.min(i, end));
  return Uint32Array.from(map);
}

/** What reading one capture record needs of the reader that found it (reader.ts makes one per reading). */
export interface CaptureRecordContext {
  readonly text: string;
  problem(start: number, end: number, severity: PendingProblem['severity'], code: Code, message: string): void;
  addEvent(event: Omit<ReadEvent, 'index'>): void;
  /** A capture record with a seq: a request that a later forward record may answer. */
  request(at: number, seq: number, receivedAt: string, fields: Record<string, unknown>): void;
  /** A forward record: the handler's answer, for the request with this seq (and received_at, when named). */
  forward(at: number, seq: number, receivedAt: string | undefined, forward: Record<string, unknown>): void;
  /** Counts the reader's own passes over the text (see readerWork.unit.test.ts). */
  work(units: number): void;
}

/**
 * Reads one line of the listener's capture file (`start`..`end` in the context's text, already parsed
 * into `record`): a request record's body becomes the event, located inside the line; a forward
 * record is tied to its request. Linear in the line: the body is trimmed, scanned and parsed once.
 */
export function readCaptureRecord(context: CaptureRecordContext, start: number, end: number, record: Record<string, unknown>): void {
  if (record.type === FORWARD_RECORD_TYPE) {
    // The user's handler's answer to a forwarded or replayed request: attached to that request (the latest with this seq,
    // and this received_at when the record names one), not an event.
    if (typeof record.seq !== 'number') return;
    const receivedAt = typeof record.received_at === 'string' ? record.received_at : undefined;
    const { type: _type, v: _v, seq: _seq, received_at: _receivedAt, ...forward } = record;
    context.forward(start, record.seq, receivedAt, forward);
    return;
  }
  if (record.type !== CAPTURE_RECORD_TYPE) {
    context.problem(start, end, 'information', 'capture.unknown-record', `A capture record of type "${excerpt(String(record.type))}", which this version does not read.`);
    return;
  }
  const invalid = checkCaptureRecord(record);
  if (invalid) {
    context.problem(start, end, 'error', 'capture.record-invalid', `Capture record not usable: ${invalid}.`);
    return;
  }
  const { body, body_base64: _base64, ...fields } = record;
  if (typeof record.seq === 'number') context.request(start, record.seq, record.received_at as string, fields);
  // Above its size limit the listener keeps no body: the record says what arrived, and there is nothing to read.
  const tooLarge = record.verdict === 'too-large';
  if (typeof record.status === 'number' && record.status >= 400) {
    const reason = typeof record.reason === 'string' ? `: ${excerpt(record.reason, 80)}` : '';
    context.problem(start, end, 'information', 'capture.rejected', `The listener answered ${record.status}${reason}. ${tooLarge ? 'The body was not kept.' : 'The body is kept for inspection.'}`);
  }
  if (tooLarge) return;
  if (typeof body !== 'string') {
    context.problem(start, end, 'error', 'input.binary', 'The captured body is not UTF-8 text, so it cannot be an event.');
    return;
  }
  const { text } = context;
  const literal = bodyLiteral(text, start, end);
  // The body is trimmed, scanned and parsed, and a syntax error located in its literal: each a pass over it.
  context.work((end - start) + 4 * body.length);
  const trimmed = body.trim();
  const shape = jwtShapeOf(trimmed);
  if (shape === 'jwt') {
    const plain = literal && text.slice(literal.start + 1, literal.end - 1) === body;
    context.addEvent({
      start, end, payload: 'jwt', token: trimmed, record: fields,
      textStart: literal ? literal.start + (plain ? 1 : 0) : start,
      textEnd: literal ? literal.end - (plain ? 1 : 0) : end,
      escaped: !!literal && !plain,
    });
    return;
  }
  const where = literal ?? { start, end };
  if (shape === 'broken-jwt') {
    context.problem(where.start, where.end, 'error', 'jwt.malformed', brokenJwtMessage('The captured body'));
    return;
  }
  if (!trimmed.startsWith('{')) {
    const message = trimmed === '' ? 'The captured body is empty.' : `The captured body is neither JSON nor a JWT: "${excerpt(trimmed)}".`;
    context.problem(where.start, where.end, 'error', 'input.unrecognized', message);
    return;
  }
  const scanned = scanValue(body, body.length - body.trimStart().length);
  if (scanned.depth > MAX_DEPTH) {
    context.problem(start, end, 'error', 'syntax.too-deep', `The captured body is nested more than ${MAX_DEPTH} levels deep, so it is not read.`);
    return;
  }
  const result = readJsonValue(body);
  if (result.syntax) {
    const map = literal ? stringLiteralOffsets(text.slice(literal.start, literal.end)) : undefined;
    const at = (offset: number) => (map && literal ? literal.start + map[Math.min(offset, map.length - 1)]! : start);
    const { offset, length, code, message } = result.syntax;
    context.problem(at(offset), Math.max(at(offset + length), at(offset) + 1), 'error', code, `${message} (in the captured body)`);
  }
  if (result.value === undefined) return;
  if (typeof result.value !== 'object' || result.value === null || Array.isArray(result.value)) {
    context.problem(start, end, 'error', 'json.not-an-event', 'The captured body is JSON but not an object, so it is not an event.');
    return;
  }
  const measured = measureValue(result.value);
  context.addEvent({
    start, end, payload: 'json', value: result.value, unsafeNumbers: measured.unsafeNumbers, keys: measured.keys, record: fields,
    textStart: literal ? literal.start : start, textEnd: literal ? literal.end : end, escaped: !!literal,
  });
}

/** Finds the `"body"` string literal of a capture line (an unescaped `"body":` can only be a key). */
function bodyLiteral(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const line = text.slice(start, end);
  const match = /"body"\s*:\s*"/.exec(line);
  if (!match) return undefined;
  const open = start + match.index + match[0].length - 1;
  const close = skipString(text, open);
  return close < end ? { start: open, end: close + 1 } : undefined;
}
