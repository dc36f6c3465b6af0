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
