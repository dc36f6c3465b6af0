import { getNodePath } from 'jsonc-parser';
import { eventAt } from './eventAt';
import { parseEventDocument } from './eventDocument';
import type { InspectedEvent, Inspection } from './inspect';

/** The JSON value under an offset of a document: its event, its path in the event and its document range. */
export interface ValueAtOffset {
  event: InspectedEvent;
  path: (string | number)[];
  value: unknown;
  start: number;
  end: number;
}

/**
 * The scalar value (string, number, boolean, null) under an offset, for a call event written as JSON
 * in the document (directly or as a capture record's body). JWT claims have no place of their own.
 */
export function valueAtOffset(document: string, inspection: Pick<Inspection, 'events'>, offset: number): ValueAtOffset | undefined {
  const event = eventAt(inspection.events, offset);
  if (!event || event.payload !== 'json' || offset < event.textStart || offset >= event.textEnd) return undefined;
  const json = parseEventDocument(document, event);
  const node = json?.getNodeFromOffset(offset);
  if (!json || !node || node.type === 'object' || node.type === 'array' || node.type === 'property') return undefined;
  const range = json.rangeOf(node);
  return { event, path: getNodePath(node), value: node.value, start: range.start, end: range.end };
}

/** Fields whose value names a call leg. */
export const CALL_REFERENCE_FIELDS: ReadonlySet<string> = new Set(['call_id', 'master_call_id', 'entry_point_call_id', 'operator_call_id']);

/** The call id under an offset (a `call_id` or a reference to one), as an exact decimal string. */
export function callIdAtOffset(document: string, inspection: Pick<Inspection, 'events'>, offset: number): (ValueAtOffset & { callId: string; field: string }) | undefined {
  const found = valueAtOffset(document, inspection, offset);
  if (!found || found.path.length !== 1 || !CALL_REFERENCE_FIELDS.has(String(found.path[0]))) return undefined;
  const literal = document.slice(found.start, found.end).replace(/^\\?"|\\?"$/g, '');
  if (!/^-?\d+$/.test(literal)) return undefined;
  return { ...found, callId: literal, field: String(found.path[0]) };
}
