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
}

// Timestamps are int64s: JSON numbers in webhook events, decimal strings in REST API records.
const num = int64Number;

/** Extracts the summary of a call event, or undefined when it has no usable call_id or state. */
export function summarizeCallEvent(event: number, value: Record<string, unknown>, unsafe?: ReadonlyMap<string, string>): CallEventSummary | undefined {
  const callId = exactId(value.call_id, unsafe, 'call_id');
  if (callId === undefined || typeof value.state !== 'string') return undefined;
  const ref = (key: string) => (value[key] === null || value[key] === undefined ? null : exactId(value[key], unsafe, key) ?? null);
  const dateStarted = num(value.date_started), dateRang = num(value.date_rang);
  const dateConnected = num(value.date_connected), dateEnded = num(value.date_ended);
  const eventTimestamp = num(value.event_timestamp);
  // The latest timestamp the event carries (a loop: this runs for every event of a capture).
  let latest: number | null = null;
  for (const t of [dateStarted, dateRang, dateConnected, dateEnded]) if (t !== null && (latest === null || t > latest)) latest = t;
  return {
    source: 0,
    event,
    callId,
    state: value.state,
    direction: value.direction === 'inbound' || value.direction === 'outbound' ? value.direction : null,
    masterCallId: ref('master_call_id'),
    entryPointCallId: ref('entry_point_call_id'),
    operatorCallId: ref('operator_call_id'),
    dateStarted, dateRang, dateConnected, dateEnded, eventTimestamp,
    isTransferred: typeof value.is_transferred === 'boolean' ? value.is_transferred : null,
    targetName: nameOf(value.target),
    contactName: nameOf(value.contact),
    externalNumber: typeof value.external_number === 'string' ? value.external_number : null,
    time: eventTimestamp ?? latest,
  };
}

function nameOf(party: unknown): string | null {
  if (typeof party !== 'object' || party === null) return null;
  const name = (party as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : null;
}
