import { stringLiteralOffsets } from './captureRecord';

/** The fields of an event that say where its payload text lies in the document. */
export interface PayloadLocation {
  payload: 'json' | 'jwt';
  textStart: number;
  textEnd: number;
  escaped: boolean;
}

/** An event's JSON text and how to map an offset in it back to the document. */
export interface EventJson {
  json: string;
  /** Document range of a JSON-text offset; JWT claims map to their whole token. */
  toDocument(offset: number, length: number): { start: number; end: number };
}

/**
 * Recovers the JSON text of an event from the document: the object itself, the decoded body of a
 * capture record (escapes mapped back), or the claims of a JWT (which have no place of their own).
 */
export function eventJson(document: string, event: PayloadLocation, claimsText?: string): EventJson | undefined {
  const { textStart, textEnd } = event;
  if (event.payload === 'jwt') {
    if (claimsText === undefined) return undefined;
    return { json: claimsText, toDocument: () => ({ start: textStart, end: textEnd }) };
  }
  if (!event.escaped) {
    return { json: document.slice(textStart, textEnd), toDocument: (offset, length) => ({ start: textStart + offset, end: textStart + offset + length }) };
  }
  const literal = document.slice(textStart, textEnd);
  let json: string;
  try {
    json = JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
  const offsets = stringLiteralOffsets(literal);
  const map = (offset: number) => textStart + offsets[Math.max(0, Math.min(offset, offsets.length - 1))]!;
  return { json, toDocument: (offset, length) => ({ start: map(offset), end: Math.max(map(offset + length), map(offset) + 1) }) };
}

/** The JSON-text offset whose character covers a document offset (the inverse of `toDocument`, which only grows). */
export function jsonOffsetOf(source: EventJson, offset: number): number | undefined {
  if (source.toDocument(0, 0).start > offset) return undefined;
  let low = 0, high = source.json.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (source.toDocument(mid, 0).start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
