import { CAPTURE_RECORD_TYPE } from './captureRecord';
import { looksLikeJwt } from './jwtShape';

/** How much of a file's start is looked at to decide whether it is a capture. */
export const DETECTION_PREFIX = 8 * 1024;

const CALL_EVENT_KEYS = /"(call_id|date_started|entry_point_call_id|operator_call_id|master_call_id|external_number)"\s*:/;
const STATE_KEY = /"state"\s*:\s*"/;
/** A REST API list response whose first item is an object: `{"cursor": …, "items": [{`, either key first. */
const LIST_ENVELOPE = /^\uFEFF?\s*\{\s*(?:"cursor"\s*:\s*(?:null|"[^"\\]*")\s*,\s*)?"items"\s*:\s*\[\s*\{/;

/**
 * True when the start of a file holds call events, JWTs or listener capture records, whatever the
 * file is called. Ordinary JSON (package.json, settings) answers false, so it is left alone.
 */
export function looksLikeCapture(text: string): boolean {
  const prefix = text.slice(0, DETECTION_PREFIX);
  if (prefix.includes(`"type":"${CAPTURE_RECORD_TYPE}"`) || prefix.includes(`"type": "${CAPTURE_RECORD_TYPE}"`)) return true;
  if (CALL_EVENT_KEYS.test(prefix) && STATE_KEY.test(prefix)) return true;
  // A list of call records from the REST API (whose state may be null): the envelope and a call key suffice.
  if (LIST_ENVELOPE.test(prefix) && CALL_EVENT_KEYS.test(prefix)) return true;
  // JWT lines (bare or as JSON strings) whose claims carry a call event.
  for (const raw of prefix.split('\n', 20)) {
    const line = raw.trim().replace(/^\[?\s*"|",?\s*\]?$/g, '');
    if (!looksLikeJwt(line)) continue;
    const claims = decodeSegment(line.split('.')[1]!);
    if (claims !== undefined && CALL_EVENT_KEYS.test(claims)) return true;
  }
  return false;
}

function decodeSegment(segment: string): string | undefined {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
